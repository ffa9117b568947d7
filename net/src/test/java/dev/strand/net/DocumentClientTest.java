package dev.strand.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A client written from {@code docs/PROTOCOL.md} alone: a raw socket, frames and JSON built by
 * hand as the document describes them (no class of the library on the client side), against a
 * server answering {@code hello} with {@code greeting} and {@code echo} with {@code echo}, with
 * {@code unhandled} registered but no handler. Each test is one documented case.
 */
@Timeout(30)
class DocumentClientTest {

    private final List<Throwable> errors = new ArrayList<>();
    private NetServer server;
    private Socket socket;
    private OutputStream out;
    private DataInputStream in;

    @BeforeEach
    void start() throws Exception {
        server = Fixtures.server(errors).onError((c, e) -> { }).maxFrameLength(1024).bind(PatternFixtures.ANY);
        socket = new Socket("127.0.0.1", server.port());
        socket.setSoTimeout(10_000);
        out = socket.getOutputStream();
        in = new DataInputStream(socket.getInputStream());
    }

    @AfterEach
    void stop() throws Exception {
        socket.close();
        server.close();
    }

    /** "length (u32, big-endian)" then "`length` bytes, one UTF-8 JSON object". */
    private void send(String body) throws IOException {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        byte[] frame = new byte[4 + b.length];
        frame[0] = (byte) (b.length >>> 24);
        frame[1] = (byte) (b.length >>> 16);
        frame[2] = (byte) (b.length >>> 8);
        frame[3] = (byte) b.length;
        System.arraycopy(b, 0, frame, 4, b.length);
        out.write(frame);
        out.flush();
    }

    /** The next frame that is not a ping ("ignored on receipt"). */
    private String receive() throws IOException {
        while (true) {
            long length = in.readInt() & 0xffffffffL;
            byte[] body = new byte[(int) length];
            in.readFully(body);
            String s = new String(body, StandardCharsets.UTF_8);
            if (!s.equals("{\"t\":\"$ping\"}")) {
                return s;
            }
        }
    }

    /** The connection is closed by the server: end of stream (or a reset) after any frames. */
    private void assertClosedByServer() throws IOException {
        try {
            while (true) {
                receive();
            }
        } catch (EOFException | SocketException closed) {
            // closed, as documented
        }
    }

    /** Documented: the connection is kept; a request after the case is answered. */
    private void assertKept() throws IOException {
        send("{\"t\":\"echo\",\"id\":99,\"p\":{\"text\":\"still here\"}}");
        assertThat(receive()).isEqualTo("{\"t\":\"echo\",\"re\":99,\"p\":{\"text\":\"still here\"}}");
    }

    @Test
    void theExampleFrameGetsTheExampleReply() throws IOException {
        out.write(HexFormat.of().parseHex("00000029" + "7b2274223a2268656c6c6f222c226964223a312c2270223a7b226e616d65"
                + "223a22776f726c64227d7d"));
        out.flush();
        assertThat(receive()).isEqualTo("{\"t\":\"greeting\",\"re\":1,\"p\":{\"text\":\"Hello, world!\"}}");
    }

    @Test
    void fieldsInAnyOrderAndUnknownFieldsAreAccepted() throws IOException {
        send("{\"p\":{\"text\":\"x\"},\"new-field\":[1,{\"a\":2}],\"id\":2,\"t\":\"echo\"}");
        assertThat(receive()).isEqualTo("{\"t\":\"echo\",\"re\":2,\"p\":{\"text\":\"x\"}}");
    }

    @Test
    void aPingIsIgnored() throws IOException {
        send("{\"t\":\"$ping\"}");
        assertKept();
    }

    @Test
    void anUnknownTypeNameIsAnsweredUnknownType() throws IOException {
        send("{\"t\":\"no.such:type/1\",\"id\":3,\"p\":{}}");
        assertThat(receive()).startsWith("{\"re\":3,\"e\":{\"code\":\"unknown-type\"");
        assertKept();
    }

    @Test
    void aRequestWithNoHandlerIsAnsweredUnknownType() throws IOException {
        send("{\"t\":\"unhandled\",\"id\":4,\"p\":{\"x\":1}}");
        assertThat(receive()).startsWith("{\"re\":4,\"e\":{\"code\":\"unknown-type\"");
        assertKept();
    }

    @Test
    void aJsonSyntaxErrorInsideThePayloadIsMalformed() throws IOException {
        send("{\"t\":\"echo\",\"id\":5,\"p\":{\"text\":tru}}");
        assertThat(receive()).startsWith("{\"re\":5,\"e\":{\"code\":\"malformed\"");
        assertKept();
    }

