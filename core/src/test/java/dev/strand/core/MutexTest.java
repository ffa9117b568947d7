package dev.strand.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class MutexTest {

    @AfterEach
    void clearInterrupt() {
        Thread.interrupted();
    }

    /** Holds {@code m} on another thread until {@code release} opens. */
    private static <T> JoinHandle<Void> holdOnAnotherThread(Mutex<T> m, CountDownLatch release)
            throws InterruptedException {
        CountDownLatch held = new CountDownLatch(1);
        JoinHandle<Void> holder = Threads.spawn(() -> {
            // try/finally, not try-with-resources: the guard is held, never read.
            Mutex.Guard<T> g = m.lock();
            try {
                held.countDown();
                release.await();
            } finally {
                g.close();
            }
            return null;
        });
        TestSupport.await(held);
        return holder;
    }

    @Test
    void updateReturnsTheNewValueAndWithReadsIt() {
        Mutex<Integer> counter = new Mutex<>(0);
        assertThat(counter.update(n -> n + 1)).isEqualTo(1);
        assertThat(counter.update(n -> n + 1)).isEqualTo(2);
        assertThat((Object) counter.with(n -> n * 10)).isEqualTo(20);
        assertThat(counter.isLocked()).isFalse();
    }

    @Test
    void guardGivesAccessToTheValueUntilClosed() {
        Mutex<List<String>> names = new Mutex<>(new ArrayList<>());
        try (Mutex.Guard<List<String>> g = names.lock()) {
            g.get().add("x");
            assertThat(names.isHeldByCurrentThread()).isTrue();
            assertThat(names.isLocked()).isTrue();
            assertThat(names.toString()).contains("locked");
        }
        assertThat(names.isHeldByCurrentThread()).isFalse();
        assertThat((Object) names.with(List::size)).isEqualTo(1);
    }

    @Test
    void guardSetReplacesTheValue() {
        Mutex<String> m = new Mutex<>("a");
        try (Mutex.Guard<String> g = m.lock()) {
            g.set("b");
            assertThat(g.get()).isEqualTo("b");
        }
        assertThat((Object) m.with(s -> s)).isEqualTo("b");
    }

    @Test
    void nullValuesAreAllowed() {
        Mutex<String> m = new Mutex<>(null);
        assertThat((Object) m.with(s -> s)).isNull();
        assertThat(m.update(s -> "x")).isEqualTo("x");
        assertThat(m.update(s -> null)).isNull();
    }

    @Test
    void guardUsedAfterCloseThrowsIllegalState() {
        Mutex<Integer> m = new Mutex<>(1);
        Mutex.Guard<Integer> g = m.lock();
        g.close();
        assertThatIllegalStateException().isThrownBy(g::get).withMessageContaining("after close()");
        assertThatIllegalStateException().isThrownBy(() -> g.set(2)).withMessageContaining("after close()");
        g.close(); // idempotent: does not unlock twice
        assertThat(m.isLocked()).isFalse();
        assertThat((Object) m.with(n -> n)).isEqualTo(1);
    }

    @Test
    void guardUsedFromAnotherThreadThrowsIllegalState() throws Exception {
        Mutex<Integer> m = new Mutex<>(1);
        try (Mutex.Guard<Integer> g = m.lock()) {
            JoinHandle<Integer> thief = Threads.spawn(g::get);
            assertThatThrownBy(thief::join).cause().isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("belongs to thread");
            // Closing the resource from another thread is the point: it must be refused.
            @SuppressWarnings("try")
            JoinHandle<Void> closer = Threads.spawn(() -> {
                g.close();
                return null;
            });
            assertThatThrownBy(closer::join).cause().isInstanceOf(IllegalStateException.class);
            assertThat(m.isHeldByCurrentThread()).isTrue();
        }
    }

    @Test
    void tryLockTimesOutWhileAnotherThreadHoldsTheLock() throws Exception {
        Mutex<Integer> m = new Mutex<>(0);
        CountDownLatch release = new CountDownLatch(1);
        JoinHandle<Void> holder = holdOnAnotherThread(m, release);

        assertThat(m.tryLock(Duration.ofMillis(20))).isEmpty();
        assertThat(m.tryLock(Duration.ZERO)).isEmpty();
        assertThat(m.tryLock()).isEmpty();

        release.countDown();
        holder.join();
        Optional<Mutex.Guard<Integer>> g = m.tryLock(Duration.ofSeconds(10));
        assertThat(g).isPresent();
        g.get().set(5);
        g.get().close();
        try (Mutex.Guard<Integer> again = m.tryLock().orElseThrow()) {
            assertThat(again.get()).isEqualTo(5);
        }
    }

    @Test
    void lockWaitsForTheHolderAndSeesItsWrites() throws Exception {
        Mutex<int[]> m = new Mutex<>(new int[1]);
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch held = new CountDownLatch(1);
        JoinHandle<Void> holder = Threads.spawn(() -> {
            try (Mutex.Guard<int[]> g = m.lock()) {
                held.countDown();
                release.await();
                g.get()[0] = 42; // plain write, published by the unlock
            }
            return null;
        });
        TestSupport.await(held);
        JoinHandle<Integer> waiter = Threads.spawn(() -> m.with(a -> a[0]));
        TestSupport.awaitParked(waiter.thread());
        assertThat(waiter.isFinished()).isFalse();
        release.countDown();
        assertThat(waiter.join()).isEqualTo(42);
        holder.join();
    }

    @Test
    void lockInterruptiblyAnswersAnInterruptWhileWaiting() throws Exception {
        Mutex<Integer> m = new Mutex<>(0);
        CountDownLatch release = new CountDownLatch(1);
        JoinHandle<Void> holder = holdOnAnotherThread(m, release);
        JoinHandle<Boolean> waiter = Threads.spawn(() -> {
            try {
                m.lockInterruptibly().close();
                return false;
            } catch (InterruptedException e) {
                return !m.isHeldByCurrentThread();
            }
        });
        TestSupport.awaitParked(waiter.thread());
        waiter.thread().interrupt();
        assertThat(waiter.join()).isTrue();
        release.countDown();
        holder.join();
        try (Mutex.Guard<Integer> g = m.lockInterruptibly()) {
            assertThat(g.get()).isZero();
        }
    }

    @Test
    void tryLockWithTimeoutAnswersAnInterrupt() throws Exception {
        Mutex<Integer> m = new Mutex<>(0);
        CountDownLatch release = new CountDownLatch(1);
        JoinHandle<Void> holder = holdOnAnotherThread(m, release);
        JoinHandle<Boolean> waiter = Threads.spawn(() -> {
            try {
                m.tryLock(Duration.ofDays(1));
                return false;
            } catch (InterruptedException e) {
                return true;
            }
        });
        TestSupport.awaitParked(waiter.thread());
        waiter.thread().interrupt();
        assertThat(waiter.join()).isTrue();
        release.countDown();
        holder.join();
    }

    @Test
    void preInterruptedCallersOfInterruptibleFormsGetInterruptedException() {
        Mutex<Integer> m = new Mutex<>(0);
        Thread.currentThread().interrupt();
        assertThatThrownBy(m::lockInterruptibly).isInstanceOf(InterruptedException.class);
        Thread.currentThread().interrupt();
        assertThatThrownBy(() -> m.tryLock(Duration.ofSeconds(1))).isInstanceOf(InterruptedException.class);
        assertThat(m.isLocked()).isFalse();
    }

    @Test
    void plainLockIgnoresButKeepsTheInterruptStatus() {
        Mutex<Integer> m = new Mutex<>(0);
        Thread.currentThread().interrupt();
        assertThat(m.update(n -> n + 1)).isEqualTo(1);
        try (Mutex.Guard<Integer> g = m.lock()) {
            assertThat(g.get()).isEqualTo(1);
        }
        assertThat(Thread.currentThread().isInterrupted()).isTrue();
    }

    @Test
    void isNotReentrant() {
        Mutex<Integer> m = new Mutex<>(0);
        assertThatIllegalStateException().isThrownBy(() -> m.with(n -> m.update(x -> x + 1)))
                .withMessageContaining("not reentrant");
        try (Mutex.Guard<Integer> g = m.lock()) {
            assertThatIllegalStateException().isThrownBy(m::lock);
            assertThatIllegalStateException().isThrownBy(m::tryLock);
            assertThatIllegalStateException().isThrownBy(() -> m.tryLock(Duration.ZERO));
            assertThatIllegalStateException().isThrownBy(m::lockInterruptibly);
            assertThatIllegalStateException().isThrownBy(() -> m.with(n -> n));
            assertThat(g.get()).isZero();
        }
        assertThat(m.isLocked()).isFalse();
    }

    @Test
    void aThrowingFunctionLeavesTheValueAndReleasesTheLock() {
        Mutex<Integer> m = new Mutex<>(7);
        IllegalArgumentException boom = new IllegalArgumentException();
        assertThatThrownBy(() -> m.update(n -> {
            throw boom;
        })).isSameAs(boom);
        assertThatThrownBy(() -> m.with(n -> {
            throw boom;
        })).isSameAs(boom);
        assertThat(m.isLocked()).isFalse();
        assertThat((Object) m.with(n -> n)).isEqualTo(7);
    }

    @Test
    void counterAcrossManyThreadsGivesTheExactTotal() throws Exception {
        assertExactCount(new Mutex<>(0L), 8, 20_000);
    }

    @Test
    void fairCounterAcrossManyThreadsGivesTheExactTotal() throws Exception {
        assertExactCount(new Mutex<>(0L, true), 4, 2_000);
    }

    @Test
    @Tag("stress")
    void guardCounterUnderContentionGivesTheExactTotal() throws Exception {
        Mutex<long[]> m = new Mutex<>(new long[1]);
        try (Scope scope = Scope.open()) {
            for (int t = 0; t < 8; t++) {
                scope.spawn(() -> {
                    for (int i = 0; i < 100_000; i++) {
                        try (Mutex.Guard<long[]> g = m.lock()) {
                            g.get()[0]++; // plain increment: only correct under mutual exclusion
                        }
                    }
                    return null;
                });
            }
            scope.join();
        }
        assertThat((Object) m.with(a -> a[0])).isEqualTo(800_000L);
    }

    private static void assertExactCount(Mutex<Long> m, int threads, int perThread) throws Exception {
        try (Scope scope = Scope.open()) {
            for (int t = 0; t < threads; t++) {
                scope.spawn(() -> {
                    for (int i = 0; i < perThread; i++) {
                        m.update(n -> n + 1);
                    }
                    return null;
                });
            }
            scope.join();
        }
        assertThat((Object) m.with(n -> n)).isEqualTo((long) threads * perThread);
    }

    @Test
    void shouldRejectNulls() {
        Mutex<Integer> m = new Mutex<>(0);
        assertThatNullPointerException().isThrownBy(() -> m.update(null)).withMessage("f");
        assertThatNullPointerException().isThrownBy(() -> m.with(null)).withMessage("f");
        assertThatNullPointerException().isThrownBy(() -> m.tryLock(null)).withMessage("timeout");
        assertThat(m.isLocked()).isFalse();
    }
}
