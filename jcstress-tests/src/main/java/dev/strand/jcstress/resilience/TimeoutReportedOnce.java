package dev.strand.jcstress.resilience;

import dev.strand.resilience.PolicyEvent;
import dev.strand.resilience.Timeout;
import dev.strand.resilience.TimeoutExceededException;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Delayed;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.Expect;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.II_Result;

/**
 * An asynchronous call completes at the moment its timeout fires. Exactly one of them decides
 * the outcome, and {@code TIMEOUT_TIMED_OUT} is reported if and only if the caller sees a
 * {@link TimeoutExceededException}: never for a call that returned its value, never missing.
 *
 * <p>r1: 1 if the returned future failed with the timeout, 0 if it has the value; r2: timeout
 * events. {@link TimeoutReportedOnceBroken} decides by check-then-act and fails.
 */
@JCStressTest
@Outcome(id = "0, 0", expect = Expect.ACCEPTABLE, desc = "the call won: its value, no event")
@Outcome(id = "1, 1", expect = Expect.ACCEPTABLE, desc = "the timeout won: one event")
@Outcome(id = "0, 1", expect = Expect.FORBIDDEN, desc = "a timeout reported for a call that returned")
@Outcome(expect = Expect.FORBIDDEN, desc = "a timeout not reported, or reported twice")
@State
public class TimeoutReportedOnce {

    private final TimerCapture scheduler = new TimerCapture();
    private final CompletableFuture<String> call = new CompletableFuture<>();
    private final AtomicInteger events = new AtomicInteger();
    private final CompletableFuture<String> out;

    public TimeoutReportedOnce() {
        Timeout timeout = Timeout.of(Duration.ofSeconds(1)).onEvent(e -> {
            if (e.type() == PolicyEvent.Type.TIMEOUT_TIMED_OUT) {
                events.incrementAndGet();
            }
        });
        out = timeout.callAsync(() -> call, scheduler);
    }

    @Actor
    public void callCompletes() {
        call.complete("ok");
    }

    @Actor
    public void timerFires() {
        scheduler.task.run();
    }

    @Arbiter
    public void arbiter(II_Result r) {
        r.r1 = out.isCompletedExceptionally() ? 1 : 0;
        r.r2 = events.get();
    }

    /** A scheduler that only keeps the one task it is given, for an actor to run. */
    static final class TimerCapture extends AbstractExecutorService implements ScheduledExecutorService {
        Runnable task;

        @Override
        public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
            task = command;
            return new NeverFires();
        }

        @Override
        public <V> ScheduledFuture<V> schedule(Callable<V> callable, long delay, TimeUnit unit) {
            throw new UnsupportedOperationException("not used by Timeout");
        }

        @Override
        public ScheduledFuture<?> scheduleAtFixedRate(Runnable command, long initialDelay, long period, TimeUnit unit) {
            throw new UnsupportedOperationException("not used by Timeout");
        }

        @Override
        public ScheduledFuture<?> scheduleWithFixedDelay(Runnable command, long initialDelay, long delay, TimeUnit unit) {
            throw new UnsupportedOperationException("not used by Timeout");
        }

        @Override
        public void execute(Runnable command) {
            command.run();
        }

        @Override
        public void shutdown() {
        }

        @Override
        public List<Runnable> shutdownNow() {
            return Collections.emptyList();
        }

        @Override
        public boolean isShutdown() {
            return false;
        }

        @Override
        public boolean isTerminated() {
            return false;
        }

        @Override
        public boolean awaitTermination(long timeout, TimeUnit unit) {
            return false;
        }
    }

    /** The handle of a captured task: cancelling it only records nothing. */
    static final class NeverFires extends CompletableFuture<Object> implements ScheduledFuture<Object> {
        @Override
        public long getDelay(TimeUnit unit) {
            return Long.MAX_VALUE;
        }

        @Override
        public int compareTo(Delayed o) {
            return 0;
        }
    }
}
