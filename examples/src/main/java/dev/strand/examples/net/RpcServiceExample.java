package dev.strand.examples.net;

import dev.strand.examples.Example;
import dev.strand.net.Connection;
import dev.strand.net.JsonCodec;
import dev.strand.net.NetClient;
import dev.strand.net.NetServer;
import dev.strand.net.OneWay;
import dev.strand.net.Rpc;
import dev.strand.net.RpcContext;
import dev.strand.net.RpcRemoteException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The hello service of tarpc's {@code service! { rpc hello(name: String) -> String; }} as a
 * plain Java interface: served with {@code serve(Greeter.class, impl)}, called through a proxy,
 * with an async method, a one-way method, the deadline seen by the server and a remote failure.
 */
public final class RpcServiceExample implements Example {

    /** What the service reports about itself. */
    public record Stats(int greeted, long deadlineMillis) {
    }

    /** The service: a plain interface, shared by server and client. */
    public interface Greeter {
        /**
         * Greets someone; blocks the caller until the reply or the deadline.
         *
         * @param name who to greet; not blank
         * @return the greeting
         */
        String hello(String name);

        /**
         * Reports the service's counters; does not block the caller.
         *
         * @return the counters
         */
        CompletableFuture<Stats> stats();

        /**
         * Fire-and-forget: returns at once, without waiting for the server.
         *
         * @param line a line to log
         */
        @OneWay
        void log(String line);
    }

    /** The server's implementation; called on the server's handler threads, so thread-safe. */
    static final class GreeterImpl implements Greeter {
        private final AtomicInteger greeted = new AtomicInteger();

        @Override
        public String hello(String name) {
            if (name.isBlank()) {
                throw new IllegalArgumentException("who should I greet?");
            }
            greeted.incrementAndGet();
            return "Hello, " + name + "!";
        }

        @Override
        public CompletableFuture<Stats> stats() {
            long left = RpcContext.remaining().map(Duration::toMillis).orElse(-1L);
            return CompletableFuture.completedFuture(new Stats(greeted.get(), left));
        }

        @Override
        public void log(String line) {
            // a real service would write it somewhere; the caller does not wait for this
        }
    }

    @Override
    public String name() {
        return "rpc-service";
    }

    @Override
    public String description() {
        return "typed RPC: the hello service as a Java interface, called through a proxy";
    }

    @Override
    public void run(PrintStream out) throws Exception {
        JsonCodec codec = Rpc.register(JsonCodec.builder()).build();
        try (NetServer server = NetServer.builder().codec(codec).serve(Greeter.class, new GreeterImpl())
                .bind(new InetSocketAddress("127.0.0.1", 0));
             Connection conn = NetClient.builder().codec(codec)
                     .connect(new InetSocketAddress("127.0.0.1", server.port()))) {
            Greeter greeter = Rpc.client(conn).timeout(Duration.ofSeconds(2)).proxy(Greeter.class);
            out.println("hello(\"world\") = " + greeter.hello("world"));
            greeter.log("greeted the world");
            Stats stats = greeter.stats().join();
            out.println("stats() = " + stats.greeted() + " greeted, the server saw a deadline "
                    + (stats.deadlineMillis() > 0 ? "within 2 s" : "missing"));
            try {
                greeter.hello(" ");
            } catch (RpcRemoteException e) {
                out.println("hello(\" \") failed remotely [" + e.code() + "]: " + e.remoteType() + ": "
                        + e.remoteMessage());
            }
        }
    }
}
