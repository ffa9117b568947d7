package dev.strand.net;

/**
 * The connection a message or request was using is closed or broke before the operation
 * completed.
 *
 * <p>Requests are <em>at-most-once</em>: a request in flight when its connection drops fails
 * with this exception, and the peer may or may not have run it. Nothing is retried silently;
 * a caller that knows its request is idempotent may send it again once the connection is
 * re-established (see {@link NetClient.Builder#reconnect}). {@link #undelivered()} hands back
 * the message that was being sent, when there was one.
 *
 * <p>Its fields are final, so it may be handed between threads; the undelivered message is
 * handed back as it was given, not copied.
 */
public class ConnectionLostException extends NetException {

    private static final long serialVersionUID = 1L;

    private final transient Object undelivered;

    /**
     * Creates an exception for a connection that was lost.
     *
     * @param message what happened; may be null
     * @param cause   the underlying failure, if one is known; may be null
     */
    public ConnectionLostException(String message, Throwable cause) {
        this(message, cause, null);
    }

    /**
     * Creates an exception for a connection that was lost while {@code undelivered} was being
     * sent.
     *
     * @param message     what happened; may be null
     * @param cause       the underlying failure, if one is known; may be null
     * @param undelivered the message or request that may not have reached the peer; may be null
     */
    public ConnectionLostException(String message, Throwable cause, Object undelivered) {
        super(message, cause);
        this.undelivered = undelivered;
    }

    /**
     * Returns the message or request that may not have reached the peer.
     *
     * @return the message, or null if none was known
     */
    public Object undelivered() {
        return undelivered;
    }
}
