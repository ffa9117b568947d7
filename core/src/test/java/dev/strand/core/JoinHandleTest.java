package dev.strand.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class JoinHandleTest {

    @AfterEach
    void clearInterrupt() {
        Thread.interrupted();
    }

    @Test
    void joinReturnsTheTaskResult() throws Exception {
        assertThat(Threads.spawn(() -> 40 + 2).join()).isEqualTo(42);
        assertThat(Threads.<String>spawn(() -> null).join()).isNull();
    }

    @Test
    void everythingTheTaskDidIsVisibleAfterJoin() throws Exception {
        int[] plain = new int[1000];
        Threads.spawn(() -> {
            for (int i = 0; i < plain.length; i++) {
                plain[i] = i;
            }
            return null;
        }).join();
        for (int i = 0; i < plain.length; i++) {
            assertThat(plain[i]).isEqualTo(i);
        }
    }

    @Test
    void checkedExceptionSurfacesAsPanicWithTheExactCause() {
        IOException boom = new IOException("boom");
        JoinHandle<Object> h = Threads.spawn(() -> {
            throw boom;
        });
        assertThatThrownBy(h::join).isInstanceOf(PanicException.class).hasMessageContaining("boom")
                .cause().isSameAs(boom);
    }

    @Test
    void uncheckedExceptionSurfacesAsPanicWithTheExactCause() {
        IllegalArgumentException boom = new IllegalArgumentException("bad");
        JoinHandle<Object> h = Threads.spawn(() -> {
            throw boom;
        });
        assertThatThrownBy(h::join).isInstanceOf(PanicException.class).cause().isSameAs(boom);
    }

    @Test
    void errorSurfacesAsPanicWithTheExactCause() {
        StackOverflowError boom = new StackOverflowError("deep");
        JoinHandle<Object> h = Threads.spawn(() -> {
            throw boom;
        });
        assertThatThrownBy(h::join).isInstanceOf(PanicException.class).cause().isSameAs(boom);
    }

    @Test
    void everyJoinReportsTheSameFailure() throws Exception {
        IllegalStateException boom = new IllegalStateException();
        JoinHandle<Object> h = Threads.spawn(() -> {
            throw boom;
        });
        assertThatThrownBy(h::join).cause().isSameAs(boom);
        assertThatThrownBy(h::join).cause().isSameAs(boom);
        assertThatThrownBy(() -> h.join(Duration.ZERO)).isInstanceOf(PanicException.class).cause().isSameAs(boom);
    }

    @Test
    void timedJoinThrowsTimeoutWhileTheTaskRunsThenReturnsOnceItFinishes() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        JoinHandle<String> h = Threads.spawn(() -> {
            release.await();
            return "done";
        });
        assertThatThrownBy(() -> h.join(Duration.ofMillis(20))).isInstanceOf(TimeoutException.class)
                .hasMessageContaining(h.thread().getName());
        assertThatThrownBy(() -> h.join(Duration.ZERO)).isInstanceOf(TimeoutException.class);
        assertThatThrownBy(() -> h.join(Duration.ofSeconds(-1))).isInstanceOf(TimeoutException.class);
        assertThat(h.isFinished()).isFalse();
        release.countDown();
        assertThat(h.join(Duration.ofDays(365L * 1000))).isEqualTo("done");
        assertThat(h.join(Duration.ZERO)).isEqualTo("done");
    }

    @Test
    void isFinishedTurnsTrueWhenTheTaskEnds() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        JoinHandle<Integer> h = Threads.spawn(() -> {
            release.await();
            return 1;
        });
        assertThat(h.isFinished()).isFalse();
        assertThat(h.toString()).contains("running");
        release.countDown();
        h.join();
        assertThat(h.isFinished()).isTrue();
        assertThat(h.toString()).contains("finished");
    }

    @Test
    void isFinishedAlsoForAFailedTask() throws Exception {
        JoinHandle<Object> h = Threads.spawn(() -> {
            throw new IOException();
        });
        TestSupport.awaitTrue(h::isFinished);
        assertThatThrownBy(() -> h.join(Duration.ZERO)).isInstanceOf(PanicException.class);
    }

    @Test
    void threadIsTheThreadRunningTheTask() throws Exception {
        JoinHandle<Thread> h = Threads.spawn(Thread::currentThread);
        assertThat(h.join()).isSameAs(h.thread());
    }

    @Test
    void joinFromTheTasksOwnThreadFailsInsteadOfHanging() {
        CompletableFuture<JoinHandle<Object>> self = new CompletableFuture<>();
        JoinHandle<Object> h = Threads.spawn(() -> self.get().join());
        self.complete(h);
        assertThatThrownBy(h::join).isInstanceOf(PanicException.class).cause()
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("cannot join itself");
    }

    @Test
    void interruptedCallerGetsInterruptedExceptionAndTheTaskKeepsRunning() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        JoinHandle<Integer> h = Threads.spawn(() -> {
            release.await();
            return 7;
        });
        Thread.currentThread().interrupt();
        assertThatThrownBy(h::join).isInstanceOf(InterruptedException.class);
        assertThat(Thread.currentThread().isInterrupted()).isFalse();
        Thread.currentThread().interrupt();
        assertThatThrownBy(() -> h.join(Duration.ofSeconds(10))).isInstanceOf(InterruptedException.class);
        assertThat(h.isFinished()).isFalse();
        release.countDown();
        assertThat(h.join()).isEqualTo(7);
    }

    @Test
    void interruptWhileWaitingInJoinEndsTheWait() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        JoinHandle<Integer> task = Threads.spawn(() -> {
            release.await();
            return 7;
        });
        JoinHandle<Boolean> joiner = Threads.spawn(() -> {
            try {
                task.join();
                return false;
            } catch (InterruptedException e) {
                return true;
            }
        });
        TestSupport.awaitParked(joiner.thread());
        joiner.thread().interrupt();
        assertThat(joiner.join()).isTrue();
        release.countDown();
        assertThat(task.join()).isEqualTo(7);
    }

    @Test
    void handlerIsToldBeforeJoinReturnsAndJoinStillReportsTheFailure() throws Exception {
        List<Object> told = new CopyOnWriteArrayList<>();
        IOException boom = new IOException("boom");
        JoinHandle<Object> h = Threads.builder()
                .uncaughtExceptionHandler((t, e) -> {
                    told.add(t);
                    told.add(e);
                })
                .spawn(() -> {
                    throw boom;
                });
        assertThatThrownBy(h::join).isInstanceOf(PanicException.class).cause().isSameAs(boom);
        assertThat(told).containsExactly(h.thread(), boom);
    }

    @Test
    void handlerIsNotToldOfSuccess() throws Exception {
        List<Throwable> told = new CopyOnWriteArrayList<>();
        JoinHandle<Integer> h = Threads.builder().uncaughtExceptionHandler((t, e) -> told.add(e)).spawn(() -> 1);
        assertThat(h.join()).isEqualTo(1);
        assertThat(told).isEmpty();
    }

    @Test
    void aFailingHandlerIsKeptAsSuppressedOnTheTaskFailure() {
        IOException boom = new IOException("boom");
        IllegalStateException handlerFailure = new IllegalStateException("handler");
        JoinHandle<Object> h = Threads.builder()
                .uncaughtExceptionHandler((t, e) -> {
                    throw handlerFailure;
                })
                .spawn(() -> {
                    throw boom;
                });
        assertThatThrownBy(h::join).cause().isSameAs(boom);
        assertThat(boom.getSuppressed()).containsExactly(handlerFailure);
    }

    @Test
    void shouldRejectNullTimeout() throws Exception {
        JoinHandle<Integer> h = Threads.spawn(() -> 1);
        assertThatNullPointerException().isThrownBy(() -> h.join(null)).withMessage("timeout");
        h.join();
    }
}
