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
