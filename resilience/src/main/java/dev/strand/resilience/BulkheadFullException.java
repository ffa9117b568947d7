package dev.strand.resilience;

/**
 * Thrown (or used to complete a future) when a {@link Bulkhead} already runs its maximum number
 * of concurrent calls. The call was not made. Carries no stack trace (a fast failure).
 *
 * <p>Its own fields are final and set when it is created, so it may be handed between
 * threads.
 */
public final class BulkheadFullException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    BulkheadFullException(int maxConcurrentCalls) {
        super("bulkhead full: " + maxConcurrentCalls + " concurrent calls already running", null, false, false);
    }
}
