package dev.strand.examples.net;

import dev.strand.examples.Example;
import dev.strand.net.Codec;
import dev.strand.net.Connection;
import dev.strand.net.JsonCodec;
import dev.strand.net.NetClient;
import dev.strand.net.NetServer;
import dev.strand.net.RemoteException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.CompletionException;

/**
 * The Rust original's tarpc {@code rpc hello(name: String) -> String}: a request, its reply, and a
 * remote failure coming back as {@link RemoteException}.
 */
public final class HelloRpcExample implements Example {

    /** The request. */
    public record Hello(String name) {
    }

    /** The reply. */
    public record Greeting(String text) {
    }

    @Override
    public String name() {
        return "hello-rpc";
    }

    @Override
    public String description() {
        return "request-reply: the hello RPC, with a deadline and a remote error";
    }

    @Override
    public void run(PrintStream out) throws Exception {
        Codec codec = JsonCodec.builder()
                .register("hello", Hello.class)
                .register("greeting", Greeting.class)
                .build();
        try (NetServer server = NetServer.builder()
                .codec(codec)
                .onRequest(Hello.class, (conn, req) -> {
                    if (req.name().isBlank()) {
                        throw new IllegalArgumentException("who should I greet?");
                    }
                    return new Greeting("Hello, " + req.name() + "!");
                })
                .bind(new InetSocketAddress("127.0.0.1", 0));
             Connection conn = NetClient.builder().codec(codec)
                     .connect(new InetSocketAddress("127.0.0.1", server.port()))) {
            Greeting g = conn.request(new Hello("world"), Greeting.class, Duration.ofSeconds(2)).join();
            out.println("hello(\"world\") = " + g.text());
            try {
                conn.request(new Hello(" "), Greeting.class, Duration.ofSeconds(2)).join();
            } catch (CompletionException e) {
                RemoteException remote = (RemoteException) e.getCause();
                out.println("hello(\" \") failed remotely [" + remote.code() + "]: " + remote.remoteMessage());
            }
        }
    }
}
