package dev.strand.net;

import dev.strand.net.transport.Jfr;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.ScheduledFuture;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import java.util.function.LongConsumer;
import java.util.function.Supplier;

/**
 * The requests one connection sent and still waits for, by correlation id ({@link PendingMap}:
 * no allocation or lock per request while fewer than {@link PendingMap#SLOTS} are in flight).
 *
 * <p>Each entry leaves the map exactly once, by whichever comes first: its reply
 * ({@link #complete}), its deadline (a timer on the connection's event loop), a failed write
 * ({@link #fail}) or the connection's end ({@link #failAll}); {@code map.remove} decides the
 * winner, so a future is completed once and the in-flight count is lowered once. A reply whose
 * id is no longer in the map (its deadline passed) is dropped and counted as late.
 *
 * <p>A caller's {@code cancel} of a request's future takes part in the same race: if it
 * removes the entry, the request is forgotten (a reply that comes later is late) and the peer
 * is told with a cancel frame ({@code onCancel}); if the entry was already gone, nothing is sent.
 *
 * <p>{@link #failAll} marks the map closed before it sweeps; {@link #register} puts the entry
 * before it reads the mark and, seeing it, removes and fails its own entry: no entry can be
 * added after the sweep and stay forever.
 *
 * <p>Observation: a request made while the connection has {@link RequestListener}s, or while
 * the JFR slow-request event is enabled, carries a {@link Watch}, told how the request ended
 * just before its future completes (whoever wins the {@code map.remove} tells it, so once).
 * Otherwise its watch is null and nothing is measured or allocated for it.
 */
final class PendingRequests {

    /**
     * One request waiting for its reply, and the future its caller holds: a successful
     * {@code cancel} also forgets the request and tells the peer
     * ({@link PendingRequests#cancelled}); dependent stages are plain futures.
     * A subclass may turn the reply into its value another way ({@link #accepts},
     * {@link #completeFrom}).
     */
    static class Pending<R> extends CancellableFuture<R> {
        final PendingRequests owner;
        final long id;
        final Class<?> replyType;
        final Object request;
        /** Set on the registering thread before the entry can time out; cancelled on completion. */
        volatile ScheduledFuture<?> timer;
        /**
         * Null unless something watches this request. Written before the entry is put in the
         * map (or its timer scheduled), read by whoever removed it: the map orders the two.
         */
        Watch watch;

        /**
         * @param replyType what a reply must be: {@code R} itself, unless a subclass turns the
         *                  reply into its value ({@link #completeFrom})
         */
        Pending(PendingRequests owner, long id, Class<?> replyType, Object request) {
            this.owner = owner;
            this.id = id;
            this.replyType = replyType;
            this.request = request;
        }

        /** Whether {@code reply} answers this request (else the request fails with a ProtocolException). */
        boolean accepts(Object reply) {
            return replyType.isInstance(reply);
        }

        /** Completes this future from an accepted reply (its listeners were told already). */
        @SuppressWarnings("unchecked") // accepts: the reply is a replyType, which is R here
        void completeFrom(Object reply) {
            complete((R) reply);
        }

        @Override
        void cancelled(boolean mayInterruptIfRunning) {
            owner.cancelled(id);
        }
    }

    private final PendingMap map = new PendingMap();
    private final AtomicLong ids = new AtomicLong();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final LongAdder lateReplies = new LongAdder();
    private final int maxInFlight;
    private volatile Throwable closedCause;
    private final RequestListeners listeners;
    private final Supplier<SocketAddress> remote;
    private final Consumer<Throwable> listenerErrors;
    private final LongConsumer onCancel;

    /** As the constructor below, telling nobody of a cancel. */
    PendingRequests(int maxInFlight, RequestListeners listeners, Supplier<SocketAddress> remote,
                    Consumer<Throwable> listenerErrors) {
        this(maxInFlight, listeners, remote, listenerErrors, id -> { });
    }

    /**
     * @param maxInFlight    the most requests waiting at once; more are refused
     * @param listeners      the connection's request listeners
     * @param remote         the peer's address (read only for a JFR event)
     * @param listenerErrors told what a listener threw
     * @param onCancel       told the id of a request its caller cancelled while it waited (on
     *                       the cancelling thread), to tell the peer
     */
    PendingRequests(int maxInFlight, RequestListeners listeners, Supplier<SocketAddress> remote,
                    Consumer<Throwable> listenerErrors, LongConsumer onCancel) {
        this.onCancel = onCancel;
        this.maxInFlight = maxInFlight;
        this.listeners = listeners;
        this.remote = remote;
        this.listenerErrors = listenerErrors;
    }

    /**
     * Registers a request with a deadline.
     *
     * @return the entry (already failed if the limit was hit or the map closed)
     */
    <R> Pending<R> register(Class<R> replyType, Object request, String type, Duration timeout,
                            EventExecutor timers) {
        return register(new Pending<R>(this, nextId(), replyType, request), type, timeout, timers);
    }

    /** A fresh request id, for an entry made by the caller ({@link #register(Pending, String, Duration, EventExecutor)}). */
    long nextId() {
        return ids.incrementAndGet();
    }

