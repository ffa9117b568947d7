package dev.strand.resilience;

import dev.strand.core.Sleeper;
import dev.strand.core.Ticker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;

/**
 * Makes a call again when it fails, waiting between attempts as a {@link Backoff} says.
 *
 * <pre>{@code
 * Retry retry = Retry.builder()
 *         .maxAttempts(5)                                  // total calls, first included
 *         .backoff(Backoff.exponential(Duration.ofMillis(100)).jitter(Jitter.FULL))
 *         .retryOn(IOException.class)                      // default: any Exception
 *         .abortOn(FileNotFoundException.class)
 *         .maxDuration(Duration.ofSeconds(30))
 *         .onRetry(e -> log.warn("attempt {} failed, next in {}", e.attempt(), e.nextDelay()))
 *         .build();
 * String s = retry.call(() -> fetch());                    // fetch() may throw IOException
 * }</pre>
 *
 * <h2>Outcomes</h2>
 * <ul>
 *   <li>A result that the {@linkplain Builder#retryIf result predicate} accepts, or any result
 *       when there is none, is returned at once.</li>
 *   <li>An exception that is not retried (an {@link Error}, an {@code abortOn} type, or one that
 *       no {@code retryOn} type or predicate matches) propagates at once, with its own type.</li>
 *   <li>{@link InterruptedException} is never retried: it propagates at once and the thread's
 *       interrupt status is set again. An interrupt while waiting between attempts ends the retry
 *       with a {@link RetryExhaustedException} (interrupt status set).</li>
 *   <li>When the attempts or the {@linkplain Builder#maxDuration maximum duration} run out, a
 *       {@link RetryExhaustedException} carries the last failure and the attempt count. The last
 *       wait is shortened to the time left, so the final attempt starts at the deadline at the
 *       latest; no attempt starts after it.</li>
 * </ul>
 *
 * <h2>Events</h2>
 * {@link #onEvent} listeners receive {@link PolicyEvent}s ({@code RETRY_ATTEMPT},
 * {@code RETRY_SUCCESS}, {@code RETRY_EXHAUSTED}, {@code RETRY_ABORTED}); a JDK Flight Recorder
 * event {@code dev.strand.Retry} is committed for each failed attempt and each end when a
 * recording enables it.
 *
 * <p>Thread-safe and stateless between calls: one {@code Retry} may serve many threads; its
 * configuration is immutable, listeners may be added at any time. The success path allocates
 * nothing (no event, no capture) when no listener is registered. Each attempt happens-before the
 * decision and the wait that follow it, and those happen-before the next attempt.
 */
public final class Retry implements Policy {

    private final int maxAttempts;
    private final Backoff backoff;
    private final FailureRules failures;
    private final Predicate<Object> retryIf;
    private final long maxDurationNanos;
    private final Listeners<RetryEvent> onRetry = new Listeners<>();
    private final Ticker ticker;
    private final Sleeper sleeper;
    private final RandomGenerator random;
    private final Listeners<PolicyEvent> events = new Listeners<>();

    private Retry(Builder b) {
        this.maxAttempts = b.maxAttempts;
        this.backoff = b.backoff;
        this.failures = b.rules();
        this.retryIf = b.retryIf;
        this.maxDurationNanos = b.maxDurationNanos;
        if (b.onRetry != null) {
            onRetry.add(b.onRetry);
        }
        this.ticker = b.ticker;
        this.sleeper = b.sleeper;
        this.random = b.random;
    }

    /**
     * Returns a builder with the defaults: 3 attempts, exponential backoff from 100 ms, retry on
     * any {@code Exception}, no maximum duration, system ticker and sleeper.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Returns a retry of at most {@code maxAttempts} calls waiting as {@code backoff} says,
     * retrying any {@code Exception}.
     *
     * @param maxAttempts total calls, first included; at least 1
     * @param backoff the delays; not null
     * @return a new retry
     * @throws IllegalArgumentException if {@code maxAttempts} is below 1
     */
    public static Retry of(int maxAttempts, Backoff backoff) {
        return builder().maxAttempts(maxAttempts).backoff(backoff).build();
    }

