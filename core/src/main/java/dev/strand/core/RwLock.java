package dev.strand.core;

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
 * <p>{@link java.util.concurrent.locks.StampedLock} optimistic reads are not used: they would
 * run the reader's function concurrently with a writer, which is only sound for functions
 * that tolerate torn state, not for the arbitrary functions {@code read} accepts.
 *
 * <p><b>Memory consistency:</b> everything a writer did happens-before every later read or
 * write of the value.
 *
 * <p>The value may be null.
 *
 * @param <T> the type of the protected value
 */
public final class RwLock<T> {

    private final ReentrantReadWriteLock lock;
    private T value; // guarded by lock: read under either lock, written under the write lock

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
        try {
            return f.apply(value);
        } finally {
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
        try {
            T next = f.apply(value);
            value = next;
            return next;
        } finally {
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
        long nanos = Timeouts.toNanos(timeout, "timeout");
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
        long nanos = Timeouts.toNanos(timeout, "timeout");
        checkNotHeld();
        return lock.writeLock().tryLock(nanos, TimeUnit.NANOSECONDS)
                ? Optional.of(new WriteGuard<>(this)) : Optional.empty();
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
        private final RwLock<T> owner;
        private final Hold hold;

        private ReadGuard(RwLock<T> owner) {
            this.owner = owner;
            this.hold = new Hold(owner.lock.readLock(), "RwLock.ReadGuard");
        }

        /**
         * Returns the protected value, for reading only.
         *
         * @return the value; may be null
         * @throws IllegalStateException if the guard is closed or used by another thread
         */
        public T get() {
            hold.check();
            return owner.value;
        }

        /**
         * Releases the read lock. Closing a closed guard does nothing.
         *
         * @throws IllegalStateException if called by a thread other than the one holding it
         */
        @Override
        public void close() {
            hold.release();
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
        private final RwLock<T> owner;
        private final Hold hold;

        private WriteGuard(RwLock<T> owner) {
            this.owner = owner;
            this.hold = new Hold(owner.lock.writeLock(), "RwLock.WriteGuard");
        }

        /**
         * Returns the protected value.
         *
         * @return the value; may be null
         * @throws IllegalStateException if the guard is closed or used by another thread
         */
        public T get() {
            hold.check();
            return owner.value;
        }

        /**
         * Replaces the protected value.
         *
         * @param value the new value; may be null
         * @throws IllegalStateException if the guard is closed or used by another thread
         */
        public void set(T value) {
            hold.check();
            owner.value = value;
        }

        /**
         * Releases the write lock. Closing a closed guard does nothing.
         *
         * @throws IllegalStateException if called by a thread other than the one holding it
         */
        @Override
        public void close() {
            hold.release();
        }
    }
}
