package dev.strand.net;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strand.net.transport.EventLoops;
import io.netty.pkitesting.CertificateBuilder;
import io.netty.pkitesting.X509Bundle;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Message types, a shared codec and raw-socket helpers for the net tests. */
final class Fixtures {

    record Hello(String name) {
    }

    record Greeting(String text) {
    }

    record NodeMessage(int id, String content) {
    }

    record Delay(int millis, int value) {
    }

    record Echo(String text) {
    }

    record Unhandled(int x) {
    }

    static final JsonCodec CODEC = JsonCodec.builder()
            .register("hello", Hello.class)
            .register("greeting", Greeting.class)
            .register("node-message", NodeMessage.class)
            .register("delay", Delay.class)
            .register("echo", Echo.class)
            .register("unhandled", Unhandled.class)
            .build();

    static final Duration SECONDS_5 = Duration.ofSeconds(5);

    private Fixtures() {
    }

    /** A self-signed certificate for localhost and 127.0.0.1, valid for a day either side of now. */
    static X509Bundle localhostCertificate() throws Exception {
        return new CertificateBuilder()
                .subject("CN=localhost")
                .addSanDnsName("localhost")
                .addSanIpAddress("127.0.0.1")
                .notBefore(Instant.now().minus(1, ChronoUnit.DAYS))
                .notAfter(Instant.now().plus(1, ChronoUnit.DAYS))
                .ecp256()
                .setIsCertificateAuthority(true)
                .addExtendedKeyUsageServerAuth()
                .buildSelfSigned();
    }

    /** A server answering Hello with Greeting, Echo with Echo, Delay after its delay, recording errors. */
    static NetServer.Builder server(List<Throwable> errors) {
        return serverWithoutDelay(errors)
                .onRequest(Delay.class, (conn, req) -> {
                    Thread.sleep(req.millis()); // the handler's own work, not a test wait
                    return req;
                });
    }

    /** A server answering Hello with Greeting and Echo with Echo, recording errors; Delay is the test's. */
    static NetServer.Builder serverWithoutDelay(List<Throwable> errors) {
        return NetServer.builder()
                .codec(CODEC)
                .onRequest(Hello.class, (conn, req) -> {
                    if (req.name().isEmpty()) {
                        throw new IllegalArgumentException("name must not be empty");
                    }
                    return new Greeting("Hello, " + req.name() + "!");
                })
                .onRequest(Echo.class, (conn, req) -> req)
                .onError(recorder(errors));
    }

    static ErrorListener recorder(List<Throwable> errors) {
        return (remote, error) -> errors.add(error);
    }

    static List<Throwable> errors() {
        return new CopyOnWriteArrayList<>();
    }

    static NetClient.Builder client() {
        return NetClient.builder().codec(CODEC);
    }

    static InetSocketAddress address(NetServer server) {
        return new InetSocketAddress("127.0.0.1", server.port());
    }

    /** A raw socket to the server, for writing bytes no well-behaved client would. */
    static Socket raw(NetServer server) throws IOException {
        Socket s = new Socket("127.0.0.1", server.port());
        s.setSoTimeout(10_000);
        s.setTcpNoDelay(true); // no Nagle delay between a test's writes
        return s;
    }

    /** Writes one frame: u32 BE length then the UTF-8 body. */
    static void writeFrame(OutputStream out, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        byte[] frame = new byte[4 + bytes.length];
        frame[0] = (byte) (bytes.length >>> 24);
        frame[1] = (byte) (bytes.length >>> 16);
        frame[2] = (byte) (bytes.length >>> 8);
        frame[3] = (byte) bytes.length;
        System.arraycopy(bytes, 0, frame, 4, bytes.length);
        out.write(frame); // one write: one segment
        out.flush();
    }

    static void writeLength(OutputStream out, long length) throws IOException {
        out.write(new byte[] {(byte) (length >>> 24), (byte) (length >>> 16), (byte) (length >>> 8), (byte) length});
    }

    /** Reads one frame body, skipping keepalive pings; null at end of stream. */
    static String readFrame(InputStream in) throws IOException {
        while (true) {
            byte[] header = in.readNBytes(4);
            if (header.length < 4) {
                return null;
            }
            int length = ((header[0] & 0xff) << 24) | ((header[1] & 0xff) << 16) | ((header[2] & 0xff) << 8)
                    | (header[3] & 0xff);
            String body = new String(in.readNBytes(length), StandardCharsets.UTF_8);
            if (!body.contains("\"$ping\"")) {
                return body;
            }
        }
    }

    /** Blocks until the peer closes the socket (read returns end of stream), skipping what it sends. */
    static void awaitClosedByPeer(Socket socket) throws IOException {
        InputStream in = socket.getInputStream();
        byte[] buf = new byte[4096];
        try {
            while (in.read(buf) >= 0) {
                // discard: pings, error replies
            }
        } catch (java.net.SocketException reset) {
            // a reset is a close too
        }
    }

    /**
     * Waits for {@code future}; if it takes longer than {@code seconds}, prints the stacks of
     * this module's threads (to diagnose a hang) and fails.
     */
    static <T> T awaitOrDump(java.util.concurrent.CompletableFuture<T> future, int seconds) throws Exception {
        try {
            return future.get(seconds, java.util.concurrent.TimeUnit.SECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            Thread.getAllStackTraces().forEach((t, stack) -> {
                if (t.getName().startsWith(EventLoops.THREAD_PREFIX)) {
                    System.out.println("HANG " + t.getName() + " " + t.getState());
                    for (StackTraceElement el : stack) {
                        System.out.println("HANG     " + el);
                    }
                }
            });
            throw e;
        }
    }

    /** Asserts that no thread this module starts is alive. */
    static void assertNoNetThreads() {
        List<String> alive = Thread.getAllStackTraces().keySet().stream()
                .filter(Thread::isAlive)
                .map(Thread::getName)
                .filter(n -> n.startsWith(EventLoops.THREAD_PREFIX))
                .toList();
        assertThat(alive).as("strand-net threads still alive").isEmpty();
    }
}