    /**
     * {@inheritDoc}
     *
     * <p>Waits between attempts with the configured {@link Sleeper}, on the calling thread.
     *
     * @throws RetryExhaustedException when every allowed attempt failed, the time ran out, or the
     *         thread was interrupted while waiting
     */
    @Override
    public <T, E extends Exception> T call(CheckedSupplier<T, E> supplier) throws E {
        Objects.requireNonNull(supplier, "supplier");
        final long start = startNanos();
        long prevDelay = -1;
        List<Throwable> earlier = null;
        for (int attempt = 1; ; attempt++) {
            T result = null;
            Exception failure = null;
            try {
                result = supplier.get();
            } catch (Exception e) {
                if (e instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                    aborted(attempt, e);
                    throw e;
                }
                if (!retryable(e)) {
                    aborted(attempt, e);
                    throw e;
                }
                failure = e;
            }
            Object rejected = null;
            if (failure == null) {
                // Outside the try: a predicate that throws is a bug to report, not a failed call.
                if (retryIf == null || !retryIf.test(result)) {
                    if (attempt > 1) {
                        succeeded(attempt);
                    }
                    return result;
                }
                rejected = result;
            }
            long drawn = nextDelay(attempt, prevDelay);
            long wait = drawn < 0 ? -1 : clampToDeadline(drawn, start);
            if (wait < 0) {
                exhaustedEvent(attempt, failure);
                throw exhausted(attempt, failure, rejected, earlier, null);
            }
            retrying(attempt, failure, rejected, wait);
            earlier = remember(earlier, failure);
            try {
                sleeper.sleep(Duration.ofNanos(wait));
            } catch (InterruptedException ie) {
                Thread.currentThread().interrupt();
                exhaustedEvent(attempt, failure);
                throw exhausted(attempt, failure, rejected, earlier, ie);
            }
            prevDelay = drawn;
        }
    }

    /**
     * {@inheritDoc}
     *
     * <p>Each wait is a task scheduled on {@code scheduler}; no thread blocks. Cancelling the
     * returned future cancels the pending wait (and the current attempt's future, if it is a
     * {@link java.util.concurrent.Future}), and no further attempt starts. The future fails with
     * {@link RetryExhaustedException} as {@link #call} would throw it.
     */
    @Override
    public <T> CompletableFuture<T> callAsync(Supplier<? extends CompletionStage<T>> supplier,
                                              ScheduledExecutorService scheduler) {
        Objects.requireNonNull(supplier, "supplier");
        Objects.requireNonNull(scheduler, "scheduler");
        AsyncRetry<T> run = new AsyncRetry<>(this, supplier, scheduler);
        run.start();
        return run.result;
    }

    /** Whether a failure may be retried (InterruptedException and Errors never are). */
    boolean retryable(Throwable t) {
        return !(t instanceof InterruptedException) && failures.records(t);
    }

    /** Whether a result must be retried. */
    boolean rejects(Object result) {
        return retryIf != null && retryIf.test(result);
    }

    /** The next wait after a failed {@code attempt}, or -1 when the retry must give up. */
    long nextDelay(int attempt, long prevDelay) {
        return attempt < maxAttempts ? backoff.delayNanos(attempt, prevDelay, random()) : -1;
    }

    /** Shortens {@code drawn} to the time left before the deadline; -1 when none is left. */
    long clampToDeadline(long drawn, long start) {
        if (maxDurationNanos < 0) {
            return drawn;
        }
        long left = maxDurationNanos - (ticker.nanoTime() - start);
        return left <= 0 ? -1 : Math.min(drawn, left);
    }

    long startNanos() {
        return maxDurationNanos >= 0 ? ticker.nanoTime() : 0L;
    }

    /**
     * Adds a listener of this retry's {@link PolicyEvent events}: {@code RETRY_ATTEMPT} (a
     * failed attempt that another follows), {@code RETRY_SUCCESS} (success after at least one
     * failed attempt; a first-attempt success reports nothing), {@code RETRY_EXHAUSTED} and
     * {@code RETRY_ABORTED}. Listeners run on the thread that made the attempt (for
     * {@link #callAsync}, the thread that completed its stage), each event once. A listener
     * that throws is reported to that thread's uncaught-exception handler and otherwise
     * ignored: the call's outcome is not affected. With no listener, no event is built.
     *
     * <p>May be called at any time, from any thread; the retry's configuration stays as built.
     *
     * @param listener not null
     * @return this retry
     */
    public Retry onEvent(Consumer<? super PolicyEvent> listener) {
        events.add(listener);
        return this;
    }

