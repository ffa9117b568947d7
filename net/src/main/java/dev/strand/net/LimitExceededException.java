package dev.strand.net;

/**
 * A configured {@link Limits limit} was reached: too many connections to a server, too many
 * requests in flight on one connection.
 *
 * <p>{@link #limit()} names the limit (the {@link Limits} property, such as
 * {@code "maxInFlightRequests"}) and {@link #value()} its configured value.
 *
 * <p>Its own fields are final and set when it is created, so it may be handed between
 * threads.
 */
public class LimitExceededException extends NetException {

    private static final long serialVersionUID = 1L;

    /** The name of the limit, as the {@link Limits} property (serialized). */
    private final String limit;
    /** The configured value of the limit (serialized). */
    private final long value;

    /**
     * Creates an exception for the limit {@code limit} whose value {@code value} was reached.
     *
     * @param limit the name of the limit, as the {@link Limits} property; not null
     * @param value the configured value of the limit
     */
    public LimitExceededException(String limit, long value) {
        super(limit + " (" + value + ") reached");
        this.limit = limit;
        this.value = value;
    }

    /**
     * Returns the name of the limit that was reached.
     *
     * @return the {@link Limits} property name, such as {@code "maxConnections"}
     */
    public String limit() {
        return limit;
    }

    /**
     * Returns the configured value of the limit.
     *
     * @return the value
     */
    public long value() {
        return value;
    }
}
