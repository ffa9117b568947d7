package dev.strand.net;

import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.ScheduledFuture;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * The requests one connection sent and still waits for, by correlation id.
 *
 * <p>Each entry leaves the map exactly once, by whichever comes first: its reply
 * ({@link #complete}), its deadline (a timer on the connection's event loop), a failed write
 * ({@link #fail}) or the connection's end ({@link #failAll}); {@code map.remove} decides the
 * winner, so a future is completed once and the in-flight count is lowered once. A reply whose
 * id is no longer in the map (its deadline passed) is dropped and counted as late.
 *
 * <p>{@link #failAll} marks the map closed before it sweeps; {@link #register} puts the entry
 * before it reads the mark and, seeing it, removes and fails its own entry: no entry can be
 * added after the sweep and stay forever.
 */
final class PendingRequests {

    /** One request waiting for its reply. */
    static final class Pending<R> {
        final long id;
        final Class<R> replyType;
        final CompletableFuture<R> future = new CompletableFuture<>();
        final Object request;
        /** Set on the registering thread before the entry can time out; cancelled on completion. */
        volatile ScheduledFuture<?> timer;

        Pending(long id, Class<R> replyType, Object request) {
            this.id = id;
            this.replyType = replyType;
            this.request = request;
        }
    }

    private final Map<Long, Pending<?>> map = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final LongAdder lateReplies = new LongAdder();
    private final int maxInFlight;
    private volatile Throwable closedCause;

    PendingRequests(int maxInFlight) {
        this.maxInFlight = maxInFlight;
    }

    /**
     * Registers a request with a deadline.
     *
     * @return the entry (its future already failed if the limit was hit or the map closed)
     */
    <R> Pending<R> register(Class<R> replyType, Object request, Duration timeout, EventExecutor timers) {
        Pending<R> p = new Pending<>(ids.incrementAndGet(), replyType, request);
        if (inFlight.incrementAndGet() > maxInFlight) {
            inFlight.decrementAndGet();
            p.future.completeExceptionally(new LimitExceededException("maxInFlightRequests", maxInFlight));
            return p;
        }
        map.put(p.id, p);
        p.timer = timers.schedule(() -> expire(p, timeout), timeout.toNanos(), TimeUnit.NANOSECONDS);
        Throwable closed = closedCause;
        if (closed != null) {
            fail(p.id, lost(closed, request), false);
        }
        return p;
    }

    /** The request {@code id} still waiting, or null; does not take it. */
    Object request(long id) {
        Pending<?> p = map.get(id);
        return p == null ? null : p.request;
    }

    private void expire(Pending<?> p, Duration timeout) {
        if (map.remove(p.id, p)) {
            inFlight.decrementAndGet();
            p.future.completeExceptionally(new TimeoutException("no reply within " + timeout));
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

    private static <R> void completeWith(Pending<R> p, Object reply) {
        if (p.replyType.isInstance(reply)) {
            p.future.complete(p.replyType.cast(reply));
        } else {
            p.future.completeExceptionally(new ProtocolException("expected a reply of " + p.replyType.getName()
                    + ", got " + reply.getClass().getName()));
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
        p.future.completeExceptionally(error);
        return true;
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
        for (Pending<?> p : map.values()) {
            if (map.remove(p.id, p)) {
                inFlight.decrementAndGet();
                ScheduledFuture<?> timer = p.timer;
                if (timer != null) {
                    timer.cancel(false);
                }
                p.future.completeExceptionally(lost(why, p.request));
            }
        }
    }

    private static ConnectionLostException lost(Throwable cause, Object request) {
        return new ConnectionLostException("connection lost with the request in flight (at-most-once: "
                + "it may or may not have run)", cause, request);
    }

    int inFlight() {
        return inFlight.get();
    }

    long lateReplies() {
        return lateReplies.sum();
    }
}
