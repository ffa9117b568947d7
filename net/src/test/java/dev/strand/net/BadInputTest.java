package dev.strand.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.net.InetSocketAddress;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Bad input and faults from the network. Each test abuses the server on raw sockets while a
 * {@link Bystander} on another connection keeps getting correct replies, and ends with the
 * server closed and no thread left.
 */
class BadInputTest {

    private static final int MAX_FRAME = 64 * 1024;

    private final List<Throwable> errors = Fixtures.errors();
    /** Accepted connections by the client's port (accepts complete on several event loops, in any order). */
    private final Map<Integer, Connection> accepted = new ConcurrentHashMap<>();
    private final CountDownLatch handlerStarted = new CountDownLatch(1);
    private final CountDownLatch releaseHandler = new CountDownLatch(1);
    private NetServer server;
    private Bystander bystander;

    @BeforeEach
    void start() throws Exception {
        server = Fixtures.serverWithoutDelay(errors)
                .maxFrameLength(MAX_FRAME)
                .idleTimeout(Duration.ofSeconds(2)) // generous: these machines are slow and shared
                .onConnect(c -> accepted.put(((InetSocketAddress) c.remoteAddress()).getPort(), c))
                .onRequest(Fixtures.Delay.class, (conn, d) -> {
                    handlerStarted.countDown();
                    releaseHandler.await();
                    return d;
                })
                .bind(PatternFixtures.ANY);
        bystander = new Bystander(server);
    }

    @AfterEach
    void stop() throws Exception {
        releaseHandler.countDown();
        try {
            bystander.finish();
        } finally {
            server.close();
        }
        Fixtures.assertNoNetThreads();
    }

    /** The server's side of the raw socket {@code s}, once the server has accepted it. */
    private Connection acceptedFor(Socket s) {
        Connection c;
        while ((c = accepted.get(s.getLocalPort())) == null) {
            Thread.onSpinWait(); // the accept is in flight on the server's event loop
        }
        return c;
    }

    private List<Throwable> errorsOf(Class<? extends Throwable> type) {
        return errors.stream().filter(type::isInstance).toList();
    }

    @Test
    @Timeout(20)
    void shouldRefuseALengthAboveMaxFrameLengthBeforeReadingTheBody() throws Exception {
        try (Socket s = Fixtures.raw(server)) {
            Fixtures.writeLength(s.getOutputStream(), MAX_FRAME + 1);
            s.getOutputStream().flush();
            // No body is ever sent: the server decides from the prefix alone.
            Fixtures.awaitClosedByPeer(s);
        }
        assertThat(errorsOf(FrameTooLargeException.class)).singleElement()
                .isInstanceOfSatisfying(FrameTooLargeException.class, e -> {
                    assertThat(e.length()).isEqualTo(MAX_FRAME + 1);
                    assertThat(e.maxFrameLength()).isEqualTo(MAX_FRAME);
                });
    }

    @Test
    @Timeout(20)
    void shouldRefuseNegativeLengths() throws Exception {
        for (long length : new long[] {0x80000000L, 0xFFFFFFFFL}) {
            try (Socket s = Fixtures.raw(server)) {
                Fixtures.writeLength(s.getOutputStream(), length);
                s.getOutputStream().write("{}".getBytes(StandardCharsets.UTF_8));
                s.getOutputStream().flush();
                Fixtures.awaitClosedByPeer(s);
            }
        }
        // As u32 these are 2 GiB and 4 GiB - 1: refused as too large, never allocated.
        assertThat(errorsOf(FrameTooLargeException.class)).hasSize(2);
    }

    @Test
    @Timeout(20)
    void shouldRefuseAZeroLengthFrame() throws Exception {
        try (Socket s = Fixtures.raw(server)) {
            Fixtures.writeLength(s.getOutputStream(), 0);
            s.getOutputStream().flush();
            Fixtures.awaitClosedByPeer(s);
        }
        assertThat(errorsOf(ProtocolException.class)).singleElement().satisfies(
                e -> assertThat(e).hasMessageContaining("empty frame"));
    }

    @Test
    @Timeout(20)
    void shouldCloseAPeerThatStallsInsideAFrameAtTheIdleTimeout() throws Exception {
        try (Socket s = Fixtures.raw(server)) {
            Fixtures.writeLength(s.getOutputStream(), 100);
            s.getOutputStream().write("{\"t\":\"echo\"".getBytes(StandardCharsets.UTF_8));
            s.getOutputStream().flush();
            Fixtures.awaitClosedByPeer(s); // the idle timeout (2 s) closes it
        }
        assertThat(errorsOf(ConnectionLostException.class)).singleElement().satisfies(
                e -> assertThat(e).hasMessageContaining("idle timeout"));
    }

