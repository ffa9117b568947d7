package dev.strand.core;

import dev.strand.core.internal.Durations;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * A readers-writer lock that owns the value it protects (Rust's {@code RwLock<T>}): any
 * number of readers at once, or one writer alone.
 *
 * <pre>{@code
 * RwLock<Map<String, Integer>> table = new RwLock<>(new HashMap<>());
 * table.read(m -> m.get("a"));                // many readers at once
 * table.write(m -> m.put("a", 1));            // one writer
 * try (RwLock.WriteGuard<Map<String, Integer>> g = table.writeLock()) {
 *     g.get().clear();
 * }
 * }</pre>
 *
 * <p><b>Readers must only read.</b> {@link #read} and {@link ReadGuard} run alongside other
 * readers: they must not mutate the value. A mutable value must not escape the lock (do not
 * return it from {@code read} or {@code write}).
 *
 * <p><b>Not reentrant.</b> A thread that holds this lock, for reading or writing, and asks for
 * it again gets {@link IllegalStateException}: in particular, asking to write while reading
 * (an "upgrade") would otherwise deadlock.
 *
 * <p><b>Blocking.</b> {@link #read}, {@link #write}, {@link #update}, {@link #readLock()} and
 * {@link #writeLock()} wait without giving up on interrupt (the status is kept);
 * {@link #tryRead(Duration)} and {@link #tryWrite(Duration)} answer interrupts. Built on
 * {@link ReentrantReadWriteLock}, which parks through {@code java.util.concurrent.locks} (fit
 * for virtual threads). In the default non-fair mode, a waiting writer makes newly arriving
 * readers wait, so writers are not starved by a stream of readers.
 *
 * <p><b>Optimistic reads.</b> {@link #readOptimistic} reads without taking the lock when no
 * writer is inside, and validates afterwards (a sequence lock, like
 * {@link java.util.concurrent.locks.StampedLock#tryOptimisticRead()}). Under many readers it
 * avoids the contended update of the lock's shared state that every {@code read} makes; its
 * function must obey the stricter contract documented there. {@link #read} itself stays
 * pessimistic, because it accepts arbitrary functions.
 *
 * <p><b>Memory consistency:</b> everything a writer did happens-before every later read or
 * write of the value.
 *
 * <p>The value may be null.
 *
 * @param <T> the type of the protected value
 */
public final class RwLock<T> {

    /*
     * Overview of the optimistic read (a sequence lock beside the ReentrantReadWriteLock).
     * `version` is even while no writer holds the write lock and odd while one does. A writer,
     * holding the write lock, makes it odd before touching the value and even (+2 overall)
     * after, before unlocking. An optimistic reader reads an even version, runs the function
     * on the value without locking, and accepts the result only if the version is still the
     * same afterwards: then no writer was inside at any moment of the function's reads, so
     * they saw one consistent state. Otherwise it runs the function again under the read lock.
     * Only writers change `version`, one at a time (they hold the write lock).
     */
    private static final VarHandle VERSION;

    static {
        try {
            VERSION = MethodHandles.lookup().findVarHandle(RwLock.class, "version", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final ReentrantReadWriteLock lock;
    private T value; // guarded by lock: read under either lock, written under the write lock
    @SuppressWarnings("unused") // accessed through VERSION
    private long version;

    /**
     * Creates an unlocked, non-fair lock owning {@code value}.
     *
     * @param value the initial value; may be null
     */
    public RwLock(T value) {
        this(value, false);
    }

    /**
     * Creates an unlocked lock owning {@code value}.
     *
     * @param value the initial value; may be null
     * @param fair true for arrival-order grants, as
     *        {@link ReentrantReadWriteLock#ReentrantReadWriteLock(boolean)}
     */
    public RwLock(T value, boolean fair) {
        this.lock = new ReentrantReadWriteLock(fair);
        this.value = value;
    }

    /**
     * Applies {@code f} to the value under the read lock, possibly at the same time as other
     * readers, and returns its result.
     *
     * @param f reads the value; not null; must not mutate it
     * @param <R> the result type
     * @return what {@code f} returned
     * @throws NullPointerException if {@code f} is null
     * @throws IllegalStateException if the current thread already holds this lock
     */
    public <R> R read(Function<? super T, ? extends R> f) {
        Objects.requireNonNull(f, "f");
        Lock r = acquire(lock.readLock());
        try {
            return f.apply(value);
        } finally {
            r.unlock();
        }
    }

    /**
     * Applies {@code f} to the value, optimistically without locking when no writer is
     * inside, and returns its result; falls back to {@link #read} when a writer got in the way.
     * Under concurrent readers this is much cheaper than {@code read} (it writes no shared
     * memory).
     *
     * <p><b>Stricter contract for {@code f}.</b> {@code f} may run while a writer is changing
     * the value, and so see a state no writer ever left (half-updated fields, a map in the
     * middle of a resize). Such a run is always detected and its result discarded, but
     * {@code f} must therefore:
     * <ul>
     * <li>only read, with no side effects (it may run twice);</li>
     * <li>not loop forever or block on what it reads (an exception is fine: an exception
     *     thrown by an invalidated run is discarded and {@code f} is run again under the read
     *     lock; an exception from a valid run propagates);</li>
     * <li>return something that does not depend on the value staying unchanged (a number, a
     *     copy), never the value or a view of it.</li>
     * </ul>
     * Reading fields of a small object, or from an immutable value that writers replace
     * with {@link #update}, fits well.
     *
     * <pre>{@code
     * RwLock<Point> p = new RwLock<>(new Point(0, 0));      // Point: immutable record
     * double d = p.readOptimistic(pt -> Math.hypot(pt.x(), pt.y()));
     * }</pre>
     *
     * <p>Memory consistency: a result is returned only if it was computed from the state left
     * by the last writer before the call (or a later one), as with {@code read}.
     *
     * @param f reads the value under the contract above; not null
     * @param <R> the result type
     * @return what {@code f} returned on a valid run
     * @throws NullPointerException if {@code f} is null
     * @throws IllegalStateException if it falls back to {@code read} while the current thread
     *         holds this lock (a thread holding the write lock always falls back)
     */
    public <R> R readOptimistic(Function<? super T, ? extends R> f) {
        Objects.requireNonNull(f, "f");
        // Acquire: the reads made by f cannot move before this read of the version.
        long seen = (long) VERSION.getAcquire(this);
        if ((seen & 1L) == 0) {
            R result;
            try {
                result = f.apply(value); // racy read of `value`, validated below
            } catch (RuntimeException | Error e) {
                VarHandle.acquireFence();
                if ((long) VERSION.getOpaque(this) == seen) {
                    throw e; // a consistent run failed: the failure is real
                }
                return read(f);
            }
            // The fence keeps every read made by f before the second read of the version.
            VarHandle.acquireFence();
            if ((long) VERSION.getOpaque(this) == seen) {
                return result;
            }
        }
        return read(f);
    }

    /**
     * Applies {@code f} to the value under the write lock, alone, and returns its result.
     * {@code f} may mutate a mutable value in place.
     *
     * @param f reads or mutates the value; not null
     * @param <R> the result type
     * @return what {@code f} returned
     * @throws NullPointerException if {@code f} is null
     * @throws IllegalStateException if the current thread already holds this lock
     */
    public <R> R write(Function<? super T, ? extends R> f) {
        Objects.requireNonNull(f, "f");
        Lock w = acquire(lock.writeLock());
        beginWrite();
        try {
            return f.apply(value);
        } finally {
            endWrite();
            w.unlock();
        }
    }

    /**
     * Replaces the value with {@code f} applied to it, under the write lock. If {@code f}
     * throws, the value is unchanged.
     *
     * @param f computes the new value; not null
     * @return the new value
     * @throws NullPointerException if {@code f} is null
     * @throws IllegalStateException if the current thread already holds this lock
     */
    public T update(UnaryOperator<T> f) {
        Objects.requireNonNull(f, "f");
        Lock w = acquire(lock.writeLock());
        beginWrite();
        try {
            T next = f.apply(value);
            value = next;
            return next;
        } finally {
            endWrite();
            w.unlock();
        }
    }

    /**
     * Takes the read lock, waiting as long as needed.
     *
     * @return the guard; close it to release the read lock
     * @throws IllegalStateException if the current thread already holds this lock
     */
    public ReadGuard<T> readLock() {
        acquire(lock.readLock());
        return new ReadGuard<>(this);
    }

    /**
     * Takes the write lock, waiting as long as needed.
     *
     * @return the guard; close it to release the write lock
     * @throws IllegalStateException if the current thread already holds this lock
     */
    public WriteGuard<T> writeLock() {
        acquire(lock.writeLock());
        beginWrite();
        return new WriteGuard<>(this);
    }

    /**
     * Takes the read lock if it can be had within {@code timeout}.
     *
     * @param timeout how long to wait; not null; zero or negative only tries once
     * @return the guard, or empty if a writer held the lock for the whole time
     * @throws NullPointerException if {@code timeout} is null
     * @throws InterruptedException if the thread is interrupted before or while waiting (its
     *         interrupt status is then cleared)
     * @throws IllegalStateException if the current thread already holds this lock
     */
    public Optional<ReadGuard<T>> tryRead(Duration timeout) throws InterruptedException {
        long nanos = Durations.toNanos(timeout, "timeout");
        checkNotHeld();
        return lock.readLock().tryLock(nanos, TimeUnit.NANOSECONDS)
                ? Optional.of(new ReadGuard<>(this)) : Optional.empty();
    }

    /**
     * Takes the write lock if it can be had within {@code timeout}.
     *
     * @param timeout how long to wait; not null; zero or negative only tries once
     * @return the guard, or empty if readers or a writer held the lock for the whole time
     * @throws NullPointerException if {@code timeout} is null
     * @throws InterruptedException if the thread is interrupted before or while waiting (its
     *         interrupt status is then cleared)
     * @throws IllegalStateException if the current thread already holds this lock
     */
    public Optional<WriteGuard<T>> tryWrite(Duration timeout) throws InterruptedException {
        long nanos = Durations.toNanos(timeout, "timeout");
        checkNotHeld();
        if (!lock.writeLock().tryLock(nanos, TimeUnit.NANOSECONDS)) {
            return Optional.empty();
        }
        beginWrite();
        return Optional.of(new WriteGuard<>(this));
    }

    /**
     * Returns how many read holds are taken at the moment: a snapshot for monitoring and
     * tests, not for synchronization.
     *
     * @return the number of read holds
     */
    public int readerCount() {
        return lock.getReadLockCount();
    }

    /**
     * Tells whether a writer holds the lock at the moment: a snapshot for monitoring.
     *
     * @return true if write-locked
     */
    public boolean isWriteLocked() {
        return lock.isWriteLocked();
    }

    /** Describes the lock without taking it (never blocks, does not show the value). */
    @Override
    public String toString() {
        return "RwLock[readers=" + lock.getReadLockCount() + (lock.isWriteLocked() ? ", write-locked]" : "]");
    }

    /** Called right after taking the write lock: makes the version odd. */
    private void beginWrite() {
        long v = (long) VERSION.getOpaque(this); // only writers write it, and we hold the write lock
        VERSION.setOpaque(this, v + 1);
        // The odd version must be visible before any store to the value that follows.
        VarHandle.releaseFence();
    }

    /** Called right before releasing the write lock: makes the version even again. */
    private void endWrite() {
        long v = (long) VERSION.getOpaque(this);
        // Release: every store to the value is visible before the even version.
        VERSION.setRelease(this, v + 1);
    }

    private Lock acquire(Lock l) {
        checkNotHeld();
        l.lock();
        return l;
    }

    private void checkNotHeld() {
        // isWriteLockedByCurrentThread is an owner check; getReadHoldCount returns 0 at once
        // when nobody reads, else consults the per-thread hold count.
        if (lock.isWriteLockedByCurrentThread() || lock.getReadHoldCount() > 0) {
            throw new IllegalStateException("RwLock is not reentrant: the current thread already holds it");
        }
    }

    /**
     * Read access to an {@link RwLock}'s value while its read lock is held; closing the guard
     * releases it. Belongs to the thread that took it: use from another thread, or after
     * {@link #close()}, throws {@link IllegalStateException}.
     *
     * @param <T> the type of the protected value
     */
    public static final class ReadGuard<T> implements AutoCloseable {
        private final RwLock<T> rw;
        private final Thread owner = Thread.currentThread();
        private boolean released; // owner thread only

        private ReadGuard(RwLock<T> rw) {
            this.rw = rw;
        }

        /**
         * Returns the protected value, for reading only.
         *
         * @return the value; may be null
         * @throws IllegalStateException if the guard is closed or used by another thread
         */
        public T get() {
            Hold.check(owner, released, "RwLock.ReadGuard");
            return rw.value;
        }

        /**
         * Releases the read lock. Closing a closed guard does nothing.
         *
         * @throws IllegalStateException if called by a thread other than the one holding it
         */
        @Override
        public void close() {
            Hold.checkOwner(owner, "RwLock.ReadGuard");
            if (!released) {
                released = true;
                rw.lock.readLock().unlock();
            }
        }
    }

    /**
     * Exclusive access to an {@link RwLock}'s value while its write lock is held; closing the
     * guard releases it. Belongs to the thread that took it: use from another thread, or after
     * {@link #close()}, throws {@link IllegalStateException}.
     *
     * @param <T> the type of the protected value
     */
    public static final class WriteGuard<T> implements AutoCloseable {
        private final RwLock<T> rw;
        private final Thread owner = Thread.currentThread();
        private boolean released; // owner thread only

        private WriteGuard(RwLock<T> rw) {
            this.rw = rw;
        }

        /**
         * Returns the protected value.
         *
         * @return the value; may be null
         * @throws IllegalStateException if the guard is closed or used by another thread
         */
        public T get() {
            Hold.check(owner, released, "RwLock.WriteGuard");
            return rw.value;
        }

        /**
         * Replaces the protected value.
         *
         * @param value the new value; may be null
         * @throws IllegalStateException if the guard is closed or used by another thread
         */
        public void set(T value) {
            Hold.check(owner, released, "RwLock.WriteGuard");
            rw.value = value;
        }

        /**
         * Releases the write lock. Closing a closed guard does nothing.
         *
         * @throws IllegalStateException if called by a thread other than the one holding it
         */
        @Override
        public void close() {
            Hold.checkOwner(owner, "RwLock.WriteGuard");
            if (!released) {
                released = true;
                rw.endWrite();
                rw.lock.writeLock().unlock();
            }
        }
    }
}
