package dev.strand.examples.net;

import dev.strand.examples.Example;
import dev.strand.net.Codec;
import dev.strand.net.Connection;
import dev.strand.net.JsonCodec;
import dev.strand.net.NetClient;
import dev.strand.net.NetServer;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;

/**
 * The Rust original's "Node A / Node B": node A serializes a {@code NodeMessage} to JSON and sends
 * it over TCP; node B reads it, deserializes it and prints it.
 */
public final class NodeMessageExample implements Example {

    /** The Rust original's {@code struct NodeMessage { id: u32, content: String }}. */
    public record NodeMessage(int id, String content) {
    }

    @Override
    public String name() {
        return "node-message";
    }

    @Override
    public String description() {
        return "node A sends a NodeMessage to node B as JSON over TCP";
    }

    @Override
    public void run(PrintStream out) throws Exception {
        Codec codec = JsonCodec.builder().register("node-message", NodeMessage.class).build();
        NodeMessage message = new NodeMessage(1, "Hello, Node B!");
        out.println("serialized: " + new String(codec.encode(message), StandardCharsets.UTF_8));

        CompletableFuture<NodeMessage> received = new CompletableFuture<>();
        try (NetServer nodeB = NetServer.builder()
                .codec(codec)
                .onMessage(NodeMessage.class, (conn, m) -> received.complete(m))
                .bind(new InetSocketAddress("127.0.0.1", 0));
             Connection nodeA = NetClient.builder().codec(codec)
                     .connect(new InetSocketAddress("127.0.0.1", nodeB.port()))) {
            nodeA.send(message).join();
            out.println("node B received: " + received.join());
        }
    }
}
