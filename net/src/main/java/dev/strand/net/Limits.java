package dev.strand.net;

import dev.strand.core.internal.Checks;
import java.time.Duration;

/**
 * Resource limits of a {@link NetServer} or a {@link NetClient}: each has a default sized for
 * real use and, when reached, a clear outcome.
 *
 * <table>
 *   <caption>Limits, defaults and what happens when one is reached</caption>
 *   <tr><th>limit</th><th>default</th><th>when reached</th></tr>
 *   <tr><td>{@link #maxConnections()}</td><td>{@value #DEFAULT_MAX_CONNECTIONS}</td>
 *       <td>a server closes the new connection at once and reports
 *       {@link LimitExceededException} to its error listener</td></tr>
 *   <tr><td>{@link #maxInFlightRequests()}</td><td>{@value #DEFAULT_MAX_IN_FLIGHT_REQUESTS}</td>
 *       <td>per connection: {@code request} fails with {@link LimitExceededException}; on the
 *       handling side, reading from that connection pauses (TCP backpressure) until handlers
 *       catch up</td></tr>
 *   <tr><td>{@link #maxQueuedBytes()}</td><td>{@value #DEFAULT_MAX_QUEUED_BYTES}</td>
 *       <td>per connection: bytes encoded but not yet written to the socket; a send beyond it
 *       fails with {@link BackpressureException}</td></tr>
 *   <tr><td>{@link #partialFrameTimeout()}</td><td>5 s</td>
 *       <td>per connection: a frame not complete this long after the read that began it closes
 *       the connection (logged at DEBUG)</td></tr>
 *   <tr><td>{@link #maxPartialFrameBytes()}</td><td>{@value #DEFAULT_MAX_PARTIAL_FRAME_BYTES}</td>
 *       <td>per endpoint, across its connections: bytes of frames begun and not finished; a
 *       connection whose unfinished frame would take the total beyond it is closed (logged at
 *       DEBUG)</td></tr>
 *   <tr><td>{@link #maxHandlersPerConnection()}</td><td>{@value #DEFAULT_MAX_HANDLERS_PER_CONNECTION}
 *       (automatic: half the server's handler pool)</td>
 *       <td>per server connection: its further requests wait for a handler thread in a queue
 *       of their own, served round robin with the other connections' queues; with 256
 *       requests waiting, reading from that connection pauses (TCP backpressure) until half
 *       of them have started; requests still waiting when their connection closes never
 *       run</td></tr>
 * </table>
 *
 * <p>With the defaults a client may put 10 000 small requests in flight on one connection at
 * once without any being refused. Immutable and thread-safe.
 *
 * <p>{@code Limits limits = Limits.builder().maxConnections(100).build();}
 */
public final class Limits {

    /** Default {@link #maxConnections()}. */
    public static final int DEFAULT_MAX_CONNECTIONS = 10_000;
    /** Default {@link #maxInFlightRequests()}. */
    public static final int DEFAULT_MAX_IN_FLIGHT_REQUESTS = 16_384;
    /** Default {@link #maxQueuedBytes()}: 8 MiB. */
    public static final long DEFAULT_MAX_QUEUED_BYTES = 8L << 20;

    /** Default {@link #maxPartialFrameBytes()}: 64 MiB. */
    public static final long DEFAULT_MAX_PARTIAL_FRAME_BYTES = 64L << 20;
    /** Default {@link #partialFrameTimeout()}: 5 seconds. */
    public static final Duration DEFAULT_PARTIAL_FRAME_TIMEOUT = Duration.ofSeconds(5);
    /**
     * Default {@link #maxHandlersPerConnection()}: 0, automatic (half the threads of the
     * server's own handler pool, at least 1; no cap with an executor of the caller's).
     */
    public static final int DEFAULT_MAX_HANDLERS_PER_CONNECTION = 0;

    private static final Limits DEFAULTS = builder().build();

    private final int maxConnections;
    private final int maxInFlightRequests;
    private final long maxQueuedBytes;
    private final long maxPartialFrameBytes;
    private final Duration partialFrameTimeout;
    private final int maxHandlersPerConnection;

    private Limits(Builder b) {
        this.maxHandlersPerConnection = b.maxHandlersPerConnection;
        this.maxPartialFrameBytes = b.maxPartialFrameBytes;
        this.partialFrameTimeout = b.partialFrameTimeout;
        this.maxConnections = b.maxConnections;
        this.maxInFlightRequests = b.maxInFlightRequests;
        this.maxQueuedBytes = b.maxQueuedBytes;
    }

    /**
     * Returns the default limits.
     *
     * @return limits with every default value
     */
    public static Limits defaults() {
        return DEFAULTS;
    }

    /**
     * Returns a builder starting from the defaults.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Returns the most connections a server keeps open at once.
     *
     * @return the limit, at least 1
     */
    public int maxConnections() {
        return maxConnections;
    }

    /**
     * Returns the most requests in flight on one connection, in each direction.
     *
     * @return the limit, at least 1
     */
    public int maxInFlightRequests() {
        return maxInFlightRequests;
    }

    /**
     * Returns the most bytes queued for writing on one connection.
     *
     * @return the limit in bytes, at least 1
     */
    public long maxQueuedBytes() {
        return maxQueuedBytes;
    }

    /**
     * Returns the most bytes that frames begun and not yet finished may hold, in total across
     * the connections of one endpoint (a server, or one client connection). With the defaults,
     * 64 MiB: 64 peers each half-way through a 1 MiB frame, or any number of peers holding
     * fewer bytes; a connection whose unfinished frame would exceed it is closed.
     *
     * @return the budget in bytes, at least 1
     */
    public long maxPartialFrameBytes() {
        return maxPartialFrameBytes;
    }

