package dev.strand.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class RpcTest {

    static final JsonCodec CODEC = Rpc.register(JsonCodec.builder()).build();

    record Stats(int calls, String server) {
    }

    record Item(String name, int qty) {
    }

    interface Greeter {
        String hello(String name);

        CompletableFuture<Stats> stats();

        void record(String line);

        @OneWay
        void log(String line);

        int add(int a, int b, String label);

        Map<String, List<Item>> group(List<Item> items);

        long remainingMillis();

        boolean waitForDeadline();

        String fail(String message);

        CompletableFuture<String> failLater(String message);

        default String twice(String name) {
            return hello(name) + " " + hello(name);
        }
    }

    /** The same wire name with a method the server lacks. */
    @RpcService("Greeter")
    interface GreeterWithMore {
        String goodbye(String name);
    }

    /** The same wire name with a changed signature. */
    @RpcService("Greeter")
    interface GreeterChanged {
        String hello(int name);
    }

    final LinkedBlockingQueue<String> recorded = new LinkedBlockingQueue<>();
    final LinkedBlockingQueue<Boolean> expiredSeen = new LinkedBlockingQueue<>();

    final class GreeterImpl implements Greeter {
        int calls;

        @Override
        public synchronized String hello(String name) {
            calls++;
            return "Hello, " + name + "!";
        }

        @Override
        public synchronized CompletableFuture<Stats> stats() {
            return CompletableFuture.completedFuture(new Stats(calls, "test"));
        }

        @Override
        public void record(String line) {
            recorded.add(line);
        }

        @Override
        public void log(String line) {
            recorded.add("log:" + line);
        }

        @Override
        public int add(int a, int b, String label) {
            return label.length() * (a + b);
        }

        @Override
        public Map<String, List<Item>> group(List<Item> items) {
            return items.stream().collect(Collectors.groupingBy(Item::name));
        }

        @Override
        public long remainingMillis() {
            return RpcContext.remaining().orElseThrow().toMillis();
        }

        @Override
        public boolean waitForDeadline() {
            Duration left;
            while (!(left = RpcContext.remaining().orElseThrow()).isNegative() && !left.isZero()) {
                LockSupport.parkNanos(left.toNanos());
            }
            expiredSeen.add(RpcContext.expired());
            return true;
        }

        @Override
        public String fail(String message) {
            throw new IllegalStateException(message);
        }

        @Override
        public CompletableFuture<String> failLater(String message) {
            return CompletableFuture.failedFuture(new IllegalStateException(message));
        }
    }

    @AfterEach
    void noThreadLeft() {
        Fixtures.assertNoNetThreads();
    }

    private static NetServer serve(Greeter impl) {
        return NetServer.builder().codec(CODEC).serve(Greeter.class, impl).bind(PatternFixtures.ANY);
    }

    private static Connection connect(NetServer server) throws InterruptedException {
        return NetClient.builder().codec(CODEC).connect(Fixtures.address(server));
    }

    @Test
    @Timeout(20)
    void shouldReturnValuesAndFutures() throws Exception {
        try (NetServer server = serve(new GreeterImpl()); Connection conn = connect(server)) {
            Greeter g = Rpc.client(conn).proxy(Greeter.class);
            assertThat(g.hello("world")).isEqualTo("Hello, world!");
            assertThat(g.twice("a")).isEqualTo("Hello, a! Hello, a!");
            assertThat(g.stats().get()).isEqualTo(new Stats(3, "test"));
        }
    }

    @Test
    @Timeout(20)
    void shouldWaitForTheAckOfAVoidMethodAndNotForAOneWayOne() throws Exception {
        try (NetServer server = serve(new GreeterImpl()); Connection conn = connect(server)) {
            Greeter g = Rpc.client(conn).proxy(Greeter.class);
            g.record("acked");
            // the ack came back, so the server ran the method before record returned
            assertThat(recorded.poll()).isEqualTo("acked");
            g.log("one-way");
            assertThat(recorded.take()).isEqualTo("log:one-way");
        }
    }

    @Test
    @Timeout(20)
    void shouldEncodeSeveralParametersRecordsAndGenericTypes() throws Exception {
        try (NetServer server = serve(new GreeterImpl()); Connection conn = connect(server)) {
            Greeter g = Rpc.client(conn).proxy(Greeter.class);
            assertThat(g.add(2, 3, "abc")).isEqualTo(15);
            Map<String, List<Item>> grouped = g.group(List.of(new Item("a", 1), new Item("b", 2), new Item("a", 3)));
            assertThat(grouped).isEqualTo(Map.of("a", List.of(new Item("a", 1), new Item("a", 3)),
                    "b", List.of(new Item("b", 2))));
            assertThat(grouped.get("a").get(0)).isInstanceOf(Item.class);
        }
    }

    @Test
    @Timeout(20)
    void shouldCarryTheDeadlineToTheServer() throws Exception {
        try (NetServer server = serve(new GreeterImpl()); Connection conn = connect(server)) {
            Greeter g = Rpc.client(conn).timeout(Duration.ofSeconds(7)).proxy(Greeter.class);
            assertThat(g.remainingMillis()).isPositive().isLessThanOrEqualTo(7000);
            assertThat(RpcContext.remaining()).isEmpty();
        }
    }

    @Test
    @Timeout(20)
    void aPerCallDeadlineReplacesTheProxysForCallsInItsScopeAndTravelsToTheServer() throws Exception {
        try (NetServer server = serve(new GreeterImpl()); Connection conn = connect(server)) {
            Greeter g = Rpc.client(conn).timeout(Duration.ofSeconds(7)).proxy(Greeter.class);
            long scoped = Rpc.withDeadline(Duration.ofMillis(1500), g::remainingMillis);
            assertThat(scoped).isPositive().isLessThanOrEqualTo(1500);
            assertThat(g.remainingMillis()).as("the proxy's own deadline again").isGreaterThan(1500)
                    .isLessThanOrEqualTo(7000);
            long[] seen = new long[3];
            Rpc.withDeadline(Duration.ofSeconds(5), () -> {
                seen[0] = g.remainingMillis();
                seen[1] = Rpc.withDeadline(Duration.ofSeconds(2), g::remainingMillis); // the innermost applies
                seen[2] = g.remainingMillis(); // the outer one again
            });
            assertThat(seen[0]).isGreaterThan(2000).isLessThanOrEqualTo(5000);
            assertThat(seen[1]).isPositive().isLessThanOrEqualTo(2000);
            assertThat(seen[2]).isGreaterThan(2000).isLessThanOrEqualTo(5000);
            // an async method takes the deadline of the scope it was called in
            CompletableFuture<Stats> stats = Rpc.withDeadline(Duration.ofSeconds(3), g::stats);
            assertThat(stats.get().server()).isEqualTo("test");
        }
    }

    @Test
    @Timeout(20)
    void aShortPerCallDeadlineFailsThatCallOnBothSidesAndNotTheNext() throws Exception {
        try (NetServer server = serve(new GreeterImpl()); Connection conn = connect(server)) {
            Greeter g = Rpc.client(conn).timeout(Duration.ofSeconds(30)).proxy(Greeter.class);
            assertThatThrownBy(() -> Rpc.withDeadline(Duration.ofMillis(100), g::waitForDeadline))
                    .isInstanceOf(CompletionException.class).hasCauseInstanceOf(TimeoutException.class);
            assertThat(expiredSeen.take()).isTrue();
            assertThat(g.remainingMillis()).isGreaterThan(1000);
        }
    }

    @Test
    @Timeout(20)
    void aCallWithoutADeadlineSeesNoneOnAThreadThatRanOneWithADeadline() throws Exception {
        java.util.concurrent.ExecutorService one = java.util.concurrent.Executors.newSingleThreadExecutor();
        try (NetServer server = NetServer.builder().codec(CODEC).executor(one).serve(Greeter.class, new GreeterImpl())
                .bind(PatternFixtures.ANY); Connection conn = connect(server)) {
            Greeter g = Rpc.client(conn).timeout(Duration.ofSeconds(7)).proxy(Greeter.class);
            assertThat(g.remainingMillis()).isPositive();
            // the same handler thread, a hand-made call without a deadline (timeoutMillis 0)
            Rpc.Reply none = conn.request(new Rpc.Call("Greeter.remainingMillis", "()", List.of(), 0),
                    Rpc.Reply.class, Fixtures.SECONDS_5).get(10, TimeUnit.SECONDS);
            assertThat(none.errorType()).isEqualTo(java.util.NoSuchElementException.class.getName());
            assertThat(g.remainingMillis()).as("bound again for the next call").isPositive();
        } finally {
            one.shutdownNow();
        }
    }

    @Test
    @Timeout(20)
    void aPerCallDeadlineRejectsBadInputNamingTheParameter() {
        assertThatThrownBy(() -> Rpc.withDeadline(null, () -> "x")).isInstanceOf(NullPointerException.class)
                .hasMessageContaining("timeout");
        assertThatThrownBy(() -> Rpc.withDeadline(Duration.ZERO, () -> "x"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("timeout");
        assertThatThrownBy(() -> Rpc.withDeadline(Duration.ofMillis(-1), () -> { }))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("timeout");
        assertThatThrownBy(() -> Rpc.withDeadline(Duration.ofSeconds(1), (java.util.function.Supplier<String>) null))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("call");
        assertThatThrownBy(() -> Rpc.withDeadline(Duration.ofSeconds(1), (Runnable) null))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("call");
        assertThat(Rpc.callDeadline()).as("nothing left bound after a refused scope").isNull();
    }

    @Test
    @Timeout(20)
    void shouldFailACallPastItsDeadlineOnBothSides() throws Exception {
        try (NetServer server = serve(new GreeterImpl()); Connection conn = connect(server)) {
            Greeter g = Rpc.client(conn).timeout(Duration.ofMillis(100)).proxy(Greeter.class);
            assertThatThrownBy(g::waitForDeadline).isInstanceOf(CompletionException.class)
                    .hasCauseInstanceOf(TimeoutException.class);
            assertThat(expiredSeen.take()).isTrue();
            assertThat(Rpc.client(conn).proxy(Greeter.class).hello("after")).isEqualTo("Hello, after!");
        }
    }

    @Test
    @Timeout(20)
    void shouldReturnARemoteExceptionWithTheRemoteTypeAndMessage() throws Exception {
        try (NetServer server = serve(new GreeterImpl()); Connection conn = connect(server)) {
            Greeter g = Rpc.client(conn).proxy(Greeter.class);
            assertThatThrownBy(() -> g.fail("boom")).isInstanceOfSatisfying(RpcRemoteException.class, e -> {
                assertThat(e.code()).isEqualTo(RemoteException.HANDLER_FAILED);
                assertThat(e.remoteType()).isEqualTo(IllegalStateException.class.getName());
                assertThat(e.remoteMessage()).isEqualTo("boom");
                assertThat(e.getMessage()).contains(IllegalStateException.class.getName()).contains("boom");
            });
            assertThat(g.hello("still open")).isEqualTo("Hello, still open!");
        }
    }

    @Test
    @Timeout(20)
    void shouldAnswerAnUnknownMethodWithAClearErrorAndKeepTheConnection() throws Exception {
        try (NetServer server = serve(new GreeterImpl()); Connection conn = connect(server)) {
            GreeterWithMore g = Rpc.client(conn).proxy(GreeterWithMore.class);
            assertThatThrownBy(() -> g.goodbye("x")).isInstanceOfSatisfying(RpcRemoteException.class, e -> {
                assertThat(e.code()).isEqualTo(RpcRemoteException.UNKNOWN_METHOD);
                assertThat(e.remoteMessage()).contains("Greeter.goodbye");
            });
            assertThat(conn.isOpen()).isTrue();
            assertThat(Rpc.client(conn).proxy(Greeter.class).hello("x")).isEqualTo("Hello, x!");
        }
    }

    @Test
    @Timeout(20)
    void shouldAnswerAMismatchedSignatureWithAClearError() throws Exception {
        try (NetServer server = serve(new GreeterImpl()); Connection conn = connect(server)) {
            GreeterChanged g = Rpc.client(conn).proxy(GreeterChanged.class);
            assertThatThrownBy(() -> g.hello(1)).isInstanceOfSatisfying(RpcRemoteException.class, e -> {
                assertThat(e.code()).isEqualTo(RpcRemoteException.BAD_ARGUMENTS);
                assertThat(e.remoteMessage()).contains("Greeter.hello takes (String)").contains("(int)");
            });
            // a hand-made call with the right signature but a wrong argument count or shape
            Rpc.Reply count = conn.request(new Rpc.Call("Greeter.add", "(int,int,String)",
                    List.of(Rpc.MAPPER.valueToTree(1)), 1000), Rpc.Reply.class, Fixtures.SECONDS_5).get();
            assertThat(count.error()).isEqualTo(RpcRemoteException.BAD_ARGUMENTS);
            Rpc.Reply shape = conn.request(new Rpc.Call("Greeter.group", "(List)",
                    List.of(Rpc.MAPPER.valueToTree("not a list of items")), 1000), Rpc.Reply.class,
                    Fixtures.SECONDS_5).get();
            assertThat(shape.error()).isEqualTo(RpcRemoteException.BAD_ARGUMENTS);
            assertThat(shape.errorMessage()).contains("argument 0");
            assertThat(conn.isOpen()).isTrue();
        }
    }

    @Test
    @Timeout(20)
    void anAsyncMethodsFailureReachesItsStagesWrappedAsFromADerivedStage() throws Exception {
        try (NetServer server = serve(new GreeterImpl()); Connection conn = connect(server)) {
            // a Strand connection (the proxy's own entry is the future) and another kind (relayed)
            for (Connection c : List.of(conn, new Forwarding(conn))) {
                Greeter g = Rpc.client(c).proxy(Greeter.class);
                Throwable failure = g.failLater("late boom").handle((v, e) -> e).get(10, TimeUnit.SECONDS);
                assertThat(failure).as("over %s", c).isInstanceOf(CompletionException.class);
                assertThat(failure.getCause()).isInstanceOfSatisfying(RpcRemoteException.class, e -> {
                    assertThat(e.remoteType()).isEqualTo(IllegalStateException.class.getName());
                    assertThat(e.remoteMessage()).isEqualTo("late boom");
                });
                assertThatThrownBy(() -> g.failLater("joined").join()).isInstanceOf(CompletionException.class)
                        .hasCauseInstanceOf(RpcRemoteException.class);
                assertThat(g.stats().get(10, TimeUnit.SECONDS).server()).isEqualTo("test");
                assertThat(g.hello("x")).isEqualTo("Hello, x!");
            }
        }
    }

    @Test
    @Timeout(20)
    void cancellingAnAsyncCallsFutureCancelsTheRequestOfAnyConnection() {
        Forwarding held = new Forwarding(null);
        Greeter g = Rpc.client(held).proxy(Greeter.class);
        CompletableFuture<Stats> stats = g.stats();
        CompletableFuture<Stats> derived = g.stats();
        assertThat(held.requests).hasSize(2);

        assertThat(stats.cancel(true)).isTrue();
        assertThat(held.requests.get(0).isCancelled()).as("the request under the call").isTrue();
        assertThat(derived.thenApply(s -> s).cancel(true)).as("a stage derived from the call").isTrue();
        assertThat(held.requests.get(1)).as("not cancelled by a derived stage").isNotDone();
        assertThat(derived).isNotDone();
    }

    interface Overloaded {
        String a(String x);

        String a(int x);
    }

    interface OneWayWithResult {
        @OneWay
        String a();
    }

    interface RawFuture {
        @SuppressWarnings("rawtypes")
        CompletableFuture a();
    }

    interface GenericMethod {
        <T> T a(T x);
    }

    interface Wildcard {
        List<? extends Item> a();
    }

    @RpcService("no spaces allowed")
    interface BadName {
        String a();
    }

    @Test
    @Timeout(20)
    void shouldRefuseAnUnsupportedInterfaceAtProxyAndServeTime() {
        Rpc.Client client = Rpc.client(new NoConnection());
        Map<Class<?>, String> bad = Map.of(
                Overloaded.class, "overloaded",
                OneWayWithResult.class, "only void methods can be one-way",
                RawFuture.class, "raw CompletableFuture",
                GenericMethod.class, "generic method",
                Wildcard.class, "must be concrete",
                BadName.class, "not a valid wire name",
                Item.class, "must be an interface");
        bad.forEach((type, why) -> {
            assertThatThrownBy(() -> client.proxy(type)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining(why);
            assertThatThrownBy(() -> serveAny(type)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining(why);
        });
        NetServer.Builder b = NetServer.builder().codec(CODEC).serve(Greeter.class, new GreeterImpl());
        assertThatThrownBy(() -> b.serve(GreeterChanged.class, name -> "x"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("already served");
        assertThatThrownBy(() -> b.serve(Greeter.class, null)).isInstanceOf(NullPointerException.class)
                .hasMessageContaining("impl");
        assertThatThrownBy(() -> client.proxy(null)).isInstanceOf(NullPointerException.class)
                .hasMessageContaining("service");
        assertThatThrownBy(() -> client.timeout(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("timeout");
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static void serveAny(Class type) {
        NetServer.builder().codec(CODEC).serve(type, null);
    }

    @Test
    @Timeout(20)
    void shouldAnswerObjectMethodsLocally() throws Exception {
        Rpc.Client client = Rpc.client(new NoConnection());
        Greeter a = client.proxy(Greeter.class);
        Greeter b = client.proxy(Greeter.class);
        assertThat(a).isEqualTo(a).isNotEqualTo(b);
        assertThat(a.hashCode()).isEqualTo(System.identityHashCode(a));
        assertThat(a.toString()).contains("Greeter").contains("no connection");
    }

    /**
     * A connection of another kind than Strand's own, as a user might write: it forwards to
     * {@code target}, or with none holds every request unanswered; it keeps the futures it
     * returned.
     */
    static final class Forwarding implements Connection {
        final Connection target;
        final List<CompletableFuture<?>> requests = new java.util.concurrent.CopyOnWriteArrayList<>();

        Forwarding(Connection target) {
            this.target = target;
        }

        @Override
        public CompletableFuture<Void> send(Object message) {
            return target.send(message);
        }

        @Override
        public <R> CompletableFuture<R> request(Object request, Class<R> replyType, Duration timeout) {
            CompletableFuture<R> f = target != null ? target.request(request, replyType, timeout)
                    : new CompletableFuture<>();
            requests.add(f);
            return f;
        }

        @Override
        public boolean isOpen() {
            return target != null && target.isOpen();
        }

        @Override
        public java.net.SocketAddress remoteAddress() {
            return target != null ? target.remoteAddress() : null;
        }

        @Override
        public java.net.SocketAddress localAddress() {
            return target != null ? target.localAddress() : null;
        }

        @Override
        public ConnectionStats stats() {
            return target.stats();
        }

        @Override
        public CompletableFuture<Void> closeFuture() {
            return target != null ? target.closeFuture() : new CompletableFuture<>();
        }

        @Override
        public void close() {
        }

        @Override
        public String toString() {
            return "forwarding to " + target;
        }
    }

    /** A connection nothing may be sent on: proves the local methods stay local. */
    static final class NoConnection implements Connection {
        @Override
        public CompletableFuture<Void> send(Object message) {
            throw new AssertionError("sent " + message);
        }

        @Override
        public <R> CompletableFuture<R> request(Object request, Class<R> replyType, Duration timeout) {
            throw new AssertionError("requested " + request);
        }

        @Override
        public boolean isOpen() {
            return false;
        }

        @Override
        public java.net.SocketAddress remoteAddress() {
            return null;
        }

        @Override
        public java.net.SocketAddress localAddress() {
            return null;
        }

        @Override
        public ConnectionStats stats() {
            throw new AssertionError();
        }

        @Override
        public CompletableFuture<Void> closeFuture() {
            return new CompletableFuture<>();
        }

        @Override
        public void close() {
        }

        @Override
        public String toString() {
            return "no connection";
        }
    }
}
