package dev.strand.resilience;

import dev.strand.core.ManualTicker;
import dev.strand.core.Sleeper;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs one resilience scenario both ways (after Failsafe's {@code Testing}): {@link Mode#SYNC}
 * through {@link Policy#call}, {@link Mode#ASYNC} through {@link Policy#callAsync} with a
 * {@link RecordingScheduler}. Both record their waits in the same list and move the same
 * {@link ManualTicker}, so a scenario asserts the same waits in both modes.
 */
final class Testing {

    enum Mode { SYNC, ASYNC }

    /** What a call ended with: a value or an exception (unwrapped in async mode). */
    record Result(Object value, Throwable error) {
        Object get() {
            if (error != null) {
                throw new AssertionError("expected a value, got " + error, error);
            }
            return value;
        }
    }

    /** Fake time and recorded waits, shared by the sleeper and the scheduler. */
    static final class Clock implements Sleeper {
        final ManualTicker ticker = new ManualTicker();
        final List<Duration> waits = new CopyOnWriteArrayList<>();

        @Override
        public void sleep(Duration d) {
            waits.add(d);
            ticker.advance(d);
        }
    }

    /**
     * A real single-thread scheduler whose delays are recorded and turned into ticker advances:
     * a task scheduled "in 100 ms" runs at once with the ticker 100 ms later.
     */
    static final class RecordingScheduler extends ScheduledThreadPoolExecutor {
        final Clock clock;

        RecordingScheduler(Clock clock) {
            super(1);
            this.clock = clock;
            setRemoveOnCancelPolicy(true);
        }

        @Override
        public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
            clock.sleep(Duration.ofNanos(unit.toNanos(delay)));
            return super.schedule(command, 0, unit);
        }
    }

    /**
     * A scripted call: attempt n returns or throws {@code outcomes[n]} (a Throwable is thrown,
     * anything else returned); the last outcome repeats.
     */
    static class Script {
        final Object[] outcomes;
        final AtomicInteger calls = new AtomicInteger();
        /** In async mode, throw (instead of returning a failed stage) on these attempts (1-based). */
        final java.util.Set<Integer> throwSync = new java.util.HashSet<>();

        Script(Object... outcomes) {
            this.outcomes = outcomes;
        }

        Object next() {
            int n = calls.incrementAndGet();
            return outcomes[Math.min(n, outcomes.length) - 1];
        }

        Object call() throws Exception {
            Object o = next();
            if (o instanceof Exception) {
                throw (Exception) o;
            }
            if (o instanceof Error) {
                throw (Error) o;
            }
            return o;
        }

        CompletionStage<Object> callAsync() {
            Object o = next();
            if (o instanceof Throwable) {
                if (throwSync.contains(calls.get()) && o instanceof RuntimeException) {
                    throw (RuntimeException) o;
                }
                return CompletableFuture.failedFuture((Throwable) o);
            }
            return CompletableFuture.completedFuture(o);
        }
    }

    private Testing() {
    }

    /** Runs {@code script} once under {@code policy} in {@code mode}. */
    static Result run(Mode mode, Policy policy, Script script, Clock clock) {
        if (mode == Mode.SYNC) {
            try {
                return new Result(policy.call(script::call), null);
            } catch (Exception | Error e) {
                return new Result(null, e);
            }
        }
        RecordingScheduler scheduler = new RecordingScheduler(clock);
        try {
            CompletableFuture<Object> f = policy.callAsync(script::callAsync, scheduler);
            try {
                return new Result(f.get(10, TimeUnit.SECONDS), null);
            } catch (ExecutionException e) {
                return new Result(null, e.getCause());
            }
        } catch (Exception e) {
            throw new AssertionError(e);
        } finally {
            scheduler.shutdownNow();
        }
    }
}
