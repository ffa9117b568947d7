package dev.strand.resilience;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import dev.strand.core.ManualTicker;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

/**
 * The failure rules of {@link FailurePolicyBuilder}, one vocabulary for Retry, CircuitBreaker and
 * Fallback: each scenario is asked of all three, and each must agree on what it records.
 */
class FailureRulesTest {

    /** What each policy does with {@code failure}: recorded (retried / counted / handled) or not. */
    private static boolean[] recordedBy(FailurePolicyBuilder<?, ?> retryRules, FailurePolicyBuilder<?, ?> breakerRules,
                                        FailurePolicyBuilder<?, ?> fallbackRules, Exception failure) {
        return new boolean[] {retryRules.rules().records(failure), breakerRules.rules().records(failure),
                fallbackRules.rules().records(failure)};
    }

    @Test
    void withNoRuleEveryExceptionIsRecordedByAll() {
        boolean[] r = recordedBy(Retry.builder(), CircuitBreaker.builder(), Fallback.builder(), new IOException());
        assertThat(r).containsOnly(true);
    }

    @Test
    void recordOnNarrowsToTheTypesAndTheirSubtypes() {
        boolean[] io = recordedBy(Retry.builder().recordOn(IOException.class),
                CircuitBreaker.builder().recordOn(IOException.class),
                Fallback.builder().recordOn(IOException.class), new FileNotFoundException());
        boolean[] other = recordedBy(Retry.builder().recordOn(IOException.class),
                CircuitBreaker.builder().recordOn(IOException.class),
                Fallback.builder().recordOn(IOException.class), new TimeoutException());
        assertThat(io).containsOnly(true);
        assertThat(other).containsOnly(false);
    }

    @Test
    void recordIfAddsToTheTypesAndTwoPredicatesAreOred() {
        Exception timeout = new TimeoutException("slow");
        Exception wrapped = new UncheckedIOException(new IOException());
        Retry.Builder retry = Retry.builder().recordOn(IOException.class)
                .recordIf(e -> e instanceof TimeoutException).recordIf(e -> e.getCause() instanceof IOException);
        CircuitBreaker.Builder breaker = CircuitBreaker.builder().recordOn(IOException.class)
                .recordIf(e -> e instanceof TimeoutException).recordIf(e -> e.getCause() instanceof IOException);
        Fallback.Builder<String> fallback = Fallback.<String>builder().recordOn(IOException.class)
                .recordIf(e -> e instanceof TimeoutException).recordIf(e -> e.getCause() instanceof IOException);
        assertThat(recordedBy(retry, breaker, fallback, timeout)).containsOnly(true);
        assertThat(recordedBy(retry, breaker, fallback, wrapped)).containsOnly(true);
        assertThat(recordedBy(retry, breaker, fallback, new IllegalStateException())).containsOnly(false);
    }

    @Test
    void ignoreWinsOverRecordByTypeAndByPredicate() {
        Retry.Builder retry = Retry.builder().recordOn(IOException.class).ignoreOn(FileNotFoundException.class)
                .ignoreIf(e -> "skip".equals(e.getMessage()));
        CircuitBreaker.Builder breaker = CircuitBreaker.builder().recordOn(IOException.class)
                .ignoreOn(FileNotFoundException.class).ignoreIf(e -> "skip".equals(e.getMessage()));
        Fallback.Builder<String> fallback = Fallback.<String>builder().recordOn(IOException.class)
                .ignoreOn(FileNotFoundException.class).ignoreIf(e -> "skip".equals(e.getMessage()));
        assertThat(recordedBy(retry, breaker, fallback, new FileNotFoundException())).containsOnly(false);
        assertThat(recordedBy(retry, breaker, fallback, new IOException("skip"))).containsOnly(false);
        assertThat(recordedBy(retry, breaker, fallback, new IOException("other"))).containsOnly(true);
        assertThat(retry.rules().ignores(new FileNotFoundException())).isTrue();
    }

    @Test
    void theOldNamesAreTheSameRules() {
        // Retry: retryOn / abortOn / abortIf; Fallback: handle / handleIf; CircuitBreaker: recordOn(predicate).
        Retry.Builder retry = Retry.builder().retryOn(IOException.class).abortOn(FileNotFoundException.class)
                .abortIf(e -> "skip".equals(e.getMessage())).retryOn(e -> e instanceof TimeoutException);
        Fallback.Builder<String> fallback = Fallback.<String>builder().handle(IOException.class)
                .ignoreOn(FileNotFoundException.class).ignoreIf(e -> "skip".equals(e.getMessage()))
                .handleIf(e -> e instanceof TimeoutException);
        CircuitBreaker.Builder breaker = CircuitBreaker.builder().recordOn(IOException.class)
                .ignoreOn(FileNotFoundException.class).ignoreIf(e -> "skip".equals(e.getMessage()))
                .recordOn(e -> e instanceof TimeoutException);
        for (Exception e : new Exception[] {new IOException(), new TimeoutException()}) {
            assertThat(recordedBy(retry, breaker, fallback, e)).containsOnly(true);
        }
        for (Exception e : new Exception[] {new FileNotFoundException(), new IOException("skip"), new RuntimeException()}) {
            assertThat(recordedBy(retry, breaker, fallback, e)).containsOnly(false);
        }
    }

    @Test
    void errorsAreTheBreakersBusinessOnly() {
        AssertionError error = new AssertionError("bug");
        assertThat(Retry.builder().rules().records(error)).isFalse();
        assertThat(Fallback.builder().rules().records(error)).isFalse();
        assertThat(CircuitBreaker.builder().rules().records(error)).isTrue();
    }

    @Test
    void theRulesDriveThePoliciesThemselves() throws Exception {
        // Retry does not retry an ignored failure; the breaker gives its permit back; the fallback lets it pass.
        ManualTicker ticker = new ManualTicker();
        Retry retry = Retry.builder().maxAttempts(3).backoff(Backoff.fixed(Duration.ZERO)).ticker(ticker)
                .sleeper(d -> ticker.advance(d)).ignoreOn(FileNotFoundException.class).build();
        int[] calls = {0};
        try {
            retry.call(() -> {
                calls[0]++;
                throw new FileNotFoundException();
            });
        } catch (FileNotFoundException expected) {
            // propagated at once
        }
        assertThat(calls[0]).isEqualTo(1);

        CircuitBreaker breaker = CircuitBreaker.builder().slidingWindow(2).minimumCalls(2).ticker(ticker)
                .ignoreOn(FileNotFoundException.class).build();
        for (int i = 0; i < 5; i++) {
            try {
                breaker.call(() -> {
                    throw new FileNotFoundException();
                });
            } catch (FileNotFoundException expected) {
                // not recorded
            }
        }
        assertThat(breaker.metrics().calls()).isZero();
        assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.CLOSED);

        Fallback<String> fallback = Fallback.<String>builder().ignoreOn(FileNotFoundException.class).to(e -> "fb").build();
        assertThat(fallback.call(() -> {
            throw new IOException();
        })).isEqualTo("fb");
    }

    @Test
    void rejectsNulls() {
        assertThatNullPointerException().isThrownBy(() -> Retry.builder().recordIf(null)).withMessage("predicate");
        assertThatNullPointerException().isThrownBy(() -> CircuitBreaker.builder().ignoreIf(null)).withMessage("predicate");
        assertThatNullPointerException().isThrownBy(() -> Fallback.builder().recordOn((Class<Exception>[]) null))
                .withMessage("types");
        assertThatNullPointerException().isThrownBy(() -> Retry.builder().ignoreOn(IOException.class, null))
                .withMessage("types[i]");
    }
}
