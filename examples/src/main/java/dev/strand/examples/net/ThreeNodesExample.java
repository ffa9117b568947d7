package dev.strand.examples.net;

import dev.strand.examples.Example;
import dev.strand.net.Codec;
import dev.strand.net.Connection;
import dev.strand.net.JsonCodec;
import dev.strand.net.NetClient;
import dev.strand.net.NetServer;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Three nodes, each a server with a client connection to the next: a message travels the ring
 * A → B → C → A, each node adding its name, and then node A asks C, through B, for a greeting
 * (B's request handler makes a request of its own: handlers may block).
 */
public final class ThreeNodesExample implements Example {

    /** A message passed around the ring. */
    public record Token(int id, List<String> visited) {
    }

    /** A request for a greeting. */
    public record Hello(String name) {
    }

    /** Its reply. */
    public record Greeting(String text) {
    }

    @Override
    public String name() {
        return "three-nodes";
    }

    @Override
    public String description() {
        return "three nodes pass a message around a ring and relay a request";
    }

    /** One node: a server, and a connection to the next node once the ring is wired. */
    private static final class Node implements AutoCloseable {
        final String name;
        final NetServer server;
        final AtomicReference<Connection> next = new AtomicReference<>();

        Node(String name, Codec codec, CompletableFuture<Token> home, boolean relay) {
            this.name = name;
            NetServer.Builder b = NetServer.builder().codec(codec)
                    .onMessage(Token.class, (conn, token) -> {
                        List<String> visited = new ArrayList<>(token.visited());
                        visited.add(name);
                        if (token.visited().contains(name)) {
                            home.complete(new Token(token.id(), visited)); // back where it started
                        } else {
                            next.get().send(new Token(token.id(), visited));
                        }
                    });
            if (relay) {
                b.onRequest(Hello.class, (conn, req) -> {
                    Greeting fromNext = next.get().request(req, Greeting.class, Duration.ofSeconds(2)).get();
                    return new Greeting(fromNext.text() + " (relayed by " + name + ")");
                });
            } else {
                b.onRequest(Hello.class, (conn, req) -> new Greeting("Hello, " + req.name() + ", from " + name));
            }
            this.server = b.bind(new InetSocketAddress("127.0.0.1", 0));
        }

        void connectTo(Node other, Codec codec) throws InterruptedException {
            next.set(NetClient.builder().codec(codec)
                    .connect(new InetSocketAddress("127.0.0.1", other.server.port())));
        }

        @Override
        public void close() {
            Connection c = next.get();
            if (c != null) {
                c.close();
            }
            server.close();
        }
    }

    @Override
    public void run(PrintStream out) throws Exception {
        Codec codec = JsonCodec.builder()
                .register("token", Token.class)
                .register("hello", Hello.class)
                .register("greeting", Greeting.class)
                .build();
        CompletableFuture<Token> home = new CompletableFuture<>();
        try (Node a = new Node("A", codec, home, false);
             Node b = new Node("B", codec, home, true);
             Node c = new Node("C", codec, home, false)) {
            a.connectTo(b, codec);
            b.connectTo(c, codec);
            c.connectTo(a, codec);
            out.println("ring: A:" + a.server.port() + " -> B:" + b.server.port() + " -> C:" + c.server.port()
                    + " -> A");

            a.next.get().send(new Token(1, List.of("A"))).join();
            out.println("token 1 went round: " + String.join(" -> ", home.join().visited()));

            Greeting g = a.next.get().request(new Hello("A"), Greeting.class, Duration.ofSeconds(2)).join();
            out.println("A asked B, B asked C: " + g.text());
        }
    }
}
