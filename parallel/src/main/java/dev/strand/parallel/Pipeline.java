package dev.strand.parallel;

import dev.strand.channels.Channel;
import dev.strand.channels.DisconnectedException;
import dev.strand.channels.ReceiveInterruptedException;
import dev.strand.channels.Receiver;
import dev.strand.channels.SendException;
import dev.strand.channels.Sender;
import dev.strand.channels.internal.SelectableReceiver;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * A pipeline of stages connected by bounded {@code channels}: each stage applies a function to
 * every item with N worker threads (the master-worker pattern), and the results come out of a
 * {@link Receiver}.
 *
 * <pre>{@code
 * try (Pipeline<Path, Summary> p = Pipeline.from(paths)       // an Iterable or a Receiver
 *         .stage("read", 2, Files::readString)                // 2 workers
 *         .stage("parse", 4, Parser::parse)
 *         .ordered(true)                                      // results in input order
 *         .capacity(256)                                      // bounded channels between stages
 *         .build()) {
 *     for (Summary s : p.results()) { ... }
 * }
 * }</pre>
 *
 * <h2>How it runs</h2>
 * {@link Builder#build()} starts the threads (daemon threads named
 * {@code strand-pipeline-<id>-<stage>-<n>}): one source thread that feeds the items into the
 * first channel; per stage either one worker (1 worker), or a master that hands each item to
 * whichever of its N workers is idle (N &gt; 1); and one collector that delivers the results
 * to {@link #results()}. Every channel holds at most {@code capacity} items, so a slow stage
 * or consumer stops the source (backpressure): at most {@code (stages + 2) * capacity +
 * sum(2 * workers + 1) + 2} items are taken from the source and not yet received from
 * {@code results()}; with {@code ordered(true)}, at most {@code 2 * capacity}.
 *
 * <h2>Order</h2>
 * With several workers, results come out in completion order. {@code ordered(true)} numbers
 * the items at the source and restores input order before the results channel, holding early
 * results in a reorder buffer; the source never runs more than {@code capacity} items ahead of
 * the next result due, which bounds that buffer.
 *
 * <h2>Failure, cancellation, close</h2>
 * If a stage's function (or the source) throws, the first such failure cancels the whole
 * pipeline (every thread is interrupted and ends) and the consumer's next call on
 * {@code results()} throws a {@link PipelineException} naming the stage, whose cause is the
 * original throwable; later failures are ignored. {@link #close()} (or closing
 * {@code results()}) cancels the pipeline if it is still running and waits until every one of
 * its threads has ended; a function that ignores interrupts is waited for. A {@code Receiver}
 * source belongs to the pipeline: it is closed when the pipeline ends or is closed.
 *
 * <p>Thread-safety: {@link #results()} is for one consumer thread at a time, like any
 * {@code Receiver}; {@link #close()} may be called from any thread, any number of times. The
 * functions of a stage are called from several threads at once when the stage has several
 * workers. Memory consistency effects: producing an item in the source happens-before the
 * first stage's function is applied to it; each stage's function happens-before the next
 * stage's on the same item, and the last happens-before the consumer receives the result.
 *
 * @param <I> the type of the source's items
 * @param <O> the type of the results
 */
public final class Pipeline<I, O> implements AutoCloseable {

    /**
     * The function of a stage. It may throw any exception: that fails the pipeline.
     *
     * <p>Thread-safety: a stage with N workers calls its function from N threads at once, so
     * a function shared by more than one worker must be thread-safe.
     *
     * @param <A> the input type
     * @param <B> the output type
     */
    @FunctionalInterface
    public interface StageFunction<A, B> {
        /**
         * Transforms one item.
         *
         * @param item the item; never null
         * @return the result; must not be null
         * @throws Exception to fail the pipeline
         */
        B apply(A item) throws Exception;
    }

    /** The default capacity of each channel. */
    public static final int DEFAULT_CAPACITY = 64;

    private static final AtomicInteger IDS = new AtomicInteger();

    /** An item on its way through the stages, with its position in the source. */
    private record Item(long seq, Object value) {
    }

    private final String prefix;
    private final List<Thread> threads = new ArrayList<>();
    private final AtomicReference<PipelineException> failure = new AtomicReference<>();
    private final Receiver<O> rawResults;
    private final Results results;
    private final Receiver<?> sourceReceiver;    // null for an Iterable source
    private volatile boolean cancelled;          // read by threads deciding whether an interrupt is expected

    // ------------------------------------------------------------------ building

    /**
     * Starts a pipeline description whose items come from {@code source}, iterated once by the
     * pipeline's source thread.
     *
     * @param source the items; not null; its iterator must not return null
     * @param <T> the item type
     * @return a builder with no stages yet
     * @throws NullPointerException if {@code source} is null
     */
    public static <T> Builder<T, T> from(Iterable<? extends T> source) {
        return new Builder<>(Objects.requireNonNull(source, "source"), DEFAULT_CAPACITY);
    }

    /**
     * Starts a pipeline description whose items are received from {@code source} until every
     * sender of it is closed. The pipeline owns the receiver from {@code build()} on: it closes
     * it when the pipeline ends, fails or is closed.
     *
     * @param source the items; not null
     * @param <T> the item type
     * @return a builder with no stages yet
     * @throws NullPointerException if {@code source} is null
     */
    public static <T> Builder<T, T> from(Receiver<? extends T> source) {
        return new Builder<>(Objects.requireNonNull(source, "source"), DEFAULT_CAPACITY);
    }

    /** A stage's description. */
    private record StageSpec(String name, int workers, StageFunction<Object, Object> fn) {
    }

    /**
     * Describes a pipeline. Like every {@code *Builder} in Strand it mutates in place and
     * returns {@code this}, so {@code b.capacity(4);} on its own takes effect; {@link #build()}
     * takes an immutable snapshot, so changing the builder afterwards does not affect pipelines
     * already built. {@link #stage} returns this same builder retyped to the stage's output.
     *
     * <p>Not thread-safe: configure it from one thread (or publish it safely).
     *
     * @param <I> the source's item type
     * @param <O> the type the last stage produces
     */
    public static final class Builder<I, O> {
        private final Object source;
        private final List<StageSpec> stages = new ArrayList<>();
        private boolean ordered;
        private int capacity;

        private Builder(Object source, int capacity) {
            this.source = source;
            this.capacity = capacity;
        }

        /**
         * Adds a stage that applies {@code fn} to every item with {@code workers} threads.
         *
         * @param name the stage's name, used in thread names and in {@link PipelineException};
         *     not null, not blank
         * @param workers how many threads apply {@code fn} at once, at least 1
         * @param fn the transformation; not null; called from {@code workers} threads at once
         * @param <R> the stage's output type
         * @return this builder, now ending with this stage (typed by its output)
         * @throws NullPointerException if {@code name} or {@code fn} is null
         * @throws IllegalArgumentException if {@code name} is blank or {@code workers < 1}
         */
        @SuppressWarnings("unchecked")
        public <R> Builder<I, R> stage(String name, int workers, StageFunction<? super O, ? extends R> fn) {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(fn, "fn");
            if (name.isBlank()) {
                throw new IllegalArgumentException("name must not be blank");
            }
            if (workers < 1) {
                throw new IllegalArgumentException("workers must be at least 1: " + workers);
            }
            // Items reaching this stage are the previous stage's O values: the cast is safe.
            stages.add(new StageSpec(name, workers, (StageFunction<Object, Object>) (StageFunction<?, ?>) fn));
            // From now on the last stage produces R; the builder holds no O-typed state.
            return (Builder<I, R>) this;
        }

        /**
         * Sets whether results come out in source order (default {@code false}: completion
         * order).
         *
         * @param ordered true to restore source order
         * @return this builder
         */
        public Builder<I, O> ordered(boolean ordered) {
            this.ordered = ordered;
            return this;
        }

        /**
         * Sets the capacity of each channel between stages (and of the reorder window).
         *
         * @param capacity at least 1; default {@value Pipeline#DEFAULT_CAPACITY}
         * @return this builder
         * @throws IllegalArgumentException if {@code capacity < 1}
         */
        public Builder<I, O> capacity(int capacity) {
            if (capacity < 1) {
                throw new IllegalArgumentException("capacity must be at least 1: " + capacity);
            }
            this.capacity = capacity;
            return this;
        }

        /**
         * Starts the pipeline's threads. A pipeline with no stages passes its items through.
         *
         * Later changes to this builder do not affect the returned pipeline: it runs from a
         * snapshot of the configuration taken here.
         *
         * @return the running pipeline; close it when done
         */
        public Pipeline<I, O> build() {
            Builder<I, O> snapshot = new Builder<>(source, capacity);
            snapshot.stages.addAll(stages);
            snapshot.ordered = ordered;
            return new Pipeline<>(snapshot);
        }
    }

    // ------------------------------------------------------------------ running

    private Pipeline(Builder<I, O> b) {
        int id = IDS.incrementAndGet();
        this.prefix = "strand-pipeline-" + id + "-";
        this.sourceReceiver = b.source instanceof Receiver ? (Receiver<?>) b.source : null;
        int cap = b.capacity;
        Semaphore window = b.ordered ? new Semaphore(cap) : null;

        Channel<Item> first = Channel.bounded(cap);
        threads.add(thread("source", () -> runSource(b.source, first.sender(), window)));
        Receiver<Item> in = first.receiver();
        for (StageSpec s : b.stages) {
            Channel<Item> out = Channel.bounded(cap);
            startStage(s, in, out.sender());
            in = out.receiver();
        }
        Channel<O> res = Channel.bounded(cap);
        Receiver<Item> last = in;
        threads.add(thread("collect", () -> runCollector(last, res.sender(), window)));
        this.rawResults = res.receiver();
        this.results = new Results();
        for (Thread t : threads) {
            t.start();
        }
    }

    /** The prefix of this pipeline's thread names (for tests and diagnostics). */
    String threadNamePrefix() {
        return prefix;
    }

    private Thread thread(String name, Runnable body) {
        Thread t = new Thread(body, prefix + name);
        t.setDaemon(true);
        return t;
    }

    /**
     * Returns the results, as a {@link Receiver} that ends (disconnects) after the last result,
     * and throws {@link PipelineException} from {@code recv}, {@code tryRecv}, {@code drain}
     * and iteration once the pipeline has failed. Closing it closes the pipeline.
     *
     * <p>Unlike a channel's receiver, closing it does not hand back what the pipeline holds:
     * items already taken from the source (inside a stage, or results not yet received) are
     * discarded with the cancelled pipeline, because they may be half-processed and have no
     * single owner to return to. Messages still buffered in a source {@code Channel} go to that
     * channel's {@code onUndelivered}, and its senders then fail with {@code SendException}.
     *
     * @return the same receiver on every call
     */
    public Receiver<O> results() {
        return results;
    }

    /**
     * Cancels the pipeline if it is still running and waits for every one of its threads to
     * end. Idempotent. If the calling thread is interrupted while waiting, it still waits, and
     * its interrupt status is set again on return.
     */
    @Override
    public void close() {
        cancel();
        boolean interrupted = false;
        for (Thread t : threads) {
            if (t == Thread.currentThread()) {
                continue;                         // close() from a stage function: not itself
            }
            while (t.isAlive()) {
                try {
                    t.join();
                } catch (InterruptedException e) {
                    interrupted = true;           // keep waiting: close() promises no thread left
                }
            }
        }
        rawResults.close();
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops every thread: they see the flag, or an interrupt in a blocking call. */
    private void cancel() {
        if (cancelled) {
            return;
        }
        cancelled = true;   // volatile write before the interrupts: threads woken see it
        for (Thread t : threads) {
            if (t != Thread.currentThread()) {
                t.interrupt();
            }
        }
    }

    /**
     * Records the first failure and cancels everything. A failure after the pipeline was
     * cancelled (by close, or by an earlier failure) is a consequence of the cancellation and
     * is not reported.
     */
    private void fail(String stage, Throwable cause) {
        if (!cancelled && failure.compareAndSet(null, new PipelineException(stage, cause))) {
            cancel();
        }
    }

    /**
     * A pipeline thread's loop ended with {@code t}: an interrupt or a closed channel is expected
     * while the pipeline is stopping; anything else fails the pipeline, naming {@code stage}.
     */
    private void ended(String stage, Throwable t) {
        boolean expected = (t instanceof InterruptedException || t instanceof SendException) && stopping();
        if (!expected) {
            fail(stage, t);
        }
    }

    /** True if the pipeline is being torn down, so an interrupt or a closed channel is expected. */
    private boolean stopping() {
        return cancelled;
    }

    private void runSource(Object source, Sender<Item> out, Semaphore window) {
        long seq = 0;
        try {
            if (source instanceof Iterable) {
                Iterator<?> it = ((Iterable<?>) source).iterator();
                while (true) {
                    if (window != null) {
                        window.acquire();          // ordered: stay within capacity of the next result
                    }
                    if (stopping() || !it.hasNext()) {
                        break;
                    }
                    Object v = Objects.requireNonNull(it.next(), "the source returned null");
                    out.send(new Item(seq++, v));
                }
            } else {
                Receiver<?> rx = (Receiver<?>) source;
                while (true) {
                    if (window != null) {
                        window.acquire();
                    }
                    Object v;
                    try {
                        v = rx.recv();
                    } catch (DisconnectedException end) {
                        break;
                    }
                    out.send(new Item(seq++, v));
                }
            }
        } catch (Throwable t) {
            ended("source", t);
        } finally {
            out.close();
            if (sourceReceiver != null) {
                sourceReceiver.close();
            }
        }
    }

    private void startStage(StageSpec s, Receiver<Item> in, Sender<Item> out) {
        if (s.workers() == 1) {
            threads.add(thread(s.name() + "-0", () -> runWorker(s, in, out, null, -1)));
            return;
        }
        // Master-worker: workers announce they are idle on `ready`; the master gives the next
        // item to an idle worker's inbox (capacity 1, so that send never waits).
        Channel<Integer> ready = Channel.bounded(s.workers());
        List<Sender<Item>> inboxes = new ArrayList<>();
        for (int i = 0; i < s.workers(); i++) {
            Channel<Item> inbox = Channel.bounded(1);
            inboxes.add(inbox.sender());
            Sender<Item> myOut = i == 0 ? out : out.clone();
            Sender<Integer> myReady = i == 0 ? ready.sender() : ready.sender().clone();
            int n = i;
            threads.add(thread(s.name() + "-" + i, () -> runWorker(s, inbox.receiver(), myOut, myReady, n)));
        }
        threads.add(thread(s.name() + "-master", () -> runMaster(s, in, ready.receiver(), inboxes)));
    }

    private void runMaster(StageSpec s, Receiver<Item> in, Receiver<Integer> ready, List<Sender<Item>> inboxes) {
        try {
            while (true) {
                Item item;
                try {
                    item = in.recv();
                } catch (DisconnectedException end) {
                    break;                          // upstream done: close the inboxes below
                }
                int worker = ready.recv();          // an idle worker (Disconnected if all gone)
                inboxes.get(worker).send(item);
            }
        } catch (InterruptedException | SendException | DisconnectedException e) {
            if (!stopping()) {
                fail(s.name(), e);
            }
        } catch (Throwable t) {
            fail(s.name(), t);
        } finally {
            for (Sender<Item> inbox : inboxes) {
                inbox.close();
            }
            in.close();
            ready.close();
        }
    }

    private void runWorker(StageSpec s, Receiver<Item> in, Sender<Item> out, Sender<Integer> ready, int id) {
        try {
            while (true) {
                if (ready != null) {
                    try {
                        ready.send(id);             // never waits: one token per worker fits
                    } catch (SendException masterDone) {
                        break;                      // the master has ended: no more items
                    }
                }
                Item item;
                try {
                    item = in.recv();
                } catch (DisconnectedException end) {
                    break;
                }
                Object r;
                try {
                    r = s.fn().apply(item.value());
                } catch (Throwable t) {
                    if (!(stopping() && t instanceof InterruptedException)) {
                        fail(s.name(), t);
                    }
                    return;
                }
                if (r == null) {
                    fail(s.name(), new NullPointerException("stage '" + s.name() + "' returned null"));
                    return;
                }
                out.send(new Item(item.seq(), r));
            }
        } catch (Throwable t) {
            ended(s.name(), t);
        } finally {
            out.close();
            in.close();
            if (ready != null) {
                ready.close();
            }
        }
    }

    /** Receives the next item, or returns null once {@code in} is disconnected and empty. */
    private static Item recvOrNull(Receiver<Item> in) throws InterruptedException {
        try {
            return in.recv();
        } catch (DisconnectedException end) {
            return null;
        }
    }

    @SuppressWarnings("unchecked")
    private void runCollector(Receiver<Item> in, Sender<O> out, Semaphore window) {
        try {
            if (window == null) {
                for (Item item; (item = recvOrNull(in)) != null; ) {
                    out.send((O) item.value());     // the last stage produced O values
                }
            } else {
                // Reorder buffer: at most `capacity` entries, since the source waits for a
                // permit that is released only when a result leaves here in order.
                Map<Long, Object> early = new HashMap<>();
                long next = 0;
                for (Item item; (item = recvOrNull(in)) != null; ) {
                    early.put(item.seq(), item.value());
                    Object v;
                    while ((v = early.remove(next)) != null) {
                        out.send((O) v);
                        next++;
                        window.release();
                    }
                }
            }
        } catch (Throwable t) {
            ended("collect", t);
        } finally {
            out.close();    // the consumer sees the end (or, after a failure, the failure)
            in.close();
        }
    }

    /** The consumer's view of the results: the results channel plus the failure. */
    private final class Results implements Receiver<O>, SelectableReceiver<O> {

        /** A select takes from the results channel directly. */
        @Override
        public Receiver<?> selectSource() {
            return rawResults;
        }

        @Override
        public O selected(Object message) {
            @SuppressWarnings("unchecked") // rawResults holds O
            O result = (O) message;
            return result;
        }

        /** A failed pipeline's select throws its failure, as recv does. */
        @Override
        public void sourceDisconnected() {
            check();
        }

        private void check() {
            PipelineException f = failure.get();
            if (f != null) {
                throw f;
            }
        }

        /** One receive on the results channel, which may throw {@code X}. */
        @FunctionalInterface
        private interface Receive<T, X extends Exception> {
            T get() throws X;
        }

        /**
         * Runs {@code receive} after {@link #check()}; if the channel turns out disconnected,
         * throws the pipeline's failure if there is one, else the disconnection.
         */
        private <X extends Exception> O receive(Receive<O, X> receive) throws X {
            check();
            try {
                return receive.get();
            } catch (DisconnectedException e) {
                check();
                throw e;
            }
        }

        @Override
        public O recv() throws InterruptedException {
            return receive(rawResults::recv);
        }

        @Override
        public O tryRecv() {
            return receive(rawResults::tryRecv);
        }

        @Override
        public O recv(Duration timeout) throws InterruptedException {
            return receive(() -> rawResults.recv(timeout));
        }

        @Override
        public int drain(Consumer<? super O> sink, int max) {
            check();
            return rawResults.drain(sink, max);
        }

        @Override
        public Iterator<O> iterator() {
            return new Iterator<>() {
                private O next;
                private boolean done;

                @Override
                public boolean hasNext() {
                    if (next != null) {
                        return true;
                    }
                    if (done) {
                        return false;
                    }
                    try {
                        next = recv();
                        return true;
                    } catch (DisconnectedException end) {
                        done = true;
                        return false;
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new ReceiveInterruptedException(e);
                    }
                }

                @Override
                public O next() {
                    if (!hasNext()) {
                        throw new NoSuchElementException("the pipeline has no more results");
                    }
                    O r = next;
                    next = null;
                    return r;
                }
            };
        }

        @Override
        public Stream<O> stream() {
            return StreamSupport.stream(Spliterators.spliteratorUnknownSize(iterator(),
                    Spliterator.ORDERED | Spliterator.NONNULL), false);
        }

        /** Closes the whole pipeline: the consumer is gone. */
        @Override
        public void close() {
            Pipeline.this.close();
        }

        @Override
        public String toString() {
            return "Pipeline.results[" + prefix + "]";
        }
    }

    @Override
    public String toString() {
        return "Pipeline[" + prefix + (failure.get() != null ? "failed" : cancelled ? "closed" : "running") + "]";
    }
}
