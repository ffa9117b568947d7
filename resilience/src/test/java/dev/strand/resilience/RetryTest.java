package dev.strand.resilience;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.strand.resilience.Testing.Clock;
import dev.strand.resilience.Testing.Mode;
import dev.strand.resilience.Testing.Result;
import dev.strand.resilience.Testing.Script;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

@Timeout(10)
class RetryTest {

    private static final Duration D100 = Duration.ofMillis(100);

    private final Clock clock = new Clock();

    private Retry.Builder retry() {
        return Retry.builder().backoff(Backoff.fixed(D100)).ticker(clock.ticker).sleeper(clock);
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void shouldReturnTheFirstSuccessAfterFailures(Mode mode) {
        Script s = new Script(new IOException("1"), new IOException("2"), "ok");
        Result r = Testing.run(mode, retry().maxAttempts(5).build(), s, clock);
        assertThat(r.get()).isEqualTo("ok");
        assertThat(s.calls).hasValue(3);
        assertThat(clock.waits).containsExactly(D100, D100);
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void shouldNotWaitWhenTheFirstCallSucceeds(Mode mode) {
        Script s = new Script("ok");
        assertThat(Testing.run(mode, retry().build(), s, clock).get()).isEqualTo("ok");
        assertThat(s.calls).hasValue(1);
        assertThat(clock.waits).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void shouldThrowExhaustedWithLastFailureAttemptsAndEarlierFailuresSuppressed(Mode mode) {
        IOException e1 = new IOException("1");
        IOException e2 = new IOException("2");
        IOException e3 = new IOException("3");
        Result r = Testing.run(mode, retry().maxAttempts(3).build(), new Script(e1, e2, e3), clock);
        assertThat(r.error()).isInstanceOf(RetryExhaustedException.class).hasCause(e3);
        RetryExhaustedException ex = (RetryExhaustedException) r.error();
        assertThat(ex.attempts()).isEqualTo(3);
        assertThat(ex.getSuppressed()).containsExactly(e1, e2);
        assertThat(ex.lastResult()).isNull();
        assertThat(clock.waits).hasSize(2);
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void shouldBoundTheSuppressedFailures(Mode mode) {
        Object[] failures = new Object[50];
        for (int i = 0; i < failures.length; i++) {
            failures[i] = new IOException("failure " + i);
        }
        Result r = Testing.run(mode, retry().maxAttempts(50).backoff(Backoff.fixed(Duration.ZERO)).build(),
                new Script(failures), clock);
        RetryExhaustedException ex = (RetryExhaustedException) r.error();
        assertThat(ex.attempts()).isEqualTo(50);
        assertThat(ex.getSuppressed()).hasSize(RetryExhaustedException.MAX_SUPPRESSED);
        assertThat(ex.getSuppressed()[0]).hasMessage("failure 0");
        assertThat(ex.getCause()).hasMessage("failure 49");
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void shouldPropagateAnAbortOnExceptionAtOnceWithItsOwnType(Mode mode) {
        FileNotFoundException fnf = new FileNotFoundException("gone");
        Script s = new Script(fnf, "never");
        Result r = Testing.run(mode, retry().retryOn(IOException.class).abortOn(FileNotFoundException.class).build(), s, clock);
        assertThat(r.error()).isSameAs(fnf);
        assertThat(s.calls).hasValue(1);
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void shouldPropagateAnExceptionNoRetryOnTypeMatches(Mode mode) {
        IllegalStateException ise = new IllegalStateException();
        Script s = new Script(ise, "never");
        Result r = Testing.run(mode, retry().retryOn(IOException.class).build(), s, clock);
        assertThat(r.error()).isSameAs(ise);
        assertThat(s.calls).hasValue(1);
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void shouldRetryWhatThePredicateAccepts(Mode mode) {
        Script s = new Script(new IllegalStateException("busy"), new IllegalStateException("down"), "ok");
        Retry r = retry().retryOn(IOException.class).retryOn(e -> "busy".equals(e.getMessage())).build();
        Result result = Testing.run(mode, r, s, clock);
        assertThat(result.error()).hasMessage("down");
        assertThat(s.calls).hasValue(2);
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void shouldNeverRetryAnError(Mode mode) {
        Script s = new Script(new AssertionError("bug"), "never");
        assertThat(Testing.run(mode, retry().build(), s, clock).error()).isInstanceOf(AssertionError.class);
        assertThat(s.calls).hasValue(1);
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void shouldRetryARejectedResultAndReportTheLastOneWhenExhausted(Mode mode) {
        Script ok = new Script("", "", "x");
        assertThat(Testing.run(mode, retry().retryIf(v -> "".equals(v)).build(), ok, clock).get()).isEqualTo("x");
        Script never = new Script("");
        Result r = Testing.run(mode, retry().maxAttempts(2).retryIf(v -> "".equals(v)).build(), never, clock);
        assertThat(r.error()).isInstanceOf(RetryExhaustedException.class).hasNoCause();
        assertThat(((RetryExhaustedException) r.error()).lastResult()).isEqualTo("");
        assertThat(((RetryExhaustedException) r.error()).attempts()).isEqualTo(2);
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void aThrowingResultPredicateEndsTheRetryWithItsException(Mode mode) {
        IllegalStateException bug = new IllegalStateException("predicate bug");
        Script s = new Script("x", "y");
        Result r = Testing.run(mode, retry().retryIf(v -> {
            throw bug;
        }).build(), s, clock);
        assertThat(r.error()).isSameAs(bug);
        assertThat(s.calls).hasValue(1);
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void shouldClampTheLastWaitToTheTimeLeftAndStopAtMaxDuration(Mode mode) {
        Retry r = retry().maxAttempts(100).backoff(Backoff.fixed(Duration.ofMillis(400)))
                .maxDuration(Duration.ofSeconds(1)).build();
        Script s = new Script(new IOException());
        Result result = Testing.run(mode, r, s, clock);
        assertThat(clock.waits).containsExactly(Duration.ofMillis(400), Duration.ofMillis(400), Duration.ofMillis(200));
        assertThat(s.calls).hasValue(4); // the last attempt starts exactly at the deadline
        assertThat(((RetryExhaustedException) result.error()).attempts()).isEqualTo(4);
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void shouldCountTheCallsOwnDurationAgainstMaxDuration(Mode mode) {
        Retry r = retry().maxAttempts(100).maxDuration(Duration.ofMillis(250)).build();
        AtomicInteger made = new AtomicInteger();
        Script s = new Script(new IOException()) {
            @Override
            Object next() {
                made.incrementAndGet();
                clock.ticker.advance(Duration.ofMillis(100)); // each call takes 100 ms
                return super.next();
            }
        };
        Testing.run(mode, r, s, clock);
        // t=100 fail, wait 100; t=300 fail: 250 ms are gone.
        assertThat(clock.waits).containsExactly(D100);
        assertThat(made).hasValue(2);
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void shouldTellOnRetryTheAttemptFailureAndNextDelay(Mode mode) {
        List<RetryEvent> events = new ArrayList<>();
        IOException e1 = new IOException();
        Retry r = retry().maxAttempts(3).backoff(Backoff.exponential(D100)).retryIf(v -> v == null)
                .onRetry(events::add).build();
        Testing.run(mode, r, new Script(e1, null, "ok"), clock);
        assertThat(events).containsExactly(
                new RetryEvent(1, e1, null, D100),
                new RetryEvent(2, null, null, Duration.ofMillis(200)));
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void shouldFeedTheRealPreviousDelayToDecorrelatedJitter(Mode mode) {
        Duration cap = Duration.ofSeconds(5);
        Retry r = retry().maxAttempts(200).random(new Random(3))
                .backoff(Backoff.exponential(D100).maxDelay(cap).jitter(Jitter.DECORRELATED)).build();
        Testing.run(mode, r, new Script(new IOException()), clock);
        assertThat(clock.waits).hasSize(199);
        Duration prev = D100;
        for (Duration d : clock.waits) {
            Duration high = prev.multipliedBy(3).compareTo(cap) > 0 ? cap : prev.multipliedBy(3);
            assertThat(d).isBetween(D100, high);
            prev = d;
        }
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void shouldGiveReproducibleJitteredWaitsFromASeed(Mode mode) {
        Backoff b = Backoff.exponential(D100).jitter(Jitter.FULL);
        Testing.run(mode, retry().maxAttempts(6).backoff(b).random(new Random(9)).build(), new Script(new IOException()), clock);
        List<Duration> first = new ArrayList<>(clock.waits);
        clock.waits.clear();
        Testing.run(mode, retry().maxAttempts(6).backoff(b).random(new Random(9)).build(), new Script(new IOException()), clock);
        assertThat(clock.waits).isEqualTo(first).hasSize(5);
    }

    @Test
    void shouldNeverRetryInterruptedExceptionAndRestoreTheInterruptStatus() {
        Script s = new Script(new InterruptedException(), "never");
        try {
            Result r = Testing.run(Mode.SYNC, retry().build(), s, clock);
            assertThat(r.error()).isInstanceOf(InterruptedException.class);
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
        } finally {
            Thread.interrupted();
        }
        assertThat(s.calls).hasValue(1);
    }

    @Test
    void asyncShouldNeverRetryInterruptedException() {
        Script s = new Script(new InterruptedException(), "never");
        assertThat(Testing.run(Mode.ASYNC, retry().build(), s, clock).error()).isInstanceOf(InterruptedException.class);
        assertThat(s.calls).hasValue(1);
    }

    @Test
    void shouldEndAtOnceWhenInterruptedWhileWaiting() {
        InterruptedException ie = new InterruptedException();
        Retry r = Retry.builder().maxAttempts(5).sleeper(d -> {
            throw ie;
        }).build();
        Script s = new Script(new IOException("x"), "never");
        try {
            Throwable t = catchThrowable(() -> r.call(s::call));
            assertThat(t).isInstanceOf(RetryExhaustedException.class).hasMessageContaining("interrupted");
            assertThat(t.getCause()).hasMessage("x");
            assertThat(t.getSuppressed()).contains(ie);
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
        } finally {
            Thread.interrupted();
        }
        assertThat(s.calls).hasValue(1);
    }

    @Test
    void asyncShouldTreatASupplierThatThrowsOnALaterAttemptAsAFailedAttempt() {
        Script s = new Script(new IllegalStateException("a"), new IllegalStateException("b"), "ok");
        s.throwSync.add(2);
        assertThat(Testing.run(Mode.ASYNC, retry().maxAttempts(3).build(), s, clock).get()).isEqualTo("ok");
        assertThat(s.calls).hasValue(3);
        assertThat(clock.waits).hasSize(2);
    }

    @Test
    void asyncShouldScheduleWaitsOnTheGivenSchedulerWithoutBlockingTheCaller() throws Exception {
        ScheduledThreadPoolExecutor scheduler = new ScheduledThreadPoolExecutor(1);
        try {
            Retry r = Retry.builder().maxAttempts(3).backoff(Backoff.fixed(Duration.ofHours(1))).build();
            Script s = new Script(new IOException(), "ok");
            CompletableFuture<Object> f = r.callAsync(s::callAsync, scheduler);
            // The first attempt failed synchronously; the retry is a task an hour away: the
            // caller got its future back without waiting.
            assertThat(f).isNotDone();
            assertThat(scheduler.getQueue()).hasSize(1);
            assertThat(s.calls).hasValue(1);
        } finally {
            scheduler.shutdownNow();
        }
    }

    @Test
    void cancellingTheAsyncFutureStopsFurtherAttempts() throws Exception {
        ScheduledThreadPoolExecutor scheduler = new ScheduledThreadPoolExecutor(1);
        scheduler.setRemoveOnCancelPolicy(true);
        try {
            Retry r = Retry.builder().maxAttempts(3).backoff(Backoff.fixed(Duration.ofHours(1))).build();
            Script s = new Script(new IOException());
            CompletableFuture<Object> f = r.callAsync(s::callAsync, scheduler);
            assertThat(scheduler.getQueue()).hasSize(1);
            f.cancel(true);
            assertThat(scheduler.getQueue()).isEmpty(); // the pending wait was cancelled
            scheduler.shutdown();
            assertThat(scheduler.awaitTermination(5, TimeUnit.SECONDS)).isTrue();
            assertThat(s.calls).hasValue(1);
        } finally {
            scheduler.shutdownNow();
        }
    }

    @Test
    void cancellingTheAsyncFutureCancelsTheRunningAttempt() {
        ScheduledThreadPoolExecutor scheduler = new ScheduledThreadPoolExecutor(1);
        try {
            CompletableFuture<String> attempt = new CompletableFuture<>();
            CompletableFuture<String> f = Retry.builder().build().callAsync(() -> attempt, scheduler);
            f.cancel(true);
            assertThat(attempt).isCancelled();
        } finally {
            scheduler.shutdownNow();
        }
    }

    @Test
    void asyncShouldFailWhenTheSchedulerRefusesTheWait() {
        ScheduledThreadPoolExecutor scheduler = new ScheduledThreadPoolExecutor(1);
        scheduler.shutdown();
        CompletableFuture<Object> f = Retry.builder().build().callAsync(new Script(new IOException(), "ok")::callAsync, scheduler);
        assertThat(f).isCompletedExceptionally();
        assertThat(catchThrowable(f::join)).hasCauseInstanceOf(java.util.concurrent.RejectedExecutionException.class);
    }

    @Test
    void aCheckedExceptionThatIsNotRetriedPropagatesWithItsOwnType() {
        Retry r = retry().abortOn(FileNotFoundException.class).build();
        try {
            r.call(() -> {
                throw new FileNotFoundException("x");
            });
            throw new AssertionError("no exception");
        } catch (FileNotFoundException expected) { // compiles: call declares the supplier's type
            assertThat(expected).hasMessage("x");
        }
    }

    @Test
    void aLambdaWithoutCheckedExceptionsNeedsNoTry() {
        String s = retry().build().call(() -> "plain");
        assertThat(s).isEqualTo("plain");
    }

    @Test
    void rejectsInvalidConfigurationNamingTheParameter() {
        assertThatThrownBy(() -> Retry.builder().maxAttempts(0)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxAttempts");
        assertThatThrownBy(() -> Retry.builder().maxDuration(Duration.ofMillis(-1))).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxDuration");
        assertThatThrownBy(() -> Retry.builder().backoff(null)).isInstanceOf(NullPointerException.class).hasMessageContaining("backoff");
        assertThatThrownBy(() -> Retry.of(3, Backoff.fixed(D100)).call(null)).isInstanceOf(NullPointerException.class).hasMessageContaining("supplier");
    }
}
