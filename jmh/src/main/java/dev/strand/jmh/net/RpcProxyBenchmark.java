package dev.strand.jmh.net;

import dev.strand.jmh.net.RequestReplyBenchmark.Greeting;
import dev.strand.jmh.net.RequestReplyBenchmark.Hello;
import dev.strand.net.Connection;
import dev.strand.net.JsonCodec;
import dev.strand.net.NetClient;
import dev.strand.net.NetServer;
import dev.strand.net.Rpc;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The cost of a typed RPC proxy over a raw request: round trips per second over one loopback
 * connection, the same {@code Hello -> Greeting} exchange as {@link RequestReplyBenchmark} either
 * way, 1 and 64 in flight.
 *
 * <ul>
 *   <li>{@code raw}: {@code Connection.request(hello, Greeting.class, timeout)} to an
 *       {@code onRequest} handler;</li>
 *   <li>{@code proxy}: {@code greeter.hello(hello)} (blocking) or {@code greeter.helloAsync(hello)}
 *       through {@code Rpc.client(connection).proxy(Greeter.class)} to
 *       {@code serve(Greeter.class, impl)}.</li>
 * </ul>
 * Both use the server's default handler pool.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class RpcProxyBenchmark {

    /** The service the proxy calls. */
    public interface Greeter {
        /**
         * Greets, blocking until the reply.
         *
         * @param hello the request
         * @return the reply
         */
        Greeting hello(Hello hello);

        /**
         * Greets without blocking.
         *
         * @param hello the request
         * @return the reply, later
         */
        CompletableFuture<Greeting> helloAsync(Hello hello);
    }

    @Param({"raw", "proxy"})
    public String system;

    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private NetServer server;
    private Connection connection;
    private Greeter greeter;
    private final Hello hello = new Hello("world");

    @Setup
    public void setUp() throws Exception {
        JsonCodec codec = Rpc.register(JsonCodec.builder().register("hello", Hello.class)
                .register("greeting", Greeting.class)).build();
        server = NetServer.builder().codec(codec)
                .onRequest(Hello.class, (conn, req) -> new Greeting("Hello, " + req.name() + "!"))
                .serve(Greeter.class, new Greeter() {
                    @Override
                    public Greeting hello(Hello h) {
                        return new Greeting("Hello, " + h.name() + "!");
                    }

                    @Override
                    public CompletableFuture<Greeting> helloAsync(Hello h) {
                        return CompletableFuture.completedFuture(hello(h));
                    }
                })
                .bind(new InetSocketAddress("127.0.0.1", 0));
        connection = NetClient.builder().codec(codec).connect(new InetSocketAddress("127.0.0.1", server.port()));
        greeter = Rpc.client(connection).timeout(TIMEOUT).proxy(Greeter.class);
    }

    @TearDown
    public void tearDown() {
        connection.close();
        server.close();
    }

    private CompletableFuture<Greeting> async() {
        return system.equals("raw") ? connection.request(hello, Greeting.class, TIMEOUT) : greeter.helloAsync(hello);
    }

    /** One call at a time (the proxy's blocking method). */
    @Benchmark
    public Greeting inFlight1() {
        return system.equals("raw") ? connection.request(hello, Greeting.class, TIMEOUT).join() : greeter.hello(hello);
    }

    /** 64 calls in flight (the proxy's async method): send 64, then wait for all 64 replies. */
    @Benchmark
    @OperationsPerInvocation(64)
    public Object inFlight64() {
        CompletableFuture<?>[] window = new CompletableFuture<?>[64];
        for (int i = 0; i < 64; i++) {
            window[i] = async();
        }
        return CompletableFuture.allOf(window).join();
    }
}