    /** A failed attempt that another follows: the builder's onRetry, the events, JFR. */
    void retrying(int attempt, Throwable failure, Object rejected, long wait) {
        if (onRetry.any()) {
            onRetry.fire(new RetryEvent(attempt, failure, rejected, Duration.ofNanos(wait)));
        }
        if (events.any()) {
            events.fire(PolicyEvent.of(PolicyEvent.Type.RETRY_ATTEMPT, this, attempt, failure, Duration.ofNanos(wait)));
        }
        Jfr.retry("attempt", attempt, failure, wait);
    }

    void succeeded(int attempts) {
        if (events.any()) {
            events.fire(PolicyEvent.of(PolicyEvent.Type.RETRY_SUCCESS, this, attempts, null, null));
        }
    }

    void exhaustedEvent(int attempt, Throwable failure) {
        if (events.any()) {
            events.fire(PolicyEvent.of(PolicyEvent.Type.RETRY_EXHAUSTED, this, attempt, failure, null));
        }
        Jfr.retry("exhausted", attempt, failure, 0L);
    }

    void aborted(int attempt, Throwable failure) {
        if (events.any()) {
            events.fire(PolicyEvent.of(PolicyEvent.Type.RETRY_ABORTED, this, attempt, failure, null));
        }
        Jfr.retry("aborted", attempt, failure, 0L);
    }

    /** Keeps an earlier failure for the exhausted exception's suppressed list (bounded). */
    static List<Throwable> remember(List<Throwable> earlier, Throwable failure) {
        if (failure == null || (earlier != null && earlier.size() >= RetryExhaustedException.MAX_SUPPRESSED)) {
            return earlier;
        }
        List<Throwable> list = earlier == null ? new ArrayList<>(4) : earlier;
        list.add(failure);
        return list;
    }

    static RetryExhaustedException exhausted(int attempts, Throwable failure, Object rejected,
                                             List<Throwable> earlier, InterruptedException interrupt) {
        String why = interrupt != null ? "interrupted while waiting after " + attempts + " attempt(s)"
                : "gave up after " + attempts + " attempt(s)";
        RetryExhaustedException e = new RetryExhaustedException(
                why + (failure != null ? ": " + failure : ": result rejected: " + rejected),
                attempts, failure, failure == null ? rejected : null);
        if (interrupt != null) {
            e.addSuppressed(interrupt);
        }
        if (earlier != null) {
            for (Throwable t : earlier) {
                if (t != failure) {
                    e.addSuppressed(t);
                }
            }
        }
        return e;
    }

    private RandomGenerator random() {
        return random != null ? random : ThreadLocalRandom.current();
    }

    @Override
    public String toString() {
        return "Retry[maxAttempts=" + maxAttempts + ", " + backoff + "]";
    }

    /**
     * Configures a {@link Retry}. Setters validate at once. Like every Strand builder, it mutates in place and each setter returns {@code this}
     * (so {@code builder.maxAttempts(5);} on its own takes effect); {@link #build()} takes an immutable copy,
     * so changing the builder afterwards does not affect what was built, and a builder may build
     * again. Not thread-safe: confine a builder to one thread.
     */
    public static final class Builder extends FailurePolicyBuilder<Builder, Exception> {
        private int maxAttempts = 3;
        private Backoff backoff = Backoff.exponential(Duration.ofMillis(100));
        private Predicate<Object> retryIf;
        private long maxDurationNanos = -1;
        private Consumer<? super RetryEvent> onRetry;
        private Ticker ticker = Ticker.system();
        private Sleeper sleeper = Sleeper.system();
        private RandomGenerator random;

        private Builder() {
            super(Exception.class);
        }

        /**
         * Sets the total number of calls, the first included.
         *
         * @param maxAttempts at least 1 (1 means no retry)
         * @return this builder
         * @throws IllegalArgumentException if {@code maxAttempts} is below 1
         */
        public Builder maxAttempts(int maxAttempts) {
            if (maxAttempts < 1) {
                throw new IllegalArgumentException("maxAttempts must be >= 1: " + maxAttempts);
            }
            this.maxAttempts = maxAttempts;
            return this;
        }

