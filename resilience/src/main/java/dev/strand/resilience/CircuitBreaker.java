package dev.strand.resilience;

import dev.strand.core.Ticker;
import dev.strand.core.internal.Checks;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Stops calling a service that keeps failing, and tries it again after a while.
 *
 * <pre>{@code
 * CircuitBreaker cb = CircuitBreaker.builder()
 *         .failureRateThreshold(0.5)              // open when >= 50 % of the window failed
 *         .slidingWindow(20)                      // the last 20 calls
 *         .minimumCalls(5)                        // no verdict before 5 calls
 *         .openDuration(Duration.ofSeconds(30))
 *         .halfOpenPermits(3)
 *         .build();
 * cb.onStateChange(t -> log.info("{} -> {}", t.from(), t.to()));
 * String s = cb.call(() -> remote());              // CircuitOpenException when not permitted
 * }</pre>
 *
 * <h2>States</h2>
 * <ul>
 *   <li><b>CLOSED</b>: calls go through and their outcomes fill a sliding window (the last N
 *       calls, or the last T of time). When the window holds at least {@code minimumCalls} and
 *       the failure rate, or the slow-call rate, reaches its threshold ({@code >=}), the breaker
 *       opens.</li>
 *   <li><b>OPEN</b>: calls are refused with {@link CircuitOpenException}: not made, not recorded.
 *       The first call after {@code openDuration} moves the breaker to HALF_OPEN (time is
 *       checked on that call; there is no timer thread).</li>
 *   <li><b>HALF_OPEN</b>: exactly {@code halfOpenPermits} trial calls are permitted, however
 *       many threads ask; the others are refused. When all trials have completed, their rates
 *       decide: OPEN again, or CLOSED with an empty window. A trial that never completes does
 *       not wedge the breaker: once all permits are taken, the first call that finds the breaker
 *       still HALF_OPEN {@code halfOpenMaxWait} (default: the open duration) after it became
 *       HALF_OPEN moves it back to OPEN.</li>
 * </ul>
 * Each transition happens once (decided by a compare-and-set on the state); listeners run
 * after it, once per transition, on the thread that made it, outside any lock.
 *
 * <h2>Outcomes</h2>
 * An exception matching {@code ignoreOn} is not recorded (its permit is given back). Otherwise
 * an exception matching {@code recordOn} (default: every exception and error) is a failure, any
 * other exception counts as a success. A call that took at least the slow-call duration is
 * also slow. A checked exception of the call propagates with its own type.
 *
 * <h2>Events</h2>
 * {@link #onStateChange} listeners receive each {@link Transition}; {@link #onEvent} listeners
 * receive every {@link PolicyEvent} of the breaker (outcomes, refusals, transitions). A JDK
 * Flight Recorder event {@code dev.strand.BreakerTransition} is committed per transition when a
 * recording enables it. Listeners run after the compare-and-set that decided, once.
 *
 * <h2>Manual use</h2>
 * {@code if (cb.tryAcquire()) { ... cb.onSuccess(nanos) or cb.onFailure(nanos, e) }} (or
 * {@link #releasePermit()} for a permitted call that was not made).
 *
 * <p>Thread-safe. The success path of {@link #call} allocates nothing when no
 * {@link #onEvent} listener is registered. Memory consistency: a
 * state transition happens-before every call that observes the new state, and the listener
 * calls for that transition.
 */
public final class CircuitBreaker implements Policy {

    /**
     * The states of a circuit breaker.
     *
     * <p>Immutable, like every enum.
     */
    public enum State {
        /** Calls go through and are recorded. */
        CLOSED,
        /** Calls are refused. */
        OPEN,
        /** A limited number of trial calls go through. */
        HALF_OPEN
    }

    /**
     * A state change, as given to {@link #onStateChange} listeners.
     *
     * <p>Immutable (a record of final values), so it may be shared between threads.
     *
     * @param from the state before
     * @param to the state after
     */
    public record Transition(State from, State to) {
    }

    /**
     * A snapshot of a breaker's figures. Rates are 0 when no call is counted.
     *
     * <p>Immutable (a record of final values), so it may be shared between threads.
     *
     * @param state the state when the snapshot was taken
     * @param failureRate failed calls / calls, between 0 and 1
     * @param slowCallRate slow calls / calls, between 0 and 1
     * @param calls calls in the sliding window (CLOSED), completed trials (HALF_OPEN), or the
     *        window that opened the breaker (OPEN)
     * @param failedCalls failed calls among them
     * @param slowCalls slow calls among them
     * @param notPermittedCalls calls refused since the breaker was built
     */
    public record Metrics(State state, double failureRate, double slowCallRate, int calls,
                          int failedCalls, int slowCalls, long notPermittedCalls) {
    }

    private static final VarHandle STATE = Handles.field(MethodHandles.lookup(), "state", BreakerState.class);
    private static final VarHandle NOT_PERMITTED = Handles.field(MethodHandles.lookup(), "notPermitted", long.class);

    private final String name;
    private final double failureRateThreshold;
    private final double slowCallRateThreshold;
    private final long slowCallNanos;
    private final int windowSize;
    private final long windowNanos;
    final int minimumCalls;
    final long openNanos;
    final int halfOpenPermits;
    final long halfOpenMaxWaitNanos;
    private final FailureRules failures;
    private final Ticker ticker;
    /** Whether {@link #call} reads the ticker: for slow calls or a time-based window. */
    private final boolean timed;
    private final Listeners<Transition> transitionListeners = new Listeners<>();
    private final Listeners<PolicyEvent> events = new Listeners<>();
    /**
     * Whether {@link #events} has a listener: the per-call paths read this one field of the
     * breaker instead of following {@code events} to its array (JMH: 2.0 ns a call before
     * events existed, 2.3 ns with the array check, on the success path of a quiet breaker).
     * Set after the listener is added, so a call that sees it also sees the listener.
     */
    private volatile boolean listened;

    @SuppressWarnings("unused") // through STATE
    private volatile BreakerState state;
    @SuppressWarnings("unused") // through NOT_PERMITTED
    private volatile long notPermitted;

    private CircuitBreaker(Builder b) {
        this.name = b.name;
        this.failureRateThreshold = b.failureRateThreshold;
        this.slowCallRateThreshold = b.slowCallRateThreshold;
        this.slowCallNanos = b.slowCallNanos;
        this.windowSize = b.windowSize;
        this.windowNanos = b.windowNanos;
        this.minimumCalls = b.minimumCalls > 0 ? b.minimumCalls : b.windowNanos > 0 ? 100 : b.windowSize;
        this.openNanos = b.openNanos;
        this.halfOpenPermits = b.halfOpenPermits;
        this.halfOpenMaxWaitNanos = b.halfOpenMaxWaitNanos >= 0 ? b.halfOpenMaxWaitNanos : b.openNanos;
        this.failures = b.rules();
        this.ticker = b.ticker;
        this.timed = slowCallNanos != Long.MAX_VALUE || windowNanos > 0;
        this.state = new ClosedState(newWindow());
    }

    /**
     * Returns a builder with the defaults: failure rate threshold 0.5, a window of the last 100
     * calls, minimum calls = the window size (100 for a time-based window), open duration 60 s,
     * 10 half-open permits, no slow-call rule, every throwable recorded, system ticker.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Returns a breaker that opens when at least {@code failureRate} of the last {@code calls}
     * calls failed (and no earlier than after {@code calls} calls), stays open for
     * {@code openDuration}, then lets one trial call through. For example
     * {@code CircuitBreaker.of(5, Duration.ofSeconds(30), 0.5)}.
     *
     * @param calls the window size and minimum number of calls; at least 1
     * @param openDuration how long the breaker stays open; not null, positive (a zero open
     *        duration would let a trial through on the very next call, which is no breaker)
     * @param failureRate the failure rate threshold, in (0, 1]
     * @return a new breaker
     * @throws IllegalArgumentException if an argument is out of range (the message names it),
     *         among them a zero or negative {@code openDuration}
     */
    public static CircuitBreaker of(int calls, Duration openDuration, double failureRate) {
        Checks.positive(openDuration, "openDuration");
        return builder().slidingWindow(calls).minimumCalls(calls).openDuration(openDuration)
                .failureRateThreshold(failureRate).halfOpenPermits(1).build();
    }

    /**
     * {@inheritDoc}
     *
     * @throws CircuitOpenException if the breaker does not permit the call (it is not made)
     */
    @Override
    public <T, E extends Exception> T call(CheckedSupplier<T, E> supplier) throws E {
        Objects.requireNonNull(supplier, "supplier");
        BreakerState s = acquire();
        if (s == null) {
            notPermittedEvent();
            throw refused();
        }
        long start = timed ? ticker.nanoTime() : 0L;
        T result;
        try {
            result = supplier.get();
        } catch (Throwable t) {
            complete(s, start, t);
            throw t;
        }
        complete(s, start, null);
        return result;
    }

    /**
     * {@inheritDoc}
     *
     * <p>The outcome is recorded when the stage completes; {@code scheduler} is not used. A
     * refused call returns a future failed with {@link CircuitOpenException} and the supplier is
     * not called. Cancelling the returned future cancels the call's future.
     */
    @Override
    public <T> CompletableFuture<T> callAsync(Supplier<? extends CompletionStage<T>> supplier,
                                              ScheduledExecutorService scheduler) {
        Objects.requireNonNull(supplier, "supplier");
        Objects.requireNonNull(scheduler, "scheduler");
        BreakerState s = acquire();
        if (s == null) {
            notPermittedEvent();
            return CompletableFuture.failedFuture(refused());
        }
        long start = timed ? ticker.nanoTime() : 0L;
        CompletionStage<T> stage;
        try {
            stage = Objects.requireNonNull(supplier.get(), "supplier returned a null stage");
        } catch (Throwable t) {
            complete(s, start, t);
            return CompletableFuture.failedFuture(t);
        }
        return Sneaky.relay(stage, failure -> complete(s, start, failure));
    }

    /**
     * Asks for permission to make a call, for manual use. A permitted call must be followed by
     * {@link #onSuccess}, {@link #onFailure} or {@link #releasePermit} (in HALF_OPEN a permit
     * never completed is only reclaimed after {@code halfOpenMaxWait}). A refusal is counted in
     * {@link Metrics#notPermittedCalls()}.
     *
     * @return true if the call may be made
     */
    public boolean tryAcquire() {
        if (acquire() != null) {
            return true;
        }
        notPermittedEvent();
        return false;
    }

    /**
     * Records a successful call permitted by {@link #tryAcquire()}.
     *
     * @param durationNanos how long the call took (for the slow-call rule); not negative
     * @throws IllegalArgumentException if {@code durationNanos} is negative
     */
    public void onSuccess(long durationNanos) {
        checkDuration(durationNanos);
        recordOutcome(currentState(), windowNanos > 0 ? now() : 0L, durationNanos, true, null);
    }

    /**
     * Records a failed call permitted by {@link #tryAcquire()}, classified like {@link #call}'s
     * failures ({@code ignoreOn}, {@code recordOn}).
     *
     * @param durationNanos how long the call took; not negative
     * @param error what it threw; not null
     * @throws IllegalArgumentException if {@code durationNanos} is negative
     */
    public void onFailure(long durationNanos, Throwable error) {
        checkDuration(durationNanos);
        Objects.requireNonNull(error, "error");
        recordOutcome(currentState(), windowNanos > 0 ? now() : 0L, durationNanos, true, error);
    }

    /** Gives back a permit from {@link #tryAcquire()} for a call that was not made or whose outcome must not count. */
    public void releasePermit() {
        currentState().release();
    }

    /**
     * Returns the current state.
     *
     * @return the state; an OPEN breaker whose open duration has passed still reads OPEN until
     *         the next call moves it
     */
    public State state() {
        return currentState().state();
    }

    /** Opens the breaker until {@link #reset()}: every call is refused, time does not close it. */
    public void forceOpen() {
        moveTo(new OpenState(now(), true, null));
    }

    /** Closes the breaker with an empty window, whatever its state. */
    public void reset() {
        moveTo(new ClosedState(newWindow()));
    }

    /**
     * Returns a snapshot of the breaker's figures.
     *
     * @return a new snapshot
     */
    public Metrics metrics() {
        BreakerState s = currentState();
        int[] c = s.counts(now());
        double calls = c[0];
        return new Metrics(s.state(), c[0] == 0 ? 0 : c[1] / calls, c[0] == 0 ? 0 : c[2] / calls,
                c[0], c[1], c[2], (long) NOT_PERMITTED.getVolatile(this));
    }

    /**
     * Adds a listener called once per transition, after it happened, on the thread that made it.
     * A listener that throws is reported to that thread's uncaught-exception handler; the
     * breaker and the other listeners go on. Listeners of transitions made by different threads
     * in quick succession may run concurrently.
     *
     * @param listener not null
     * @return this breaker
     */
    public CircuitBreaker onStateChange(Consumer<? super Transition> listener) {
        transitionListeners.add(listener);
        return this;
    }

    /**
     * Adds a listener of this breaker's {@link PolicyEvent events}: {@code BREAKER_SUCCESS},
     * {@code BREAKER_FAILURE}, {@code BREAKER_SLOW} (per recorded call; an ignored failure gives
     * none), {@code BREAKER_NOT_PERMITTED} (per refused call) and {@code BREAKER_STATE_CHANGE}
     * (once per transition, after the compare-and-set that made it). Listeners run on the thread
     * that made the call or the transition, outside any retry loop, each event once. A listener
     * that throws is reported to that thread's uncaught-exception handler and otherwise ignored:
     * the call's outcome and the breaker are not affected. With no listener, no event is built.
     *
     * @param listener not null
     * @return this breaker
     */
    public CircuitBreaker onEvent(Consumer<? super PolicyEvent> listener) {
        events.add(listener);
        listened = true;
        return this;
    }

    /**
     * Returns the breaker's name (for logs and exception messages).
     *
     * @return the name
     */
    public String name() {
        return name;
    }

    @Override
    public String toString() {
        return "CircuitBreaker[" + name + ", " + state() + "]";
    }

    // ---- internals -------------------------------------------------------------------------

    /** The state that permitted a call, or null (counted) when refused. */
    private BreakerState acquire() {
        for (;;) {
            BreakerState s = currentState();
            int r = s.tryAcquire(this);
            if (r == BreakerState.GRANTED) {
                return s;
            }
            if (r == BreakerState.DENIED && currentState() == s) {
                NOT_PERMITTED.getAndAdd(this, 1L);
                return null;
            }
            // RETRY, or refused by a state that has just been replaced: ask the new one.
        }
    }

    private void complete(BreakerState s, long start, Throwable error) {
        long now = timed ? ticker.nanoTime() : 0L;
        recordOutcome(s, now, now - start, timed, error);
    }

    /**
     * Records one call's outcome in the state that permitted it. An ignored failure gives its
     * permit back and is not reported; any other is recorded, as a failure if the rules say so.
     * The outcome events fire before the recording, so a transition it causes is reported after
     * the call that caused it.
     */
    private void recordOutcome(BreakerState s, long now, long durationNanos, boolean measured, Throwable error) {
        int outcome = slowBit(durationNanos);
        if (error != null) {
            if (failures.ignores(error)) {
                s.release();
                return;
            }
            if (failures.records(error)) {
                outcome |= BreakerState.FAILED;
            }
        }
        if (listened) {
            Duration took = measured ? Duration.ofNanos(durationNanos) : null;
            boolean failed = (outcome & BreakerState.FAILED) != 0;
            events.fire(PolicyEvent.of(failed ? PolicyEvent.Type.BREAKER_FAILURE : PolicyEvent.Type.BREAKER_SUCCESS,
                    this, 0, failed ? error : null, took));
            if ((outcome & BreakerState.SLOW) != 0) {
                events.fire(PolicyEvent.of(PolicyEvent.Type.BREAKER_SLOW, this, 0, null, took));
            }
        }
        s.record(this, now, outcome);
    }

    /** After acquire() refused (outside its retry loop): one event per refused call. */
    private void notPermittedEvent() {
        if (listened) {
            events.fire(PolicyEvent.of(PolicyEvent.Type.BREAKER_NOT_PERMITTED, this, 0, null, null));
        }
    }

    private int slowBit(long durationNanos) {
        return durationNanos >= slowCallNanos ? BreakerState.SLOW : 0;
    }

    private CircuitOpenException refused() {
        State s = state();
        return new CircuitOpenException(name, s == State.CLOSED ? State.OPEN : s);
    }

    BreakerState currentState() {
        return (BreakerState) STATE.getVolatile(this);
    }

    long now() {
        return ticker.nanoTime();
    }

    Window newWindow() {
        return windowNanos > 0 ? new TimeWindow(this, windowNanos) : new CountWindow(this, windowSize);
    }

    /** Whether a window's counts open the breaker. */
    boolean exceeded(int calls, int failed, int slow) {
        return calls >= minimumCalls && rateReached(calls, failed, slow);
    }

    /** Whether the failure or slow rate reached its threshold (no minimum: half-open trials). */
    boolean rateReached(int calls, int failed, int slow) {
        if (calls <= 0) {
            return false;
        }
        // Division, not threshold * calls: both sides are correctly rounded, so a rate exactly
        // at a decimal threshold (3/10 vs 0.3) compares equal.
        return (double) failed / calls >= failureRateThreshold
                || (slowCallNanos != Long.MAX_VALUE && (double) slow / calls >= slowCallRateThreshold);
    }

    /**
     * Replaces {@code from} by {@code to} if {@code from} is still current, then fires the
     * listeners: only the CAS winner does, so each transition is seen once.
     */
    boolean transition(BreakerState from, BreakerState to) {
        if (!STATE.compareAndSet(this, from, to)) {
            return false;
        }
        fire(from.state(), to.state());
        return true;
    }

    private void moveTo(BreakerState to) {
        BreakerState from;
        do {
            from = currentState();
        } while (!STATE.compareAndSet(this, from, to));
        if (from.state() != to.state()) {
            fire(from.state(), to.state());
        }
    }

    /** Reports one transition, after the CAS that made it (never inside a retry loop). */
    private void fire(State from, State to) {
        Jfr.transition(name, from, to);
        if (transitionListeners.any()) { // no Transition object unless someone listens
            transitionListeners.fire(new Transition(from, to));
        }
        if (events.any()) {
            events.fire(new PolicyEvent(PolicyEvent.Type.BREAKER_STATE_CHANGE, this, 0, null, null, from, to));
        }
    }

    private static void checkDuration(long durationNanos) {
        if (durationNanos < 0) {
            throw new IllegalArgumentException("durationNanos must not be negative: " + durationNanos);
        }
    }

    /**
     * Configures a {@link CircuitBreaker}. Setters validate at once; {@link #build()} checks
     * the combination. Like every Strand builder, it mutates in place and each setter returns {@code this}
     * (so {@code builder.minimumCalls(5);} on its own takes effect); {@link #build()} takes an immutable copy,
     * so changing the builder afterwards does not affect what was built, and a builder may build
     * again. Not thread-safe: confine a builder to one thread.
     */
    public static final class Builder extends FailurePolicyBuilder<Builder, Throwable> {
        private String name = "circuit-breaker";
        private double failureRateThreshold = 0.5;
        private double slowCallRateThreshold = 1.0;
        private long slowCallNanos = Long.MAX_VALUE;
        private int windowSize = 100;
        private long windowNanos;
        private int minimumCalls;
        private long openNanos = Duration.ofSeconds(60).toNanos();
        private int halfOpenPermits = 10;
        private long halfOpenMaxWaitNanos = -1;
        private Ticker ticker = Ticker.system();

        private Builder() {
            super(Throwable.class);
        }

        /**
         * Names the breaker (for logs and exception messages).
         *
         * @param name not null
         * @return this builder
         */
        public Builder name(String name) {
            this.name = Objects.requireNonNull(name, "name");
            return this;
        }

        /**
         * Opens when the failure rate in the window reaches {@code rate} ({@code >=}).
         *
         * @param rate in (0, 1]
         * @return this builder
         * @throws IllegalArgumentException if {@code rate} is out of range
         */
        public Builder failureRateThreshold(double rate) {
            this.failureRateThreshold = rate(rate, "failureRateThreshold");
            return this;
        }

        /**
         * Uses a count-based window: the last {@code calls} calls.
         *
         * @param calls at least 1
         * @return this builder
         * @throws IllegalArgumentException if {@code calls} is below 1
         */
        public Builder slidingWindow(int calls) {
            if (calls < 1) {
                throw new IllegalArgumentException("slidingWindow calls must be >= 1: " + calls);
            }
            this.windowSize = calls;
            this.windowNanos = 0;
            return this;
        }

        /**
         * Uses a time-based window: the calls completed in the last {@code duration}, kept in 10
         * buckets (a call leaves the window between 9/10 and 10/10 of the duration after it).
         *
         * @param duration positive
         * @return this builder
         * @throws IllegalArgumentException if {@code duration} is zero or negative
         */
        public Builder slidingWindow(Duration duration) {
            this.windowNanos = Backoff.positiveNanos(duration, "slidingWindow duration");
            return this;
        }

        /**
         * Gives no verdict before the window holds {@code calls} calls.
         *
         * @param calls at least 1 (and, for a count-based window, at most its size)
         * @return this builder
         * @throws IllegalArgumentException if {@code calls} is below 1
         */
        public Builder minimumCalls(int calls) {
            if (calls < 1) {
                throw new IllegalArgumentException("minimumCalls must be >= 1: " + calls);
            }
            this.minimumCalls = calls;
            return this;
        }

        /**
         * Sets how long the breaker stays OPEN before trial calls.
         *
         * @param duration not null, not negative
         * @return this builder
         * @throws IllegalArgumentException if {@code duration} is negative
         */
        public Builder openDuration(Duration duration) {
            this.openNanos = Backoff.nonNegativeNanos(duration, "openDuration");
            return this;
        }

        /**
         * Sets how many trial calls HALF_OPEN permits.
         *
         * @param permits between 1 and 2,097,151
         * @return this builder
         * @throws IllegalArgumentException if {@code permits} is out of range
         */
        public Builder halfOpenPermits(int permits) {
            if (permits < 1 || permits > HalfOpenState.MAX_PERMITS) {
                throw new IllegalArgumentException("halfOpenPermits must be in [1, " + HalfOpenState.MAX_PERMITS + "]: " + permits);
            }
            this.halfOpenPermits = permits;
            return this;
        }

        /**
         * Sets how long HALF_OPEN waits for trials that never complete: once every permit is
         * taken and this long has passed since the breaker became HALF_OPEN, the next call moves
         * it back to OPEN. Default: the open duration.
         *
         * @param duration not null, not negative
         * @return this builder
         * @throws IllegalArgumentException if {@code duration} is negative
         */
        public Builder halfOpenMaxWait(Duration duration) {
            this.halfOpenMaxWaitNanos = Backoff.nonNegativeNanos(duration, "halfOpenMaxWait");
            return this;
        }

        /**
         * Counts calls that take at least {@code duration} as slow, and opens when the slow
         * rate reaches {@code rate}.
         *
         * @param duration positive
         * @param rate in (0, 1]
         * @return this builder
         * @throws IllegalArgumentException if an argument is out of range
         */
        public Builder slowCall(Duration duration, double rate) {
            long nanos = Backoff.positiveNanos(duration, "slowCall duration");
            this.slowCallRateThreshold = rate(rate, "slowCall rate");
            this.slowCallNanos = nanos;
            return this;
        }

        /**
         * Counts exceptions that {@code predicate} accepts as failures (besides the
         * {@code recordOn} types): the same as {@code recordIf}.
         *
         * @param predicate not null
         * @return this builder
         */
        public Builder recordOn(Predicate<? super Throwable> predicate) {
            return recordIf(predicate);
        }

        /**
         * Sets the time source (open duration, slow calls, time-based window).
         *
         * @param ticker not null
         * @return this builder
         */
        public Builder ticker(Ticker ticker) {
            this.ticker = Objects.requireNonNull(ticker, "ticker");
            return this;
        }

        /**
         * Builds the breaker, CLOSED.
         *
         * @return a new breaker
         * @throws IllegalArgumentException if {@code minimumCalls} exceeds a count-based window's
         *         size (the breaker could never open)
         */
        public CircuitBreaker build() {
            if (windowNanos == 0 && minimumCalls > windowSize) {
                throw new IllegalArgumentException("minimumCalls (" + minimumCalls
                        + ") must not exceed the slidingWindow size (" + windowSize + ")");
            }
            return new CircuitBreaker(this);
        }

        private static double rate(double rate, String name) {
            if (!(rate > 0.0 && rate <= 1.0)) {
                throw new IllegalArgumentException(name + " must be in (0, 1]: " + rate);
            }
            return rate;
        }
    }
}
