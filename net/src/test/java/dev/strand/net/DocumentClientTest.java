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
    void theServerAnswersWithTheDocumentedFieldOrder() throws IOException {
        send("{\"t\":\"hello\",\"id\":9,\"p\":{\"name\":\"\"}}");
        String error = receive();
        assertThat(error).startsWith("{\"re\":9,\"e\":{\"code\":\"handler-failed\",\"message\":");
    }
}
