package dev.strand.net;

import java.util.Objects;
import java.util.concurrent.TimeoutException;

/**
 * Told when each request-reply round trip of a {@link Connection} ends: a service-provider
 * hook for metrics libraries ({@code strand-micrometer}'s {@code strand.net.request} timer is
 * one), rarely needed by applications, which have the request's future.
 *
 * <pre>{@code
 * RequestListener.add(connection, (type, outcome, nanos, failure) ->
 *         System.out.printf("%s %s in %d us%n", type, outcome, nanos / 1000));
 * }</pre>
 *
 * <h2>Cost</h2>
 * None while no listener is added: a request of a connection without listeners takes no clock
 * reading and allocates nothing for them. With listeners, each request reads the clock twice and
 * allocates one small object.
 *
 * <h2>Threads and ordering</h2>
 * {@link #onRequestEnded} is called once per request that was made after the listener was added,
 * on the thread that ends it: usually the connection's I/O thread (a reply, an error reply, a
 * deadline, the connection's loss), the requesting thread when it is refused at once. It must
 * be quick and must not block. It runs before the request's future completes, so whoever sees
 * the future complete also sees what the listener did. A listener that throws is reported to
 * the endpoint's error listener; the request is not affected.
 */
@FunctionalInterface
public interface RequestListener {

    /** How a request ended. */
    enum Outcome {
        /** A reply of the expected type came back. */
        REPLY,
        /** The peer answered with an error ({@link RemoteException}). */
        REMOTE_ERROR,
        /** The deadline passed first ({@link TimeoutException}). */
        TIMEOUT,
        /** The connection was lost, or was not open ({@link ConnectionLostException}). */
        CONNECTION_LOST,
        /**
         * Refused on this side before it was written: too many requests in flight
         * ({@link LimitExceededException}) or the send queue full ({@link BackpressureException}).
         */
        REJECTED,
        /** Any other failure: the request could not be encoded or sent, or the reply was invalid. */
        FAILED;

        /**
         * Classifies a request's failure.
         *
         * @param failure what the request's future failed with, or null for a reply
         * @return the outcome
         */
        public static Outcome of(Throwable failure) {
            if (failure == null) {
                return REPLY;
            }
            if (failure instanceof RemoteException) {
                return REMOTE_ERROR;
            }
            if (failure instanceof TimeoutException) {
                return TIMEOUT;
            }
            if (failure instanceof ConnectionLostException) {
                return CONNECTION_LOST;
            }
            if (failure instanceof LimitExceededException || failure instanceof BackpressureException) {
                return REJECTED;
            }
            return FAILED;
        }
    }

    /**
     * A request ended.
     *
     * @param type the request's type name, as registered with the codec
     * @param outcome how it ended
     * @param nanos the time from the request to its end, in nanoseconds
     * @param failure what its future fails with, or null for {@link Outcome#REPLY}
     */
    void onRequestEnded(String type, Outcome outcome, long nanos, Throwable failure);

    /**
     * Adds a listener to a connection. A client's connection keeps it across reconnects.
     *
     * @param connection a connection {@link NetClient} returned, or one a {@link NetServer}
     *                   handed to a handler; not null
     * @param listener the listener; not null
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if {@code connection} is of another kind (a
     *                                  {@link Cluster}, or a user's implementation)
     */
    static void add(Connection connection, RequestListener listener) {
        Objects.requireNonNull(listener, "listener");
        RequestListeners.of(connection).add(listener);
    }

    /**
     * Removes a listener added with {@link #add}; requests already made may still report to it.
     *
     * @param connection the connection; not null
     * @param listener the listener; not null
     * @return whether it was there
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if {@code connection} is of a kind {@link #add} refuses
     */
    static boolean remove(Connection connection, RequestListener listener) {
        Objects.requireNonNull(listener, "listener");
        return RequestListeners.of(connection).remove(listener);
    }
}
