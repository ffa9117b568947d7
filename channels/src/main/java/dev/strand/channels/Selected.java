package dev.strand.channels;

/**
 * The result of a {@link Select}: which receiver a message came from, and the message.
 *
 * <pre>{@code
 * Selected<Event> s = Select.of(keys, clicks).recv();
 * if (s.receiver() == keys) { ... }
 * handle(s.message());
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 *
 * @param <T> the message type
 */
public final class Selected<T> {

    private final Receiver<? extends T> receiver;
    private final T message;

    Selected(Receiver<? extends T> receiver, T message) {
        this.receiver = receiver;
        this.message = message;
    }

    /**
     * Returns the receiver the message was taken from (one of those given to
     * {@link Select#of}, the same object).
     *
     * @return the receiver
     */
    public Receiver<? extends T> receiver() {
        return receiver;
    }

    /**
     * Returns the message.
     *
     * @return the message, never null
     */
    public T message() {
        return message;
    }

    @Override
    public String toString() {
        return "Selected[" + message + " from " + receiver + "]";
    }
}
