package dev.strand.net;

import static dev.strand.net.PatternFixtures.ANY;
import static dev.strand.net.PatternFixtures.CODEC;
import static dev.strand.net.PatternFixtures.local;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strand.core.internal.VirtualThreads;
import dev.strand.net.PatternFixtures.Job;
import dev.strand.net.PatternFixtures.Tick;
import dev.strand.resilience.Backoff;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Every endpoint's builder ({@code NetServer}, {@code NetClient} and the six patterns) shares
 * one base: each shared option is declared once and checked alike, {@code bind} /
 * {@code connect} start the endpoint from a snapshot, and one {@link ErrorListener} shape names
 * the peer.
 */
@Timeout(30)
class EndpointBuilderTest {

    /** Starts an endpoint from its builder (and the peer it connects to), closing both. */
    @FunctionalInterface
    private interface Starter {
        AutoCloseable start(EndpointBuilder<?> builder) throws Exception;
    }

    /** Connects an endpoint to a running peer. */
    @FunctionalInterface
    private interface Connect<P> {
        AutoCloseable to(P peer) throws Exception;
    }

    private record Endpoint(String name, Supplier<EndpointBuilder<?>> builder, boolean listens, Starter starter) {

        EndpointBuilder<?> newBuilder() {
            return builder.get();
        }

        @Override
        public String toString() {
            return name;
        }
    }

    private static final Executor DIRECT = Runnable::run;

    private static SslContext serverContext;
    private static SslContext clientContext;

    @BeforeAll
    static void makeTlsContexts() throws Exception {
        serverContext = SslContextBuilder.forServer(Fixtures.localhostCertificate().toKeyManagerFactory()).build();
        clientContext = SslContextBuilder.forClient().build();
    }

    private static List<Endpoint> all() {
        return List.of(
                new Endpoint("NetServer", () -> NetServer.builder().codec(CODEC), true,
                        b -> ((NetServer.Builder) b).onRequest(Job.class, (c, j) -> j).bind(ANY)),
                new Endpoint("NetClient", () -> NetClient.builder().codec(CODEC), false,
                        b -> withPeer(NetServer.builder().codec(CODEC).bind(ANY),
                                server -> ((NetClient.Builder) b).connect(local(server.port())))),
                new Endpoint("Publisher", () -> Net.publisher(CODEC), true, b -> ((Publisher.Builder) b).bind(ANY)),
                new Endpoint("Subscriber", () -> Net.subscriber(CODEC), false,
                        b -> withPeer(Net.publisher(CODEC).bind(ANY),
                                pub -> ((Subscriber.Builder) b).connect(local(pub.port())))),
                new Endpoint("Pusher", () -> Net.pusher(CODEC), true, b -> ((Pusher.Builder) b).bind(ANY)),
                new Endpoint("Puller", () -> Net.puller(CODEC), false,
                        b -> withPeer(Net.pusher(CODEC).bind(ANY),
                                pusher -> ((Puller.Builder) b).connect(local(pusher.port())))),
                new Endpoint("ChannelServer", () -> Net.channelServer(CODEC), true,
                        b -> ((ChannelServer.Builder) b).bind(ANY)),
                new Endpoint("ChannelClient", () -> Net.channelClient(CODEC), false,
                        b -> withPeer(Net.channelServer(CODEC).bind(ANY),
                                server -> ((ChannelClient.Builder) b).connect(local(server.port())))));
    }

    /** Connects an endpoint to {@code peer}: the result closes both; a failed connect closes the peer. */
    private static <P extends AutoCloseable> AutoCloseable withPeer(P peer, Connect<P> connect) throws Exception {
        AutoCloseable endpoint;
        try {
            endpoint = connect.to(peer);
        } catch (Exception | Error e) {
            peer.close();
            throw e;
        }
        return () -> {
            try {
                endpoint.close();
            } finally {
                peer.close();
            }
        };
    }

