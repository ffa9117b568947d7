package dev.strand.resilience;

/** Rethrows a throwable without wrapping it. */
final class Sneaky {

    private Sneaky() {
    }

    /**
     * Throws {@code t} as it is. Only called with a throwable that the protected call itself
     * threw, so it is that call's declared {@code E}, unchecked, or an {@link Error}: the
     * unchecked cast never lets a checked exception escape a signature that does not declare it.
     */
    @SuppressWarnings("unchecked")
    static <E extends Throwable> RuntimeException raise(Throwable t) throws E {
        throw (E) t;
    }

    /** Unwraps the {@code CompletionException}/{@code ExecutionException} around a future's failure. */
    static Throwable unwrap(Throwable t) {
        while ((t instanceof java.util.concurrent.CompletionException
                || t instanceof java.util.concurrent.ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }
}