    /**
     * Returns how long a frame may take to arrive, from the read that brought its first byte;
     * a connection whose frame is not complete by then is closed, so a peer trickling bytes
     * cannot hold a buffer forever.
     *
     * @return the deadline, positive
     */
    public Duration partialFrameTimeout() {
        return partialFrameTimeout;
    }

    /**
     * Returns the most handlers one connection of a server runs at once: its requests, plus
     * its fire-and-forget messages, which are handled one at a time in arrival order and count
     * as one. Requests beyond it wait in the connection's own queue; the queues of all
     * connections are served round robin, one request per turn, so a client whose handlers are
     * slow or hung holds at most this many handler threads and never queues ahead of another
     * client's request.
     *
     * <p>0 (the default) means automatic: half the threads of the server's own handler pool,
     * at least 1 (2 with the default pool on up to 2 processors). With an executor given to
     * {@link NetServer.Builder#executor}, whose threads the server does not know, 0 means no
     * cap and requests go to that executor as they arrive; a value set here caps each
     * connection there too. A client's connections have their pool to themselves and are not
     * capped. One connection may still take every thread when this is at least the pool size.
     *
     * @return the cap, or 0 for automatic
     */
    public int maxHandlersPerConnection() {
        return maxHandlersPerConnection;
    }

    @Override
    public String toString() {
        return "Limits[maxConnections=" + maxConnections + ", maxInFlightRequests=" + maxInFlightRequests
                + ", maxQueuedBytes=" + maxQueuedBytes + ", maxPartialFrameBytes=" + maxPartialFrameBytes
                + ", partialFrameTimeout=" + partialFrameTimeout
                + ", maxHandlersPerConnection=" + maxHandlersPerConnection + "]";
    }

    /** Builds {@link Limits}; not thread-safe. */
    public static final class Builder {

        private int maxConnections = DEFAULT_MAX_CONNECTIONS;
        private int maxInFlightRequests = DEFAULT_MAX_IN_FLIGHT_REQUESTS;
        private long maxQueuedBytes = DEFAULT_MAX_QUEUED_BYTES;
        private long maxPartialFrameBytes = DEFAULT_MAX_PARTIAL_FRAME_BYTES;
        private Duration partialFrameTimeout = DEFAULT_PARTIAL_FRAME_TIMEOUT;
        private int maxHandlersPerConnection = DEFAULT_MAX_HANDLERS_PER_CONNECTION;

        private Builder() {
        }

        /**
         * Sets the most connections a server keeps open at once.
         *
         * @param maxConnections at least 1
         * @return this builder
         * @throws IllegalArgumentException if {@code maxConnections < 1}
         */
        public Builder maxConnections(int maxConnections) {
            if (maxConnections < 1) {
                throw new IllegalArgumentException("maxConnections must be >= 1: " + maxConnections);
            }
            this.maxConnections = maxConnections;
            return this;
        }

        /**
         * Sets the most requests in flight on one connection.
         *
         * @param maxInFlightRequests at least 1
         * @return this builder
         * @throws IllegalArgumentException if {@code maxInFlightRequests < 1}
         */
        public Builder maxInFlightRequests(int maxInFlightRequests) {
            if (maxInFlightRequests < 1) {
                throw new IllegalArgumentException("maxInFlightRequests must be >= 1: " + maxInFlightRequests);
            }
            this.maxInFlightRequests = maxInFlightRequests;
            return this;
        }

        /**
         * Sets the most bytes queued for writing on one connection.
         *
         * @param maxQueuedBytes at least 1
         * @return this builder
         * @throws IllegalArgumentException if {@code maxQueuedBytes < 1}
         */
        public Builder maxQueuedBytes(long maxQueuedBytes) {
            if (maxQueuedBytes < 1) {
                throw new IllegalArgumentException("maxQueuedBytes must be >= 1: " + maxQueuedBytes);
            }
            this.maxQueuedBytes = maxQueuedBytes;
            return this;
        }

        /**
         * Sets the most bytes unfinished frames may hold across the connections of one
         * endpoint (see {@link Limits#maxPartialFrameBytes()}).
         *
         * @param maxPartialFrameBytes at least 1
         * @return this builder
         * @throws IllegalArgumentException if {@code maxPartialFrameBytes < 1}
         */
        public Builder maxPartialFrameBytes(long maxPartialFrameBytes) {
            this.maxPartialFrameBytes = Checks.positive(maxPartialFrameBytes, "maxPartialFrameBytes");
            return this;
        }

        /**
         * Sets how long a frame may take to arrive after the read that brought its first byte
         * (see {@link Limits#partialFrameTimeout()}).
         *
         * @param partialFrameTimeout positive
         * @return this builder
         * @throws NullPointerException     if {@code partialFrameTimeout} is null
         * @throws IllegalArgumentException if {@code partialFrameTimeout} is zero or negative
         */
        public Builder partialFrameTimeout(Duration partialFrameTimeout) {
            this.partialFrameTimeout = Checks.positive(partialFrameTimeout, "partialFrameTimeout");
            return this;
        }

        /**
         * Sets the most handlers one connection of a server runs at once (see
         * {@link Limits#maxHandlersPerConnection()}).
         *
         * @param maxHandlersPerConnection at least 1, or 0 for automatic (half the server's
         *                                 handler pool)
         * @return this builder
         * @throws IllegalArgumentException if {@code maxHandlersPerConnection < 0}
         */
        public Builder maxHandlersPerConnection(int maxHandlersPerConnection) {
            this.maxHandlersPerConnection = Checks.nonNegative(maxHandlersPerConnection, "maxHandlersPerConnection");
            return this;
        }

        /**
         * Returns the limits.
         *
         * @return an immutable copy of this builder's values
         */
        public Limits build() {
            return new Limits(this);
        }
    }
}
