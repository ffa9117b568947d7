package dev.strand.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strand.net.Fixtures.Delay;
import dev.strand.net.Fixtures.Echo;
import dev.strand.net.transport.EventLoops;
import dev.strand.resilience.Backoff;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class NetClientTest {

    private final List<Throwable> errors = Fixtures.errors();

    @AfterEach
    void noThreadLeft() {
        Fixtures.assertNoNetThreads();
    }

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    @Test
    @Timeout(20)
    void shouldThrowWhenTheFirstConnectFails() throws Exception {
        InetSocketAddress nobody = new InetSocketAddress("127.0.0.1", freePort());
        assertThatThrownBy(() -> Fixtures.client().reconnect(Backoff.fixed(Duration.ofMillis(10))).connect(nobody))
                .isInstanceOf(NetException.class).hasMessageContaining("cannot connect");
    }

    @Test
    @Timeout(30)
    void shouldFailInFlightRequestsWhenTheServerDiesThenReconnectAfterItRestarts() throws Exception {
        Semaphore connected = new Semaphore(0);
        ServerSocket fake = new ServerSocket();
        fake.setReuseAddress(true);
        fake.bind(new InetSocketAddress("127.0.0.1", 0));
        int port = fake.getLocalPort();
        InetSocketAddress address = new InetSocketAddress("127.0.0.1", port);
        CompletableFuture<Connection> connecting = new CompletableFuture<>();
        Thread client = new Thread(() -> {
            try {
                connecting.complete(Fixtures.client()
                        .reconnect(Backoff.exponential(Duration.ofMillis(20)).maxDelay(Duration.ofMillis(200)))
                        .onConnect(c -> connected.release())
                        .onError(Fixtures.recorder(errors))
                        .connect(address));
            } catch (Exception e) {
                connecting.completeExceptionally(e);
            }
        });
        client.start();
        Socket accepted = fake.accept();
        try (Connection conn = connecting.get()) {
            connected.acquire();
            // A server that reads the request and dies before answering.
            CompletableFuture<Echo> inFlight = conn.request(new Echo("lost"), Echo.class, Duration.ofSeconds(20));
            InputStream in = accepted.getInputStream();
            assertThat(Fixtures.readFrame(in)).contains("\"lost\"");
            fake.close();
            accepted.setSoLinger(true, 0);
            accepted.close();
            assertThatThrownBy(inFlight::get).isInstanceOf(ExecutionException.class).cause()
                    .isInstanceOfSatisfying(ConnectionLostException.class,
                            e -> assertThat(e.undelivered()).isEqualTo(new Echo("lost")));
            // While the server is down nothing is queued or retried: sends fail at once.
            assertThat(conn.closeFuture()).isNotDone(); // the same connection object, reconnecting
            assertThatThrownBy(() -> conn.send(new Echo("now")).get()).cause()
                    .isInstanceOf(ConnectionLostException.class);
            // The server comes back on the same port; the client finds it.
            try (NetServer restarted = Fixtures.server(errors).bind(address)) {
                if (!connected.tryAcquire(10, java.util.concurrent.TimeUnit.SECONDS)) {
                    Fixtures.awaitOrDump(new CompletableFuture<>(), 0);
                }
                assertThat(conn.request(new Echo("back"), Echo.class, Fixtures.SECONDS_5).get())
                        .isEqualTo(new Echo("back"));
                assertThat(restarted.connectionCount()).isEqualTo(1);
                assertThat(conn.isOpen()).isTrue();
            }
        } finally {
            client.join();
        }
    }

    @Test
    @Timeout(20)
    void shouldStayClosedWithoutAReconnectPolicy() throws Exception {
        NetServer server = Fixtures.server(errors).bind(PatternFixtures.ANY);
        try (Connection conn = Fixtures.client().connect(Fixtures.address(server))) {
            server.close();
            Fixtures.awaitOrDump(conn.closeFuture(), 10);
            assertThat(conn.isOpen()).isFalse();
            assertThatThrownBy(() -> conn.request(new Echo("x"), Echo.class, Fixtures.SECONDS_5).get()).cause()
                    .isInstanceOf(ConnectionLostException.class);
        }
    }

    @Test
    @Timeout(20)
    void shouldFailWaitingRequestsWithConnectionLostOnClose() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        try (NetServer server = NetServer.builder().codec(Fixtures.CODEC)
                .onRequest(Delay.class, (c, d) -> {
                    started.countDown();
                    release.await();
                    return d;
                }).bind(PatternFixtures.ANY)) {
            Connection conn = Fixtures.client().connect(Fixtures.address(server));
            CompletableFuture<Delay> waiting = conn.request(new Delay(0, 1), Delay.class, Duration.ofSeconds(20));
            started.await();
            conn.close();
            assertThatThrownBy(waiting::get).cause().isInstanceOf(ConnectionLostException.class);
            assertThat(conn.closeFuture()).isDone();
            conn.close(); // idempotent
            release.countDown();
        }
    }

    @Test
    @Timeout(20)
    void shouldShareIoThreadsAcrossConnectionsAndStopThemWithTheLast() throws Exception {
        try (NetServer server = Fixtures.server(errors).bind(PatternFixtures.ANY)) {
            Connection a = Fixtures.client().connect(Fixtures.address(server));
            Connection b = Fixtures.client().connect(Fixtures.address(server));
            a.close();
            assertThat(b.request(new Echo("b"), Echo.class, Fixtures.SECONDS_5).get()).isEqualTo(new Echo("b"));
            b.close();
            assertThat(Thread.getAllStackTraces().keySet()).noneMatch(
                    t -> t.isAlive() && t.getName().startsWith(EventLoops.THREAD_PREFIX + "client"));
        }
    }

    @Test
    @Timeout(20)
    void shouldCloseAConnectionWhosePeerSendsNothingAtTheIdleTimeout() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CompletableFuture<Connection> connecting = connectAsync(
                    Fixtures.client().idleTimeout(Duration.ofMillis(300)).onError(Fixtures.recorder(errors)), silent);
            try (Socket accepted = silent.accept(); Connection conn = connecting.get()) {
                conn.closeFuture().get();
                assertThat(errors).anySatisfy(e -> assertThat(e).hasMessageContaining("idle timeout"));
                Fixtures.awaitClosedByPeer(accepted); // the client did close its socket
            }
        }
    }

    /** Connects to a plain socket on another thread (the test accepts meanwhile). */
    private static CompletableFuture<Connection> connectAsync(NetClient.Builder client, ServerSocket peer) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return client.connect(new InetSocketAddress("127.0.0.1", peer.getLocalPort()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        });
    }

    /** The next frame's body, a ping included; null at end of stream. */
    private static String rawFrame(InputStream in) throws java.io.IOException {
        byte[] header = in.readNBytes(4);
        if (header.length < 4) {
            return null;
        }
        int length = ((header[0] & 0xff) << 24) | ((header[1] & 0xff) << 16) | ((header[2] & 0xff) << 8)
                | (header[3] & 0xff);
        return new String(in.readNBytes(length), java.nio.charset.StandardCharsets.UTF_8);
    }

    @Test
    @Timeout(20)
    void anIdleClientPingsAtItsKeepAliveInterval() throws Exception {
        try (ServerSocket peer = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CompletableFuture<Connection> connecting = connectAsync(
                    Fixtures.client().keepAlive(Duration.ofMillis(50)).onError(Fixtures.recorder(errors)), peer);
            try (Socket accepted = peer.accept(); Connection conn = connecting.get(10, TimeUnit.SECONDS)) {
                accepted.setSoTimeout(10_000);
                InputStream in = accepted.getInputStream();
                for (int i = 0; i < 3; i++) {
                    assertThat(rawFrame(in)).as("frame %d of an idle client", i).isEqualTo("{\"t\":\"$ping\"}");
                }
                conn.send(new Fixtures.Echo("written")).get(10, TimeUnit.SECONDS);
                assertThat(Fixtures.readFrame(in)).as("the next frame not a ping").contains("written");
                assertThat(rawFrame(in)).as("idle again: pings again").isEqualTo("{\"t\":\"$ping\"}");
            }
        }
    }

    @Test
    @Timeout(20)
    void shouldCloseFromAnIoThreadCallbackWithoutBlockingIt() throws Exception {
        try (NetServer server = Fixtures.server(errors).bind(PatternFixtures.ANY)) {
            // Waiting on its own I/O thread would block for the close timeout, beyond @Timeout.
            Connection conn = Fixtures.client().closeTimeout(Duration.ofSeconds(60)).connect(Fixtures.address(server));
            CompletableFuture<Void> closedInCallback = conn.request(new Echo("x"), Echo.class, Fixtures.SECONDS_5)
                    .thenRun(conn::close); // runs on the client's I/O thread
            closedInCallback.get();
            conn.closeFuture().get();
            // The I/O thread was not blocked: a new connection (same shared group, or a new one) works.
            try (Connection other = Fixtures.client().connect(Fixtures.address(server))) {
                assertThat(other.request(new Echo("y"), Echo.class, Fixtures.SECONDS_5).get()).isEqualTo(new Echo("y"));
            }
        }
    }

    @Test
    @Timeout(20)
    void shouldRejectBadBuilderArguments() {
        assertThatThrownBy(() -> NetClient.builder().build()).isInstanceOf(NullPointerException.class)
                .hasMessageContaining("call codec(...)");
        assertThatThrownBy(() -> NetClient.builder().reconnect(null)).isInstanceOf(NullPointerException.class)
                .hasMessage("backoff");
        assertThatThrownBy(() -> NetClient.builder().connectTimeout(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("connectTimeout");
        assertThatThrownBy(() -> NetClient.builder().keepAlive(Duration.ofMillis(-1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("keepAlive");
        assertThatThrownBy(() -> Fixtures.client().connect(null)).isInstanceOf(NullPointerException.class)
                .hasMessage("address");
    }
}
