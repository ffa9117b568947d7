package dev.strand.channels;

import dev.strand.core.Ticker;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * A typed multi-producer, single-consumer channel with Rust {@code std::sync::mpsc} semantics:
 * many {@link Sender} handles, one {@link Receiver}, disconnect when the last sender closes,
 * failure (with the message handed back) when the receiver is gone.
 *
 * <pre>{@code
 * Channel<String> ch = Channel.unbounded();       // mpsc::channel()
 * Channel<String> b  = Channel.bounded(1024);     // mpsc::sync_channel(1024): send waits when full
 * Channel<String> r  = Channel.rendezvous();      // mpsc::sync_channel(0): send waits for a taker
 * Channel<String> h  = Channel.<String>builder().capacity(1024)
 *         .onUndelivered(msg -> log(msg)).build();
 *
 * Sender<String> tx = ch.sender();                // the first sender handle
 * Receiver<String> rx = ch.receiver();            // the one receiver
 * Sender<String> tx2 = tx.clone();                // another producer
 * }</pre>
 *
 * <p>The unbounded and bounded flavours are built on lock-free JCTools MPSC queues; senders and
 * the receiver park (never spin forever, never hold a monitor) only when they must wait, so
 * they are safe on virtual threads. A {@code Channel} object itself is an immutable pair of
 * ends and is thread-safe.
 *
 * @param <T> the message type
 */
public final class Channel<T> {

    /** The largest capacity of a bounded channel (its buffer is an array of that size). */
    public static final int MAX_CAPACITY = 1 << 30;

    private final Sender<T> sender;
    private final Receiver<T> receiver;

    private Channel(Core<T> core, boolean multiConsumer) {
        this.sender = new SenderHandle<>(core);
        if (core instanceof SharedBoundedCore) {
            this.receiver = new MultiConsumerReceiver<>((SharedBoundedCore<T>) core);
        } else if (core instanceof MpmcCore) {
            this.receiver = new MultiConsumerReceiver<>((MpmcCore<T>) core);
        } else {
            ReceiverHandle<T> rx = new ReceiverHandle<>(core);
            this.receiver = multiConsumer ? new MultiConsumerReceiver<>(rx) : rx;
        }
    }

    /**
     * Creates a channel whose buffer grows as needed: {@code send} never waits.
     *
     * @param <T> the message type
     * @return a new channel with one open sender handle
     */
    public static <T> Channel<T> unbounded() {
        return Channel.<T>builder().build();
    }

