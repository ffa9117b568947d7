package dev.strand.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strand.net.Fixtures.Delay;
import dev.strand.net.Fixtures.Echo;
import dev.strand.net.Fixtures.Greeting;
import dev.strand.net.Fixtures.Hello;
import dev.strand.net.Fixtures.NodeMessage;
import dev.strand.net.Fixtures.Unhandled;
import dev.strand.net.transport.EventLoops;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class NetServerTest {

    private final List<Throwable> errors = Fixtures.errors();

    @AfterEach
    void noThreadLeft() {
        Fixtures.assertNoNetThreads();
    }

    @Test
    @Timeout(20)
    void shouldAnswerARequestWithTheHandlersReply() throws Exception {
        try (NetServer server = Fixtures.server(errors).bind(PatternFixtures.ANY);
             Connection conn = Fixtures.client().connect(Fixtures.address(server))) {
            Greeting g = conn.request(new Hello("world"), Greeting.class, Fixtures.SECONDS_5).get();
            assertThat(g).isEqualTo(new Greeting("Hello, world!"));
            assertThat(conn.stats().inFlightRequests()).isZero();
        }
        assertThat(errors).isEmpty();
    }

    @Test
    @Timeout(20)
    void shouldDeliverMessagesFromOneConnectionInOrder() throws Exception {
        LinkedBlockingQueue<NodeMessage> received = new LinkedBlockingQueue<>();
        try (NetServer server = NetServer.builder().codec(Fixtures.CODEC)
                .onMessage(NodeMessage.class, (conn, msg) -> received.add(msg)).bind(PatternFixtures.ANY);
             Connection conn = Fixtures.client().connect(Fixtures.address(server))) {
            List<CompletableFuture<Void>> sent = new ArrayList<>();
            for (int i = 0; i < 1000; i++) {
                sent.add(conn.send(new NodeMessage(i, "Hello, Node B!")));
            }
            CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).get();
            for (int i = 0; i < 1000; i++) {
                assertThat(received.poll(5, TimeUnit.SECONDS)).isEqualTo(new NodeMessage(i, "Hello, Node B!"));
            }
            assertThat(conn.stats().framesSent()).isEqualTo(1000);
        }
    }

    @Test
    @Timeout(20)
    void shouldPassTheRemoteHandlersExceptionMessageAsRemoteException() throws Exception {
        try (NetServer server = Fixtures.server(errors).bind(PatternFixtures.ANY);
             Connection conn = Fixtures.client().connect(Fixtures.address(server))) {
            assertThatThrownBy(() -> conn.request(new Hello(""), Greeting.class, Fixtures.SECONDS_5).get())
                    .isInstanceOf(ExecutionException.class).cause()
                    .isInstanceOfSatisfying(RemoteException.class, e -> {
                        assertThat(e.code()).isEqualTo(RemoteException.HANDLER_FAILED);
                        assertThat(e.remoteMessage()).isEqualTo("name must not be empty");
                    });
            // The connection is still usable.
            assertThat(conn.request(new Hello("again"), Greeting.class, Fixtures.SECONDS_5).get().text())
                    .isEqualTo("Hello, again!");
        }
    }

    @Test
    @Timeout(20)
    void shouldAnswerARequestWithoutHandlerWithUnknownTypeAndKeepTheConnection() throws Exception {
        try (NetServer server = Fixtures.server(errors).bind(PatternFixtures.ANY);
             Connection conn = Fixtures.client().connect(Fixtures.address(server))) {
            assertThatThrownBy(() -> conn.request(new Unhandled(1), Greeting.class, Fixtures.SECONDS_5).get())
                    .cause().isInstanceOfSatisfying(RemoteException.class,
                            e -> assertThat(e.code()).isEqualTo(RemoteException.UNKNOWN_TYPE));
            assertThat(conn.isOpen()).isTrue();
            assertThat(conn.request(new Echo("still"), Echo.class, Fixtures.SECONDS_5).get()).isEqualTo(new Echo("still"));
        }
    }

    @Test
    @Timeout(20)
    void shouldFailARequestWhoseReplyHasTheWrongType() throws Exception {
        try (NetServer server = Fixtures.server(errors).bind(PatternFixtures.ANY);
             Connection conn = Fixtures.client().connect(Fixtures.address(server))) {
            assertThatThrownBy(() -> conn.request(new Echo("x"), Greeting.class, Fixtures.SECONDS_5).get())
                    .cause().isInstanceOf(ProtocolException.class).hasMessageContaining("Greeting");
        }
    }

    @Test
    @Timeout(20)
    void shouldCompleteRepliesOutOfOrder() throws Exception {
        CountDownLatch releaseFirst = new CountDownLatch(1);
        try (NetServer server = NetServer.builder().codec(Fixtures.CODEC)
                .onRequest(Delay.class, (conn, d) -> {
                    if (d.value() == 1) {
                        releaseFirst.await();
                    }
                    return d;
                }).bind(PatternFixtures.ANY);
             Connection conn = Fixtures.client().connect(Fixtures.address(server))) {
            CompletableFuture<Delay> first = conn.request(new Delay(0, 1), Delay.class, Fixtures.SECONDS_5);
            CompletableFuture<Delay> second = conn.request(new Delay(0, 2), Delay.class, Fixtures.SECONDS_5);
            assertThat(second.get()).isEqualTo(new Delay(0, 2));
            assertThat(first).isNotDone();
            releaseFirst.countDown();
            assertThat(first.get()).isEqualTo(new Delay(0, 1));
        }
    }

    @Test
    @Timeout(30)
    void shouldNeverRefuseTenThousandSmallRequestsInFlightOnOneConnection() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch allArrived = new CountDownLatch(10_000);
        try (NetServer server = NetServer.builder().codec(Fixtures.CODEC)
                .onRequest(Echo.class, (conn, e) -> e)
                .onRequest(Delay.class, (conn, d) -> {
                    allArrived.countDown();
                    return d;
                }).bind(PatternFixtures.ANY);
             Connection conn = Fixtures.client().connect(Fixtures.address(server))) {
            List<CompletableFuture<Delay>> replies = new ArrayList<>(10_000);
            for (int i = 0; i < 10_000; i++) {
                replies.add(conn.request(new Delay(0, i), Delay.class, Duration.ofSeconds(20)));
            }
            for (int i = 0; i < 10_000; i++) {
                assertThat(replies.get(i).get().value()).isEqualTo(i);
            }
            assertThat(allArrived.getCount()).isZero();
            assertThat(conn.stats().inFlightRequests()).isZero();
            release.countDown();
        }
    }

    @Test
    @Timeout(20)
    void shouldFailAtTheDeadlineForgetTheIdAndCountTheLateReply() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        // One handler thread: the late reply is written before the next request is handled.
        java.util.concurrent.ExecutorService single = java.util.concurrent.Executors.newSingleThreadExecutor();
        try (NetServer server = NetServer.builder().codec(Fixtures.CODEC).executor(single)
                .onRequest(Delay.class, (conn, d) -> {
                    release.await();
                    return d;
                })
                .onRequest(Echo.class, (conn, e) -> e).bind(PatternFixtures.ANY);
             Connection conn = Fixtures.client().connect(Fixtures.address(server))) {
            CompletableFuture<Delay> slow = conn.request(new Delay(0, 1), Delay.class, Duration.ofMillis(50));
            assertThatThrownBy(slow::get).cause().isInstanceOf(java.util.concurrent.TimeoutException.class)
                    .hasMessageContaining("no reply within");
            assertThat(conn.stats().inFlightRequests()).isZero();
            CompletableFuture<Echo> after = conn.request(new Echo("after"), Echo.class, Fixtures.SECONDS_5);
            release.countDown();
            assertThat(after.get()).isEqualTo(new Echo("after"));
            assertThat(conn.stats().lateReplies()).isEqualTo(1);
        } finally {
            single.shutdownNow();
        }
    }

    @Test
    @Timeout(20)
    void shouldRefuseRequestsBeyondTheInFlightLimit() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        try (NetServer server = NetServer.builder().codec(Fixtures.CODEC)
                .onRequest(Delay.class, (conn, d) -> {
                    release.await();
                    return d;
                }).bind(PatternFixtures.ANY);
             Connection conn = Fixtures.client().limits(Limits.builder().maxInFlightRequests(2).build())
                     .connect(Fixtures.address(server))) {
            CompletableFuture<Delay> a = conn.request(new Delay(0, 1), Delay.class, Fixtures.SECONDS_5);
            CompletableFuture<Delay> b = conn.request(new Delay(0, 2), Delay.class, Fixtures.SECONDS_5);
            CompletableFuture<Delay> c = conn.request(new Delay(0, 3), Delay.class, Fixtures.SECONDS_5);
            assertThatThrownBy(c::get).cause().isInstanceOfSatisfying(LimitExceededException.class, e -> {
                assertThat(e.limit()).isEqualTo("maxInFlightRequests");
                assertThat(e.value()).isEqualTo(2);
            });
            release.countDown();
            assertThat(a.get().value()).isEqualTo(1);
            assertThat(b.get().value()).isEqualTo(2);
        }
    }

    @Test
    @Timeout(20)
    void shouldRefuseConnectionsBeyondTheConnectionLimit() throws Exception {
        CountDownLatch rejected = new CountDownLatch(1);
        try (NetServer server = NetServer.builder().codec(Fixtures.CODEC)
                .onRequest(Echo.class, (conn, e) -> e)
                .limits(Limits.builder().maxConnections(1).build())
                .onError((conn, e) -> {
                    if (e instanceof LimitExceededException l && l.limit().equals("maxConnections")) {
                        rejected.countDown();
                    }
                }).bind(PatternFixtures.ANY);
             Connection first = Fixtures.client().connect(Fixtures.address(server))) {
            assertThat(first.request(new Echo("1"), Echo.class, Fixtures.SECONDS_5).get()).isEqualTo(new Echo("1"));
            try (Socket second = Fixtures.raw(server)) {
                Fixtures.awaitClosedByPeer(second);
            }
            rejected.await();
            assertThat(server.connectionCount()).isEqualTo(1);
            assertThat(first.request(new Echo("2"), Echo.class, Fixtures.SECONDS_5).get()).isEqualTo(new Echo("2"));
        }
    }

    @Test
    @Timeout(20)
    void shouldFailSendsWithBackpressureExceptionOnceTheQueueBoundIsReached() throws Exception {
        // The peer is a raw socket that never reads: the kernel buffers fill, then our queue.
        try (java.net.ServerSocket peer = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            peer.setReceiveBufferSize(4096);
            CompletableFuture<Connection> connecting = new CompletableFuture<>();
            Thread t = new Thread(() -> {
                try {
                    connecting.complete(Fixtures.client()
                            .limits(Limits.builder().maxQueuedBytes(64 * 1024).build())
                            .connect(new InetSocketAddress("127.0.0.1", peer.getLocalPort())));
                } catch (Exception e) {
                    connecting.completeExceptionally(e);
                }
            });
            t.start();
            try (Socket accepted = peer.accept(); Connection conn = connecting.get()) {
                String text = "x".repeat(1000);
                BackpressureException refused = null;
                for (int i = 0; i < 100_000 && refused == null; i++) {
                    CompletableFuture<Void> f = conn.send(new Echo(text));
                    if (f.isCompletedExceptionally()) {
                        try {
                            f.join();
                        } catch (java.util.concurrent.CompletionException e) {
                            refused = (BackpressureException) e.getCause();
                        }
                    }
                }
                assertThat(refused).isNotNull();
                assertThat(refused.maxQueuedBytes()).isEqualTo(64 * 1024);
                assertThat(refused.undelivered()).isEqualTo(new Echo(text));
                assertThat(conn.stats().queuedBytes()).isLessThanOrEqualTo(64 * 1024);
                assertThat(conn.isOpen()).isTrue();
                // Sent, never read: the first frame reaches the peer (a blocking read, the timeout
                // only a fail-safe; available() could still be 0 while the bytes are in flight).
                accepted.setSoTimeout(10_000);
                assertThat(Fixtures.readFrame(accepted.getInputStream())).contains("\"" + text + "\"");
            }
            t.join();
        }
    }

    @Test
    @Timeout(30)
    void shouldFinishInFlightRepliesOnCloseThenStopEveryThread() throws Exception {
        CountDownLatch started = new CountDownLatch(3);
        CountDownLatch release = new CountDownLatch(1);
        NetServer server = NetServer.builder().codec(Fixtures.CODEC)
                // Three hung handlers and a quick one on one connection: more than the default share.
                .limits(Limits.builder().maxHandlersPerConnection(4).build())
                .onRequest(Delay.class, (conn, d) -> {
                    if (d.value() < 3) {
                        started.countDown();
                        release.await();
                    }
                    return d;
                }).bind(PatternFixtures.ANY);
        try (Connection conn = Fixtures.client().connect(Fixtures.address(server))) {
            List<CompletableFuture<Delay>> replies = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                replies.add(conn.request(new Delay(0, i), Delay.class, Duration.ofSeconds(20)));
            }
            started.await();
            Thread closer = new Thread(server::close);
            closer.start();
            awaitShuttingDown(() -> conn.request(new Delay(0, 99), Delay.class, Fixtures.SECONDS_5));
            assertThat(replies).noneMatch(CompletableFuture::isDone);
            release.countDown();
            for (int i = 0; i < 3; i++) {
                assertThat(replies.get(i).get().value()).isEqualTo(i);
            }
            closer.join();
            assertThat(server.connectionCount()).isZero();
        }
    }

    /**
     * Makes quick requests, each answered until the server's drain begins, until one is refused
     * with "shutting-down".
     */
    private static void awaitShuttingDown(java.util.function.Supplier<CompletableFuture<?>> quickRequest)
            throws InterruptedException {
        Throwable refusal = null;
        while (refusal == null) {
            try {
                quickRequest.get().get();
            } catch (ExecutionException e) {
                refusal = e.getCause();
            }
        }
        assertThat(refusal).isInstanceOfSatisfying(RemoteException.class,
                e -> assertThat(e.code()).isEqualTo(RemoteException.SHUTTING_DOWN));
    }

    @Test
    @Timeout(30)
    void shouldAnswerOnCloseTheRequestsStillWaitingForTheirConnectionsShare() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        NetServer server = NetServer.builder().codec(Fixtures.CODEC)
                .limits(Limits.builder().maxHandlersPerConnection(1).build())
                .onRequest(Echo.class, (conn, e) -> e)
                .onRequest(Delay.class, (conn, d) -> {
                    started.countDown();
                    release.await();
                    return d;
                }).bind(PatternFixtures.ANY);
        try (Connection conn = Fixtures.client().connect(Fixtures.address(server));
             Connection other = Fixtures.client().connect(Fixtures.address(server))) {
            List<CompletableFuture<Delay>> replies = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                replies.add(conn.request(new Delay(0, i), Delay.class, Duration.ofSeconds(20)));
            }
            started.await(); // one runs; two wait for the connection's one handler
            Thread closer = new Thread(server::close);
            closer.start();
            awaitShuttingDown(() -> other.request(new Echo("probe"), Echo.class, Fixtures.SECONDS_5));
            assertThat(replies).noneMatch(CompletableFuture::isDone);
            release.countDown();
            for (int i = 0; i < 3; i++) {
                assertThat(replies.get(i).get().value()).as("admitted before the close: answered").isEqualTo(i);
            }
            closer.join();
            assertThat(server.connectionCount()).isZero();
        }
    }

    @Test
    @Timeout(30)
    void shouldKeepMessagesInArrivalOrderWhenTheyShareTheConnectionsOneHandlerWithRequests() throws Exception {
        int n = 2_000;
        List<Integer> seen = new CopyOnWriteArrayList<>();
        CountDownLatch all = new CountDownLatch(n);
        try (NetServer server = NetServer.builder().codec(Fixtures.CODEC)
                .limits(Limits.builder().maxHandlersPerConnection(1).build())
                .onMessage(NodeMessage.class, (conn, m) -> {
                    seen.add(m.id());
                    all.countDown();
                })
                .onRequest(Echo.class, (conn, e) -> e)
                .bind(PatternFixtures.ANY);
             Connection conn = Fixtures.client().connect(Fixtures.address(server))) {
            List<CompletableFuture<Echo>> replies = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                conn.send(new NodeMessage(i, "m"));
                if (i % 10 == 0) {
                    replies.add(conn.request(new Echo("e" + i), Echo.class, Duration.ofSeconds(20)));
                }
            }
            for (CompletableFuture<Echo> r : replies) {
                assertThat(r.get().text()).startsWith("e");
            }
            all.await();
            assertThat(seen).containsExactlyElementsOf(java.util.stream.IntStream.range(0, n).boxed().toList());
        }
    }

    @Test
    @Timeout(20)
    void shouldTellOnConnectAndLetHandlersSendOnTheirConnection() throws Exception {
        LinkedBlockingQueue<Object> atClient = new LinkedBlockingQueue<>();
        List<Connection> accepted = new CopyOnWriteArrayList<>();
        try (NetServer server = NetServer.builder().codec(Fixtures.CODEC)
                .onConnect(accepted::add)
                .onMessage(NodeMessage.class, (conn, m) -> conn.send(new NodeMessage(m.id() + 1, "back")))
                .bind(PatternFixtures.ANY);
             Connection conn = Fixtures.client().onMessage((c, m) -> atClient.add(m))
                     .connect(Fixtures.address(server))) {
            conn.send(new NodeMessage(1, "there")).get();
            assertThat(atClient.poll(5, TimeUnit.SECONDS)).isEqualTo(new NodeMessage(2, "back"));
            assertThat(accepted).hasSize(1);
            assertThat(server.connectionCount()).isEqualTo(1);
        }
    }

    @Test
    @Timeout(20)
    void shouldLetTheServerMakeRequestsOfAClient() throws Exception {
        CompletableFuture<Greeting> fromClient = new CompletableFuture<>();
        try (NetServer server = NetServer.builder().codec(Fixtures.CODEC)
                .onConnect(c -> c.request(new Hello("server"), Greeting.class, Fixtures.SECONDS_5)
                        .whenComplete((g, e) -> {
                            if (e != null) {
                                fromClient.completeExceptionally(e);
                            } else {
                                fromClient.complete(g);
                            }
                        }))
                .bind(PatternFixtures.ANY);
             Connection conn = Fixtures.client()
                     .onRequest(Hello.class, (c, h) -> new Greeting("Hi " + h.name()))
                     .connect(Fixtures.address(server))) {
            assertThat(fromClient.get()).isEqualTo(new Greeting("Hi server"));
            assertThat(conn.isOpen()).isTrue();
        }
    }

    @Test
    @Timeout(20)
    void shouldReportAFailingMessageHandlerAndKeepServing() throws Exception {
        CountDownLatch reported = new CountDownLatch(1);
        try (NetServer server = NetServer.builder().codec(Fixtures.CODEC)
                .onMessage(NodeMessage.class, (conn, m) -> {
                    throw new IllegalStateException("bad message " + m.id());
                })
                .onRequest(Echo.class, (conn, e) -> e)
                .onError((conn, e) -> {
                    if (e.getMessage().equals("bad message 7")) {
                        reported.countDown();
                    }
                }).bind(PatternFixtures.ANY);
             Connection conn = Fixtures.client().connect(Fixtures.address(server))) {
            conn.send(new NodeMessage(7, "x")).get();
            reported.await();
            assertThat(conn.request(new Echo("ok"), Echo.class, Fixtures.SECONDS_5).get()).isEqualTo(new Echo("ok"));
        }
    }

    @Test
    @Timeout(20)
    void shouldCloseFromItsOwnHandlerWithoutWaitingForItself() throws Exception {
        CompletableFuture<NetServer> self = new CompletableFuture<>();
        CompletableFuture<Thread> closer = new CompletableFuture<>();
        CountDownLatch closed = new CountDownLatch(1);
        NetServer server = NetServer.builder().codec(Fixtures.CODEC)
                .closeTimeout(Duration.ofSeconds(60)) // waiting for itself would outlast @Timeout
                .onMessage(NodeMessage.class, (conn, m) -> {
                    closer.complete(Thread.currentThread());
                    self.get().close(); // on a handler thread of the server being closed
                    closed.countDown();
                }).bind(PatternFixtures.ANY);
        self.complete(server);
        try (Connection conn = Fixtures.client().connect(Fixtures.address(server))) {
            conn.send(new NodeMessage(1, "close yourself")).get();
            closed.await();
            conn.closeFuture().get();
        }
        server.close(); // idempotent: returns at once
        // The documented contract: close() on a handler thread does not wait for that thread,
        // which ends once the handler returns (the pool is shut down); every other thread of
        // the server has ended (the leak check after this test proves both).
        Thread handler = closer.get();
        assertThat(handler.getName()).startsWith(EventLoops.THREAD_PREFIX);
        handler.join();
    }

    @Test
    @Timeout(60)
    void shouldCloseAConnectionAcceptedJustAsTheServerCloses() throws Exception {
        // connect() returns once the client's TCP handshake is done: the server may still be
        // registering that connection on its I/O thread while close() runs (it used to be left
        // open, the client waiting forever). Seen within a few rounds before the fix.
        for (int i = 0; i < 50; i++) {
            NetServer server = Fixtures.server(errors).ioThreads(1).bind(PatternFixtures.ANY);
            try (Connection conn = Fixtures.client().onError(Fixtures.recorder(errors)) // a reset is fine
                    .connect(Fixtures.address(server))) {
                server.close();
                Fixtures.awaitOrDump(conn.closeFuture(), 10);
                assertThat(conn.isOpen()).isFalse();
            }
        }
    }

    @Test
    @Timeout(20)
    void shouldRejectBadArgumentsAtOnce() throws Exception {
        assertThatThrownBy(() -> NetServer.builder().bind(PatternFixtures.ANY)).isInstanceOf(NullPointerException.class)
                .hasMessageContaining("call codec(...)");
        assertThatThrownBy(() -> NetServer.builder().maxFrameLength(8)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("maxFrameLength");
        assertThatThrownBy(() -> NetServer.builder().idleTimeout(Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("idleTimeout");
        assertThatThrownBy(() -> NetServer.builder().ioThreads(0)).isInstanceOf(IllegalArgumentException.class);
        try (NetServer server = Fixtures.server(errors).bind(PatternFixtures.ANY);
             Connection conn = Fixtures.client().connect(Fixtures.address(server))) {
            assertThatThrownBy(() -> conn.send(null)).isInstanceOf(NullPointerException.class).hasMessage("message");
            assertThatThrownBy(() -> conn.send("not registered")).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> conn.request(new Hello("x"), Greeting.class, Duration.ZERO))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("timeout");
            assertThatThrownBy(() -> conn.request(42, Greeting.class, Fixtures.SECONDS_5))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThat(conn.stats().inFlightRequests()).isZero();
        }
    }

    @Test
    @Timeout(20)
    void shouldFailToStartOnAnAddressInUse() throws Exception {
        try (NetServer server = Fixtures.server(errors).bind(PatternFixtures.ANY)) {
            assertThatThrownBy(() -> Fixtures.server(errors).bind(Fixtures.address(server)))
                    .isInstanceOf(NetException.class).hasMessageContaining("cannot bind");
        }
    }

    @Test
    @Timeout(20)
    void shouldFailASendThatIsTooLargeWithoutClosing() throws Exception {
        try (NetServer server = Fixtures.server(errors).bind(PatternFixtures.ANY);
             Connection conn = Fixtures.client().maxFrameLength(100).connect(Fixtures.address(server))) {
            assertThatThrownBy(() -> conn.send(new Echo("x".repeat(200))).get()).cause()
                    .isInstanceOf(FrameTooLargeException.class);
            assertThat(conn.request(new Echo("small"), Echo.class, Fixtures.SECONDS_5).get()).isEqualTo(new Echo("small"));
        }
    }
}
