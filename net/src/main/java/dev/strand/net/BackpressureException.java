package dev.strand.net;

/**
 * A send was refused because the connection's outbound queue is full: the peer (or the
 * network) is not reading as fast as this side writes, and the bytes already queued reached
 * {@link Limits#maxQueuedBytes()}.
 *
 * <p>Nothing was written. {@link #undelivered()} hands the message back; the caller may wait
 * and send it again, or drop it knowingly. The connection stays open.
 *
 * <p>Its fields are final, so it may be handed between threads; the undelivered message is
 * handed back as it was given, not copied.
 */
public class BackpressureException extends NetException {

    private static final long serialVersionUID = 1L;

    private final transient Object undelivered;
    /** The bound on queued bytes that was reached (serialized). */
    private final long maxQueuedBytes;

    /**
     * Creates an exception for a refused send.
     *
     * @param undelivered    the message that was not sent; may be null
     * @param maxQueuedBytes the bound that was reached
     */
    public BackpressureException(Object undelivered, long maxQueuedBytes) {
        super("outbound queue full (maxQueuedBytes " + maxQueuedBytes + "): the peer is not keeping up");
        this.undelivered = undelivered;
        this.maxQueuedBytes = maxQueuedBytes;
    }

    /**
     * Creates an exception for a refused send with its own message (a bound other than bytes,
     * such as a {@link Pusher}'s queue of messages).
     */
    BackpressureException(String message, Object undelivered, long bound) {
        super(message);
        this.undelivered = undelivered;
        this.maxQueuedBytes = bound;
    }

    /**
     * Returns the message that was not sent.
     *
     * @return the message, or null if none was given
     */
    public Object undelivered() {
        return undelivered;
    }

    /**
     * Returns the queue bound that was reached.
     *
     * @return the bound in bytes
     */
    public long maxQueuedBytes() {
        return maxQueuedBytes;
    }
}
