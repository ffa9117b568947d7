package dev.strand.jmh.report;

import dev.strand.jmh.report.Comparison.AllocTarget;
import dev.strand.jmh.report.Comparison.Direction;
import dev.strand.jmh.report.Comparison.Ref;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The report's comparisons, in table order: one declarative list. Targets come from the
 * "Performance targets" sections of the design (20-channels, 30-parallel, 40-resilience,
 * 50-net; 10-core names none), restated as minimum speed ratios.
 */
final class Comparisons {

    private static final double NONE = Double.NaN;

    private Comparisons() {
    }

    /** All comparisons, grouped by module, in the order of the table and chart. */
    static List<Comparison> all() {
        List<Comparison> out = new ArrayList<>();
        channels(out);
        parallel(out);
        resilience(out);
        core(out);
        net(out);
        return List.copyOf(out);
    }

    private static void channels(List<Comparison> out) {
        String unbounded = "channels.UnboundedThroughput.transfer";
        String bounded = "channels.BoundedThroughput.transfer";
        for (String p : List.of("1", "2")) {
            out.add(param("channels", "channels unbounded " + p + "P vs LinkedBlockingQueue", unbounded,
                    "system", "strand", "lbq", Direction.THROUGHPUT, 3.0, AllocTarget.atMost(1.0 / 3), "producers", p));
            out.add(param("channels", "channels unbounded " + p + "P vs LinkedTransferQueue", unbounded,
                    "system", "strand", "ltq", Direction.THROUGHPUT, 3.0, AllocTarget.NONE, "producers", p));
            out.add(param("channels", "channels unbounded " + p + "P vs JCTools MPSC busy-spin (reference)", unbounded,
                    "system", "strand", "jctools", Direction.THROUGHPUT, 0.7, AllocTarget.NONE, "producers", p));
        }
        for (String p : List.of("1", "2")) {
            out.add(param("channels", "channels bounded(1024) " + p + "P vs ArrayBlockingQueue(1024)", bounded,
                    "system", "strand", "abq", Direction.THROUGHPUT, 3.0, AllocTarget.ZERO, "producers", p));
            out.add(param("channels", "channels bounded(1024) " + p + "P vs JCTools busy-spin (reference)", bounded,
                    "system", "strand", "jctools", Direction.THROUGHPUT, 0.7, AllocTarget.ZERO, "producers", p));
        }
        String mpmc = "channels.MpmcThroughput.mpmc";
        out.add(param("channels", "channels multi-consumer bounded(1024) 2P2C vs ArrayBlockingQueue(1024)", mpmc,
                "system", "strand", "abq", Direction.THROUGHPUT, 2.0, AllocTarget.NONE));
        out.add(param("channels", "channels multi-consumer bounded(1024) 2P2C vs LinkedBlockingQueue(1024)", mpmc,
                "system", "strand", "lbq", Direction.THROUGHPUT, 2.0, AllocTarget.NONE));
        String pingPong = "channels.PingPong.roundTrip";
        out.add(param("channels", "channels ping-pong rendezvous vs SynchronousQueue", pingPong,
                "system", "strand-rendezvous", "sq", Direction.TIME, 1.0, AllocTarget.NONE));
        out.add(param("channels", "channels ping-pong bounded(1) vs SynchronousQueue", pingPong,
                "system", "strand-bounded1", "sq", Direction.TIME, 1.0, AllocTarget.NONE));
    }

