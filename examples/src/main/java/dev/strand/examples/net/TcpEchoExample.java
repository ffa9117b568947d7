package dev.strand.examples.net;

import dev.strand.examples.Example;
import dev.strand.net.Codec;
import dev.strand.net.Connection;
import dev.strand.net.JsonCodec;
import dev.strand.net.NetClient;
import dev.strand.net.NetServer;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * The Rust original's tokio echo server: whatever a client sends, the server sends back on the same
 * connection. Here the bytes are typed lines in frames, not a raw stream.
 */
public final class TcpEchoExample implements Example {

    /** One line of text. */
    public record Line(String text) {
    }

    @Override
    public String name() {
        return "tcp-echo";
    }

    @Override
    public String description() {
        return "a TCP echo server and client: every line sent comes back on the same connection";
    }

    @Override
    public void run(PrintStream out) throws Exception {
        Codec codec = JsonCodec.builder().register("line", Line.class).build();
        BlockingQueue<Line> echoed = new LinkedBlockingQueue<>();
        try (NetServer server = NetServer.builder()
                .codec(codec)
                .onMessage(Line.class, (conn, line) -> conn.send(line))    // echo it back
                .bind(new InetSocketAddress("127.0.0.1", 0));
             Connection client = NetClient.builder()
                     .codec(codec)
                     .onMessage(Line.class, (conn, line) -> echoed.add(line))
                     .connect(new InetSocketAddress("127.0.0.1", server.port()))) {
            out.println("echo server listening on 127.0.0.1:" + server.port());
            List<String> lines = List.of("hello", "echo", "bye");
            for (String text : lines) {
                client.send(new Line(text)).join();                        // written to the socket
            }
            for (int i = 0; i < lines.size(); i++) {
                out.println("  sent and got back: " + echoed.take().text());
            }
        }
        out.println("server and client closed");
    }
}
