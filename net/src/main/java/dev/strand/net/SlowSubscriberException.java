package dev.strand.net;

import java.net.SocketAddress;

/**
 * A {@link Publisher} disconnected a subscriber that did not keep up: the bytes published to
 * it but not yet taken by its socket reached {@link Limits#maxQueuedBytes()}. Reported to the
 * publisher's error listener; the subscriber sees its connection closed.
 *
 * <p>The publisher never drops a message for a subscriber and carries on: the subscriber
 * either gets every message of its topics in order, or is disconnected and told.
 *
 * <p>Its own fields are final and set when it is created, so it may be handed between
 * threads.
 */
public class SlowSubscriberException extends NetException {

    private static final long serialVersionUID = 1L;

    private final transient SocketAddress subscriber;

    /**
     * Creates an exception for a subscriber disconnected as too slow.
     *
     * @param subscriber     the subscriber's address; may be null
     * @param maxQueuedBytes the bound that was reached
     */
    public SlowSubscriberException(SocketAddress subscriber, long maxQueuedBytes) {
        super("subscriber " + subscriber + " disconnected: it fell behind by more than maxQueuedBytes ("
                + maxQueuedBytes + ")");
        this.subscriber = subscriber;
    }

    /**
     * Returns the address of the subscriber that was disconnected.
     *
     * @return the address, or null if unknown
     */
    public SocketAddress subscriber() {
        return subscriber;
    }
}