    private static void parallel(List<Comparison> out) {
        out.add(methods("parallel", "parallel sort int[10M] vs Arrays.sort", "parallel.SortIntBenchmark",
                "strandParallelSort", "jdkArraysSort", 0, 3.0));
        out.add(methods("parallel", "parallel sort int[10M] vs Arrays.parallelSort", "parallel.SortIntBenchmark",
                "strandParallelSort", "jdkArraysParallelSort", 0, 1.0));
        out.add(methods("parallel", "parallel sort 2M records vs Arrays.parallelSort(T[], c)",
                "parallel.SortObjectsBenchmark", "strandParallelSort", "jdkArraysParallelSort", 0, 1.7));
        out.add(methods("parallel", "parallel sortByKey 2M records vs Arrays.parallelSort(T[], c)",
                "parallel.SortObjectsBenchmark", "strandSortByKey", "jdkArraysParallelSort", 0, 5.0));
        out.add(methods("parallel", "parallel sortByLongKey 2M records vs Arrays.parallelSort(T[], c)",
                "parallel.SortObjectsBenchmark", "strandSortByLongKey", "jdkArraysParallelSort", 0, 2.0));
        out.add(methods("parallel", "parallel mapReduce sum of squares 100M vs sequential loop",
                "parallel.SumOfSquaresBenchmark", "strandMapReduce", "sequentialLoop", 0, 1.8));
        out.add(methods("parallel", "parallel mapReduce sum of squares 100M vs LongStream.parallel()",
                "parallel.SumOfSquaresBenchmark", "strandMapReduce", "jdkParallelLongStream", 0, 1.0));
        out.add(methods("parallel", "parallel word count 1M lines (Long::sum) vs groupingByConcurrent",
                "parallel.WordCountBenchmark", "strandMapReduceByKey", "jdkGroupingByConcurrent", 0, 1.5));
        out.add(methods("parallel", "parallel word count 1M lines (counting()) vs groupingByConcurrent",
                "parallel.WordCountBenchmark", "strandMapReduceByKeyCounting", "jdkGroupingByConcurrent", 0, 1.5));
    }

    private static void resilience(List<Comparison> out) {
        // Overhead = score - the bare call's; "Strand's overhead <= 0.5x the peer's" is a speed ratio >= 2.
        for (int t : new int[] {1, 2}) {
            String cb = "resilience.CircuitBreakerBenchmark";
            out.add(overhead("circuit breaker " + t + "T vs Resilience4j", cb, "resilience4j", t, 2.0));
            out.add(overhead("circuit breaker " + t + "T vs Failsafe", cb, "failsafe", t, 2.0));
        }
        for (int t : new int[] {1, 2}) {
            String retry = "resilience.RetryBenchmark";
            out.add(overhead("retry " + t + "T vs Resilience4j", retry, "resilience4j", t, 2.0));
            // The design sets no Failsafe target for retry: shown for reference.
            out.add(overhead("retry " + t + "T vs Failsafe", retry, "failsafe", t, NONE));
        }
    }

    private static void core(List<Comparison> out) {
        // 10-core has no performance targets: these are references (the wrapper's cost).
        for (int t : new int[] {1, 2}) {
            out.add(methods("core", "core RwLock.read " + t + "T vs ReentrantReadWriteLock", "core.RwLockRead",
                    "readsStrandRwLock", "readsReentrantReadWriteLock", t, NONE));
            out.add(methods("core", "core RwLock.readOptimistic " + t + "T vs StampedLock optimistic",
                    "core.RwLockRead", "readsStrandOptimistic", "readsStampedOptimistic", t, NONE));
        }
        for (int t : new int[] {1, 2}) {
            out.add(methods("core", "core Mutex.with " + t + "T vs ReentrantLock", "core.MutexUpdate",
                    "strandMutexWith", "reentrantLock", t, NONE));
            out.add(methods("core", "core Mutex<Long>.update " + t + "T vs ReentrantLock, boxed Long",
                    "core.MutexUpdate", "strandMutexUpdate", "reentrantLockBoxed", t, NONE));
        }
    }

