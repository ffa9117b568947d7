package dev.strand.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.strand.net.Fixtures.Echo;
import dev.strand.net.Fixtures.Greeting;
import dev.strand.net.Fixtures.Hello;
import dev.strand.net.Fixtures.Unhandled;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A cancelled request is cancelled on the wire ({@code $cancel} in PROTOCOL.md): a copy still
 * waiting for a handler thread on the server never runs; one already running finishes and its
 * reply is counted late by the requester.
 *
 * <p>The server under test runs its handlers on one thread with one handler per connection, so
 * that while a first request holds it the next ones wait in the connection's lane. Every wait
 * is a latch or a future: the server reads a connection's frames in order, so an answer to a
 * later request (an {@code unhandled} one, answered at once from the I/O thread) proves an
 * earlier cancel was read; and the one handler thread runs tasks in order, so a task submitted
 * to it after the release runs after everything still waiting would have.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RequestCancelTest {

    private static final Duration SECONDS_10 = Duration.ofSeconds(10);

    /** The fixtures' request types by the same names, and the RPC envelope. */
    private static final JsonCodec CODEC = Rpc.register(JsonCodec.builder()
            .register("hello", Hello.class)
            .register("greeting", Greeting.class)
            .register("echo", Echo.class)
            .register("unhandled", Unhandled.class)).build();

    /** A service whose calls share the handler thread with the plain requests. */
    interface Echoes {
        CompletableFuture<String> echo(String text);
    }

    private final ExecutorService handlerThread = Executors.newSingleThreadExecutor();
    private final CountDownLatch started = new CountDownLatch(1);
    private final CountDownLatch release = new CountDownLatch(1);
    /** How many times the handler ran, by the request's name or text. */
    private final Map<String, AtomicInteger> runs = new ConcurrentHashMap<>();
    private final List<RpcConnection> accepted = new CopyOnWriteArrayList<>();
    private NetServer server;

    @BeforeEach
    void start() {
        // Hello("block") holds the only handler thread until released; the rest answer at once.
        server = NetServer.builder().codec(CODEC).executor(handlerThread)
                .limits(Limits.builder().maxHandlersPerConnection(1).build())
                .onError((conn, e) -> { })
                .onConnect(c -> accepted.add((RpcConnection) c))
                .onRequest(Hello.class, (conn, req) -> {
                    ran(req.name());
                    if (req.name().equals("block")) {
                        started.countDown();
                        release.await();
                    }
                    return new Greeting(req.name());
                })
                .onRequest(Echo.class, (conn, req) -> {
                    ran(req.text());
                    return req;
                })
                .serve(Echoes.class, text -> {
                    ran(text);
                    return CompletableFuture.completedFuture(text);
                })
                .bind(PatternFixtures.ANY);
    }

    @AfterEach
    void stop() throws InterruptedException {
        release.countDown();
        server.close();
        handlerThread.shutdownNow();
        assertThat(handlerThread.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
    }

    private void ran(String name) {
        runs.computeIfAbsent(name, k -> new AtomicInteger()).incrementAndGet();
    }

    private int runsOf(String name) {
        AtomicInteger n = runs.get(name);
        return n == null ? 0 : n.get();
    }

    /** Returns once the server has read every frame this connection sent before. */
    private static void barrier(Connection conn) {
        assertUnknownType(conn.request(new Unhandled(1), Greeting.class, SECONDS_10));
    }

    private static void assertUnknownType(CompletableFuture<?> answer) {
        Throwable t = catchThrowable(() -> answer.get(10, TimeUnit.SECONDS));
        assertThat(t).isInstanceOf(ExecutionException.class);
        assertThat(t.getCause()).isInstanceOfSatisfying(RemoteException.class,
                e -> assertThat(e.code()).isEqualTo(RemoteException.UNKNOWN_TYPE));
    }

    /** Returns once the handler thread has run every task it had been given. */
    private void drainHandlers() throws Exception {
        handlerThread.submit(() -> { }).get(10, TimeUnit.SECONDS);
    }

    @Test
    void aCancelledRequestWaitingForAHandlerNeverRuns() throws Exception {
        try (Connection conn = Fixtures.client().connect(Fixtures.address(server))) {
            assertACancelledCallWaitingForAHandlerNeverRuns(conn,
                    text -> conn.request(new Echo(text), Echo.class, SECONDS_10));
        }
    }

    @Test
    void aCancelledProxyCallWaitingForAHandlerNeverRuns() throws Exception {
        try (Connection conn = Fixtures.client().codec(CODEC).connect(Fixtures.address(server))) {
            Echoes echoes = Rpc.client(conn).proxy(Echoes.class);
            assertACancelledCallWaitingForAHandlerNeverRuns(conn, echoes::echo);
        }
    }

    /**
     * While a request holds the one handler, a call made with {@code call} waits; cancelled, it
     * is forgotten at once and never runs, and nothing comes back for it.
     */
    private void assertACancelledCallWaitingForAHandlerNeverRuns(Connection conn,
            Function<String, CompletableFuture<?>> call) throws Exception {
        CompletableFuture<Greeting> blocker = conn.request(new Hello("block"), Greeting.class, SECONDS_10);
        started.await();
        CompletableFuture<?> waiting = call.apply("cancelled");

        assertThat(waiting.cancel(true)).isTrue();
        assertThat(conn.stats().inFlightRequests()).as("forgotten at once").isEqualTo(1);
        barrier(conn);
        assertThat(accepted.get(0).requestsCancelled()).isEqualTo(1);

        release.countDown();
        assertThat(blocker.get(10, TimeUnit.SECONDS).text()).isEqualTo("block");
        drainHandlers();
        call.apply("after").get(10, TimeUnit.SECONDS);
        assertThat(runsOf("after")).isEqualTo(1);
        assertThat(runsOf("cancelled")).as("runs of the cancelled request").isZero();
        assertThat(conn.stats().lateReplies()).as("nothing came back for it").isZero();
        assertThat(conn.isOpen()).isTrue();
    }

    @Test
    void aCancelledRequestAlreadyRunningFinishesAndItsReplyIsCountedLate() throws Exception {
        try (Connection conn = Fixtures.client().connect(Fixtures.address(server))) {
            CompletableFuture<Greeting> running = conn.request(new Hello("block"), Greeting.class, SECONDS_10);
            started.await();

            assertThat(running.cancel(true)).isTrue();
            barrier(conn);
            release.countDown();
            // The handler thread sends the late reply before it takes the next request.
            assertThat(conn.request(new Echo("after"), Echo.class, SECONDS_10).get(10, TimeUnit.SECONDS).text())
                    .isEqualTo("after");

            assertThat(runsOf("block")).isEqualTo(1);
            assertThat(accepted.get(0).requestsCancelled()).isZero();
            assertThat(conn.stats().lateReplies()).as("the running request's reply").isEqualTo(1);
            assertThat(conn.stats().inFlightRequests()).isZero();
        }
    }

    @Test
    void aCancelledProxyCallOverAClusterIsCancelledOnTheWire() throws Exception {
        try (Cluster cluster = Cluster.builder()
                .client(Fixtures.client().codec(CODEC).closeTimeout(Duration.ofSeconds(5)).build())
                .connect(List.of(Fixtures.address(server)))) {
            CompletableFuture<Greeting> blocker = cluster.request(new Hello("block"), Greeting.class, SECONDS_10);
            started.await();
            Echoes echoes = Rpc.client(cluster).proxy(Echoes.class);
            CompletableFuture<String> waiting = echoes.echo("cancelled");

            assertThat(waiting.cancel(true)).isTrue();
            // The cancel frame went out before this request of the server to the cluster's client.
            assertUnknownType(accepted.get(0).request(new Unhandled(2), Greeting.class, SECONDS_10));
            assertThat(accepted.get(0).requestsCancelled()).isEqualTo(1);

            release.countDown();
            assertThat(blocker.get(10, TimeUnit.SECONDS).text()).isEqualTo("block");
            drainHandlers();
            assertThat(echoes.echo("after").get(10, TimeUnit.SECONDS)).isEqualTo("after");
            assertThat(runsOf("cancelled")).as("runs of the cancelled call").isZero();
        }
    }

    @Test
    void cancellingAnAnsweredRequestSendsNothingAndChangesNothing() throws Exception {
        try (Connection conn = Fixtures.client().connect(Fixtures.address(server))) {
            CompletableFuture<Echo> done = conn.request(new Echo("done"), Echo.class, SECONDS_10);
            assertThat(done.get(10, TimeUnit.SECONDS).text()).isEqualTo("done");
            long sent = conn.stats().framesSent();

            assertThat(done.cancel(true)).isFalse();
            barrier(conn);

            assertThat(conn.stats().framesSent()).as("the barrier only").isEqualTo(sent + 1);
            assertThat(conn.stats().lateReplies()).isZero();
            assertThat(accepted.get(0).requestsCancelled()).isZero();
        }
    }

    @Test
    void aHedgedRequestWhoseOtherCopyWinsIsNotRunOnTheSlowReplica() throws Exception {
        List<Throwable> errors = Fixtures.errors();
        NetServer fast = Fixtures.serverWithoutDelay(errors).bind(PatternFixtures.ANY);
        try (Cluster cluster = Cluster.builder()
                .client(Fixtures.client().closeTimeout(Duration.ofSeconds(5)).build())
                .idempotent(Hello.class)
                .balancing(Cluster.Balancing.ROUND_ROBIN) // the slow server keeps its turn
                .hedge(Duration.ofMillis(20))
                .retryBudget(1.0, 1000) // every request may be hedged
                .connect(List.of(Fixtures.address(server), Fixtures.address(fast)))) {
            // The first copy on the slow server holds its one handler; the later ones wait.
            int requests = 8;
            for (int i = 0; i < requests; i++) {
                Greeting g = cluster.request(new Hello("block"), Greeting.class, SECONDS_10)
                        .get(10, TimeUnit.SECONDS);
                assertThat(g.text()).isEqualTo("Hello, block!"); // the fast server's answer
            }
            started.await(); // the slow server did get a copy, and runs it
            // The losers are cancelled before the caller sees the winner, so their cancel
            // frames went out before this request of the server to the cluster's client.
            RpcConnection slowSide = accepted.get(0);
            assertUnknownType(slowSide.request(new Unhandled(2), Greeting.class, SECONDS_10));
            long cancelled = slowSide.requestsCancelled();

            release.countDown();
            drainHandlers();

            Cluster.EndpointStats slow = cluster.endpoints().stream()
                    .filter(e -> e.address().equals(Fixtures.address(server))).findFirst().orElseThrow();
            assertThat(slow.attempts()).as("copies sent to the slow server").isGreaterThanOrEqualTo(2);
            assertThat(cancelled).as("copies cancelled while waiting").isEqualTo(slow.attempts() - 1);
            assertThat(runsOf("block")).as("copies run by the slow server: the first only").isEqualTo(1);
            assertThat(cluster.callStats().hedges()).isPositive();
            assertThat(accepted).hasSize(1);
        } finally {
            fast.close();
        }
    }
}
