package dev.strand.core;

import dev.strand.core.internal.Durations;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * A mutual-exclusion lock that owns the value it protects (Rust's {@code Mutex<T>}): the value
 * is reachable only while holding the lock, through {@link #update}, {@link #with} or a
 * {@link Guard}.
 *
 * <pre>{@code
 * Mutex<Integer> counter = new Mutex<>(0);
 * counter.update(n -> n + 1);                 // returns the new value
 * int now = counter.with(n -> n);             // read under the lock
 *
 * Mutex<List<String>> names = new Mutex<>(new ArrayList<>());
 * try (Mutex.Guard<List<String>> g = names.lock()) {
 *     g.get().add("x");
 * }
 * }</pre>
 *
 * <p><b>Keep the value inside.</b> The protection holds only if a mutable value (a list, a
 * map) does not escape: do not return it from {@code with}, or keep it after the guard is
 * closed. Immutable values (numbers, strings, records of them) may be returned freely.
 *
 * <p><b>Not reentrant.</b> A thread that holds the mutex and asks for it again (an
 * {@code update} inside a {@code with}, a second {@code lock()} before closing the first
 * guard) gets {@link IllegalStateException} rather than a second, aliasing view of the value
 * (Rust's {@code Mutex} would deadlock).
 *
 * <p><b>Blocking.</b> {@link #lock()}, {@link #update} and {@link #with} wait without giving
 * up on interrupt (like {@link ReentrantLock#lock()}; the interrupt status is kept);
 * {@link #lockInterruptibly()} and {@link #tryLock(Duration)} answer interrupts. All park
 * through {@link ReentrantLock}, so they are fit for virtual threads.
 *
 * <p><b>Memory consistency:</b> everything a thread did while holding the mutex
 * happens-before everything the next holder does with it.
 *
 * <p>The value may be null.
 *
 * @param <T> the type of the protected value
 */
public final class Mutex<T> {

    private final ReentrantLock lock;
    private T value; // guarded by lock

    /**
     * Creates an unlocked, non-fair mutex owning {@code value}.
     *
     * @param value the initial value; may be null
     */
    public Mutex(T value) {
        this(value, false);
    }

    /**
     * Creates an unlocked mutex owning {@code value}.
     *
     * @param value the initial value; may be null
     * @param fair true to grant the lock to the longest-waiting thread (slower, no
     *        starvation); false for throughput, as {@link ReentrantLock#ReentrantLock(boolean)}
     */
    public Mutex(T value, boolean fair) {
        this.lock = new ReentrantLock(fair);
        this.value = value;
    }

    /**
     * Replaces the value with {@code f} applied to it, under the lock. If {@code f} throws,
     * the value is unchanged and the exception propagates.
     *
     * @param f computes the new value from the current one; not null
     * @return the new value
     * @throws NullPointerException if {@code f} is null
     * @throws IllegalStateException if the current thread already holds this mutex
     */
    public T update(UnaryOperator<T> f) {
        Objects.requireNonNull(f, "f");
        acquire();
        try {
            T next = f.apply(value);
            value = next;
            return next;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Applies {@code f} to the value under the lock and returns its result. {@code f} may
     * mutate a mutable value in place.
     *
     * @param f reads (or mutates) the value; not null; must not let a mutable value escape
     * @param <R> the result type
     * @return what {@code f} returned
     * @throws NullPointerException if {@code f} is null
     * @throws IllegalStateException if the current thread already holds this mutex
     */
    public <R> R with(Function<? super T, ? extends R> f) {
        Objects.requireNonNull(f, "f");
        acquire();
        try {
            return f.apply(value);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Takes the lock, waiting as long as needed, and returns a guard that gives access to the
     * value until it is closed.
     *
     * @return the guard; close it (try-with-resources) to release the lock
     * @throws IllegalStateException if the current thread already holds this mutex
     */
    public Guard<T> lock() {
        acquire();
        return new Guard<>(this);
    }

    /**
     * Takes the lock, waiting until it is free or the thread is interrupted.
     *
     * @return the guard; close it to release the lock
     * @throws InterruptedException if the thread is interrupted before or while waiting (its
     *         interrupt status is then cleared); the lock is not taken
     * @throws IllegalStateException if the current thread already holds this mutex
     */
    public Guard<T> lockInterruptibly() throws InterruptedException {
        checkNotHeld();
        lock.lockInterruptibly();
        return new Guard<>(this);
    }

    /**
     * Takes the lock only if it is free now.
     *
     * @return the guard, or empty if another thread holds the lock
     * @throws IllegalStateException if the current thread already holds this mutex
     */
    public Optional<Guard<T>> tryLock() {
        checkNotHeld();
        return lock.tryLock() ? Optional.of(new Guard<>(this)) : Optional.empty();
    }

    /**
     * Takes the lock if it becomes free within {@code timeout}.
     *
     * @param timeout how long to wait; not null; zero or negative only tries once
     * @return the guard, or empty if the lock was not free in time
     * @throws NullPointerException if {@code timeout} is null
     * @throws InterruptedException if the thread is interrupted before or while waiting (its
     *         interrupt status is then cleared); the lock is not taken
     * @throws IllegalStateException if the current thread already holds this mutex
     */
    public Optional<Guard<T>> tryLock(Duration timeout) throws InterruptedException {
        long nanos = Durations.toNanos(timeout, "timeout");
        checkNotHeld();
        return lock.tryLock(nanos, TimeUnit.NANOSECONDS) ? Optional.of(new Guard<>(this)) : Optional.empty();
    }

    /**
     * Tells whether the current thread holds this mutex (for assertions).
     *
     * @return true if the calling thread holds the lock
     */
    public boolean isHeldByCurrentThread() {
        return lock.isHeldByCurrentThread();
    }

    /**
     * Tells whether some thread holds this mutex: a snapshot for monitoring, not for
     * synchronization.
     *
     * @return true if the mutex is locked at the moment of the call
     */
    public boolean isLocked() {
        return lock.isLocked();
    }

    /**
     * Describes the mutex without taking the lock (so never blocks, and does not show the
     * value).
     */
    @Override
    public String toString() {
        return "Mutex[" + (lock.isLocked() ? "locked]" : "unlocked]");
    }

    private void acquire() {
        checkNotHeld();
        lock.lock();
    }

    private void checkNotHeld() {
        if (lock.isHeldByCurrentThread()) {
            throw new IllegalStateException("Mutex is not reentrant: the current thread already holds it");
        }
    }

    /**
     * Access to a {@link Mutex}'s value while its lock is held; closing the guard releases the
     * lock. A guard belongs to the thread that took the lock: any use from another thread,
     * or after {@link #close()}, throws {@link IllegalStateException}.
     *
     * @param <T> the type of the protected value
     */
    public static final class Guard<T> implements AutoCloseable {
        private final Mutex<T> mutex;
        private final Thread owner = Thread.currentThread();
        private boolean released; // owner thread only

        private Guard(Mutex<T> mutex) {
            this.mutex = mutex;
        }

        /**
         * Returns the protected value.
         *
         * @return the value; may be null
         * @throws IllegalStateException if the guard is closed or used by another thread
         */
        public T get() {
            Hold.check(owner, released, "Mutex.Guard");
            return mutex.value;
        }

        /**
         * Replaces the protected value.
         *
         * @param value the new value; may be null
         * @throws IllegalStateException if the guard is closed or used by another thread
         */
        public void set(T value) {
            Hold.check(owner, released, "Mutex.Guard");
            mutex.value = value;
        }

        /**
         * Releases the lock. Closing a closed guard does nothing.
         *
         * @throws IllegalStateException if called by a thread other than the one holding it
         */
        @Override
        public void close() {
            Hold.checkOwner(owner, "Mutex.Guard");
            if (!released) {
                released = true;
                mutex.lock.unlock();
            }
        }
    }
}