    @Test
    @Timeout(20)
    void shouldCloseAConnectionSendingMalformedJsonWithoutARequestId() throws Exception {
        try (Socket s = Fixtures.raw(server)) {
            Fixtures.writeFrame(s.getOutputStream(), "{\"t\":\"echo\",\"p\":{\"text\":");
            Fixtures.awaitClosedByPeer(s);
        }
        assertThat(errorsOf(ProtocolException.class)).singleElement().satisfies(
                e -> assertThat(e).hasMessageContaining("malformed JSON"));
    }

    @Test
    @Timeout(20)
    void shouldAnswerAMalformedRequestWithAnErrorAndKeepTheConnection() throws Exception {
        try (Socket s = Fixtures.raw(server)) {
            OutputStream out = s.getOutputStream();
            InputStream in = s.getInputStream();
            Fixtures.writeFrame(out, "{\"t\":\"echo\",\"id\":5,\"p\":{\"text\":]");
            assertThat(Fixtures.readFrame(in)).startsWith("{\"re\":5,\"e\":{\"code\":\"malformed\"");
            Fixtures.writeFrame(out, "{\"t\":\"echo\",\"id\":6,\"p\":{\"text\":\"fine\"}}");
            assertThat(Fixtures.readFrame(in)).isEqualTo("{\"t\":\"echo\",\"re\":6,\"p\":{\"text\":\"fine\"}}");
        }
    }

    @Test
    @Timeout(20)
    void shouldAnswerDeeplyNestedJsonWithAnErrorWithoutRecursingDeeply() throws Exception {
        String deep = "{\"t\":\"echo\",\"id\":7,\"p\":{\"text\":\"a\",\"x\":" + "[".repeat(30_000) + "]".repeat(30_000)
                + "}}";
        try (Socket s = Fixtures.raw(server)) {
            Fixtures.writeFrame(s.getOutputStream(), deep);
            String reply = Fixtures.readFrame(s.getInputStream());
            assertThat(reply).startsWith("{\"re\":7,\"e\":{\"code\":\"malformed\"").contains("nesting depth");
        }
    }

    @Test
    @Timeout(30)
    void shouldRefuseA100MegabyteStringAtTheLengthPrefix() throws Exception {
        int length = 100_000_000 + 30;
        int written = 0;
        try (Socket s = Fixtures.raw(server)) {
            OutputStream out = s.getOutputStream();
            Fixtures.writeLength(out, length);
            out.write("{\"t\":\"echo\",\"p\":{\"text\":\"".getBytes(StandardCharsets.UTF_8));
            byte[] chunk = "a".repeat(64 * 1024).getBytes(StandardCharsets.UTF_8);
            try {
                while (written < 100_000_000) {
                    out.write(chunk);
                    written += chunk.length;
                }
            } catch (IOException expected) {
                // the server closed the connection: the rest cannot be written
            }
            Fixtures.awaitClosedByPeer(s);
        }
        assertThat(written).isLessThan(100_000_000);
        assertThat(errorsOf(FrameTooLargeException.class)).singleElement()
                .isInstanceOfSatisfying(FrameTooLargeException.class, e -> assertThat(e.length()).isEqualTo(length));
    }

    @Test
    @Timeout(30)
    void shouldBoundAStringWithinTheFrameLimitByTheCodecConstraint() throws Exception {
        JsonCodec strict = JsonCodec.builder().register("echo", Fixtures.Echo.class).maxStringLength(10_000).build();
        try (NetServer big = NetServer.builder().codec(strict).maxFrameLength(MAX_FRAME)
                .onRequest(Fixtures.Echo.class, (c, e) -> e).onError(Fixtures.recorder(errors))
                .bind(PatternFixtures.ANY);
             Socket s = Fixtures.raw(big)) {
            Fixtures.writeFrame(s.getOutputStream(), "{\"t\":\"echo\",\"id\":9,\"p\":{\"text\":\""
                    + "a".repeat(50_000) + "\"}}");
            String reply = Fixtures.readFrame(s.getInputStream());
            assertThat(reply).startsWith("{\"re\":9,\"e\":{\"code\":\"malformed\"").contains("String value length");
        }
    }

    @Test
    @Timeout(20)
    void shouldAnswerAnUnknownTypeNameWithAnErrorAndKeepTheConnection() throws Exception {
        try (Socket s = Fixtures.raw(server)) {
            Fixtures.writeFrame(s.getOutputStream(), "{\"t\":\"java.lang.Runtime\",\"id\":11,\"p\":{}}");
            assertThat(Fixtures.readFrame(s.getInputStream()))
                    .isEqualTo("{\"re\":11,\"e\":{\"code\":\"unknown-type\",\"message\":\"unknown type name: "
                            + "java.lang.Runtime\"}}");
            Fixtures.writeFrame(s.getOutputStream(), "{\"t\":\"echo\",\"id\":12,\"p\":{\"text\":\"ok\"}}");
            assertThat(Fixtures.readFrame(s.getInputStream())).contains("\"re\":12");
        }
        try (Socket s = Fixtures.raw(server)) {
            // no id: nobody to answer; the message is dropped and the connection stays open
            Fixtures.writeFrame(s.getOutputStream(), "{\"t\":\"nobody\",\"p\":{}}");
            Fixtures.writeFrame(s.getOutputStream(), "{\"t\":\"echo\",\"id\":13,\"p\":{\"text\":\"ok\"}}");
            assertThat(Fixtures.readFrame(s.getInputStream())).contains("\"re\":13");
        }
    }