    @Test
    void shouldRejectANullForEverySharedOptionNamingIt() {
        for (Endpoint e : all()) {
            EndpointBuilder<?> b = e.newBuilder();
            assertThatThrownBy(() -> b.codec(null)).as(e.name()).isInstanceOf(NullPointerException.class)
                    .hasMessage("codec");
            assertThatThrownBy(() -> b.limits(null)).as(e.name()).isInstanceOf(NullPointerException.class)
                    .hasMessage("limits");
            assertThatThrownBy(() -> b.tls(null)).as(e.name()).isInstanceOf(NullPointerException.class)
                    .hasMessage("sslContext");
            assertThatThrownBy(() -> b.idleTimeout(null)).as(e.name()).isInstanceOf(NullPointerException.class)
                    .hasMessageContaining("idleTimeout");
            assertThatThrownBy(() -> b.keepAlive(null)).as(e.name()).isInstanceOf(NullPointerException.class)
                    .hasMessageContaining("keepAlive");
            assertThatThrownBy(() -> b.connectTimeout(null)).as(e.name()).isInstanceOf(NullPointerException.class)
                    .hasMessageContaining("connectTimeout");
            assertThatThrownBy(() -> b.closeTimeout(null)).as(e.name()).isInstanceOf(NullPointerException.class)
                    .hasMessageContaining("closeTimeout");
            assertThatThrownBy(() -> b.executor(null)).as(e.name()).isInstanceOf(NullPointerException.class)
                    .hasMessage("executor");
            assertThatThrownBy(() -> b.onError(null)).as(e.name()).isInstanceOf(NullPointerException.class)
                    .hasMessage("onError");
        }
    }

    @Test
    void shouldRejectAnOutOfRangeValueForEverySharedOptionNamingIt() {
        for (Endpoint e : all()) {
            EndpointBuilder<?> b = e.newBuilder();
            assertThatThrownBy(() -> b.maxFrameLength(63)).as(e.name())
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxFrameLength");
            assertThatThrownBy(() -> b.maxFrameLength((1 << 30) + 1)).as(e.name())
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxFrameLength");
            assertThatThrownBy(() -> b.idleTimeout(Duration.ofMillis(-1))).as(e.name())
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("idleTimeout");
            assertThatThrownBy(() -> b.keepAlive(Duration.ofMillis(-1))).as(e.name())
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("keepAlive");
            assertThatThrownBy(() -> b.connectTimeout(Duration.ZERO)).as(e.name())
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("connectTimeout");
            assertThatThrownBy(() -> b.closeTimeout(Duration.ofSeconds(-1))).as(e.name())
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("closeTimeout");
            assertThatThrownBy(() -> b.ioThreads(0)).as(e.name())
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ioThreads");
            SslContext otherSide = e.listens() ? clientContext : serverContext;
            assertThatThrownBy(() -> b.tls(otherSide)).as(e.name())
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("sslContext");
        }
    }

    @Test
    void shouldAcceptTheBoundsAndReturnTheSameBuilderFromEverySharedSetter() {
        for (Endpoint e : all()) {
            EndpointBuilder<?> b = e.newBuilder();
            assertThat(List.of(b.codec(CODEC), b.limits(Limits.defaults()), b.maxFrameLength(64),
                    b.maxFrameLength(1 << 30), b.tls(e.listens() ? serverContext : clientContext),
                    b.idleTimeout(Duration.ZERO), b.keepAlive(Duration.ZERO), b.connectTimeout(Duration.ofNanos(1)),
                    b.closeTimeout(Duration.ZERO), b.ioThreads(1), b.executor(DIRECT), b.virtualThreads(false),
                    b.onError((remote, error) -> { })))
                    .as(e.name()).allSatisfy(returned -> assertThat(returned).isSameAs(b));
        }
    }

    @Test
    void shouldDeclareEverySharedOptionOnceInTheBase() {
        Set<String> shared = publicMethodNames(EndpointBuilder.class);
        assertThat(shared).contains("codec", "limits", "maxFrameLength", "tls", "idleTimeout", "keepAlive",
                "connectTimeout", "closeTimeout", "ioThreads", "executor", "virtualThreads", "onError");
        Set<String> handlers = publicMethodNames(HandlerBuilder.class);
        List<String> seen = new ArrayList<>();
        for (Endpoint e : all()) {
            Class<?> type = e.newBuilder().getClass();
            assertThat(EndpointBuilder.class).isAssignableFrom(type);
            Set<String> own = publicMethodNames(type);
            assertThat(own).as(e.name() + " redeclares a shared option").doesNotContainAnyElementsOf(shared)
                    .doesNotContainAnyElementsOf(handlers);
            own.removeAll(Set.of("bind", "connect", "onUndelivered")); // start calls, and one per channel side
            seen.addAll(own);
        }
        assertThat(seen).as("an option declared by two builders").doesNotHaveDuplicates();
        assertThat(handlers).as("the handler options of NetServer and NetClient, declared once")
                .contains("onMessage", "onRequest", "onConnect");
    }

