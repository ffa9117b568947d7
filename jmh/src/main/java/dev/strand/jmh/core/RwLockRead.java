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
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Read path of {@link RwLock} against the primitives it could be built on: the raw
 * {@link ReentrantReadWriteLock} it wraps (cost of the wrapper: function call, reentrancy
 * check), {@link StampedLock} pessimistic reads, and {@link StampedLock} optimistic reads (the
 * alternative the design asks to measure).
 *
 * <p>{@code reads*}: two threads only read. {@code mixed}: one reader and one writer
 * ({@code @Group}), the case where optimistic reads must retry.
 *
 * <pre>
 * java -jar jmh/target/benchmarks.jar 'core.RwLockRead' -f 1 -wi 3 -i 5 -w 1s -r 1s -prof gc
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class RwLockRead {

    /** The protected value: two fields a writer keeps equal, so a torn read is detectable. */
    static final class Pair {
        long a;
        long b;
    }

    private final RwLock<Pair> strand = new RwLock<>(new Pair());

    private final ReentrantReadWriteLock rrwl = new ReentrantReadWriteLock();
    private final Pair rrwlValue = new Pair();

    private final StampedLock stamped = new StampedLock();
    private final Pair stampedValue = new Pair();

    // ---- readers only (2 threads) ----

    @Benchmark
    @Threads(2)
    public long readsStrandRwLock() {
        return strand.read(p -> p.a + p.b);
    }

    @Benchmark
    @Threads(2)
    public long readsStrandOptimistic() {
        return strand.readOptimistic(p -> p.a + p.b);
    }

    @Benchmark
    @Threads(2)
    public long readsReentrantReadWriteLock() {
        ReentrantReadWriteLock.ReadLock r = rrwl.readLock();
        r.lock();
        try {
            return rrwlValue.a + rrwlValue.b;
        } finally {
            r.unlock();
        }
    }

    @Benchmark
    @Threads(2)
    public long readsStampedPessimistic() {
        long stamp = stamped.readLock();
        try {
            return stampedValue.a + stampedValue.b;
        } finally {
            stamped.unlockRead(stamp);
        }
    }

    @Benchmark
    @Threads(2)
    public long readsStampedOptimistic() {
        return optimisticRead();
    }

    private long optimisticRead() {
        long stamp = stamped.tryOptimisticRead();
        long sum = stampedValue.a + stampedValue.b;
        if (!stamped.validate(stamp)) {
            stamp = stamped.readLock();
            try {
                sum = stampedValue.a + stampedValue.b;
            } finally {
                stamped.unlockRead(stamp);
            }
        }
        return sum;
    }

    // ---- one reader, one writer ----

    @Benchmark
    @Group("mixedStrand")
    @GroupThreads(1)
    public long mixedStrandRead() {
        return strand.read(p -> p.a + p.b);
    }

    @Benchmark
    @Group("mixedStrand")
    @GroupThreads(1)
    public long mixedStrandWrite() {
        return strand.write(p -> {
            p.a++;
            return ++p.b;
        });
    }

    @Benchmark
    @Group("mixedStrandOptimistic")
    @GroupThreads(1)
    public long mixedStrandOptimisticRead() {
        return strand.readOptimistic(p -> p.a + p.b);
    }

    @Benchmark
    @Group("mixedStrandOptimistic")
    @GroupThreads(1)
    public long mixedStrandOptimisticWrite() {
        return strand.write(p -> {
            p.a++;
            return ++p.b;
        });
    }

    @Benchmark
    @Group("mixedRrwl")
    @GroupThreads(1)
    public long mixedRrwlRead() {
        return readsReentrantReadWriteLock();
    }

    @Benchmark
    @Group("mixedRrwl")
    @GroupThreads(1)
    public long mixedRrwlWrite() {
        ReentrantReadWriteLock.WriteLock w = rrwl.writeLock();
        w.lock();
        try {
            rrwlValue.a++;
            return ++rrwlValue.b;
        } finally {
            w.unlock();
        }
    }

    @Benchmark
    @Group("mixedStampedOptimistic")
    @GroupThreads(1)
    public long mixedStampedRead() {
        return optimisticRead();
    }

    @Benchmark
    @Group("mixedStampedOptimistic")
    @GroupThreads(1)
    public long mixedStampedWrite() {
        long stamp = stamped.writeLock();
        try {
            stampedValue.a++;
            return ++stampedValue.b;
        } finally {
            stamped.unlockWrite(stamp);
        }
    }
}