    @Test
    @Timeout(20)
    void shouldAnswerAPayloadThatDoesNotBindWithAnError() throws Exception {
        try (Socket s = Fixtures.raw(server)) {
            Fixtures.writeFrame(s.getOutputStream(), "{\"t\":\"node-message\",\"id\":13,\"p\":{\"id\":[1,2]}}");
            assertThat(Fixtures.readFrame(s.getInputStream())).startsWith("{\"re\":13,\"e\":{\"code\":\"bad-payload\"");
        }
        assertThat(errorsOf(ProtocolException.class)).singleElement().satisfies(
                e -> assertThat(e).hasMessageContaining("does not bind to node-message"));
    }

    @Test
    @Timeout(60)
    void shouldReturnToZeroConnectionsAfterAThousandAreOpenedAndDropped() throws Exception {
        List<Socket> all = new ArrayList<>();
        for (int batch = 0; batch < 10; batch++) {
            List<Socket> sockets = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                sockets.add(Fixtures.raw(server));
            }
            for (Socket s : sockets) {
                s.close();
            }
            all.addAll(sockets);
        }
        // Every one of them was accepted and has closed: await each closure, no polling.
        for (Socket s : all) {
            acceptedFor(s).closeFuture().get();
        }
        assertThat(server.connectionCount()).isEqualTo(1); // the bystander
    }

    @Test
    @Timeout(20)
    void shouldCleanUpAfterAClientKilledMidRequest() throws Exception {
        CompletableFuture<Void> closed;
        try (Socket s = Fixtures.raw(server)) {
            Fixtures.writeFrame(s.getOutputStream(), "{\"t\":\"delay\",\"id\":1,\"p\":{\"millis\":0,\"value\":1}}");
            handlerStarted.await();
            closed = acceptedFor(s).closeFuture();
            s.setSoLinger(true, 0); // a reset, as when the process dies
        }
        closed.get();
        releaseHandler.countDown(); // the handler finishes; its reply has nowhere to go
        assertThat(server.connectionCount()).isEqualTo(1);
    }

    @Test
    @Timeout(60)
    void shouldSurviveRandomBytes() throws Exception {
        Random random = new Random(20261127);
        byte[] valid = "{\"t\":\"echo\",\"id\":1,\"p\":{\"text\":\"fuzz\"}}".getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < 300; i++) {
            byte[] bytes;
            if (i % 2 == 0) {
                bytes = new byte[1 + random.nextInt(2000)];
                random.nextBytes(bytes);
            } else {
                // A valid frame with a few bytes flipped: gets past the framing more often.
                bytes = new byte[4 + valid.length];
                bytes[3] = (byte) valid.length;
                System.arraycopy(valid, 0, bytes, 4, valid.length);
                for (int k = 0; k < 1 + random.nextInt(4); k++) {
                    bytes[4 + random.nextInt(valid.length)] = (byte) random.nextInt(256);
                }
            }
            try (Socket s = Fixtures.raw(server)) {
                s.getOutputStream().write(bytes);
                s.getOutputStream().flush();
                s.shutdownOutput(); // end of stream: a frame still incomplete ends here
                Fixtures.awaitClosedByPeer(s);
                acceptedFor(s).closeFuture().get(); // the client saw the close; the server's bookkeeping follows
            }
        }
        assertThat(server.connectionCount()).isEqualTo(1);
    }

    @Test
    @Timeout(20)
    void shouldNotLetAnErrorListenerThatThrowsDisturbTheServer() throws Exception {
        // The listener's failure is logged at WARNING with its stack trace, as it should be;
        // this test keeps the build output quiet.
        java.util.logging.Logger log = java.util.logging.Logger.getLogger("dev.strand.net");
        java.util.logging.Level level = log.getLevel();
        log.setLevel(java.util.logging.Level.OFF);
        try {
            throwingListener();
        } finally {
            log.setLevel(level);
        }
    }

    private void throwingListener() throws Exception {
        try (NetServer s2 = Fixtures.server(errors).onError((c, e) -> {
            throw new IllegalStateException("listener bug");
        }).bind(PatternFixtures.ANY); Socket s = Fixtures.raw(s2)) {
            Fixtures.writeFrame(s.getOutputStream(), "garbage");
            Fixtures.awaitClosedByPeer(s);
            try (Connection c = Fixtures.client().connect(Fixtures.address(s2))) {
                assertThat(c.request(new Fixtures.Echo("x"), Fixtures.Echo.class, Fixtures.SECONDS_5).get())
                        .isEqualTo(new Fixtures.Echo("x"));
            }
        }
    }
}
