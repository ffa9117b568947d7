package dev.strand.resilience;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strand.core.ManualTicker;
import dev.strand.resilience.CircuitBreaker.State;
import dev.strand.resilience.CircuitBreaker.Transition;
import dev.strand.resilience.Testing.Clock;
import dev.strand.resilience.Testing.Mode;
import dev.strand.resilience.Testing.Result;
import dev.strand.resilience.Testing.Script;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

@Timeout(10)
class CircuitBreakerTest {

    private static final Duration OPEN = Duration.ofSeconds(30);
    private static final IOException BOOM = new IOException("boom");

    private final Clock clock = new Clock();
    private final ManualTicker ticker = clock.ticker;
    private final List<Transition> transitions = new CopyOnWriteArrayList<>();

    private CircuitBreaker.Builder breaker() {
        return CircuitBreaker.builder().ticker(ticker).openDuration(OPEN);
    }

    private CircuitBreaker listen(CircuitBreaker cb) {
        return cb.onStateChange(transitions::add);
    }

    private static void succeed(CircuitBreaker cb, int n) {
        for (int i = 0; i < n; i++) {
            assertThat(cb.tryAcquire()).isTrue();
            cb.onSuccess(0);
        }
    }

    private static void fail(CircuitBreaker cb, int n) {
        for (int i = 0; i < n; i++) {
            assertThat(cb.tryAcquire()).isTrue();
            cb.onFailure(0, BOOM);
        }
    }

    /** Opens a breaker with a window of one call. */
    private CircuitBreaker openedWithPermits(int permits) {
        CircuitBreaker cb = listen(breaker().slidingWindow(1).halfOpenPermits(permits).build());
        fail(cb, 1);
        assertThat(cb.state()).isEqualTo(State.OPEN);
        return cb;
    }

    @Test
    void shouldOpenWhenTheFailureRateIsExactlyAtTheThreshold() {
        CircuitBreaker cb = breaker().slidingWindow(4).minimumCalls(4).failureRateThreshold(0.5).build();
        succeed(cb, 2);
        fail(cb, 1);
        assertThat(cb.state()).isEqualTo(State.CLOSED);
        fail(cb, 1);
        assertThat(cb.state()).isEqualTo(State.OPEN);
    }

    @Test
    void shouldStayClosedJustBelowTheThreshold() {
        CircuitBreaker cb = breaker().slidingWindow(10).minimumCalls(10).failureRateThreshold(0.3).build();
        succeed(cb, 8);
        fail(cb, 2);
        assertThat(cb.state()).isEqualTo(State.CLOSED);
        assertThat(cb.metrics().failureRate()).isEqualTo(0.2);
        fail(cb, 1); // slides out a success: 3/10 = 0.3
        assertThat(cb.state()).isEqualTo(State.OPEN);
    }

    @Test
    void shouldNeverOpenBelowMinimumCalls() {
        CircuitBreaker cb = breaker().slidingWindow(10).minimumCalls(5).build();
        fail(cb, 4);
        assertThat(cb.state()).isEqualTo(State.CLOSED);
        assertThat(cb.metrics().failureRate()).isEqualTo(1.0);
    }

    @Test
    void shouldOpenWhenASuccessBringsTheWindowToMinimumCallsAboveTheThreshold() {
        CircuitBreaker cb = breaker().slidingWindow(10).minimumCalls(5).build();
        fail(cb, 3);
        succeed(cb, 1);
        assertThat(cb.state()).isEqualTo(State.CLOSED);
        succeed(cb, 1); // 3 of 5 failed
        assertThat(cb.state()).isEqualTo(State.OPEN);
    }