    /** The public methods {@code type} itself declares (not the bridges javac adds for inherited ones). */
    private static Set<String> publicMethodNames(Class<?> type) {
        return Arrays.stream(type.getDeclaredMethods())
                .filter(m -> Modifier.isPublic(m.getModifiers()) && !m.isBridge() && !m.isSynthetic())
                .map(Method::getName)
                .collect(Collectors.toCollection(HashSet::new));
    }

    @Test
    void shouldStartEveryEndpointWithItsBindOrConnectCall() throws Exception {
        for (Endpoint e : all()) {
            try (AutoCloseable started = e.starter().start(e.newBuilder())) {
                assertThat(started).as(e.name()).isNotNull();
            }
        }
        try (NetServer server = NetServer.builder().codec(CODEC).onRequest(Job.class, (c, j) -> new Job(j.id() + 1))
                .bind(ANY);
             Connection conn = NetClient.builder().codec(CODEC).connect(local(server.port()))) {
            assertThat(server.port()).isPositive();
            assertThat(conn.request(new Job(1), Job.class, Duration.ofSeconds(5)).get()).isEqualTo(new Job(2));
        }
    }

    @Test
    void shouldSayToCallCodecWhenStartedWithoutOne() {
        assertThatThrownBy(() -> NetServer.builder().bind(ANY)).isInstanceOf(NullPointerException.class)
                .hasMessageContaining("call codec(...)");
        assertThatThrownBy(() -> NetClient.builder().connect(local(1))).isInstanceOf(NullPointerException.class)
                .hasMessageContaining("call codec(...)");
    }

    @Test
    void shouldRunHandlersOnVirtualThreadsOnJdk21AndRefuseClearlyBefore() throws Exception {
        if (!VirtualThreads.isSupported()) {
            for (Endpoint e : all()) {
                EndpointBuilder<?> b = e.newBuilder().virtualThreads(true);
                assertThatThrownBy(() -> e.starter().start(b).close()).as(e.name())
                        .isInstanceOf(UnsupportedOperationException.class).hasMessageContaining("JDK 21");
            }
            return;
        }
        for (Endpoint e : all()) {
            try (AutoCloseable started = e.starter().start(e.newBuilder().virtualThreads(true))) {
                assertThat(started).as(e.name()).isNotNull();
            }
        }
        try (NetServer server = NetServer.builder().codec(CODEC).virtualThreads(true)
                .onRequest(Job.class, (c, j) -> new Job(isVirtual(Thread.currentThread()) ? 1 : 0)).bind(ANY);
             Connection conn = NetClient.builder().codec(CODEC).connect(local(server.port()))) {
            assertThat(conn.request(new Job(7), Job.class, Duration.ofSeconds(5)).get())
                    .as("the handler ran on a virtual thread").isEqualTo(new Job(1));
            assertThat(server.connectionCount()).isEqualTo(1);
        }
        try (Publisher pub = Net.publisher(CODEC).bind(ANY);
             Subscriber sub = Net.subscriber(CODEC).virtualThreads(true).connect(local(pub.port()))) {
            CompletableFuture<Boolean> virtual = new CompletableFuture<>();
            try (Subscription s = sub.subscribe("t", Tick.class,
                    t -> virtual.complete(isVirtual(Thread.currentThread())))) {
                assertThat(s.topic()).isEqualTo("t");
                pub.publish("t", new Tick("t", 1));
                assertThat(virtual.get()).as("the subscription handler ran on a virtual thread").isTrue();
            }
        }
    }

    @Test
    void shouldRefuseAnExecutorTogetherWithVirtualThreadsAtTheStartCall() {
        for (Endpoint e : all()) {
            EndpointBuilder<?> b = e.newBuilder().executor(DIRECT).virtualThreads(true);
            assertThatThrownBy(() -> e.starter().start(b).close()).as(e.name())
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("executor")
                    .hasMessageContaining("virtualThreads");
        }
    }