        /**
         * Sets the delays between attempts.
         *
         * @param backoff not null
         * @return this builder
         */
        public Builder backoff(Backoff backoff) {
            this.backoff = Objects.requireNonNull(backoff, "backoff");
            return this;
        }

        /**
         * Retries exceptions of these types (and their subtypes): the same as
         * {@code recordOn}. Adds to earlier calls. When no type and no predicate is
         * given, every {@code Exception} is retried.
         *
         * @param types not null, no null element
         * @return this builder
         */
        @SafeVarargs
        @SuppressWarnings("varargs") // the array is only read, never stored or exposed
        public final Builder retryOn(Class<? extends Exception>... types) {
            return recordOn(types);
        }

        /**
         * Retries exceptions that {@code predicate} accepts (besides the {@code retryOn} types):
         * the same as {@code recordIf}.
         *
         * @param predicate not null
         * @return this builder
         */
        public Builder retryOn(Predicate<? super Exception> predicate) {
            return recordIf(predicate);
        }

        /**
         * Never retries exceptions of these types, whatever {@code retryOn} says: they propagate
         * at once. The same as {@code ignoreOn}. Adds to earlier calls.
         *
         * @param types not null, no null element
         * @return this builder
         */
        @SafeVarargs
        @SuppressWarnings("varargs") // the array is only read, never stored or exposed
        public final Builder abortOn(Class<? extends Exception>... types) {
            return ignoreOn(types);
        }

        /**
         * Never retries exceptions that {@code predicate} accepts, whatever {@code retryOn}
         * says: they propagate at once. The same as {@code ignoreIf}.
         *
         * @param predicate not null
         * @return this builder
         */
        public Builder abortIf(Predicate<? super Exception> predicate) {
            return ignoreIf(predicate);
        }

        /**
         * Retries when a call returns a result that {@code predicate} accepts
         * ({@code retryIf(r -> r == null)}). When attempts run out on such a result, the retry
         * throws {@link RetryExhaustedException} with the result in
         * {@link RetryExhaustedException#lastResult()}.
         *
         * @param predicate not null
         * @return this builder
         */
        public Builder retryIf(Predicate<Object> predicate) {
            this.retryIf = Objects.requireNonNull(predicate, "predicate");
            return this;
        }

        /**
         * Limits the whole retry, measured from the first attempt with the ticker: no wait goes
         * past this deadline (the last one is shortened to the time left) and no attempt starts
         * after it.
         *
         * @param maxDuration not null, not negative
         * @return this builder
         * @throws IllegalArgumentException if {@code maxDuration} is negative
         */
        public Builder maxDuration(Duration maxDuration) {
            this.maxDurationNanos = Backoff.nonNegativeNanos(maxDuration, "maxDuration");
            return this;
        }

        /**
         * Calls {@code listener} before each wait, on the thread that decided to retry. A
         * listener that throws is reported to that thread's uncaught-exception handler and
         * otherwise ignored: the retry goes on. (For every retry event, see
         * {@link Retry#onEvent}.)
         *
         * @param listener not null
         * @return this builder
         */
        public Builder onRetry(Consumer<? super RetryEvent> listener) {
            this.onRetry = Objects.requireNonNull(listener, "listener");
            return this;
        }

        /**
         * Sets the time source for {@link #maxDuration}.
         *
         * @param ticker not null
         * @return this builder
         */
        public Builder ticker(Ticker ticker) {
            this.ticker = Objects.requireNonNull(ticker, "ticker");
            return this;
        }

        /**
         * Sets how the synchronous {@link Retry#call} waits between attempts.
         *
         * @param sleeper not null
         * @return this builder
         */
        public Builder sleeper(Sleeper sleeper) {
            this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
            return this;
        }

        /**
         * Sets the randomness for jitter, e.g. {@code new Random(42)} for reproducible delays.
         * It must be thread-safe if the retry is used from several threads ({@code Random} is).
         * Default: {@link ThreadLocalRandom}.
         *
         * @param random not null
         * @return this builder
         */
        public Builder random(RandomGenerator random) {
            this.random = Objects.requireNonNull(random, "random");
            return this;
        }

        /**
         * Builds the retry.
         *
         * @return a new, immutable retry
         */
        public Retry build() {
            return new Retry(this);
        }
    }
}
