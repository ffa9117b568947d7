package dev.strand.channels;

/**
 * Thrown by a {@link Receiver} (and by {@link Select}) when no message will ever arrive: every
 * {@link Sender} handle is closed and every message sent before is already received, or the
 * receiver itself was closed.
 *
 * <p>This is the normal end of a stream of messages (Rust's {@code RecvError}); the
 * {@linkplain Receiver#iterator() iterator} turns it into the end of iteration.
 *
 * <p>Its own fields are final and set when it is created, so it may be handed between
 * threads.
 */
public class DisconnectedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what disconnected
     */
    public DisconnectedException(String message) {
        super(message);
    }
}
