package dev.strand.resilience;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Enabled;
import jdk.jfr.Event;
import jdk.jfr.EventType;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.Timespan;

/**
 * The JDK Flight Recorder events of the resilience policies: {@code dev.strand.BreakerTransition},
 * {@code dev.strand.Retry} and {@code dev.strand.BulkheadRejected}. They are disabled unless a
 * recording enables them by name ({@code @Enabled(false)}: a recording with the JDK's default
 * settings leaves them off), for example {@code jcmd <pid> JFR.start settings=strand.jfc} with the
 * events switched on, or {@code RecordingStream.enable("dev.strand.Retry")}.
 *
 * <p>Zero cost when not enabled: each {@code commit} method checks its event type's
 * {@code isEnabled()} (a read of a field JFR keeps current) before it creates the event, and
 * the events are only committed on rare paths (a transition, a retry, a refusal), never on a
 * call's success path. Thread-safe (static methods; each event object is confined to its
 * thread).
 */
final class Jfr {

    private Jfr() {
    }

    private static final EventType TRANSITION = EventType.getEventType(BreakerTransition.class);
    private static final EventType RETRY = EventType.getEventType(RetryAttempt.class);
    private static final EventType REJECTED = EventType.getEventType(BulkheadRejected.class);

    static void transition(String breaker, CircuitBreaker.State from, CircuitBreaker.State to) {
        if (!TRANSITION.isEnabled()) {
            return;
        }
        BreakerTransition e = new BreakerTransition();
        if (e.shouldCommit()) {
            e.breaker = breaker;
            e.from = from.name();
            e.to = to.name();
            e.commit();
        }
    }

    static void retry(String outcome, int attempt, Throwable failure, long delayNanos) {
        if (!RETRY.isEnabled()) {
            return;
        }
        RetryAttempt e = new RetryAttempt();
        if (e.shouldCommit()) {
            e.outcome = outcome;
            e.attempt = attempt;
            e.failure = failure == null ? null : failure.getClass().getName();
            e.delay = delayNanos;
            e.commit();
        }
    }

    static void bulkheadRejected(int maxConcurrentCalls) {
        if (!REJECTED.isEnabled()) {
            return;
        }
        BulkheadRejected e = new BulkheadRejected();
        if (e.shouldCommit()) {
            e.maxConcurrentCalls = maxConcurrentCalls;
            e.commit();
        }
    }

    /** A circuit breaker changed state. */
    @Name("dev.strand.BreakerTransition")
    @Label("Circuit Breaker Transition")
    @Category({"Strand", "Resilience"})
    @Enabled(false)
    @Description("A Strand circuit breaker changed state")
    static final class BreakerTransition extends Event {
        @Label("Breaker")
        String breaker;
        @Label("From")
        String from;
        @Label("To")
        String to;
    }

    /** A retry made another attempt, or gave up. */
    @Name("dev.strand.Retry")
    @Label("Retry")
    @Category({"Strand", "Resilience"})
    @Enabled(false)
    @Description("A Strand retry failed an attempt and waits for the next, or gave up")
    static final class RetryAttempt extends Event {
        @Label("Outcome")
        String outcome;
        @Label("Attempt")
        int attempt;
        @Label("Failure")
        String failure;
        @Label("Next Delay")
        @Timespan(Timespan.NANOSECONDS)
        long delay;
    }

    /** A bulkhead refused a call. */
    @Name("dev.strand.BulkheadRejected")
    @Label("Bulkhead Rejected")
    @Category({"Strand", "Resilience"})
    @Enabled(false)
    @Description("A Strand bulkhead refused a call because it was full")
    static final class BulkheadRejected extends Event {
        @Label("Max Concurrent Calls")
        int maxConcurrentCalls;
    }
}
