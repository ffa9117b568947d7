package dev.strand.resilience;

import java.util.Arrays;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The listeners of one policy: added at any time, read without a lock. The one place where
 * listeners are called, so every policy treats a throwing listener alike.
 *
 * <p>A listener that throws is reported to the calling thread's uncaught-exception handler and
 * otherwise ignored: the call's outcome, the policy's state and the other listeners are not
 * affected. Only a {@link VirtualMachineError} is rethrown.
 *
 * <p>{@link #any()} is one volatile read of an array, so a policy checks it before building an
 * event and the path without listeners allocates nothing. Thread-safe: {@link #add} copies the
 * array under this object's lock (rare), {@link #fire} reads the published array.
 *
 * @param <E> the event type
 */
final class Listeners<E> {

    private static final Consumer<?>[] NONE = new Consumer<?>[0];

    private volatile Consumer<?>[] all = NONE;

    synchronized void add(Consumer<? super E> listener) {
        Objects.requireNonNull(listener, "listener");
        Consumer<?>[] next = Arrays.copyOf(all, all.length + 1);
        next[all.length] = listener;
        all = next;
    }

    boolean any() {
        return all.length != 0;
    }

    @SuppressWarnings("unchecked") // only Consumer<? super E> are ever added
    void fire(E event) {
        for (Consumer<?> l : all) {
            try {
                ((Consumer<? super E>) l).accept(event);
            } catch (VirtualMachineError fatal) {
                throw fatal;
            } catch (Throwable t) {
                report(t);
            }
        }
    }

    private static void report(Throwable t) {
        Thread current = Thread.currentThread();
        try {
            current.getUncaughtExceptionHandler().uncaughtException(current, t);
        } catch (RuntimeException ignored) {
            // A handler that throws must not break the call either.
        }
    }
}