    @Test
    void aJsonSyntaxErrorInsideThePayloadOfAnUnknownTypeIsMalformed() throws IOException {
        send("{\"t\":\"nobody\",\"id\":6,\"p\":{\"a\":[1,}}");
        assertThat(receive()).startsWith("{\"re\":6,\"e\":{\"code\":\"malformed\"");
        assertKept();
    }

    @Test
    void aPayloadThatDoesNotBindIsBadPayload() throws IOException {
        send("{\"t\":\"echo\",\"id\":7,\"p\":{\"text\":{\"not\":\"a string\"}}}");
        assertThat(receive()).startsWith("{\"re\":7,\"e\":{\"code\":\"bad-payload\"");
        assertKept();
    }

    @Test
    void aMessageOfAnUnknownTypeIsDroppedAndTheConnectionKept() throws IOException {
        send("{\"t\":\"nobody\",\"p\":{}}");
        assertKept();
    }

    @Test
    void aMessageOfAnUnknownReservedTypeIsDroppedAndTheConnectionKept() throws IOException {
        // What a peer that predates "$cancel" does with one: the same as with any unknown "$" type.
        send("{\"t\":\"$not-yet-invented\",\"p\":1}");
        assertKept();
    }

    @Test
    void aMessageWithNoHandlerIsDroppedAndTheConnectionKept() throws IOException {
        send("{\"t\":\"unhandled\",\"p\":{\"x\":1}}");
        assertKept();
    }

    @Test
    void malformedJsonWithoutARequestIdClosesTheConnection() throws IOException {
        send("{\"t\":\"echo\",");
        assertClosedByServer();
    }

    @Test
    void anEmptyFrameClosesTheConnection() throws IOException {
        out.write(new byte[4]);
        out.flush();
        assertClosedByServer();
    }

    @Test
    void aFrameLongerThanMaxFrameLengthClosesTheConnectionBeforeItsBody() throws IOException {
        out.write(new byte[] {0, 0, 0x04, 0x01}); // 1025 > 1024, and no body follows
        out.flush();
        assertClosedByServer();
    }

    @Test
    void closingTheWriteSideClosesTheConnection() throws IOException {
        send("{\"t\":\"echo\",\"id\":8,\"p\":{\"text\":\"x\"}}");
        socket.shutdownOutput();
        assertClosedByServer(); // the reply may or may not come first, as documented
    }

    @Test
    void aReplyWithAStrayIdIsCountedLate() throws Exception {
        try (java.net.ServerSocket raw = new java.net.ServerSocket(0, 1,
                java.net.InetAddress.getLoopbackAddress());
             Connection conn = Fixtures.client().onRequest(Fixtures.Echo.class, (c, r) -> r).connect(new java.net.InetSocketAddress("127.0.0.1",
                     raw.getLocalPort()));
             Socket peer = raw.accept()) {
            OutputStream o = peer.getOutputStream();
            byte[] stray = "{\"t\":\"echo\",\"re\":12345,\"p\":{\"text\":\"?\"}}".getBytes(StandardCharsets.UTF_8);
            o.write(new byte[] {0, 0, 0, (byte) stray.length});
            o.write(stray);
            // A frame after it, answered: once its reply arrived, the stray one was read before it.
            byte[] ping = "{\"t\":\"echo\",\"id\":1,\"p\":{\"text\":\"after\"}}".getBytes(StandardCharsets.UTF_8);
            o.write(new byte[] {0, 0, 0, (byte) ping.length});
            o.write(ping);
            o.flush();
            peer.setSoTimeout(10_000);
            DataInputStream pin = new DataInputStream(peer.getInputStream());
            String reply;
            do {
                byte[] body = new byte[pin.readInt()];
                pin.readFully(body);
                reply = new String(body, StandardCharsets.UTF_8);
            } while (reply.equals("{\"t\":\"$ping\"}"));
            assertThat(reply).contains("\"re\":1");
            assertThat(conn.stats().lateReplies()).isEqualTo(1);
        }
    }

    @Test
    void aCancelForAnUnknownIdIsIgnoredAndTheConnectionKept() throws IOException {
        send("{\"t\":\"$cancel\",\"p\":12345}");
        send("{\"p\":12346,\"t\":\"$cancel\"}"); // fields in any order
        assertKept(); // and nothing answers the cancels: the next frame is the echo
    }

    @Test
    void aCancelWithoutAnIntegerIdClosesTheConnection() throws IOException {
        send("{\"t\":\"$cancel\",\"p\":\"one\"}");
        assertClosedByServer();
    }

