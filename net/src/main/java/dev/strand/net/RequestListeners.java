package dev.strand.net;

import java.util.Arrays;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The {@link RequestListener}s of one connection: a client's outlive its sockets (each
 * socket's {@link PendingRequests} reads the same set), a server connection's live with it.
 *
 * <p>Copy-on-write: adding and removing are rare and serialized on this object; the request
 * path reads one volatile array and does nothing more when it is empty.
 */
final class RequestListeners {

    private static final RequestListener[] NONE = {};

    private volatile RequestListener[] listeners = NONE;

    /** The listeners of {@code connection}; throws IAE for a kind that has none. */
    static RequestListeners of(Connection connection) {
        Objects.requireNonNull(connection, "connection");
        if (connection instanceof ClientConnection c) {
            return c.requestListeners();
        }
        if (connection instanceof RpcConnection c) {
            return c.requestListeners();
        }
        throw new IllegalArgumentException("connection must be one a NetClient returned or a NetServer handed to a "
                + "handler, not a " + connection.getClass().getName());
    }

    synchronized void add(RequestListener listener) {
        RequestListener[] now = listeners;
        RequestListener[] next = Arrays.copyOf(now, now.length + 1);
        next[now.length] = listener;
        listeners = next;
    }

    synchronized boolean remove(RequestListener listener) {
        RequestListener[] now = listeners;
        for (int i = 0; i < now.length; i++) {
            if (now[i] == listener) {
                RequestListener[] next = new RequestListener[now.length - 1];
                System.arraycopy(now, 0, next, 0, i);
                System.arraycopy(now, i + 1, next, i, now.length - i - 1);
                listeners = next;
                return true;
            }
        }
        return false;
    }

    /**
     * Tells each of {@code listeners} that a request ended; what one throws goes to
     * {@code errors} and the others are still told.
     */
    static void tell(RequestListener[] listeners, String type, RequestListener.Outcome outcome, long nanos,
                     Throwable failure, Consumer<Throwable> errors) {
        for (RequestListener l : listeners) {
            try {
                l.onRequestEnded(type, outcome, nanos, failure);
            } catch (RuntimeException e) {
                errors.accept(e);
            }
        }
    }

    /** The current listeners; an empty array when none (do not modify). */
    RequestListener[] get() {
        return listeners;
    }
}
