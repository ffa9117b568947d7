package dev.strand.net;

/**
 * One confirmed subscription of a {@link Subscriber} to a topic: from the moment it exists,
 * every message published to the topic reaches its handler, in publish order. Closing it
 * unsubscribes.
 *
 * <p>Thread-safe.
 */
public interface Subscription extends AutoCloseable {

    /**
     * Returns the topic subscribed to.
     *
     * @return the topic
     */
    String topic();

    /**
     * Unsubscribes: the handler is not called for messages dispatched after this returns, and
     * the publisher is told (without waiting for it). Idempotent.
     */
    @Override
    void close();
}
