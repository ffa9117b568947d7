package dev.strand.channels;

/**
 * Thrown by a {@link Sender} when its message cannot be delivered: the channel's
 * {@link Receiver} is closed, or the {@code Sender} handle used was already closed.
 *
 * <p>The message is never lost: {@link #getUndelivered()} hands it back, and it was not (and
 * will never be) received nor passed to the channel's {@code onUndelivered} handler.
 *
 * <pre>{@code
 * try {
 *     tx.send(order);
 * } catch (SendException e) {
 *     retryLater((Order) e.getUndelivered());
 * }
 * }</pre>
 *
 * <p>The message is typed {@code Object} because Java forbids generic exception classes.
 *
 * <p>Its fields are final, so it may be handed between threads; the undelivered message is
 * handed back as it was given, not copied.
 */
public class SendException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** The message; transient because messages need not be serializable. */
    private final transient Object undelivered;

    /**
     * Creates an exception carrying the message that could not be sent.
     *
     * @param undelivered the message handed back; not null
     * @param reason      why it could not be sent
     */
    public SendException(Object undelivered, String reason) {
        super(reason);
        this.undelivered = java.util.Objects.requireNonNull(undelivered, "undelivered");
    }

    /**
     * Returns the message that was not delivered, so that the caller can retry or dispose of it.
     *
     * @return the message passed to the failed send (after deserialization: {@code null})
     */
    public Object getUndelivered() {
        return undelivered;
    }
}
