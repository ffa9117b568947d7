package dev.strand.resilience;

/**
 * A supplier of a result that may throw a checked exception of type {@code E}: the call that
 * a {@link Policy} protects. A lambda that throws no checked exception infers
 * {@code E = RuntimeException}, so the caller needs no {@code try}.
 *
 * <pre>{@code
 * String s = retry.call(() -> Files.readString(path));   // throws IOException, as readString does
 * }</pre>
 *
 * <p>Thread-safety is the implementer's: a policy calls the supplier once per attempt, on the
 * caller's thread or (for a {@link Timeout} or an asynchronous call) on another one, and an
 * attempt that timed out may still be running when the next starts. A supplier used by several
 * threads must be thread-safe.
 *
 * @param <T> the result type
 * @param <E> the checked exception the call may throw
 */
@FunctionalInterface
public interface CheckedSupplier<T, E extends Exception> {

    /**
     * Makes the call.
     *
     * @return the result (may be null)
     * @throws E if the call fails
     */
    T get() throws E;
}