    private static void net(List<Comparison> out) {
        String oneWay = "net.OneWayThroughput.batch";
        out.add(param("net", "net one-way push/pull vs JeroMQ PUSH/PULL", oneWay,
                "system", "strand-push", "jeromq", Direction.THROUGHPUT, 1.0, AllocTarget.NONE));
        out.add(param("net", "net one-way push/pull vs hand-written Netty + Jackson", oneWay,
                "system", "strand-push", "netty", Direction.THROUGHPUT, 0.8, AllocTarget.NONE));
        // The one-way targets hold for both ways of sending one way: Pusher/Puller (the PUSH/PULL
        // analogue) and Connection.send to a NetServer handler (the plain-pipeline analogue).
        out.add(param("net", "net one-way send vs JeroMQ PUSH/PULL", oneWay,
                "system", "strand-send", "jeromq", Direction.THROUGHPUT, 1.0, AllocTarget.NONE));
        out.add(param("net", "net one-way send vs hand-written Netty + Jackson", oneWay,
                "system", "strand-send", "netty", Direction.THROUGHPUT, 0.8, AllocTarget.NONE));
        // 50-net: request-reply is "reported beside" the Netty baseline, with no numeric target,
        // except issue 16's: with handlers on the I/O threads, one request in flight comes within
        // 10 % of the hand-written Netty round trip (the floor on this machine).
        for (String inFlight : List.of("1", "64")) {
            String rr = "net.RequestReplyBenchmark.inFlight" + inFlight;
            out.add(param("net", "net request-reply, " + inFlight + " in flight, vs Netty + Jackson", rr,
                    "system", "strand", "netty", Direction.THROUGHPUT, NONE, AllocTarget.NONE));
            out.add(param("net", "net request-reply, " + inFlight + " in flight, handlers on I/O thread, vs Netty",
                    rr, "system", "strand-direct", "netty", Direction.THROUGHPUT,
                    inFlight.equals("1") ? 0.9 : NONE, AllocTarget.NONE));
        }
        // Typed RPC: a proxy call costs at most 10 % over the raw request it makes.
        for (String inFlight : List.of("1", "64")) {
            out.add(param("net", "net RPC proxy call, " + inFlight + " in flight, vs raw Connection.request",
                    "net.RpcProxyBenchmark.inFlight" + inFlight, "system", "proxy", "raw", Direction.THROUGHPUT, 0.9,
                    AllocTarget.NONE));
        }
        // Issue 16: Strand vs gRPC-java unary calls, same JSON; targets on the direct-executor pair.
        for (String inFlight : List.of("1", "64")) {
            String grpc = "net.GrpcRequestReplyBenchmark.inFlight" + inFlight;
            out.add(param("net", "net request-reply, " + inFlight + " in flight, vs gRPC-java, default executors",
                    grpc, "system", "strand", "grpc", Direction.THROUGHPUT, NONE, AllocTarget.NONE));
            out.add(param("net", "net request-reply, " + inFlight + " in flight, vs gRPC-java, handlers on I/O threads",
                    grpc, "system", "strand-direct", "grpc-direct", Direction.THROUGHPUT,
                    inFlight.equals("1") ? 1.5 : 5.0, AllocTarget.NONE));
        }
    }

    /** Strand and the peer are values of one {@code @Param}; {@code fixed} are further name/value pairs. */
    private static Comparison param(String group, String label, String benchmark, String param, String strand,
                                    String peer, Direction direction, double target, AllocTarget alloc,
                                    String... fixed) {
        Map<String, String> common = new HashMap<>();
        for (int i = 0; i < fixed.length; i += 2) {
            common.put(fixed[i], fixed[i + 1]);
        }
        Map<String, String> s = new HashMap<>(common);
        s.put(param, strand);
        Map<String, String> p = new HashMap<>(common);
        p.put(param, peer);
        return new Comparison(group, label, new Ref(benchmark, s, 0), new Ref(benchmark, p, 0), null, direction,
                target, alloc);
    }

    /** Strand and the peer are two {@code @Benchmark} methods of one class, both timed (lower is better). */
    private static Comparison methods(String group, String label, String cls, String strand, String peer,
                                      int threads, double target) {
        return new Comparison(group, label, new Ref(cls + "." + strand, Map.of(), threads),
                new Ref(cls + "." + peer, Map.of(), threads), null, Direction.TIME, target, AllocTarget.NONE);
    }

    private static Comparison overhead(String label, String cls, String peer, int threads, double target) {
        return new Comparison("resilience", "resilience " + label + " (overhead)",
                new Ref(cls + ".strand", Map.of(), threads), new Ref(cls + "." + peer, Map.of(), threads),
                new Ref(cls + ".baseline", Map.of(), threads), Direction.TIME, target, AllocTarget.ZERO);
    }
}