    @Test
    void shouldForgetOutcomesThatSlideOutOfTheCountWindow() {
        CircuitBreaker cb = breaker().slidingWindow(3).minimumCalls(3).failureRateThreshold(0.6).build();
        fail(cb, 1);
        succeed(cb, 2);
        fail(cb, 1); // window: S S F
        assertThat(cb.metrics().failedCalls()).isEqualTo(1);
        assertThat(cb.metrics().calls()).isEqualTo(3);
        fail(cb, 1); // window: S F F
        assertThat(cb.state()).isEqualTo(State.OPEN);
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void shouldRefuseWithoutCallingOrRecordingWhenOpen(Mode mode) {
        CircuitBreaker cb = openedWithPermits(1);
        Script s = new Script("never");
        Result r = Testing.run(mode, cb, s, clock);
        assertThat(r.error()).isInstanceOf(CircuitOpenException.class);
        assertThat(((CircuitOpenException) r.error()).state()).isEqualTo(State.OPEN);
        assertThat(r.error().getStackTrace()).isEmpty();
        assertThat(s.calls).hasValue(0);
        assertThat(cb.metrics().notPermittedCalls()).isEqualTo(1);
        assertThat(cb.metrics().calls()).isEqualTo(1); // the window that opened it, unchanged
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void shouldOpenFromCallsThatFail(Mode mode) {
        CircuitBreaker cb = listen(breaker().slidingWindow(2).build());
        Script s = new Script(BOOM);
        assertThat(Testing.run(mode, cb, s, clock).error()).isSameAs(BOOM);
        assertThat(Testing.run(mode, cb, s, clock).error()).isSameAs(BOOM);
        assertThat(Testing.run(mode, cb, s, clock).error()).isInstanceOf(CircuitOpenException.class);
        assertThat(s.calls).hasValue(2);
        assertThat(transitions).containsExactly(new Transition(State.CLOSED, State.OPEN));
    }

    @Test
    void shouldMoveToHalfOpenOnlyAfterTheOpenDuration() {
        CircuitBreaker cb = openedWithPermits(1);
        ticker.advance(OPEN.minusNanos(1));
        assertThat(cb.tryAcquire()).isFalse();
        assertThat(cb.state()).isEqualTo(State.OPEN);
        ticker.advanceNanos(1);
        assertThat(cb.state()).isEqualTo(State.OPEN); // checked on the next call, no timer
        assertThat(cb.tryAcquire()).isTrue();
        assertThat(cb.state()).isEqualTo(State.HALF_OPEN);
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void shouldCloseWhenTheHalfOpenTrialSucceeds(Mode mode) {
        CircuitBreaker cb = openedWithPermits(1);
        ticker.advance(OPEN);
        assertThat(Testing.run(mode, cb, new Script("ok"), clock).get()).isEqualTo("ok");
        assertThat(cb.state()).isEqualTo(State.CLOSED);
        assertThat(cb.metrics().calls()).isZero(); // a fresh window
        assertThat(transitions).containsExactly(new Transition(State.CLOSED, State.OPEN),
                new Transition(State.OPEN, State.HALF_OPEN), new Transition(State.HALF_OPEN, State.CLOSED));
    }

    @Test
    void metricsRightAfterHalfOpenReopensKeepTheTrialWindow() {
        // Regression: HALF_OPEN -> OPEN used to lose the trials, so metrics() read 0 calls, rate 0.
        CircuitBreaker cb = listen(breaker().slidingWindow(4).halfOpenPermits(3).build());
        for (int i = 0; i < 4; i++) {
            assertThat(cb.tryAcquire()).isTrue();
            cb.onFailure(0, BOOM);
        }
        ticker.advance(OPEN);
        for (int i = 0; i < 3; i++) {
            assertThat(cb.tryAcquire()).isTrue();
        }
        cb.onSuccess(0);
        cb.onFailure(0, BOOM);
        cb.onFailure(0, BOOM);
        assertThat(cb.state()).isEqualTo(State.OPEN);
        CircuitBreaker.Metrics m = cb.metrics();
        assertThat(m.state()).isEqualTo(State.OPEN);
        assertThat(m.calls()).isEqualTo(3);
        assertThat(m.failedCalls()).isEqualTo(2);
        assertThat(m.failureRate()).isEqualTo(2.0 / 3);
    }

    @Test
    void ofRejectsAZeroOpenDuration() {
        assertThatThrownBy(() -> CircuitBreaker.of(5, Duration.ZERO, 0.5))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("openDuration must be positive");
        assertThatThrownBy(() -> CircuitBreaker.of(5, Duration.ofSeconds(-1), 0.5))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("openDuration");
        assertThatThrownBy(() -> CircuitBreaker.of(5, null, 0.5))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("openDuration");
        assertThat(CircuitBreaker.of(5, Duration.ofNanos(1), 0.5).state()).isEqualTo(State.CLOSED);
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void shouldReopenWhenTheHalfOpenTrialFails(Mode mode) {
        CircuitBreaker cb = openedWithPermits(1);
        ticker.advance(OPEN);
        assertThat(Testing.run(mode, cb, new Script(BOOM), clock).error()).isSameAs(BOOM);
        assertThat(cb.state()).isEqualTo(State.OPEN);
        assertThat(transitions).containsExactly(new Transition(State.CLOSED, State.OPEN),
                new Transition(State.OPEN, State.HALF_OPEN), new Transition(State.HALF_OPEN, State.OPEN));
        // The new open period starts at the reopening.
        ticker.advance(OPEN.minusNanos(1));
        assertThat(cb.tryAcquire()).isFalse();
        ticker.advanceNanos(1);
        assertThat(cb.tryAcquire()).isTrue();
    }

    @Test
    void shouldPermitExactlyHalfOpenPermitsTrialsAndDecideWhenAllAreDone() {
        CircuitBreaker cb = openedWithPermits(3);
        ticker.advance(OPEN);
        assertThat(cb.tryAcquire()).isTrue();
        assertThat(cb.tryAcquire()).isTrue();
        assertThat(cb.tryAcquire()).isTrue();
        assertThat(cb.tryAcquire()).isFalse();
        cb.onSuccess(0);
        cb.onFailure(0, BOOM);
        assertThat(cb.state()).isEqualTo(State.HALF_OPEN);
        assertThat(cb.metrics().calls()).isEqualTo(2);
        cb.onSuccess(0); // 1 of 3 failed < 0.5
        assertThat(cb.state()).isEqualTo(State.CLOSED);
    }

    @Test
    void shouldReopenWhenTheHalfOpenTrialsReachTheThreshold() {
        CircuitBreaker cb = openedWithPermits(2);
        ticker.advance(OPEN);
        assertThat(cb.tryAcquire()).isTrue();
        assertThat(cb.tryAcquire()).isTrue();
        cb.onSuccess(0);
        cb.onFailure(0, BOOM); // 1 of 2 = 0.5
        assertThat(cb.state()).isEqualTo(State.OPEN);
    }

    @Test
    void shouldNotWedgeInHalfOpenWhenATrialNeverCompletes() {
        CircuitBreaker cb = openedWithPermits(1);
        ticker.advance(OPEN);
        assertThat(cb.tryAcquire()).isTrue(); // this trial is lost: never completed
        ticker.advance(OPEN.minusNanos(1));
        assertThat(cb.tryAcquire()).isFalse();
        assertThat(cb.state()).isEqualTo(State.HALF_OPEN);
        ticker.advanceNanos(1); // halfOpenMaxWait (= openDuration) has passed
        assertThat(cb.tryAcquire()).isFalse();
        assertThat(cb.state()).isEqualTo(State.OPEN);
        ticker.advance(OPEN);
        assertThat(cb.tryAcquire()).isTrue(); // a new round of trials
        cb.onSuccess(0);
        assertThat(cb.state()).isEqualTo(State.CLOSED);
        assertThat(transitions).containsExactly(new Transition(State.CLOSED, State.OPEN),
                new Transition(State.OPEN, State.HALF_OPEN), new Transition(State.HALF_OPEN, State.OPEN),
                new Transition(State.OPEN, State.HALF_OPEN), new Transition(State.HALF_OPEN, State.CLOSED));
    }

    @Test
    void shouldHonourAConfiguredHalfOpenMaxWait() {
        CircuitBreaker cb = breaker().slidingWindow(1).halfOpenPermits(1).halfOpenMaxWait(Duration.ofSeconds(5)).build();
        fail(cb, 1);
        ticker.advance(OPEN);
        assertThat(cb.tryAcquire()).isTrue();
        ticker.advance(Duration.ofSeconds(5));
        assertThat(cb.tryAcquire()).isFalse();
        assertThat(cb.state()).isEqualTo(State.OPEN);
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void shouldOpenOnSlowCalls(Mode mode) {
        CircuitBreaker cb = breaker().slidingWindow(2).slowCall(Duration.ofSeconds(1), 0.5).build();
        Script slow = new Script("ok") {
            @Override
            Object next() {
                ticker.advance(Duration.ofSeconds(1));
                return super.next();
            }
        };
        assertThat(Testing.run(mode, cb, new Script("fast"), clock).get()).isEqualTo("fast");
        assertThat(cb.state()).isEqualTo(State.CLOSED);
        assertThat(Testing.run(mode, cb, slow, clock).get()).isEqualTo("ok");
        assertThat(cb.state()).isEqualTo(State.OPEN);
    }

    @Test
    void shouldCountSlowCallsFromTheGivenDurationInManualUse() {
        CircuitBreaker cb = breaker().slidingWindow(2).slowCall(Duration.ofMillis(10), 1.0).build();
        succeed(cb, 1);
        assertThat(cb.tryAcquire()).isTrue();
        cb.onSuccess(Duration.ofMillis(10).toNanos());
        assertThat(cb.metrics().slowCalls()).isEqualTo(1);
        assertThat(cb.metrics().slowCallRate()).isEqualTo(0.5);
        assertThat(cb.state()).isEqualTo(State.CLOSED);
        assertThat(cb.tryAcquire()).isTrue();
        cb.onSuccess(Duration.ofMillis(11).toNanos());
        assertThat(cb.state()).isEqualTo(State.OPEN);
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void shouldNotRecordIgnoredExceptions(Mode mode) {
        CircuitBreaker cb = breaker().slidingWindow(1).ignoreOn(IllegalArgumentException.class).build();
        Script s = new Script(new IllegalArgumentException("bad input"));
        assertThat(Testing.run(mode, cb, s, clock).error()).isInstanceOf(IllegalArgumentException.class);
        assertThat(cb.metrics().calls()).isZero();
        assertThat(cb.state()).isEqualTo(State.CLOSED);
    }

    @Test
    void shouldGiveBackTheHalfOpenPermitOfAnIgnoredException() {
        CircuitBreaker cb = breaker().slidingWindow(1).halfOpenPermits(1).ignoreOn(IllegalArgumentException.class).build();
        fail(cb, 1);
        ticker.advance(OPEN);
        assertThatThrownBy(() -> cb.call(() -> {
            throw new IllegalArgumentException();
        })).isInstanceOf(IllegalArgumentException.class);
        assertThat(cb.state()).isEqualTo(State.HALF_OPEN);
        assertThat(cb.call(() -> "trial")).isEqualTo("trial");
        assertThat(cb.state()).isEqualTo(State.CLOSED);
    }

    @Test
    void shouldCountExceptionsOutsideRecordOnAsSuccesses() {
        CircuitBreaker cb = breaker().slidingWindow(2).failureRateThreshold(0.5).recordOn(IOException.class).build();
        assertThat(cb.tryAcquire()).isTrue();
        cb.onSuccess(0);
        assertThat(cb.tryAcquire()).isTrue();
        cb.onFailure(0, new IllegalStateException("business error"));
        assertThat(cb.metrics().failedCalls()).isZero();
        assertThat(cb.metrics().calls()).isEqualTo(2);
        assertThat(cb.state()).isEqualTo(State.CLOSED); // 1 failure of 2 would have opened it at 0.5
    }

    @Test
    void shouldRecordWhatTheRecordOnPredicateAccepts() {
        CircuitBreaker cb = breaker().slidingWindow(1).recordOn(e -> e.getMessage().startsWith("5")).build();
        cb.tryAcquire();
        cb.onFailure(0, new IllegalStateException("404"));
        assertThat(cb.state()).isEqualTo(State.CLOSED);
        cb.tryAcquire();
        cb.onFailure(0, new IllegalStateException("503"));
        assertThat(cb.state()).isEqualTo(State.OPEN);
    }

    @Test
    void shouldFireListenersOncePerTransitionAndSurviveAThrowingListener() {
        AtomicInteger bad = new AtomicInteger();
        CircuitBreaker cb = breaker().slidingWindow(1).build();
        cb.onStateChange(t -> {
            bad.incrementAndGet();
            throw new IllegalStateException("listener bug");
        });
        listen(cb);
        Thread.UncaughtExceptionHandler old = Thread.currentThread().getUncaughtExceptionHandler();
        List<Throwable> reported = new CopyOnWriteArrayList<>();
        Thread.currentThread().setUncaughtExceptionHandler((t, e) -> reported.add(e));
        try {
            fail(cb, 1);
            assertThat(cb.tryAcquire()).isFalse();
            assertThat(cb.tryAcquire()).isFalse();
        } finally {
            Thread.currentThread().setUncaughtExceptionHandler(old);
        }
        assertThat(transitions).containsExactly(new Transition(State.CLOSED, State.OPEN));
        assertThat(bad).hasValue(1);
        assertThat(reported).hasSize(1);
    }

    @Test
    void forceOpenRefusesWhateverTheTimeUntilReset() {
        CircuitBreaker cb = listen(breaker().build());
        cb.forceOpen();
        ticker.advance(Duration.ofDays(365));
        assertThat(cb.tryAcquire()).isFalse();
        assertThat(cb.state()).isEqualTo(State.OPEN);
        cb.reset();
        assertThat(cb.state()).isEqualTo(State.CLOSED);
        assertThat(cb.tryAcquire()).isTrue();
        assertThat(transitions).containsExactly(new Transition(State.CLOSED, State.OPEN), new Transition(State.OPEN, State.CLOSED));
    }

    @Test
    void resetEmptiesTheWindow() {
        CircuitBreaker cb = breaker().slidingWindow(4).build();
        fail(cb, 3);
        cb.reset();
        assertThat(cb.metrics().calls()).isZero();
        fail(cb, 1);
        assertThat(cb.state()).isEqualTo(State.CLOSED);
    }

    @Test
    void timeBasedWindowForgetsCallsOlderThanTheWindow() {
        CircuitBreaker cb = breaker().slidingWindow(Duration.ofSeconds(10)).minimumCalls(2).build();
        fail(cb, 1);
        ticker.advance(Duration.ofSeconds(10)); // the first failure's bucket is reused
        fail(cb, 1);
        assertThat(cb.state()).isEqualTo(State.CLOSED);
        assertThat(cb.metrics().calls()).isEqualTo(1);
        ticker.advance(Duration.ofSeconds(8)); // still inside the window of the second failure
        fail(cb, 1);
        assertThat(cb.state()).isEqualTo(State.OPEN);
    }

    @Test
    void timeBasedWindowCountsEveryCallInTheWindow() {
        CircuitBreaker cb = breaker().slidingWindow(Duration.ofSeconds(1)).minimumCalls(100).build();
        for (int i = 0; i < 1000; i++) {
            succeed(cb, 1);
            ticker.advance(Duration.ofMillis(1));
        }
        // 1000 calls over 1 s in 100 ms buckets: the current bucket plus the 9 before.
        assertThat(cb.metrics().calls()).isEqualTo(900);
        ticker.advance(Duration.ofSeconds(5));
        assertThat(cb.metrics().calls()).isZero();
    }

    @Test
    void metricsReportTheWindow() {
        CircuitBreaker cb = breaker().slidingWindow(4).build();
        succeed(cb, 3);
        fail(cb, 1);
        CircuitBreaker.Metrics m = cb.metrics();
        assertThat(m).isEqualTo(new CircuitBreaker.Metrics(State.CLOSED, 0.25, 0.0, 4, 1, 0, 0));
        assertThat(m.calls()).isEqualTo(4);
        assertThat(m.failedCalls()).isEqualTo(1);
        assertThat(m.failureRate()).isEqualTo(0.25);
        assertThat(m.state()).isEqualTo(State.CLOSED);
        assertThat(m.notPermittedCalls()).isZero();
    }

    @Test
    void ofReadsAsTheSeedBook() {
        CircuitBreaker cb = CircuitBreaker.of(5, Duration.ofSeconds(30), 0.5);
        succeed(cb, 2);
        fail(cb, 2);
        assertThat(cb.state()).isEqualTo(State.CLOSED); // 4 calls: below the minimum of 5
        fail(cb, 1); // 3 of 5
        assertThat(cb.state()).isEqualTo(State.OPEN);
    }

    @Test
    void aCheckedExceptionPropagatesWithItsOwnType() {
        CircuitBreaker cb = breaker().build();
        try {
            cb.call(() -> {
                throw new IOException("x");
            });
            throw new AssertionError("no exception");
        } catch (IOException expected) {
            assertThat(expected).hasMessage("x");
        }
    }

    @Test
    void rejectsInvalidConfigurationNamingTheParameter() {
        assertThatThrownBy(() -> CircuitBreaker.builder().failureRateThreshold(0)).hasMessageContaining("failureRateThreshold");
        assertThatThrownBy(() -> CircuitBreaker.builder().failureRateThreshold(1.01)).hasMessageContaining("failureRateThreshold");
        assertThatThrownBy(() -> CircuitBreaker.builder().failureRateThreshold(Double.NaN)).hasMessageContaining("failureRateThreshold");
        assertThatThrownBy(() -> CircuitBreaker.builder().slidingWindow(0)).hasMessageContaining("slidingWindow");
        assertThatThrownBy(() -> CircuitBreaker.builder().slidingWindow(Duration.ZERO)).hasMessageContaining("slidingWindow");
        assertThatThrownBy(() -> CircuitBreaker.builder().minimumCalls(0)).hasMessageContaining("minimumCalls");
        assertThatThrownBy(() -> CircuitBreaker.builder().slidingWindow(5).minimumCalls(6).build()).hasMessageContaining("minimumCalls");
        assertThatThrownBy(() -> CircuitBreaker.builder().openDuration(Duration.ofSeconds(-1))).hasMessageContaining("openDuration");
        assertThatThrownBy(() -> CircuitBreaker.builder().halfOpenPermits(0)).hasMessageContaining("halfOpenPermits");
        assertThatThrownBy(() -> CircuitBreaker.builder().slowCall(Duration.ZERO, 0.5)).hasMessageContaining("slowCall");
        assertThatThrownBy(() -> CircuitBreaker.builder().slowCall(Duration.ofSeconds(1), 0)).hasMessageContaining("slowCall");
        assertThatThrownBy(() -> CircuitBreaker.of(0, OPEN, 0.5)).hasMessageContaining("slidingWindow");
        assertThatThrownBy(() -> breaker().build().onSuccess(-1)).hasMessageContaining("durationNanos");
        assertThatThrownBy(() -> breaker().build().onFailure(0, null)).hasMessageContaining("error");
    }
}