    @Test
    void aCancelledRequestStillWaitingForAHandlerIsNeverRunNorAnswered() throws Exception {
        socket.close();
        server.close();
        ExecutorService oneThread = Executors.newSingleThreadExecutor();
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger echoes = new AtomicInteger();
        // One handler per connection: while "delay" 1 holds it, "echo" 2 waits its turn.
        server = NetServer.builder().codec(Fixtures.CODEC).executor(oneThread)
                .limits(Limits.builder().maxHandlersPerConnection(1).build())
                .onError((c, e) -> { })
                .onRequest(Fixtures.Delay.class, (c, d) -> {
                    started.countDown();
                    release.await();
                    return d;
                })
                .onRequest(Fixtures.Echo.class, (c, e) -> {
                    echoes.incrementAndGet();
                    return e;
                })
                .bind(PatternFixtures.ANY);
        try {
            socket = new Socket("127.0.0.1", server.port());
            socket.setSoTimeout(10_000);
            out = socket.getOutputStream();
            in = new DataInputStream(socket.getInputStream());
            send("{\"t\":\"delay\",\"id\":1,\"p\":{\"millis\":0,\"value\":1}}");
            started.await();
            send("{\"t\":\"echo\",\"id\":2,\"p\":{\"text\":\"cancelled\"}}");
            send("{\"t\":\"$cancel\",\"p\":2}");
            // Frames are read in order: once this is answered, the cancel was read.
            send("{\"t\":\"unhandled\",\"id\":3,\"p\":{\"x\":1}}");
            assertThat(receive()).startsWith("{\"re\":3,\"e\":{\"code\":\"unknown-type\"");
            release.countDown();
            assertThat(receive()).isEqualTo("{\"t\":\"delay\",\"re\":1,\"p\":{\"millis\":0,\"value\":1}}");
            // Had echo 2 still waited, it would run (and be answered) before echo 4.
            send("{\"t\":\"echo\",\"id\":4,\"p\":{\"text\":\"after\"}}");
            assertThat(receive()).isEqualTo("{\"t\":\"echo\",\"re\":4,\"p\":{\"text\":\"after\"}}");
            assertThat(echoes.get()).isEqualTo(1);
        } finally {
            release.countDown();
            server.close();
            oneThread.shutdownNow();
        }
    }

    @Test
    void aClientSendsTheDocumentedCancelAndCountsTheLateReply() throws Exception {
        try (java.net.ServerSocket raw = new java.net.ServerSocket(0, 1,
                java.net.InetAddress.getLoopbackAddress());
             Connection conn = Fixtures.client().onRequest(Fixtures.Echo.class, (c, r) -> r)
                     .connect(new java.net.InetSocketAddress("127.0.0.1", raw.getLocalPort()));
             Socket peer = raw.accept()) {
            peer.setSoTimeout(10_000);
            DataInputStream pin = new DataInputStream(peer.getInputStream());
            OutputStream o = peer.getOutputStream();
            java.util.concurrent.CompletableFuture<Fixtures.Echo> f =
                    conn.request(new Fixtures.Echo("x"), Fixtures.Echo.class, java.time.Duration.ofSeconds(10));
            assertThat(Fixtures.readFrame(pin)).isEqualTo("{\"t\":\"echo\",\"id\":1,\"p\":{\"text\":\"x\"}}");

            assertThat(f.cancel(true)).isTrue();
            assertThat(Fixtures.readFrame(pin)).isEqualTo("{\"t\":\"$cancel\",\"p\":1}");

            // The peer answers anyway (it had started), then asks something: the answer to the
            // question comes after the late reply was read.
            Fixtures.writeFrame(o, "{\"t\":\"echo\",\"re\":1,\"p\":{\"text\":\"x\"}}");
            Fixtures.writeFrame(o, "{\"t\":\"echo\",\"id\":1,\"p\":{\"text\":\"after\"}}");
            assertThat(Fixtures.readFrame(pin)).isEqualTo("{\"t\":\"echo\",\"re\":1,\"p\":{\"text\":\"after\"}}");
            assertThat(conn.stats().lateReplies()).isEqualTo(1);
            assertThat(conn.stats().inFlightRequests()).isZero();
        }
    }

    @Test
    void theServerAnswersWithTheDocumentedFieldOrder() throws IOException {
        send("{\"t\":\"hello\",\"id\":9,\"p\":{\"name\":\"\"}}");
        String error = receive();
        assertThat(error).startsWith("{\"re\":9,\"e\":{\"code\":\"handler-failed\",\"message\":");
    }
}
