package dev.strand.net;

/**
 * The base of every exception the {@code net} module reports about the network or the peer:
 * a connection lost, a frame refused, a limit hit, an error returned by the remote side.
 *
 * <p>Unchecked, because these conditions arrive asynchronously (most of them complete a
 * {@link java.util.concurrent.CompletableFuture} exceptionally) and are decided by the peer,
 * not by the caller's code. A caller's own mistake (a null message, a type missing from the
 * codec's registry) is reported with {@link NullPointerException} or
 * {@link IllegalArgumentException} instead.
 *
 * <p>Its own fields are final and set when it is created, so it may be handed between
 * threads.
 */
public class NetException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates an exception with a message.
     *
     * @param message what happened; may be null
     */
    public NetException(String message) {
        super(message);
    }

    /**
     * Creates an exception with a message and a cause.
     *
     * @param message what happened; may be null
     * @param cause   the underlying failure; may be null
     */
    public NetException(String message, Throwable cause) {
        super(message, cause);
    }
}
