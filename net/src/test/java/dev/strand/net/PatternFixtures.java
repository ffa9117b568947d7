package dev.strand.net;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;

/** Message types and a codec for the messaging-pattern tests. */
final class PatternFixtures {

    record Tick(String topic, int seq) {
    }

    record Job(int id) {
    }

    record Blob(int seq, String pad) {
    }

    static final JsonCodec CODEC = JsonCodec.builder()
            .register("tick", Tick.class)
            .register("job", Job.class)
            .register("blob", Blob.class)
            .build();

    static final InetSocketAddress ANY = new InetSocketAddress("127.0.0.1", 0);

    private PatternFixtures() {
    }

    static InetSocketAddress local(int port) {
        return new InetSocketAddress("127.0.0.1", port);
    }

    /** A raw socket with a small receive buffer, connected to {@code port}. */
    static Socket rawSmall(int port) throws IOException {
        Socket s = new Socket();
        s.setReceiveBufferSize(4096);
        s.setTcpNoDelay(true);
        s.setSoTimeout(10_000);
        s.connect(local(port));
        return s;
    }
}