    /** {@code Thread.isVirtual()}, which a {@code --release 17} test cannot name. */
    private static boolean isVirtual(Thread t) {
        try {
            return (Boolean) Thread.class.getMethod("isVirtual").invoke(t);
        } catch (ReflectiveOperationException beforeJdk21) {
            return false;
        }
    }

    @Test
    void shouldTellTheErrorListenerThePeersAddress() throws Exception {
        // A server: a peer that sends garbage is named by its address.
        CompletableFuture<SocketAddress> garbageFrom = new CompletableFuture<>();
        try (NetServer server = NetServer.builder().codec(CODEC)
                .onError((remote, error) -> {
                    if (error instanceof ProtocolException) {
                        garbageFrom.complete(remote);
                    }
                }).bind(ANY);
             Socket raw = new Socket("127.0.0.1", server.port())) {
            Fixtures.writeFrame(raw.getOutputStream(), "garbage");
            assertThat(((InetSocketAddress) garbageFrom.get()).getPort()).isEqualTo(raw.getLocalPort());
            assertThat(server.port()).isEqualTo(raw.getPort());
        }
        // A subscriber: the publisher it lost is named by the address it connected to.
        CompletableFuture<SocketAddress> lostFrom = new CompletableFuture<>();
        Publisher pub = Net.publisher(CODEC).bind(ANY);
        InetSocketAddress pubAddress = local(pub.port());
        try (Subscriber sub = Net.subscriber(CODEC).onError((remote, error) -> {
            if (error instanceof ConnectionLostException) {
                lostFrom.complete(remote);
            }
        }).connect(pubAddress)) {
            pub.close(); // the subscriber loses its publisher
            assertThat(lostFrom.get()).isEqualTo(pubAddress);
            assertThat(sub.isConnected()).isFalse();
        } finally {
            pub.close();
        }
    }

    @Test
    void shouldTellTheErrorListenerNoAddressForAConnectionRefusedBeforeAccept() throws Exception {
        CompletableFuture<SocketAddress> refused = new CompletableFuture<>();
        try (Pusher pusher = Net.pusher(CODEC).limits(Limits.builder().maxConnections(1).build())
                .onError((remote, error) -> {
                    if (error instanceof LimitExceededException) {
                        refused.complete(remote);
                    }
                }).bind(ANY);
             Puller first = Net.puller(CODEC).connect(local(pusher.port())); // registered: it holds the one slot
             Socket second = new Socket("127.0.0.1", pusher.port())) {
            assertThat(refused.get()).isNull();
            Fixtures.awaitClosedByPeer(second);
            assertThat(first.isConnected()).isTrue();
        }
    }

    @Test
    void shouldTakeASnapshotAtTheStartCall() throws Exception {
        Pusher.Builder builder = Net.pusher(CODEC);
        try (Pusher pusher = builder.bind(ANY)) {
            builder.maxFrameLength(64); // too small for what follows: must not reach the started pusher
            try (Puller puller = Net.puller(CODEC).connect(local(pusher.port()))) {
                PatternFixtures.Blob big = new PatternFixtures.Blob(1, "x".repeat(200));
                pusher.push(big).join();
                assertThat(puller.receiver(PatternFixtures.Blob.class).recv()).isEqualTo(big);
            }
        }
    }

    @Test
    void shouldReturnTheConcreteBuilderFromEverySharedSetter() throws Exception {
        // Compiles only if the shared setters return the endpoint's own builder type.
        try (Pusher pusher = Net.pusher(CODEC).closeTimeout(Duration.ofSeconds(2)).maxQueued(8).bind(ANY);
             Puller puller = Net.puller(CODEC).connectTimeout(Duration.ofSeconds(5)).window(4)
                     .connect(local(pusher.port()));
             NetServer server = NetServer.builder().closeTimeout(Duration.ofSeconds(2)).codec(CODEC)
                     .onRequest(Job.class, (c, j) -> j).bind(ANY);
             Connection conn = NetClient.builder().keepAlive(Duration.ofSeconds(1)).codec(CODEC)
                     .reconnect(Backoff.fixed(Duration.ofMillis(10)))
                     .connect(local(server.port()))) {
            pusher.push(new Job(1));
            assertThat(puller.receiver(Job.class).recv()).isEqualTo(new Job(1));
            assertThat(conn.isOpen()).isTrue();
        }
    }
}
