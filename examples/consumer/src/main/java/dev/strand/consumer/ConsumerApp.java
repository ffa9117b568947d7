package dev.strand.consumer;

import dev.strand.channels.Channel;
import dev.strand.channels.Receiver;
import dev.strand.channels.Sender;
import dev.strand.core.JoinHandle;
import dev.strand.core.Mutex;
import dev.strand.core.Scope;
import dev.strand.core.Threads;
import dev.strand.micrometer.ChannelMetrics;
import dev.strand.micrometer.ResilienceMetrics;
import dev.strand.net.Codec;
import dev.strand.net.Connection;
import dev.strand.net.JsonCodec;
import dev.strand.net.NetClient;
import dev.strand.net.NetServer;
import dev.strand.parallel.Parallel;
import dev.strand.resilience.Backoff;
import dev.strand.resilience.CircuitBreaker;
import dev.strand.resilience.Retry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;

/**
 * A user's program: a little of every Strand module, through the published artifacts only.
 * Prints one line per module and exits 0; any wrong result throws (and so exits non-zero).
 */
public final class ConsumerApp {

    /** A request of the loopback RPC. */
    public record Hello(String name) {
    }

    /** Its reply. */
    public record Greeting(String text) {
    }

    private ConsumerApp() {
    }

    /**
     * Runs the program.
     *
     * @param args ignored
     * @throws Exception if any step fails or computes a wrong result
     */
    public static void main(String[] args) throws Exception {
        run(System.out);
    }

    /**
     * Runs every step, printing one line each.
     *
     * @param out where to print
     * @throws Exception if any step fails or computes a wrong result
     */
    public static void run(PrintStream out) throws Exception {
        out.println("channels: sum received = " + channelSum());
        out.println("core: mutex counter = " + mutexCounter());
        out.println("parallel: sum of squares 1..1000 = " + parallelSumOfSquares());
        out.println("resilience: " + retryFlaky());
        out.println("net: " + loopbackRequest());
        out.println("micrometer: " + meters());
        out.println("jfr: " + flightRecording());
        out.println("done");
    }

    /** A producer thread sends 1..100 through a bounded channel; this thread receives them. */
    static long channelSum() throws InterruptedException {
        Channel<Integer> ch = Channel.bounded(8);
        Sender<Integer> tx = ch.sender();
        Receiver<Integer> rx = ch.receiver();
        JoinHandle<Void> producer = Threads.spawn(() -> {
            try (tx) {
                for (int i = 1; i <= 100; i++) {
                    tx.send(i);
                }
            }
            return null;
        });
        long sum = 0;
        for (int v : rx) {  // ends when the only sender is closed
            sum += v;
        }
        producer.join();
        return check(sum, 5050);
    }

    /** Four scoped threads increment a counter owned by a Mutex. */
    static long mutexCounter() throws InterruptedException {
        Mutex<Integer> counter = new Mutex<>(0);
        try (Scope scope = Scope.open()) {
            for (int t = 0; t < 4; t++) {
                scope.spawn(() -> {
                    for (int i = 0; i < 1_000; i++) {
                        counter.update(n -> n + 1);
                    }
                    return null;
                });
            }
            scope.join();
        }
        return check(counter.with(n -> n), 4_000);
    }

    /** A parallel map-reduce on a pool of two. */
    static long parallelSumOfSquares() throws InterruptedException {
        ForkJoinPool pool = new ForkJoinPool(2);
        try {
            long sum = Parallel.on(pool).mapReduce(1, 1_001, i -> (long) i * i, 0L, Long::sum);
            return check(sum, 333_833_500L);
        } finally {
            pool.shutdown();
            pool.awaitTermination(10, TimeUnit.SECONDS);
        }
    }

