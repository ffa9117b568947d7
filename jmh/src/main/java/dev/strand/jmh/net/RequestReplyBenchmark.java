package dev.strand.jmh.net;

import dev.strand.net.Connection;
import dev.strand.net.JsonCodec;
import dev.strand.net.NetClient;
import dev.strand.net.NetServer;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
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
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;

/**
 * Request-reply round trips per second over one loopback connection, with 1 and with 64
 * requests in flight, beside a hand-written minimal Netty + Jackson pipeline (the ceiling).
 *
 * <ul>
 *   <li>{@code strand}: {@link NetServer} with its default handler pool (handlers may block:
 *       one thread hop per request on the server);</li>
 *   <li>{@code strand-direct}: the same with {@code executor(Runnable::run)}: handlers run on
 *       the I/O thread, as the baseline's do;</li>
 *   <li>{@code netty}: {@link NettyJsonBaseline}.</li>
 * </ul>
 * Latency of each request (send to reply) goes into an HdrHistogram during measurement
 * iterations; p50/p99 are printed at the end of each trial as a {@code LATENCY} line.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class RequestReplyBenchmark {

    /** The request. */
    public record Hello(String name) {
    }

    /** The reply. */
    public record Greeting(String text) {
    }

    @Param({"strand", "strand-direct", "netty"})
    public String system;

    private NetServer server;
    private Connection connection;
    private NettyJsonBaseline netty;
    private final Hello hello = new Hello("world");
    private final LatencyLog latency = new LatencyLog();

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        if (system.equals("netty")) {
            netty = new NettyJsonBaseline();
            return;
        }
        JsonCodec codec = JsonCodec.builder().register("hello", Hello.class).register("greeting", Greeting.class)
                .build();
        NetServer.Builder b = NetServer.builder().codec(codec)
                .onRequest(Hello.class, (conn, req) -> new Greeting("Hello, " + req.name() + "!"));
        if (system.equals("strand-direct")) {
            b.executor(Runnable::run);
        }
        server = b.bind(new InetSocketAddress("127.0.0.1", 0));
        connection = NetClient.builder().codec(codec).connect(new InetSocketAddress("127.0.0.1", server.port()));
    }

    @Setup(Level.Iteration)
    public void startIteration(IterationParams params) {
        latency.startIteration(params);
    }

    @TearDown(Level.Iteration)
    public void endIteration() {
        latency.endIteration();
    }

    @TearDown(Level.Trial)
    public void tearDown(BenchmarkParams params) throws Exception {
        latency.print(params, system);
        if (netty != null) {
            netty.close();
        }
        if (connection != null) {
            connection.close();
        }
        if (server != null) {
            server.close();
        }
    }

    private CompletableFuture<Greeting> request() {
        long start = System.nanoTime();
        CompletableFuture<Greeting> f = netty != null ? netty.request(hello)
                : connection.request(hello, Greeting.class, Duration.ofSeconds(10));
        return latency.timed(f, start);
    }

    /** One request at a time: each round trip waits for the previous reply. */
    @Benchmark
    public Greeting inFlight1() {
        return request().join();
    }

    /** 64 requests in flight: send 64, then wait for all 64 replies. */
    @Benchmark
    @OperationsPerInvocation(64)
    public Object inFlight64() {
        return LatencyLog.window(64, this::request);
    }
}
