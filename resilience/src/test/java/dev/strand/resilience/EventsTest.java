package dev.strand.resilience;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strand.core.ManualTicker;
import dev.strand.resilience.CircuitBreaker.State;
import dev.strand.resilience.PolicyEvent.Type;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class EventsTest {

    private static final IOException BOOM = new IOException("boom");

    private final List<PolicyEvent> events = new CopyOnWriteArrayList<>();

    private List<Type> types() {
        return events.stream().map(PolicyEvent::type).collect(Collectors.toList());
    }

    private static Retry.Builder retry() {
        return Retry.builder().backoff(Backoff.fixed(Duration.ofMillis(7))).sleeper(d -> { });
    }

    @Test
    void retryReportsAttemptsAndSuccess() throws IOException {
        Retry r = retry().maxAttempts(3).build().onEvent(events::add);
        int[] calls = {0};
        assertThat(r.call(() -> {
            if (++calls[0] < 3) {
                throw BOOM;
            }
            return "ok";
        })).isEqualTo("ok");
        assertThat(types()).containsExactly(Type.RETRY_ATTEMPT, Type.RETRY_ATTEMPT, Type.RETRY_SUCCESS);
        assertThat(events.get(0).attempt()).isEqualTo(1);
        assertThat(events.get(0).failure()).isSameAs(BOOM);
        assertThat(events.get(0).duration()).isEqualTo(Duration.ofMillis(7));
        assertThat(events.get(0).source()).isSameAs(r);
        assertThat(events.get(2).attempt()).isEqualTo(3);
        events.clear();
        assertThat(r.call(() -> "first")).isEqualTo("first");
        assertThat(events).isEmpty(); // a first-attempt success reports nothing
    }

    @Test
    void retryReportsExhaustedAndAborted() {
        Retry r = retry().maxAttempts(2).abortOn(IllegalStateException.class).build().onEvent(events::add);
        assertThatThrownBy(() -> r.call(() -> {
            throw BOOM;
        })).isInstanceOf(RetryExhaustedException.class);
        assertThat(types()).containsExactly(Type.RETRY_ATTEMPT, Type.RETRY_EXHAUSTED);
        assertThat(events.get(1).attempt()).isEqualTo(2);
        events.clear();
        IllegalStateException abort = new IllegalStateException();
        assertThatThrownBy(() -> r.call(() -> {
            throw abort;
        })).isSameAs(abort);
        assertThat(types()).containsExactly(Type.RETRY_ABORTED);
        assertThat(events.get(0).failure()).isSameAs(abort);
    }

    @Test
    void asyncRetryReportsTheSameEventsOnTheDefaultScheduler() {
        Retry r = retry().maxAttempts(3).build().onEvent(events::add);
        int[] calls = {0};
        CompletableFuture<String> f = r.callAsync(() -> ++calls[0] < 2
                ? CompletableFuture.failedFuture(BOOM) : CompletableFuture.completedFuture("ok"));
        assertThat(f.join()).isEqualTo("ok");
        assertThat(types()).containsExactly(Type.RETRY_ATTEMPT, Type.RETRY_SUCCESS);
    }

    @Test
    void breakerReportsOutcomesRefusalsAndTransitions() {
        ManualTicker ticker = new ManualTicker();
        CircuitBreaker cb = CircuitBreaker.builder().ticker(ticker).slidingWindow(2).openDuration(Duration.ofSeconds(1))
                .slowCall(Duration.ofMillis(10), 1.0).ignoreOn(IllegalStateException.class).build().onEvent(events::add);
        assertThat(cb.tryAcquire()).isTrue();
        cb.onSuccess(Duration.ofMillis(20).toNanos());
        assertThat(cb.tryAcquire()).isTrue();
        cb.onFailure(1, new IllegalStateException()); // ignored: no event
        assertThat(cb.tryAcquire()).isTrue();
        cb.onFailure(1, BOOM);
        assertThat(cb.state()).isEqualTo(State.OPEN);
        assertThat(cb.tryAcquire()).isFalse();
        assertThat(types()).containsExactly(Type.BREAKER_SUCCESS, Type.BREAKER_SLOW, Type.BREAKER_FAILURE,
                Type.BREAKER_STATE_CHANGE, Type.BREAKER_NOT_PERMITTED);
        assertThat(events.get(0).duration()).isEqualTo(Duration.ofMillis(20));
        assertThat(events.get(2).failure()).isSameAs(BOOM);
        PolicyEvent change = events.get(3);
        assertThat(change.from()).isEqualTo(State.CLOSED);
        assertThat(change.to()).isEqualTo(State.OPEN);
        assertThat(change.source()).isSameAs(cb);
    }

    @Test
    void bulkheadReportsAdmittedAndRejected() {
        Bulkhead bh = Bulkhead.of(1).onEvent(events::add);
        assertThatThrownBy(() -> bh.call(() -> bh.call(() -> "inner"))).isInstanceOf(BulkheadFullException.class);
        assertThat(types()).containsExactly(Type.BULKHEAD_ADMITTED, Type.BULKHEAD_REJECTED);
    }

    @Test
    void fallbackReportsUseAndGoesIntoAChain() throws IOException {
        Fallback<String> fb = Fallback.<String>of(e -> "cached").onEvent(events::add);
        Policy chain = Policy.chain(fb, Retry.of(2, Backoff.fixed(Duration.ZERO)));
        String s = chain.call(() -> {
            throw BOOM;
        });
        assertThat(s).isEqualTo("cached");
        assertThat(types()).containsExactly(Type.FALLBACK_USED);
        assertThat(events.get(0).failure()).isInstanceOf(RetryExhaustedException.class);
        assertThat(chain.callAsync(() -> CompletableFuture.<String>failedFuture(BOOM)).join()).isEqualTo("cached");
    }

    @Test
    void syncTimeoutRunsOnTheCallerAndReportsTheTimeout() {
        dev.strand.resilience.Timeout t = dev.strand.resilience.Timeout.of(Duration.ofMillis(20)).onEvent(events::add);
        Thread caller = Thread.currentThread();
        assertThat(t.call(() -> Thread.currentThread())).isSameAs(caller);
        CountDownLatch never = new CountDownLatch(1);
        assertThatThrownBy(() -> t.call(() -> {
            never.await(); // interrupted by the shared scheduler's timer
            return "unreachable";
        })).isInstanceOf(TimeoutExceededException.class);
        assertThat(Thread.currentThread().isInterrupted()).isFalse(); // the timer's interrupt is cleared
        assertThat(types()).containsExactly(Type.TIMEOUT_TIMED_OUT);
        assertThat(events.get(0).duration()).isEqualTo(Duration.ofMillis(20));
    }

    @Test
    void asyncTimeoutOnTheDefaultSchedulerReportsOnce() {
        dev.strand.resilience.Timeout t = dev.strand.resilience.Timeout.of(Duration.ofMillis(20)).onEvent(events::add);
        CompletableFuture<String> never = new CompletableFuture<>();
        CompletableFuture<String> f = t.callAsync(() -> never);
        assertThatThrownBy(f::join).hasCauseInstanceOf(TimeoutExceededException.class);
        assertThat(never.isCancelled()).isTrue();
        assertThat(types()).containsExactly(Type.TIMEOUT_TIMED_OUT);
    }

    @Test
    void theSharedSchedulerRunsOnADaemonThread() throws Exception {
        Thread t = SharedScheduler.get().submit(Thread::currentThread).get();
        assertThat(t.isDaemon()).isTrue();
        assertThat(t.getName()).isEqualTo("strand-resilience-scheduler");
        SharedScheduler.get().shutdown(); // no effect: shared, like the common pool
        assertThat(SharedScheduler.get().shutdownNow()).isEmpty();
        assertThat(SharedScheduler.get().isShutdown()).isFalse();
        assertThat(SharedScheduler.get().submit(() -> "still running").get()).isEqualTo("still running");
    }

    @Test
    void aThrowingListenerNeverBreaksTheCallAndGoesToTheUncaughtHandler() throws IOException {
        List<Throwable> reported = new CopyOnWriteArrayList<>();
        Thread current = Thread.currentThread();
        Thread.UncaughtExceptionHandler old = current.getUncaughtExceptionHandler();
        current.setUncaughtExceptionHandler((th, e) -> reported.add(e));
        try {
            IllegalStateException bad = new IllegalStateException("listener bug");
            Retry r = retry().maxAttempts(2).onRetry(e -> {
                throw bad;
            }).build().onEvent(e -> {
                throw bad;
            }).onEvent(events::add);
            int[] calls = {0};
            assertThat(r.call(() -> {
                if (++calls[0] < 2) {
                    throw BOOM;
                }
                return "ok";
            })).isEqualTo("ok");
            assertThat(types()).containsExactly(Type.RETRY_ATTEMPT, Type.RETRY_SUCCESS); // later listeners still ran
            assertThat(reported).hasSize(3).allMatch(e -> e == bad);
            reported.clear();
            CircuitBreaker cb = CircuitBreaker.of(1, Duration.ofSeconds(1), 1.0).onEvent(e -> {
                throw bad;
            });
            assertThat(cb.call(() -> "fine")).isEqualTo("fine");
            assertThat(reported).containsExactly(bad);
        } finally {
            current.setUncaughtExceptionHandler(old);
        }
    }
}
