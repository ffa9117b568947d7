package dev.strand.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strand.core.ManualTicker;
import dev.strand.resilience.CircuitBreaker.State;
import dev.strand.resilience.CircuitBreaker.Transition;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Threads hammer a breaker through OPEN -> HALF_OPEN: exactly halfOpenPermits trials run. */
@Tag("stress")
class CircuitBreakerConcurrencyTest {

    private static final int THREADS = 4;
    private static final int PERMITS = 2;
    private static final int ROUNDS = 300;

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void exactlyHalfOpenPermitsTrialsRunAndEachTransitionHappensOnce() throws Exception {
        ManualTicker ticker = new ManualTicker();
        Duration open = Duration.ofSeconds(1);
        CircuitBreaker cb = CircuitBreaker.builder().ticker(ticker).slidingWindow(1).openDuration(open)
                .halfOpenPermits(PERMITS).build();
        List<Transition> transitions = new CopyOnWriteArrayList<>();
        cb.onStateChange(transitions::add);
        CyclicBarrier start = new CyclicBarrier(THREADS + 1);

        for (int round = 0; round < ROUNDS; round++) {
            assertThat(cb.tryAcquire()).isTrue();
            cb.onFailure(0, new IllegalStateException("down"));
            assertThat(cb.state()).isEqualTo(State.OPEN);
            ticker.advance(open);

            AtomicInteger trials = new AtomicInteger();
            AtomicInteger refused = new AtomicInteger();
            CountDownLatch decided = new CountDownLatch(THREADS);
            CountDownLatch finish = new CountDownLatch(1);
            List<Thread> threads = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                Thread th = new Thread(() -> {
                    try {
                        start.await();
                        cb.call(() -> {
                            trials.incrementAndGet();
                            decided.countDown();
                            finish.await(); // keep the trial in flight until every thread has asked
                            return "ok";
                        });
                    } catch (CircuitOpenException e) {
                        refused.incrementAndGet();
                        decided.countDown();
                    } catch (Exception e) {
                        throw new AssertionError(e);
                    }
                });
                th.start();
                threads.add(th);
            }
            start.await();
            assertThat(decided.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(trials).as("trials in round %d", round).hasValue(PERMITS);
            assertThat(refused).hasValue(THREADS - PERMITS);
            assertThat(cb.state()).isEqualTo(State.HALF_OPEN);
            finish.countDown();
            for (Thread th : threads) {
                th.join();
            }
            assertThat(cb.state()).isEqualTo(State.CLOSED);
        }
        List<Transition> expected = new ArrayList<>();
        for (int round = 0; round < ROUNDS; round++) {
            expected.add(new Transition(State.CLOSED, State.OPEN));
            expected.add(new Transition(State.OPEN, State.HALF_OPEN));
            expected.add(new Transition(State.HALF_OPEN, State.CLOSED));
        }
        assertThat(transitions).isEqualTo(expected);
        assertThat(cb.metrics().notPermittedCalls()).isEqualTo((long) ROUNDS * (THREADS - PERMITS));
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void concurrentRecordsKeepTheCountWindowConsistent() throws Exception {
        CircuitBreaker cb = CircuitBreaker.builder().ticker(new ManualTicker()).slidingWindow(7).build();
        CountWindow window = new CountWindow(cb, 7); // recorded directly: no transition interferes
        int perThread = 20_000;
        CyclicBarrier start = new CyclicBarrier(THREADS);
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            Thread th = new Thread(() -> {
                try {
                    start.await();
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
                for (int i = 0; i < perThread; i++) {
                    window.record(0, i % 3 == 0 ? BreakerState.FAILED : (i % 3 == 1 ? BreakerState.SLOW : 0));
                }
            });
            th.start();
            threads.add(th);
        }
        for (Thread th : threads) {
            th.join();
        }
        // Quiescent: the totals must equal the slots' contents. Overwriting every slot with a
        // known outcome shows that no update was lost or counted twice.
        assertThat(window.counts(0)[0]).isEqualTo(7);
        assertThat(window.counts(0)[1]).isBetween(0, 7);
        for (int i = 0; i < 7; i++) {
            window.record(0, BreakerState.FAILED | BreakerState.SLOW);
        }
        assertThat(window.counts(0)).containsExactly(7, 7, 7);
        for (int i = 0; i < 7; i++) {
            window.record(0, 0);
        }
        assertThat(window.counts(0)).containsExactly(7, 0, 0);
    }
}