    /**
     * Creates a channel that buffers at most {@code capacity} messages: {@code send} waits while
     * it is full (backpressure).
     *
     * @param <T>      the message type
     * @param capacity the most messages buffered; at least 1 (use {@link #rendezvous()} for 0)
     *                 and at most {@link #MAX_CAPACITY}
     * @return a new channel with one open sender handle
     * @throws IllegalArgumentException if {@code capacity} is less than 1 or more than
     *                                  {@link #MAX_CAPACITY}
     */
    public static <T> Channel<T> bounded(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1 (rendezvous() for 0): " + capacity);
        }
        return Channel.<T>builder().capacity(capacity).build();
    }

    /**
     * Creates a channel with no buffer: each {@code send} waits until the receiver has taken its
     * message (a hand-off).
     *
     * @param <T> the message type
     * @return a new channel with one open sender handle
     */
    public static <T> Channel<T> rendezvous() {
        return Channel.<T>builder().capacity(0).build();
    }

    /**
     * Returns a builder for a channel with options: capacity, a handler for messages left
     * undelivered when the receiver closes, and the time source of timed operations.
     *
     * @param <T> the message type
     * @return a new builder (unbounded, no handler, system ticker)
     */
    public static <T> Builder<T> builder() {
        return new Builder<>();
    }

    /**
     * Returns the channel's first sender handle (always the same handle). Further handles come
     * from {@link Sender#clone()}.
     *
     * @return the first sender
     */
    public Sender<T> sender() {
        return sender;
    }

    /**
     * Returns the channel's one receiver (always the same): for one consumer thread at a time,
     * or for many at once if the channel was built with {@link Builder#multiConsumer()}.
     *
     * @return the receiver
     */
    public Receiver<T> receiver() {
        return receiver;
    }

    @Override
    public String toString() {
        return "Channel[" + ((SenderHandle<T>) sender).core + "]";
    }

    /**
     * Configures a {@link Channel}. Not thread-safe; {@link #build()} may be called many times,
     * each time creating an independent channel with the settings of that moment.
     *
     * <pre>{@code
     * Channel<Job> jobs = Channel.<Job>builder()
     *         .capacity(256)
     *         .onUndelivered(job -> job.cancel())
     *         .build();
     * }</pre>
     *
     * @param <T> the message type
     */
    public static final class Builder<T> {

        private int capacity = -1;
        private Consumer<? super T> onUndelivered;
        private Ticker ticker = Ticker.system();
        private boolean multiConsumer;

        private Builder() {
        }

        /**
         * Sets the capacity: 0 makes a rendezvous channel, a positive value a bounded one.
         * Without a call the channel is unbounded.
         *
         * @param capacity the most messages buffered; from 0 to {@link #MAX_CAPACITY}
         * @return this builder
         * @throws IllegalArgumentException if {@code capacity} is negative or more than
         *                                  {@link #MAX_CAPACITY}
         */
        public Builder<T> capacity(int capacity) {
            if (capacity < 0 || capacity > MAX_CAPACITY) {
                throw new IllegalArgumentException("capacity must be within [0, " + MAX_CAPACITY + "]: " + capacity);
            }
            this.capacity = capacity;
            return this;
        }

        /**
         * Makes the channel unbounded again (the default).
         *
         * @return this builder
         */
        public Builder<T> unbounded() {
            this.capacity = -1;
            return this;
        }

        /**
         * Sets the handler of messages that were sent successfully but are still buffered when
         * the receiver closes (and of messages of sends racing that close which were not handed
         * back). It runs in the thread that finds them: the one calling {@link Receiver#close()},
         * or a sender or the receiver finishing a race with it. An exception it throws is passed
         * to that thread's uncaught exception handler and does not stop the draining.
         *
         * @param handler receives each undelivered message once; not null
         * @return this builder
         * @throws NullPointerException if {@code handler} is null
         */
        public Builder<T> onUndelivered(Consumer<? super T> handler) {
            this.onUndelivered = Objects.requireNonNull(handler, "handler");
            return this;
        }

        /**
         * Sets the time source of the timed operations ({@code recv(Duration)},
         * {@code send(msg, Duration)}, {@code Select.recv(Duration)}); tests pass a
         * {@link dev.strand.core.ManualTicker}. With a ticker other than
         * {@link Ticker#system()}, a timed wait re-reads it at least every millisecond.
         *
         * @param ticker the time source; not null
         * @return this builder
         * @throws NullPointerException if {@code ticker} is null
         */
        public Builder<T> ticker(Ticker ticker) {
            this.ticker = Objects.requireNonNull(ticker, "ticker");
            return this;
        }

        /**
         * Makes the receiver usable by many threads at once (a worker pool): each message goes
         * to exactly one of the threads receiving; disconnect and close are as for a single
         * consumer. A bounded multi-consumer channel holds exactly its capacity, as a
         * single-consumer one does; its consumers take the single consumer's role in turn, one
         * receive at a time (a consumer finding it taken waits for it). An unbounded one is
         * lock-free (a JCTools MPMC queue; a send wakes one parked consumer). A rendezvous
         * multi-consumer channel hands each message to the
         * longest-waiting consumer. Without a call the receiver is for one consumer thread at a
         * time, which is faster. A multi-consumer receiver cannot be used in a {@link Select}.
         *
         * <pre>{@code
         * Channel<Job> jobs = Channel.<Job>builder().capacity(1024).multiConsumer().build();
         * for (int i = 0; i < 4; i++) {
         *     new Thread(() -> jobs.receiver().forEach(Job::run)).start(); // ends at disconnect
         * }
         * }</pre>
         *
         * @return this builder
         */
        public Builder<T> multiConsumer() {
            this.multiConsumer = true;
            return this;
        }

        /**
         * Creates a channel with the current settings.
         *
         * @return a new channel with one open sender handle
         */
        public Channel<T> build() {
            Core<T> core;
            if (multiConsumer && capacity > 0) {
                core = new SharedBoundedCore<>(capacity, onUndelivered, ticker);
            } else if (multiConsumer && capacity < 0) {
                core = new MpmcCore<>(onUndelivered, ticker);
            } else if (capacity < 0) {
                core = new UnboundedCore<>(onUndelivered, ticker);
            } else if (capacity == 0) {
                core = new RendezvousCore<>(onUndelivered, ticker);
            } else {
                core = new BoundedCore<>(capacity, onUndelivered, ticker);
            }
            return new Channel<>(core, multiConsumer);
        }
    }
}
