package dev.strand.jmh.net;

import dev.strand.jmh.net.RequestReplyBenchmark.Greeting;
import dev.strand.jmh.net.RequestReplyBenchmark.Hello;
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
 * Strand request-reply against gRPC-java unary calls, the same JSON records both ways (Strand's
 * {@link JsonCodec}; gRPC through a Jackson marshaller, see {@link GrpcPeer}), one loopback
 * connection, 1 and 64 requests in flight.
 *
 * <ul>
 *   <li>{@code strand} / {@code grpc}: default executors on both sides (Strand's server runs
 *       handlers on its pool; gRPC runs server handlers and client callbacks on its cached
 *       pool);</li>
 *   <li>{@code strand-direct} / {@code grpc-direct}: handlers on the I/O threads on both sides
 *       (Strand {@code executor(Runnable::run)}; gRPC {@code directExecutor()} on server and
 *       channel);</li>
 *   <li>{@code netty}: the hand-written Netty + Jackson pipeline ({@link NettyJsonBaseline}),
 *       the floor of a round trip on this machine.</li>
 * </ul>
 * Each request's latency (send to reply) goes into an HdrHistogram during measurement
 * iterations; p50/p99 are printed at the end of each trial as a {@code LATENCY} line.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class GrpcRequestReplyBenchmark {

    @Param({"strand", "grpc", "strand-direct", "grpc-direct", "netty"})
    public String system;

    private NetServer server;
    private Connection connection;
    private GrpcPeer grpc;
    private NettyJsonBaseline netty;
    private final Hello hello = new Hello("world");
    private final LatencyLog latency = new LatencyLog();

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        switch (system) {
            case "grpc", "grpc-direct" -> grpc = new GrpcPeer(system.equals("grpc-direct"));
            case "netty" -> netty = new NettyJsonBaseline();
            case "strand", "strand-direct" -> {
                JsonCodec codec = JsonCodec.builder().register("hello", Hello.class)
                        .register("greeting", Greeting.class).build();
                NetServer.Builder b = NetServer.builder().codec(codec)
                        .onRequest(Hello.class, (conn, req) -> new Greeting("Hello, " + req.name() + "!"));
                if (system.equals("strand-direct")) {
                    b.executor(Runnable::run);
                }
                server = b.bind(new InetSocketAddress("127.0.0.1", 0));
                connection = NetClient.builder().codec(codec)
                        .connect(new InetSocketAddress("127.0.0.1", server.port()));
            }
            default -> throw new IllegalArgumentException("unknown system " + system);
        }
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
        if (grpc != null) {
            grpc.close();
        }
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
        CompletableFuture<Greeting> f = grpc != null ? grpc.request(hello)
                : netty != null ? netty.request(hello)
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
