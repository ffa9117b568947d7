package dev.strand.channels;

import dev.strand.core.internal.Durations;
import dev.strand.core.Ticker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Receives from whichever of several receivers has a message first (Go's {@code select},
 * crossbeam's {@code select!}).
 *
 * <pre>{@code
 * Select<Event> select = Select.of(keys, clicks);
 * while (true) {
 *     Selected<Event> s = select.recv();          // blocks until either has a message
 *     System.out.println(s.message() + " from " + (s.receiver() == keys ? "keys" : "clicks"));
 * }                                               // DisconnectedException once both are done
 * }</pre>
 *
 * <p><b>Fairness.</b> Each call starts scanning just after the receiver served last, so a
 * receiver that has messages is never starved by the others.
 *
 * <p><b>Disconnect.</b> A disconnected (or closed) receiver is skipped;
 * {@link DisconnectedException} is thrown only when every receiver is disconnected and
 * drained.
 *
 * <p><b>Waiting.</b> When no receiver has a message, the calling thread publishes one waiter in
 * every live channel and re-checks them all before parking; a send, a last sender's close or
 * a receiver's close on any of them wakes it. This keeps the no-lost-wake-up guarantee of a
 * single receiver.
 *
 * <p><b>Thread safety.</b> A {@code Select} is the consumer of its receivers while a call is in
 * progress: use it from one thread at a time, and do not receive from its receivers directly
 * in another thread at the same time (that is detected and fails with
 * {@link IllegalStateException}). The receivers may be used directly between calls.
 *
 * @param <T> the common message type
 */
public final class Select<T> {

    private final List<Receiver<? extends T>> receivers;
    private final List<Core<? extends T>> cores;
    private final Ticker ticker;
    /** Where the next scan starts: just after the receiver served last (fairness). */
    private int next;

    private Select(List<Receiver<? extends T>> receivers, List<Core<? extends T>> cores) {
        this.receivers = receivers;
        this.cores = cores;
        this.ticker = cores.get(0).ticker;
    }

    /**
     * Creates a select over the given receivers.
     *
     * @param <T>       the common message type
     * @param receivers receivers made by {@link Channel}; at least one, no null, no duplicate
     * @return a select over them, for one thread at a time
     * @throws NullPointerException     if the array or an element is null
     * @throws IllegalArgumentException if there are none, one appears twice, or one was not made
     *                                  by {@link Channel}
     */
    @SafeVarargs
    public static <T> Select<T> of(Receiver<? extends T>... receivers) {
        Objects.requireNonNull(receivers, "receivers");
        if (receivers.length == 0) {
            throw new IllegalArgumentException("receivers must not be empty");
        }
        List<Receiver<? extends T>> rs = new ArrayList<>(receivers.length);
        List<Core<? extends T>> cs = new ArrayList<>(receivers.length);
        Set<Object> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (int i = 0; i < receivers.length; i++) {
            Receiver<? extends T> r = Objects.requireNonNull(receivers[i], "receivers[" + i + "]");
            if (!seen.add(r)) {
                throw new IllegalArgumentException("receivers[" + i + "] appears twice");
            }
            rs.add(r);
            cs.add(coreOf(r, i));
        }
        return new Select<>(List.copyOf(rs), List.copyOf(cs));
    }

    private static <E> Core<E> coreOf(Receiver<E> r, int i) {
        if (r instanceof ReceiverHandle) {
            return ((ReceiverHandle<E>) r).core;
        }
        throw new IllegalArgumentException("receivers[" + i + "] was not made by Channel: " + r);
    }

    /**
     * Receives a message from whichever receiver has one, waiting until one does.
     *
     * @return the message and the receiver it came from
     * @throws DisconnectedException if every receiver is disconnected and drained
     * @throws InterruptedException  if interrupted while waiting
     * @throws IllegalStateException if one of the receivers is in use by another thread
     */
    public Selected<T> recv() throws InterruptedException {
        return select(true, false, 0L);
    }

    /**
     * Receives a message if one of the receivers has one now; never waits.
     *
     * @return the message and its receiver, or {@code null} if none has a message
     * @throws DisconnectedException if every receiver is disconnected and drained
     * @throws IllegalStateException if one of the receivers is in use by another thread
     */
    public Selected<T> tryRecv() {
        try {
            return select(false, false, 0L);
        } catch (InterruptedException impossible) {
            Thread.currentThread().interrupt();
            throw new AssertionError("a non-blocking select cannot be interrupted", impossible);
        }
    }

    /**
     * Receives a message from whichever receiver has one, waiting at most {@code timeout}
     * (measured with the ticker of the first receiver's channel). A zero or negative timeout
     * makes this {@link #tryRecv()}.
     *
     * @param timeout how long to wait at most; not null
     * @return the message and its receiver, or {@code null} on timeout
     * @throws NullPointerException  if {@code timeout} is null
     * @throws DisconnectedException if every receiver is disconnected and drained
     * @throws InterruptedException  if interrupted while waiting
     * @throws IllegalStateException if one of the receivers is in use by another thread
     */
    public Selected<T> recv(Duration timeout) throws InterruptedException {
        long nanos = Durations.toNanos(timeout, "timeout");
        if (nanos <= 0L) {
            return tryRecv();
        }
        return select(true, true, ticker.nanoTime() + nanos);
    }

    private Selected<T> select(boolean block, boolean timed, long deadline) throws InterruptedException {
        Thread me = Thread.currentThread();
        int n = cores.size();
        boolean[] held = new boolean[n];
        boolean[] gone = new boolean[n];
        try {
            for (int i = 0; i < n; i++) {
                if (cores.get(i).acquire(me)) {
                    held[i] = true;
                } else {
                    gone[i] = true; // terminal and being drained
                }
            }
            Waiter w = null;
            boolean[] registered = null;
            for (int round = 0;; round++) {
                int start = next < n ? next : 0;
                int live = 0;
                boolean pending = false;
                for (int k = 0; k < n; k++) {
                    int i = (start + k) % n;
                    if (gone[i]) {
                        continue;
                    }
                    Core<? extends T> c = cores.get(i);
                    T m;
                    try {
                        m = c.pollOrDisconnect();
                    } catch (DisconnectedException e) {
                        gone[i] = true;
                        held[i] = false;
                        c.release(); // let a closer or a late sender drain it now
                        continue;
                    }
                    live++;
                    if (m != null) {
                        next = (i + 1) % n;
                        return new Selected<>(receivers.get(i), m);
                    }
                    if (!c.bufferEmpty()) {
                        pending = true; // claimed, not yet written
                    }
                }
                if (live == 0) {
                    throw new DisconnectedException("every receiver of the select is disconnected");
                }
                if (!block) {
                    return null;
                }
                if (pending || round < Core.SPINS) {
                    Core.backoff(pending ? round : 0);
                    continue;
                }
                if (Thread.interrupted()) {
                    throw new InterruptedException();
                }
                long nanos = 0L;
                if (timed) {
                    nanos = deadline - ticker.nanoTime();
                    if (nanos <= 0L) {
                        block = false; // one last scan, then null
                        continue;
                    }
                }
                if (w == null) {
                    w = new Waiter(me);
                    registered = new boolean[n];
                }
                parkOnAll(w, registered, gone, timed, nanos);
            }
        } finally {
            for (int i = 0; i < n; i++) {
                if (held[i]) {
                    cores.get(i).release();
                }
            }
        }
    }

    /** Publishes w in every live channel, re-checks them all, parks, and withdraws w. */
    private void parkOnAll(Waiter w, boolean[] registered, boolean[] gone, boolean timed, long nanos) {
        int n = cores.size();
        boolean ready = false;
        try {
            for (int i = 0; i < n && !ready; i++) {
                if (!gone[i]) {
                    registered[i] = cores.get(i).register(w); // CAS: fence before the re-checks
                    ready = !registered[i]; // a terminal state: rescan
                }
            }
            // Re-check every channel after publishing (Core overview, 1 and 4).
            for (int i = 0; i < n && !ready; i++) {
                Core<? extends T> c = cores.get(i);
                ready = !gone[i] && (!c.bufferEmpty() || c.senders == 0);
            }
            if (!ready) {
                cores.get(0).park(timed, nanos);
            }
        } finally {
            for (int i = 0; i < n; i++) {
                if (registered[i]) {
                    registered[i] = false;
                    cores.get(i).deregister(w); // on every way out
                }
            }
        }
    }

    @Override
    public String toString() {
        return "Select" + receivers;
    }
}