    /**
     * Registers an entry made with {@link #nextId()} and this as its owner.
     *
     * @return {@code p} (already failed if the limit was hit or the map closed)
     */
    <P extends Pending<?>> P register(P p, String type, Duration timeout, EventExecutor timers) {
        p.watch = Watch.start(type, listeners.get(), remote);
        if (inFlight.incrementAndGet() > maxInFlight) {
            inFlight.decrementAndGet();
            failWith(p, new LimitExceededException("maxInFlightRequests", maxInFlight));
            return p;
        }
        map.put(p);
        p.timer = timers.schedule(() -> expire(p, timeout), timeout.toNanos(), TimeUnit.NANOSECONDS);
        Throwable closed = closedCause;
        if (closed != null) {
            fail(p.id, lost(closed, p.request), false);
        }
        return p;
    }

    /** The request {@code id} still waiting, or null; does not take it. */
    Object request(long id) {
        Pending<?> p = map.get(id);
        return p == null ? null : p.request;
    }

    private void expire(Pending<?> p, Duration timeout) {
        if (map.remove(p)) {
            inFlight.decrementAndGet();
            failWith(p, new TimeoutException("no reply within " + timeout));
        }
    }

    /**
     * Completes the request {@code id} with a reply.
     *
     * @return false if no request was waiting (the reply is late and was counted)
     */
    boolean complete(long id, Object reply) {
        Pending<?> p = take(id, true);
        if (p == null) {
            return false;
        }
        completeWith(p, reply);
        return true;
    }

    private void completeWith(Pending<?> p, Object reply) {
        if (p.accepts(reply)) {
            tell(p, null);
            p.completeFrom(reply);
        } else {
            failWith(p, new ProtocolException("expected a reply of " + p.replyType.getName()
                    + ", got " + reply.getClass().getName()));
        }
    }

    /** Tells the watch (if any), then fails the future: a listener's effects precede it. */
    private void failWith(Pending<?> p, Throwable error) {
        tell(p, error);
        p.completeExceptionally(error);
    }

    private void tell(Pending<?> p, Throwable failure) {
        Watch w = p.watch;
        if (w != null) {
            w.ended(failure, listenerErrors);
        }
    }

    /**
     * Fails the request {@code id}.
     *
     * @param late whether a missing entry counts as a late reply (an error reply from the
     *             peer), or not (a local failure racing the deadline)
     * @return false if no request was waiting
     */
    boolean fail(long id, Throwable error, boolean late) {
        Pending<?> p = take(id, late);
        if (p == null) {
            return false;
        }
        failWith(p, error);
        return true;
    }

    /** The future of request {@code id} was cancelled: forget it and tell the peer, if it still waited. */
    private void cancelled(long id) {
        Pending<?> p = take(id, false);
        if (p == null) {
            return; // already answered, timed out or failed: forgotten already
        }
        tell(p, new CancellationException("cancelled by the caller"));
        onCancel.accept(id);
    }

    private Pending<?> take(long id, boolean countLate) {
        Pending<?> p = map.remove(id);
        if (p == null) {
            if (countLate) {
                lateReplies.increment();
            }
            return null;
        }
        inFlight.decrementAndGet();
        ScheduledFuture<?> timer = p.timer;
        if (timer != null) {
            timer.cancel(false);
        }
        return p;
    }

    /** Fails every waiting request and every later one with ConnectionLostException. */
    void failAll(Throwable cause) {
        Throwable why = cause != null ? cause : new ConnectionLostException("connection closed", null);
        closedCause = why;
        map.removeAll(p -> {
            inFlight.decrementAndGet();
            ScheduledFuture<?> timer = p.timer;
            if (timer != null) {
                timer.cancel(false);
            }
            failWith(p, lost(why, p.request));
        });
    }

    private static ConnectionLostException lost(Throwable cause, Object request) {
        return new ConnectionLostException("connection lost with the request in flight (at-most-once: "
                + "it may or may not have run)", cause, request);
    }

    /**
     * What watches one request: the listeners there were when it was made, and its JFR event.
     * Confined to the registering thread until published with its entry, then to the one
     * thread that ends the request.
     */
    static final class Watch {

        /** The JFR outcome names, by {@link RequestListener.Outcome} ordinal. */
        private static final String[] JFR_OUTCOMES = new String[RequestListener.Outcome.values().length];

        static {
            for (RequestListener.Outcome o : RequestListener.Outcome.values()) {
                JFR_OUTCOMES[o.ordinal()] = o.name().toLowerCase(Locale.ROOT).replace('_', '-');
            }
        }

        private final String type;
        private final RequestListener[] listeners;
        private final long startNanos;
        private final Jfr.SlowRequest event;

        private Watch(String type, RequestListener[] listeners, Jfr.SlowRequest event) {
            this.type = type;
            this.listeners = listeners;
            this.event = event;
            this.startNanos = listeners.length > 0 ? System.nanoTime() : 0;
        }

        /** A watch for a request made now, or null when nothing watches (the usual case). */
        static Watch start(String type, RequestListener[] listeners, Supplier<SocketAddress> remote) {
            Jfr.SlowRequest event = Jfr.requestStarted(type, remote);
            if (event == null && listeners.length == 0) {
                return null;
            }
            return new Watch(type, listeners, event);
        }

        /** Called once, on the thread that ends the request, before its future completes. */
        void ended(Throwable failure, Consumer<Throwable> errors) {
            RequestListener.Outcome outcome = RequestListener.Outcome.of(failure);
            if (event != null) {
                Jfr.requestEnded(event, JFR_OUTCOMES[outcome.ordinal()]);
            }
            if (listeners.length > 0) {
                RequestListeners.tell(listeners, type, outcome, System.nanoTime() - startNanos, failure, errors);
            }
        }
    }

    int inFlight() {
        return inFlight.get();
    }

    long lateReplies() {
        return lateReplies.sum();
    }
}
