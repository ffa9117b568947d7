package dev.strand.channels;

import dev.strand.channels.internal.SelectableReceiver;
import dev.strand.core.internal.Durations;
import dev.strand.core.Ticker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

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
 * receiver that has messages is never starved by the others. A new {@code Select} starts at a
 * receiver chosen at random, so building one for every call is fair too (on average).
 *
 * <p><b>Receivers.</b> Any receiver Strand makes can be selected: a channel's own, a remote
 * channel's ({@code ChannelServer}), a puller's and a pipeline's results. The latter wrap a
 * channel's receiver, and a select waits on that channel directly while doing what their
 * {@code recv} does for each message (granting credit, reporting a pipeline's failure once its
 * results are drained).
 *
 * <p><b>Disconnect.</b> A disconnected (or closed) receiver is skipped;
 * {@link DisconnectedException} is thrown only when every receiver is disconnected and
 * drained.
 *
 * <p><b>Waiting.</b> When no receiver has a message, the calling thread waits as a single
 * receive does: it spins, then yields, re-scanning each time, then publishes one waiter in
 * every live channel and re-checks them all before parking; a send, a last sender's close or
 * a receiver's close on any of them wakes it. This keeps the no-lost-wake-up guarantee of a
 * single receiver. While it is parked, a {@code trySend} on a rendezvous channel among its
 * receivers succeeds, and that message is then the select's result.
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
    private final List<Core<?>> cores;
    /** Per receiver: null for a channel's own receiver, else how to finish a message taken. */
    private final List<SelectableReceiver<? extends T>> wrappers;
    private final Ticker ticker;
    /** Where the next scan starts: just after the receiver served last (fairness); random at first. */
    private int next;

    private Select(List<Receiver<? extends T>> receivers, List<Core<?>> cores,
            List<SelectableReceiver<? extends T>> wrappers) {
        this.receivers = receivers;
        this.cores = cores;
        this.wrappers = wrappers;
        this.ticker = cores.get(0).ticker;
        // A fresh select starts at a random receiver, so a select built anew for every call
        // (select! in a loop) does not always favour its first receiver (crossbeam does the same).
        this.next = ThreadLocalRandom.current().nextInt(cores.size());
    }

    /**
     * Creates a select over the given receivers.
     *
     * @param <T>       the common message type
     * @param receivers receivers made by {@link Channel}, or by Strand over a channel (remote
     *                  channels, pullers, pipeline results); at least one, no null, no duplicate
     * @return a select over them, for one thread at a time
     * @throws NullPointerException     if the array or an element is null
     * @throws IllegalArgumentException if there are none, one appears twice (directly or
     *                                  through the channel it wraps), or one was not made by
     *                                  Strand
     */
    @SafeVarargs
    public static <T> Select<T> of(Receiver<? extends T>... receivers) {
        Objects.requireNonNull(receivers, "receivers");
        if (receivers.length == 0) {
            throw new IllegalArgumentException("receivers must not be empty");
        }
        List<Receiver<? extends T>> rs = new ArrayList<>(receivers.length);
        List<Core<?>> cs = new ArrayList<>(receivers.length);
        List<SelectableReceiver<? extends T>> ws = new ArrayList<>(receivers.length);
        Set<Object> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (int i = 0; i < receivers.length; i++) {
            Receiver<? extends T> r = Objects.requireNonNull(receivers[i], "receivers[" + i + "]");
            SelectableReceiver<? extends T> w = wrapperOf(r);
            Core<?> c = coreOf(w == null ? r : w.selectSource(), r, i);
            if (!seen.add(r) || !seen.add(c)) {
                throw new IllegalArgumentException("receivers[" + i + "] appears twice");
            }
            rs.add(r);
            cs.add(c);
            ws.add(w);
        }
        return new Select<>(List.copyOf(rs), List.copyOf(cs), Collections.unmodifiableList(ws));
    }

    @SuppressWarnings("unchecked") // a SelectableReceiver<X> that is a Receiver<X> hands out X
    private static <E> SelectableReceiver<E> wrapperOf(Receiver<E> r) {
        return r instanceof SelectableReceiver ? (SelectableReceiver<E>) r : null;
    }

    private static Core<?> coreOf(Receiver<?> source, Receiver<?> r, int i) {
        if (source instanceof MultiConsumerReceiver) {
            throw new IllegalArgumentException("receivers[" + i + "] is multi-consumer: a select needs a single consumer");
        }
        if (source instanceof ReceiverHandle) {
            return ((ReceiverHandle<?>) source).core;
        }
        throw new IllegalArgumentException("receivers[" + i + "] was not made by Strand: " + r);
    }

    @SuppressWarnings("unchecked") // a channel's own receiver in a Select<T> holds T
    private T finish(int i, Object m) {
        SelectableReceiver<? extends T> w = wrappers.get(i);
        return w == null ? (T) m : w.selected(m);
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
        SelectWait w = new SelectWait(Thread.currentThread());
        try {
            w.acquireAll();
            if (!block) {
                return w.scan(false);
            }
            return w.await(Wait.YIELDS, timed, deadline, ticker);
        } finally {
            w.releaseAll();
        }
    }

    /**
     * One call's wait over every receiver: the package's one wait (Wait), registering one
     * Waiter in every live channel, as a single receive does in its own (Core overview, 1).
     */
    private final class SelectWait extends Wait<Selected<T>> {
        private final Thread thread;
        private final int n = cores.size();
        /** Receivers whose channel this call owns (to release at the end). */
        private final boolean[] held = new boolean[n];
        /** Receivers disconnected (or closed) and drained: skipped from then on. */
        private final boolean[] gone = new boolean[n];
        /** Receivers whose channel the current registration was published in (to withdraw). */
        private final boolean[] registered = new boolean[n];
        /** The current registration's Waiter, also the hole of its rendezvous channels. */
        private Waiter waiter;

        SelectWait(Thread thread) {
            this.thread = thread;
        }

        void acquireAll() {
            for (int i = 0; i < n; i++) {
                if (cores.get(i).acquire(thread)) {
                    held[i] = true;
                } else {
                    gone[i] = true; // terminal and being drained
                }
            }
        }

        void releaseAll() {
            for (int i = 0; i < n; i++) {
                if (held[i]) {
                    cores.get(i).release();
                }
            }
        }

        @Override
        Selected<T> attempt(boolean parkPhase) {
            return scan(true);
        }

        /**
         * Polls every live receiver once, starting just after the one served last.
         *
         * @param spinOnPending whether to scan again while a channel has a message claimed but
         *                      not yet written (its producer is between two instructions)
         * @throws DisconnectedException when every receiver is disconnected and drained
         */
        Selected<T> scan(boolean spinOnPending) {
            for (int round = 0;; round++) {
                int start = next < n ? next : 0;
                int live = 0;
                boolean pending = false;
                for (int k = 0; k < n; k++) {
                    int i = (start + k) % n;
                    if (gone[i]) {
                        continue;
                    }
                    Core<?> c = cores.get(i);
                    Object m;
                    try {
                        m = c.pollOrDisconnect();
                    } catch (DisconnectedException e) {
                        gone[i] = true;
                        held[i] = false;
                        c.release(); // let a closer or a late sender drain it now
                        if (wrappers.get(i) != null) {
                            wrappers.get(i).sourceDisconnected(); // may throw the wrapper's failure
                        }
                        continue;
                    }
                    live++;
                    if (m != null) {
                        return selected(i, m);
                    }
                    if (!c.bufferEmpty()) {
                        pending = true; // claimed, not yet written
                    }
                }
                if (live == 0) {
                    throw new DisconnectedException("every receiver of the select is disconnected");
                }
                if (!pending || !spinOnPending) {
                    return null;
                }
                Wait.backoff(round);
            }
        }

        private Selected<T> selected(int i, Object m) {
            next = (i + 1) % n;
            return new Selected<>(receivers.get(i), finish(i, m));
        }

        @Override
        boolean register() {
            waiter = new Waiter(thread); // a fresh hole: the last one is closed
            for (int i = 0; i < n; i++) {
                if (!gone[i]) {
                    Core<?> c = cores.get(i);
                    registered[i] = true;
                    c.openHole(waiter);
                    if (!c.publish(waiter)) { // CAS: a full fence before ready()
                        return false; // a terminal state: rescan (unregister withdraws the rest)
                    }
                }
            }
            return true;
        }

        @Override
        boolean ready() {
            // Re-check every channel after publishing (Core overview, 1 and 4); a rendezvous
            // channel whose hole a trySend filled is not empty either.
            for (int i = 0; i < n; i++) {
                Core<?> c = cores.get(i);
                if (!gone[i] && (!c.bufferEmpty() || c.senders == 0)) {
                    return true;
                }
            }
            return false;
        }

        @Override
        Selected<T> unregister(boolean parked) {
            for (int i = 0; i < n; i++) {
                if (registered[i]) {
                    registered[i] = false;
                    Core<?> c = cores.get(i);
                    c.withdraw(waiter); // on every way out
                    c.shutHole(waiter);
                }
            }
            // Closing the hole (a CAS) decides: a trySend that filled it first is our result.
            Object handed = waiter.close();
            if (handed == null) {
                return null;
            }
            RendezvousCore<?>.Offer o = (RendezvousCore<?>.Offer) handed;
            return selected(cores.indexOf(o.channel()), o.msg);
        }
    }

    @Override
    public String toString() {
        return "Select" + receivers;
    }
}
