package dev.strand.resilience;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strand.resilience.CircuitBreaker.State;
import dev.strand.resilience.Testing.Clock;
import dev.strand.resilience.Testing.Mode;
import dev.strand.resilience.Testing.Result;
import dev.strand.resilience.Testing.Script;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Supplier;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

@org.junit.jupiter.api.Timeout(10)
class PolicyTest {

    private final Clock clock = new Clock();
    private final List<String> log = new CopyOnWriteArrayList<>();

    /** A policy that logs when a call enters and leaves it. */
    private Policy logging(String name) {
        return new Policy() {
            @Override
            public <T, E extends Exception> T call(CheckedSupplier<T, E> supplier) throws E {
                log.add("enter " + name);
                try {
                    return supplier.get();
                } finally {
                    log.add("leave " + name);
                }
            }

            @Override
            public <T> CompletableFuture<T> callAsync(Supplier<? extends CompletionStage<T>> supplier, ScheduledExecutorService s) {
                log.add("enter " + name);
                return supplier.get().toCompletableFuture().whenComplete((r, t) -> log.add("leave " + name));
            }
        };
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void chainAppliesPoliciesOutermostFirst(Mode mode) {
        Policy chain = Policy.chain(logging("a"), logging("b"), logging("c"));
        assertThat(Testing.run(mode, chain, new Script("x"), clock).get()).isEqualTo("x");
        assertThat(log).containsExactly("enter a", "enter b", "enter c", "leave c", "leave b", "leave a");
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void retryAroundABreakerRecordsEveryAttemptAndStopsOnceItOpens(Mode mode) {
        CircuitBreaker cb = CircuitBreaker.builder().ticker(clock.ticker).slidingWindow(2).build();
        Retry retry = Retry.builder().maxAttempts(5).backoff(Backoff.fixed(Duration.ofMillis(10)))
                .ticker(clock.ticker).sleeper(clock).abortOn(CircuitOpenException.class).build();
        Script s = new Script(new IOException("down"));
        Result r = Testing.run(mode, Policy.chain(retry, cb), s, clock);
        assertThat(r.error()).isInstanceOf(CircuitOpenException.class);
        assertThat(s.calls).hasValue(2);
        assertThat(cb.state()).isEqualTo(State.OPEN);
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void fallbackWrapsAChain(Mode mode) throws Exception {
        Policy chain = Policy.chain(Retry.builder().maxAttempts(2).sleeper(clock).build(), Bulkhead.of(1));
        Fallback<Object> fb = Fallback.of(e -> "cached");
        Script s = new Script(new IOException());
        Object v = mode == Mode.SYNC
                ? fb.call(() -> chain.call(s::call))
                : fb.callAsync(() -> chain.callAsync(s::callAsync, new Testing.RecordingScheduler(clock))).join();
        assertThat(v).isEqualTo("cached");
        assertThat(s.calls).hasValue(2);
    }

    @Test
    void cancellingAChainedAsyncCallCancelsTheRunningAttempt() {
        java.util.concurrent.ScheduledThreadPoolExecutor scheduler = new java.util.concurrent.ScheduledThreadPoolExecutor(1);
        try {
            CompletableFuture<String> attempt = new CompletableFuture<>();
            Bulkhead bulkhead = Bulkhead.of(1);
            CircuitBreaker cb = CircuitBreaker.builder().ticker(clock.ticker).build();
            CompletableFuture<String> f = Policy.chain(Retry.builder().build(), cb, bulkhead)
                    .callAsync(() -> attempt, scheduler);
            assertThat(bulkhead.concurrentCalls()).isEqualTo(1);
            f.cancel(true);
            assertThat(attempt).isCancelled();
            assertThat(bulkhead.concurrentCalls()).isZero(); // the cancelled call released its permit
        } finally {
            scheduler.shutdownNow();
        }
    }

    @Test
    void chainRejectsNoPoliciesAndNulls() {
        assertThatThrownBy(Policy::chain).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("policies");
        assertThatThrownBy(() -> Policy.chain(Bulkhead.of(1), null)).isInstanceOf(NullPointerException.class).hasMessageContaining("policies[1]");
        Policy single = Bulkhead.of(1);
        assertThat(Policy.chain(single)).isSameAs(single);
    }
}
