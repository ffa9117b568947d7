package dev.strand.resilience;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.strand.resilience.Testing.Clock;
import dev.strand.resilience.Testing.RecordingScheduler;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

@org.junit.jupiter.api.Timeout(10)
class TimeoutTest {

    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final Clock clock = new Clock();
    private final RecordingScheduler scheduler = new RecordingScheduler(clock);

    @AfterEach
    void stop() {
        executor.shutdownNow();
        scheduler.shutdownNow();
    }

    @Test
    void shouldReturnAFastCallsResult() {
        assertThat(Timeout.of(Duration.ofSeconds(5), executor).call(() -> "quick")).isEqualTo("quick");
        assertThat(Timeout.of(Duration.ofSeconds(5)).call(() -> "own thread")).isEqualTo("own thread");
    }

    @Test
    void shouldPropagateTheCallsCheckedExceptionWithItsType() {
        try {
            Timeout.of(Duration.ofSeconds(5), executor).call(() -> {
                throw new IOException("x");
            });
            throw new AssertionError("no exception");
        } catch (IOException expected) {
            assertThat(expected).hasMessage("x");
        }
    }

    @Test
    void shouldInterruptACallThatTakesTooLong() throws Exception {
        CountDownLatch never = new CountDownLatch(1);
        CountDownLatch interrupted = new CountDownLatch(1);
        Timeout t = Timeout.of(Duration.ofMillis(20), executor);
        assertThatThrownBy(() -> t.call(() -> {
            try {
                never.await();
                return "unreachable";
            } catch (InterruptedException e) {
                interrupted.countDown();
                throw e;
            }
        })).isInstanceOf(TimeoutExceededException.class).hasMessageContaining("PT0.02S");
        assertThat(interrupted.await(5, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void shouldCancelTheCallWhenTheWaitingCallerIsInterrupted() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch callInterrupted = new CountDownLatch(1);
        Throwable[] thrown = new Throwable[1];
        boolean[] flagAfter = new boolean[1];
        Thread caller = new Thread(() -> {
            thrown[0] = catchThrowable(() -> Timeout.of(Duration.ofSeconds(30), executor).call(() -> {
                started.countDown();
                try {
                    new CountDownLatch(1).await();
                } catch (InterruptedException ie) {
                    callInterrupted.countDown();
                }
                return "x";
            }));
            flagAfter[0] = Thread.currentThread().isInterrupted();
        });
        caller.start();
        assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();
        caller.interrupt();
        caller.join();
        assertThat(thrown[0]).isInstanceOf(CancellationException.class);
        assertThat(flagAfter[0]).isTrue();
        assertThat(callInterrupted.await(5, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void asyncShouldFailAndCancelAStageThatDoesNotCompleteInTime() {
        CompletableFuture<String> slow = new CompletableFuture<>();
        CompletableFuture<String> f = Timeout.of(Duration.ofMillis(200)).callAsync(() -> slow, scheduler);
        assertThat(catchThrowable(() -> f.get(5, TimeUnit.SECONDS))).hasCauseInstanceOf(TimeoutExceededException.class);
        assertThat(slow).isCancelled(); // cancelled before the result failed
        assertThat(clock.waits).containsExactly(Duration.ofMillis(200));
    }

    @Test
    void asyncShouldPassAStageThatCompletesInTime() {
        CompletableFuture<String> f = Timeout.of(Duration.ofMillis(200))
                .callAsync(() -> CompletableFuture.completedFuture("done"), scheduler);
        assertThat(f.join()).isEqualTo("done");
        assertThat(clock.waits).isEmpty(); // already complete: no timer scheduled
    }

    @Test
    void rejectsANonPositiveTimeout() {
        assertThatThrownBy(() -> Timeout.of(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("timeout");
        assertThatThrownBy(() -> Timeout.of(Duration.ofSeconds(1), null)).hasMessageContaining("executor");
    }

    @Test
    void onTheCallerACallThatIgnoresTheInterruptIsReportedWhenItReturns() {
        Timeout t = Timeout.of(Duration.ofMillis(10));
        Thread caller = Thread.currentThread();
        Throwable thrown = catchThrowable(() -> t.call(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                Thread.onSpinWait(); // ignores nothing but waits for the timer's interrupt
            }
            return Thread.currentThread();
        }));
        assertThat(thrown).isInstanceOf(TimeoutExceededException.class); // the late result is dropped
        assertThat(caller.isInterrupted()).isFalse(); // and the timer's interrupt does not leak
    }

    @Test
    void onTheCallerTheCallsOwnFailurePropagatesWithItsType() {
        Timeout t = Timeout.of(Duration.ofSeconds(30));
        IOException own = new IOException("own");
        Throwable thrown = catchThrowable(() -> t.call(() -> {
            throw own;
        }));
        assertThat(thrown).isSameAs(own);
        assertThat(Thread.currentThread().isInterrupted()).isFalse();
    }

    @Test
    void manyQuickCallsOnTheCallerLeaveNoThreadBehind() {
        Timeout t = Timeout.of(Duration.ofSeconds(30));
        int threadsBefore = Thread.activeCount();
        for (int i = 0; i < 1000; i++) {
            assertThat(t.call(() -> "quick")).isEqualTo("quick");
        }
        // A thread per call would show as up to ~1000 more; the shared scheduler adds one.
        assertThat(Thread.activeCount()).isLessThan(threadsBefore + 10);
    }
}