    /** Channel and circuit-breaker meters in a Micrometer registry. */
    static String meters() throws InterruptedException {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        Channel<String> ch = Channel.unbounded();
        Sender<String> tx = ChannelMetrics.monitor(registry, "jobs", ch.sender());
        Receiver<String> rx = ChannelMetrics.monitor(registry, "jobs", ch.receiver());
        tx.send("a");
        tx.send("b");
        tx.send("c");
        rx.recv();
        CircuitBreaker breaker = CircuitBreaker.builder().name("inventory").build();
        ResilienceMetrics.circuitBreaker(breaker).bindTo(registry);
        long depth = (long) registry.get("strand.channel.depth").tag("name", "jobs").gauge().value();
        long closed = (long) registry.get("strand.circuitbreaker.state").tags("name", "inventory", "state", "closed")
                .gauge().value();
        return "channel depth = " + check(depth, 2) + ", breaker closed = " + check(closed, 1);
    }

    /** An operation that fails twice with an IOException, retried with exponential backoff. */
    static String retryFlaky() throws IOException {
        Retry retry = Retry.builder()
                .maxAttempts(5)
                .backoff(Backoff.exponential(Duration.ofMillis(1)).maxDelay(Duration.ofMillis(10)))
                .retryOn(IOException.class)
                .build();
        AtomicInteger calls = new AtomicInteger();
        String result = retry.call(() -> {
            if (calls.incrementAndGet() <= 2) {
                throw new IOException("flaky #" + calls.get());
            }
            return "ok";
        });
        check(calls.get(), 3);
        return result + " after " + calls.get() + " attempts";
    }

    /** A request and its reply over loopback TCP, JSON-encoded. */
    static String loopbackRequest() throws InterruptedException {
        Codec codec = JsonCodec.builder()
                .register("hello", Hello.class)
                .register("greeting", Greeting.class)
                .build();
        try (NetServer server = NetServer.builder()
                .codec(codec)
                .onRequest(Hello.class, (conn, req) -> new Greeting("Hello, " + req.name() + "!"))
                .bind(new InetSocketAddress("127.0.0.1", 0));
             Connection conn = NetClient.builder().codec(codec)
                     .connect(new InetSocketAddress("127.0.0.1", server.port()))) {
            Greeting g = conn.request(new Hello("consumer"), Greeting.class, Duration.ofSeconds(5)).join();
            if (!g.text().equals("Hello, consumer!")) {
                throw new IllegalStateException("unexpected greeting: " + g.text());
            }
            return g.text();
        }
    }

    /**
     * A JDK Flight Recorder recording of Strand's events, read back from its file: a breaker
     * opening, a retried operation and a loopback connection (opened and closed at each end).
     */
    static String flightRecording() throws Exception {
        Path file = Files.createTempFile("strand-consumer", ".jfr");
        try {
            try (Recording recording = new Recording()) {
                for (String event : List.of("dev.strand.BreakerTransition", "dev.strand.Retry",
                        "dev.strand.ConnectionOpened", "dev.strand.ConnectionClosed")) {
                    recording.enable(event); // Strand's events are off until a recording enables them
                }
                recording.start();
                CircuitBreaker breaker = CircuitBreaker.builder().name("jfr").slidingWindow(1).build();
                try {
                    breaker.call(() -> {
                        throw new IOException("down");
                    });
                } catch (IOException expected) {
                    // one failure in a window of one: the breaker opens
                }
                retryFlaky();
                loopbackRequest();
                recording.stop();
                recording.dump(file);
            }
            Map<String, Integer> counts = new TreeMap<>();
            for (RecordedEvent e : RecordingFile.readAllEvents(file)) {
                counts.merge(e.getEventType().getName(), 1, Integer::sum);
            }
            return "breaker transitions = " + check(counts.getOrDefault("dev.strand.BreakerTransition", 0), 1)
                    + ", retries = " + check(counts.getOrDefault("dev.strand.Retry", 0), 2)
                    + ", connections opened = " + check(counts.getOrDefault("dev.strand.ConnectionOpened", 0), 2)
                    + ", closed = " + check(counts.getOrDefault("dev.strand.ConnectionClosed", 0), 2);
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private static long check(long actual, long expected) {
        if (actual != expected) {
            throw new IllegalStateException("expected " + expected + " but got " + actual);
        }
        return actual;
    }
}
