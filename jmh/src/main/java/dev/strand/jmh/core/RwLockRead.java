package dev.strand.jmh.core;

import dev.strand.core.RwLock;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.concurrent.locks.StampedLock;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Group;
import org.openjdk.jmh.annotations.GroupThreads;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Read path of {@link RwLock} against the primitives it could be built on: the raw
 * {@link ReentrantReadWriteLock} it wraps (cost of the wrapper: the function call and the
 * reentrancy check), {@link StampedLock} pessimistic and optimistic reads (the alternative the
 * design asks to measure), and {@link RwLock#readOptimistic} (the sequence lock Strand adds
 * beside the RRWL).
 *
 * <p>Every reader computes {@code a == b} on a pair the writers keep equal, so no variant
 * allocates (a {@code Boolean} result is cached) and each reads two fields.
 *
 * <p>{@code reads*}: only readers; run with {@code -t 1} (uncontended) and {@code -t 2}.
 * {@code mixed*}: one reader and one writer ({@code @Group}), where optimistic reads retry.
 *
 * <pre>
 * java -jar jmh/target/benchmarks.jar 'core.RwLockRead.reads' -t 1 -f 1 -wi 3 -i 5 -w 1s -r 1s -prof gc
 * java -jar jmh/target/benchmarks.jar 'core.RwLockRead.reads' -t 2 -f 1 -wi 3 -i 5 -w 1s -r 1s -prof gc
 * java -jar jmh/target/benchmarks.jar 'core.RwLockRead.mixed' -f 1 -wi 3 -i 5 -w 1s -r 1s -prof gc
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class RwLockRead {

    /** The protected value: two fields the writers keep equal. */
    static final class Pair {
        long a;
        long b;
    }

    private final RwLock<Pair> strand = new RwLock<>(new Pair());

    private final ReentrantReadWriteLock rrwl = new ReentrantReadWriteLock();
    private final Pair rrwlValue = new Pair();

    private final StampedLock stamped = new StampedLock();
    private final Pair stampedValue = new Pair();

    // ---- readers only ----

    @Benchmark
    public boolean readsStrandRwLock() {
        return strand.read(p -> p.a == p.b);
    }

    @Benchmark
    public boolean readsStrandOptimistic() {
        return strand.readOptimistic(p -> p.a == p.b);
    }

    @Benchmark
    public boolean readsReentrantReadWriteLock() {
        ReentrantReadWriteLock.ReadLock r = rrwl.readLock();
        r.lock();
        try {
            return rrwlValue.a == rrwlValue.b;
        } finally {
            r.unlock();
        }
    }

    @Benchmark
    public boolean readsStampedPessimistic() {
        long stamp = stamped.readLock();
        try {
            return stampedValue.a == stampedValue.b;
        } finally {
            stamped.unlockRead(stamp);
        }
    }

    @Benchmark
    public boolean readsStampedOptimistic() {
        long stamp = stamped.tryOptimisticRead();
        boolean equal = stampedValue.a == stampedValue.b;
        if (!stamped.validate(stamp)) {
            stamp = stamped.readLock();
            try {
                equal = stampedValue.a == stampedValue.b;
            } finally {
                stamped.unlockRead(stamp);
            }
        }
        return equal;
    }

    // ---- one reader, one writer ----

    @Benchmark
    @Group("mixedStrand")
    @GroupThreads(1)
    public boolean mixedStrandRead() {
        return readsStrandRwLock();
    }

    @Benchmark
    @Group("mixedStrand")
    @GroupThreads(1)
    public Object mixedStrandWrite() {
        return strand.write(RwLockRead::bump);
    }

    @Benchmark
    @Group("mixedStrandOptimistic")
    @GroupThreads(1)
    public boolean mixedStrandOptimisticRead() {
        return readsStrandOptimistic();
    }

    @Benchmark
    @Group("mixedStrandOptimistic")
    @GroupThreads(1)
    public Object mixedStrandOptimisticWrite() {
        return strand.write(RwLockRead::bump);
    }

    @Benchmark
    @Group("mixedRrwl")
    @GroupThreads(1)
    public boolean mixedRrwlRead() {
        return readsReentrantReadWriteLock();
    }

    @Benchmark
    @Group("mixedRrwl")
    @GroupThreads(1)
    public Object mixedRrwlWrite() {
        ReentrantReadWriteLock.WriteLock w = rrwl.writeLock();
        w.lock();
        try {
            return bump(rrwlValue);
        } finally {
            w.unlock();
        }
    }

    @Benchmark
    @Group("mixedStampedOptimistic")
    @GroupThreads(1)
    public boolean mixedStampedRead() {
        return readsStampedOptimistic();
    }

    @Benchmark
    @Group("mixedStampedOptimistic")
    @GroupThreads(1)
    public Object mixedStampedWrite() {
        long stamp = stamped.writeLock();
        try {
            return bump(stampedValue);
        } finally {
            stamped.unlockWrite(stamp);
        }
    }

    private static Object bump(Pair p) {
        p.a++;
        p.b++;
        return p; // an existing object: the write allocates nothing
    }
}
