package dev.strand.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Hostile peers that do not break the protocol but try to hog the server: each test keeps a
 * {@link Bystander} making round trips on another connection, bounds its p99 latency, and ends
 * with threads and file descriptors back to their baseline.
 */
class HostilePeerTest {

    /** The bystander's bound; holds on a loaded 2-core machine. */
    private static final double P99_BOUND_MILLIS = 250;

    private final Map<Integer, Connection> accepted = new ConcurrentHashMap<>();
    private final List<LogRecord> logged = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final Logger jul = Logger.getLogger("dev.strand.net");
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            logged.add(record);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };
    private boolean parentHandlers;
    private long baselineFds;

    @BeforeEach
    void captureLogAndBaseline() {
        parentHandlers = jul.getUseParentHandlers();
        jul.setUseParentHandlers(false); // quiet when passing: the records are counted, not printed
        jul.addHandler(capture);
        baselineFds = openFds();
    }

    @AfterEach
    void restoreLog() {
        jul.removeHandler(capture);
        jul.setUseParentHandlers(parentHandlers);
    }

    /** Open file descriptors of this process (Linux; 0 where /proc is missing). */
    private static long openFds() {
        java.nio.file.Path fds = java.nio.file.Path.of("/proc/self/fd");
        if (!java.nio.file.Files.isDirectory(fds)) {
            return 0;
        }
        try (java.util.stream.Stream<java.nio.file.Path> list = java.nio.file.Files.list(fds)) {
            return list.count();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private void assertBackToBaseline() {
        Fixtures.assertNoNetThreads();
        // A little slack: the JVM may have opened a jar or two meanwhile.
        assertThat(openFds()).as("open file descriptors").isLessThanOrEqualTo(baselineFds + 4);
    }

    /** The server's side of the raw socket {@code s}, once the server has accepted it. */
    private Connection acceptedFor(Socket s) throws InterruptedException {
        Connection c;
        while ((c = accepted.get(s.getLocalPort())) == null) {
            Thread.onSpinWait(); // the accept is in flight on the server's event loop
        }
        return c;
    }

    @Test
    @Timeout(60)
    void peerThatNeverReadsItsRepliesIsNotReadWhileItsQueueIsFullAndDropsAreReportedInAggregate()
            throws Exception {
        // The default error listener logs: the test counts its records.
        NetServer server = NetServer.builder()
                .codec(Fixtures.CODEC)
                .onRequest(Fixtures.Echo.class, (conn, req) -> req)
                .limits(Limits.builder().maxQueuedBytes(64 * 1024).build())
                .onConnect(c -> accepted.put(((InetSocketAddress) c.remoteAddress()).getPort(), c))
                .bind(PatternFixtures.ANY);
        Bystander bystander = warm(new Bystander(server));
        int total = 100_000; // ~23 MB of requests: far more than any socket buffers hold
        CountDownLatch wroteSome = new CountDownLatch(1);
        Socket hostile = new Socket();
        hostile.setReceiveBufferSize(4096); // it never reads: keep what the kernel takes for it small
        hostile.connect(new InetSocketAddress("127.0.0.1", server.port()));
        CompletableFuture<Void> writer = writeRequests(hostile, total, "echo", "text", wroteSome);
        try {
            wroteSome.await();
            Connection serverSide = acceptedFor(hostile);
            int before = bystander.answered();
            bystander.awaitAnswered(before + 300); // the bystander is served meanwhile

            assertThat(writer).as("the hostile peer's writes are blocked: the server stopped reading").isNotDone();
            assertThat(serverSide.stats().framesReceived()).isLessThan(total);
            assertThat(logged).as("log records while the peer does not read").hasSizeLessThanOrEqualTo(10);
            assertThat(bystander.p99Millis()).as("bystander p99 ms").isLessThan(P99_BOUND_MILLIS);
        } finally {
            hostile.close();
            writer.handle((v, e) -> null).join();
            try {
                bystander.finish();
            } finally {
                server.close();
            }
        }
        assertThat(logged).as("log records in all").hasSizeLessThanOrEqualTo(12);
        assertBackToBaseline();
    }

    /**
     * Writes {@code total} requests of {@code type} (one string field {@code field}, 200
     * characters) on a thread of its own, until done or the socket is closed; counts
     * {@code wroteSome} down after 256 KiB (or at the end).
     */
    private static CompletableFuture<Void> writeRequests(Socket socket, int total, String type, String field,
                                                         CountDownLatch wroteSome) {
        String padding = "x".repeat(200);
        AtomicLong written = new AtomicLong();
        return CompletableFuture.runAsync(() -> {
            try {
                OutputStream out = socket.getOutputStream();
                for (int i = 0; i < total; i++) {
                    byte[] body = ("{\"t\":\"" + type + "\",\"id\":" + (i + 1) + ",\"p\":{\"" + field + "\":\""
                            + padding + "\"}}").getBytes(StandardCharsets.UTF_8);
                    Fixtures.writeLength(out, body.length);
                    out.write(body);
                    if (written.addAndGet(4 + body.length) >= 256 * 1024) {
                        wroteSome.countDown();
                    }
                }
            } catch (IOException closedByTheTest) {
                // the test closes the socket while this write is blocked: expected
            } finally {
                wroteSome.countDown();
            }
        });
    }

    /** Lets the bystander warm up, then measures from now. */
    private static Bystander warm(Bystander bystander) throws InterruptedException {
        bystander.awaitAnswered(50);
        bystander.resetLatencies();
        return bystander;
    }

    private NetServer echoServer(Limits limits) {
        return NetServer.builder()
                .codec(Fixtures.CODEC)
                .onRequest(Fixtures.Echo.class, (conn, req) -> req)
                .limits(limits)
                .bind(PatternFixtures.ANY);
    }

    private List<String> debugMessages() {
        return logged.stream().filter(r -> r.getLevel().intValue() <= java.util.logging.Level.FINE.intValue())
                .map(LogRecord::getMessage).toList();
    }

    @Test
    @Timeout(60)
    void frameNotCompletedWithinItsDeadlineClosesTheConnectionWithADebugLog() throws Exception {
        java.util.logging.Level level = jul.getLevel();
        jul.setLevel(java.util.logging.Level.FINE);
        NetServer server = echoServer(Limits.builder().partialFrameTimeout(java.time.Duration.ofMillis(200)).build());
        Bystander bystander = warm(new Bystander(server));
        try (Socket trickler = Fixtures.raw(server)) {
            OutputStream out = trickler.getOutputStream();
            Fixtures.writeLength(out, 1 << 20); // a 1 MiB frame...
            out.write(new byte[] {'{', '"'});   // ...of which two bytes ever arrive
            out.flush();
            Fixtures.awaitClosedByPeer(trickler); // returns once the server closed it; the socket times out in 10 s
            bystander.awaitAnswered(bystander.answered() + 200);
            assertThat(bystander.p99Millis()).as("bystander p99 ms").isLessThan(P99_BOUND_MILLIS);
        } finally {
            try {
                bystander.finish();
            } finally {
                server.close();
                jul.setLevel(level);
            }
        }
        assertThat(debugMessages()).anyMatch(m -> m.contains("partial frame deadline passed"));
        assertThat(logged).as("nothing above DEBUG").allMatch(r -> r.getLevel().intValue()
                <= java.util.logging.Level.FINE.intValue());
        assertBackToBaseline();
    }

    @Test
    @Timeout(60)
    void unfinishedFramesBeyondTheBudgetAcrossConnectionsCloseTheConnectionThatWouldExceedIt() throws Exception {
        java.util.logging.Level level = jul.getLevel();
        jul.setLevel(java.util.logging.Level.FINE);
        // Each peer alone fits in the budget; both together do not. The deadline stays out of the way.
        NetServer server = echoServer(Limits.builder().maxPartialFrameBytes(64 * 1024)
                .partialFrameTimeout(java.time.Duration.ofMinutes(5)).build());
        Bystander bystander = warm(new Bystander(server));
        List<Socket> peers = new ArrayList<>();
        // One waiting thread per peer: each blocks reading until its peer is closed (the common
        // pool may have a single worker on 2 cores, which would queue the second wait).
        java.util.concurrent.ExecutorService waiters = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            List<CompletableFuture<Socket>> closed = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                Socket s = Fixtures.raw(server);
                peers.add(s);
                OutputStream out = s.getOutputStream();
                Fixtures.writeLength(out, 1 << 20);
                out.write(new byte[40 * 1024]);
                out.flush();
                closed.add(CompletableFuture.supplyAsync(() -> {
                    try {
                        Fixtures.awaitClosedByPeer(s);
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                    return s;
                }, waiters));
            }
            CompletableFuture.anyOf(closed.toArray(CompletableFuture[]::new)).get();
            bystander.awaitAnswered(bystander.answered() + 200);
            assertThat(bystander.p99Millis()).as("bystander p99 ms").isLessThan(P99_BOUND_MILLIS);
        } finally {
            waiters.shutdownNow();
            for (Socket s : peers) {
                s.close();
            }
            try {
                bystander.finish();
            } finally {
                server.close();
                jul.setLevel(level);
            }
        }
        assertThat(debugMessages()).anyMatch(m -> m.contains("maxPartialFrameBytes (65536 bytes)"));
        assertBackToBaseline();
    }

    @Test
    @Timeout(60)
    void requestsOfAConnectionThatClosedBeforeAHandlerTookThemAreNeverRun() throws Exception {
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newSingleThreadExecutor();
        CountDownLatch hung = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        java.util.concurrent.atomic.AtomicInteger echoes = new java.util.concurrent.atomic.AtomicInteger();
        List<RpcConnection> connections = new java.util.concurrent.CopyOnWriteArrayList<>();
        NetServer server = NetServer.builder()
                .codec(Fixtures.CODEC)
                .executor(pool)
                .onRequest(Fixtures.Delay.class, (conn, d) -> {
                    hung.countDown();
                    release.await();
                    return d;
                })
                .onRequest(Fixtures.Echo.class, (conn, e) -> {
                    echoes.incrementAndGet();
                    return e;
                })
                .onConnect(c -> connections.add((RpcConnection) c))
                .bind(PatternFixtures.ANY);
        try {
            try (Socket s = Fixtures.raw(server)) {
                OutputStream out = s.getOutputStream();
                Fixtures.writeFrame(out, "{\"t\":\"delay\",\"id\":1,\"p\":{\"millis\":0,\"value\":1}}");
                hung.await(); // the only handler thread is taken
                for (int i = 0; i < 100; i++) {
                    Fixtures.writeFrame(out, "{\"t\":\"echo\",\"id\":" + (i + 2) + ",\"p\":{\"text\":\"x\"}}");
                }
            } // closed: the server reads the 100 requests, then the end of the stream
            RpcConnection serverSide = connections.get(0);
            serverSide.closeFuture().get();
            assertThat(serverSide.stats().framesReceived()).isEqualTo(101);
            release.countDown();
            pool.submit(() -> { }).get(); // FIFO: every request task queued before has run
            assertThat(echoes.get()).as("handlers run for a closed connection").isZero();
            assertThat(serverSide.requestsSkippedAfterClose()).isEqualTo(100);
        } finally {
            release.countDown();
            server.close();
            pool.shutdown();
        }
        assertBackToBaseline();
    }

    /** Request handlers that hang until the test releases them, counting those that entered. */
    private static final class HungHandlers {
        final java.util.concurrent.atomic.AtomicInteger entered = new java.util.concurrent.atomic.AtomicInteger();
        final CountDownLatch started;
        final CountDownLatch release = new CountDownLatch(1);

        HungHandlers(int expected) {
            this.started = new CountDownLatch(expected);
        }

        void enter() throws InterruptedException {
            entered.incrementAndGet();
            started.countDown();
            release.await();
        }
    }

    @Test
    @Timeout(60)
    void hungHandlersOfOneConnectionHoldOnlyItsShareOfThePoolAndTheBystanderIsServed() throws Exception {
        int poolThreads = Math.max(4, 2 * Runtime.getRuntime().availableProcessors()); // the default pool
        int share = Math.max(1, poolThreads / 2); // the default maxHandlersPerConnection
        HungHandlers hung = new HungHandlers(share);
        List<Connection> serverSides = new java.util.concurrent.CopyOnWriteArrayList<>();
        NetServer server = NetServer.builder()
                .codec(Fixtures.CODEC)
                .onRequest(Fixtures.Echo.class, (conn, req) -> req)
                .onRequest(Fixtures.Delay.class, (conn, d) -> {
                    hung.enter();
                    return d;
                })
                .onConnect(serverSides::add)
                .bind(PatternFixtures.ANY);
        Bystander bystander = warm(new Bystander(server));
        Connection hostile = Fixtures.client().connect(Fixtures.address(server));
        int sent = poolThreads + 4; // more hung requests than the pool has threads
        List<CompletableFuture<Fixtures.Delay>> replies = new ArrayList<>();
        try {
            for (int i = 0; i < sent; i++) {
                replies.add(hostile.request(new Fixtures.Delay(0, i), Fixtures.Delay.class,
                        java.time.Duration.ofSeconds(50)));
            }
            hung.started.await();
            bystander.awaitAnswered(bystander.answered() + 200); // served while the hostile handlers hang

            assertThat(bystander.p99Millis()).as("bystander p99 ms").isLessThan(P99_BOUND_MILLIS);
            assertThat(hung.entered.get()).as("hostile handlers entered while hung").isEqualTo(share);
            assertThat(replies).noneMatch(CompletableFuture::isDone);

            hung.release.countDown();
            for (int i = 0; i < sent; i++) {
                assertThat(replies.get(i).get().value()).isEqualTo(i); // every waiting request ran in the end
            }
            assertThat(hung.entered.get()).isEqualTo(sent);
        } finally {
            hung.release.countDown();
            hostile.close();
            try {
                bystander.finish();
            } finally {
                for (Connection c : serverSides) {
                    c.closeFuture().get(); // both clients closed theirs: the server's sides close too
                }
                assertThat(server.connectionCount()).as("connections after both clients closed").isZero();
                server.close();
            }
        }
        assertThat(logged).as("log records").isEmpty();
        assertBackToBaseline();
    }

    @Test
    @Timeout(60)
    void aConnectionWhoseShareIsHungStopsBeingReadAndItsWaitingRequestsNeverRunOnceItClosed() throws Exception {
        HungHandlers hung = new HungHandlers(1);
        NetServer server = NetServer.builder()
                .codec(Fixtures.CODEC)
                .onRequest(Fixtures.Echo.class, (conn, req) -> req)
                .onRequest(Fixtures.Hello.class, (conn, h) -> {
                    hung.enter();
                    return new Fixtures.Greeting(h.name());
                })
                .limits(Limits.builder().maxHandlersPerConnection(1).build())
                .onConnect(c -> accepted.put(((InetSocketAddress) c.remoteAddress()).getPort(), c))
                .bind(PatternFixtures.ANY);
        Bystander bystander = warm(new Bystander(server));
        int total = 100_000; // ~24 MB of requests: far more than any socket buffers hold
        Socket hostile = new Socket();
        hostile.connect(new InetSocketAddress("127.0.0.1", server.port()));
        CompletableFuture<Void> writer = writeRequests(hostile, total, "hello", "name", new CountDownLatch(1));
        try {
            hung.started.await();
            RpcConnection serverSide = (RpcConnection) acceptedFor(hostile);
            while (serverSide.stats().framesReceived() <= RpcConnection.MAX_WAITING) {
                Thread.onSpinWait(); // the server is reading the flood
            }
            bystander.awaitAnswered(bystander.answered() + 300); // the bystander is served meanwhile

            assertThat(writer).as("the hostile peer's writes are blocked: the server stopped reading").isNotDone();
            long received = serverSide.stats().framesReceived();
            // Paused at RpcConnection.MAX_WAITING waiting (plus the rest of one read), far below
            // the handler backlog bound (maxInFlightRequests) that would pause it otherwise.
            assertThat(received).isLessThan(4_096);
            assertThat(bystander.p99Millis()).as("bystander p99 ms").isLessThan(P99_BOUND_MILLIS);

            serverSide.close(); // closed while its requests wait for the one hung handler
            serverSide.closeFuture().get();
            assertThat(serverSide.requestsSkippedAfterClose()).as("requests dropped unrun at the close")
                    .isEqualTo(serverSide.stats().framesReceived() - 1);
            hung.release.countDown();
            assertThat(hung.entered.get()).isEqualTo(1);
        } finally {
            hung.release.countDown();
            hostile.close();
            writer.handle((v, e) -> null).join();
            try {
                bystander.finish();
            } finally {
                server.close();
            }
        }
        assertBackToBaseline();
    }
}
