package dev.strand.jcstress.resilience;

import dev.strand.core.ManualTicker;
import dev.strand.resilience.CircuitBreaker;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.Expect;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.III_Result;

/**
 * Two callers race {@code tryAcquire} on an OPEN breaker whose open duration has passed and
 * which permits one half-open trial. Both see OPEN expire and try to move it to HALF_OPEN;
 * exactly one transition may happen and exactly one caller may get the trial.
 *
 * <p>r1, r2: 1 if that caller got a permit; r3: OPEN -> HALF_OPEN transitions fired.
 * {@link HalfOpenPermitRaceBroken} runs the same race on a check-then-act breaker and fails.
 */
@JCStressTest
@Outcome(id = {"1, 0, 1", "0, 1, 1"}, expect = Expect.ACCEPTABLE,
        desc = "one caller got the single trial permit; the breaker went HALF_OPEN once")
@Outcome(id = "1, 1, .*", expect = Expect.FORBIDDEN, desc = "two trial calls let through with one permit")
@Outcome(id = "0, 0, .*", expect = Expect.FORBIDDEN, desc = "no caller got the free trial permit")
@Outcome(expect = Expect.FORBIDDEN, desc = "the OPEN -> HALF_OPEN transition fired twice (or never)")
@State
public class HalfOpenPermitRace {

    private final CircuitBreaker cb;
    private final AtomicInteger toHalfOpen = new AtomicInteger();

    public HalfOpenPermitRace() {
        ManualTicker ticker = new ManualTicker();
        cb = CircuitBreaker.builder().ticker(ticker).slidingWindow(1).halfOpenPermits(1)
                .openDuration(Duration.ofNanos(1)).build();
        cb.tryAcquire();
        cb.onFailure(0, new IllegalStateException("down")); // CLOSED -> OPEN
        ticker.advanceNanos(1);                             // the open duration has passed
        cb.onStateChange(t -> {
            if (t.to() == CircuitBreaker.State.HALF_OPEN) {
                toHalfOpen.incrementAndGet();
            }
        });
    }

    @Actor
    public void caller1(III_Result r) {
        r.r1 = cb.tryAcquire() ? 1 : 0;
    }

    @Actor
    public void caller2(III_Result r) {
        r.r2 = cb.tryAcquire() ? 1 : 0;
    }

    @Arbiter
    public void arbiter(III_Result r) {
        r.r3 = toHalfOpen.get();
    }
}
