package dev.strand.resilience;

/**
 * Thrown by {@link Retry} when it gives up: every allowed attempt failed, the maximum duration
 * ran out, or the thread was interrupted while waiting between attempts (its interrupt status
 * is then set and the {@link InterruptedException} is the first suppressed exception).
 *
 * <p>{@link #getCause()} is the last failure, or null when the last attempt returned a result
 * that the retry's result predicate rejected ({@link #lastResult()} holds it). Earlier failures
 * are attached as suppressed exceptions, at most {@value #MAX_SUPPRESSED} of them (the first
 * ones), so that a long retry cannot hold an unbounded chain.
 */
public final class RetryExhaustedException extends RuntimeException {

    /** Serialization version. */
    private static final long serialVersionUID = 1L;

    /** The most earlier failures attached as suppressed exceptions. */
    public static final int MAX_SUPPRESSED = 8;

    /** How many times the call was made. */
    private final int attempts;
    private final transient Object lastResult;

    RetryExhaustedException(String message, int attempts, Throwable lastFailure, Object lastResult) {
        super(message, lastFailure);
        this.attempts = attempts;
        this.lastResult = lastResult;
    }

    /**
     * Returns how many times the call was made.
     *
     * @return the number of attempts, at least 1
     */
    public int attempts() {
        return attempts;
    }

    /**
     * Returns the result of the last attempt when a result (not an exception) was rejected.
     *
     * @return the rejected result, or null when the last attempt threw (see {@link #getCause()})
     */
    public Object lastResult() {
        return lastResult;
    }
}
