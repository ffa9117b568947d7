package dev.strand.resilience;

/**
 * Thrown (or used to complete a future) when a {@link CircuitBreaker} does not permit a call:
 * it is OPEN, or HALF_OPEN with every trial permit taken. The call was not made and nothing was
 * recorded. Created on the fast-failure path, so it carries no stack trace.
 *
 * <p>Its own fields are final and set when it is created, so it may be handed between
 * threads.
 */
public final class CircuitOpenException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient CircuitBreaker.State state;

    CircuitOpenException(String name, CircuitBreaker.State state) {
        super("circuit breaker '" + name + "' is " + state + ": call not permitted", null, false, false);
        this.state = state;
    }

    /**
     * Returns the breaker's state when the call was refused.
     *
     * @return {@code OPEN} or {@code HALF_OPEN}
     */
    public CircuitBreaker.State state() {
        return state;
    }
}
