package dev.strand.net;

/**
 * A {@link Cluster} had no endpoint to send a message or request to: none is connected, or
 * every connected one is ejected (its circuit breaker is open) or was already tried for this
 * request. The message says how many endpoints the cluster has and in which state.
 *
 * <p>Nothing was sent: {@link #undelivered()} hands the message back. It is a
 * {@link ConnectionLostException}, so code that already handles a lost connection handles it.
 *
 * <p>Its fields are final, so it may be handed between threads.
 */
public class NoEndpointAvailableException extends ConnectionLostException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message     what the cluster looked like; may be null
     * @param undelivered the message or request that was not sent; may be null
     */
    public NoEndpointAvailableException(String message, Object undelivered) {
        super(message, null, undelivered);
    }
}
