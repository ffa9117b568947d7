package dev.strand.jmh.core;

import dev.strand.core.Mutex;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A shared counter, incremented by one thread ({@code -t 1}: the cost of an uncontended lock) or
 * two ({@code -t 2}): {@link Mutex#update} and the
 * {@link Mutex.Guard} form against the raw {@link ReentrantLock} they wrap, a
 * {@code synchronized} block, and an {@link AtomicLong} (the lock-free answer).
 *
 * <pre>
 * java -jar jmh/target/benchmarks.jar 'core.MutexUpdate' -t 1 -f 1 -wi 3 -i 5 -w 1s -r 1s -prof gc
 * java -jar jmh/target/benchmarks.jar 'core.MutexUpdate' -t 2 -f 1 -wi 3 -i 5 -w 1s -r 1s -prof gc
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class MutexUpdate {

    private Mutex<Long> boxed;
    private Mutex<long[]> cell;
    private final ReentrantLock lock = new ReentrantLock();
    private long lockCount;
    private Long lockBoxed = 0L;
    private final Object monitor = new Object();
    private long monitorCount;
    private final AtomicLong atomic = new AtomicLong();

    @Setup
    public void setUp() {
        boxed = new Mutex<>(0L);
        cell = new Mutex<>(new long[1]);
    }

    /** Boxes a new {@code Long} per increment (values above the Long cache). */
    @Benchmark
    public long strandMutexUpdate() {
        return boxed.update(n -> n + 1);
    }

    /** Mutates a {@code long[]} in place and returns it: the lock's cost without boxing. */
    @Benchmark
    public Object strandMutexWith() {
        return cell.with(MutexUpdate::increment);
    }

    private static long[] increment(long[] c) {
        c[0]++;
        return c;
    }

    /** Mutates a {@code long[]} in place; allocates the guard (unless escape analysis removes it). */
    @Benchmark
    public long strandMutexGuard() {
        try (Mutex.Guard<long[]> g = cell.lock()) {
            return ++g.get()[0];
        }
    }

    @Benchmark
    public long reentrantLock() {
        lock.lock();
        try {
            return ++lockCount;
        } finally {
            lock.unlock();
        }
    }

    /** The peer of {@code strandMutexUpdate}: the same boxed {@code Long} counter, raw lock. */
    @Benchmark
    public Long reentrantLockBoxed() {
        lock.lock();
        try {
            lockBoxed = lockBoxed + 1;
            return lockBoxed;
        } finally {
            lock.unlock();
        }
    }

    @Benchmark
    public long synchronizedBlock() {
        synchronized (monitor) {
            return ++monitorCount;
        }
    }

    @Benchmark
    public long atomicLong() {
        return atomic.incrementAndGet();
    }
}
