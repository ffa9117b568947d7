package dev.strand.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class RwLockTest {

    @AfterEach
    void clearInterrupt() {
        Thread.interrupted();
    }

    /** Holds the read lock on another thread until {@code release} opens. */
    private static <T> JoinHandle<Void> readOnAnotherThread(RwLock<T> l, CountDownLatch release)
            throws InterruptedException {
        CountDownLatch held = new CountDownLatch(1);
        JoinHandle<Void> holder = Threads.spawn(() -> {
            // try/finally, not try-with-resources: the guard is held, never read.
            RwLock.ReadGuard<T> g = l.readLock();
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

    /** Holds the write lock on another thread until {@code release} opens. */
    private static <T> JoinHandle<Void> writeOnAnotherThread(RwLock<T> l, CountDownLatch release)
            throws InterruptedException {
        CountDownLatch held = new CountDownLatch(1);
        JoinHandle<Void> holder = Threads.spawn(() -> {
            // try/finally, not try-with-resources: the guard is held, never read.
            RwLock.WriteGuard<T> g = l.writeLock();
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
    void readAndWriteReachTheValue() {
        RwLock<Map<String, Integer>> table = new RwLock<>(new HashMap<>());
        assertThat((Object) table.write(m -> m.put("a", 1))).isNull();
        assertThat((Object) table.write(m -> m.put("a", 2))).isEqualTo(1);
        assertThat((Object) table.read(m -> m.get("a"))).isEqualTo(2);
        assertThat(table.isWriteLocked()).isFalse();
        assertThat(table.readerCount()).isZero();
    }

    @Test
    void updateReplacesTheValue() {
        RwLock<List<Integer>> l = new RwLock<>(List.of(1));
        assertThat(l.update(old -> List.of(old.get(0), 2))).containsExactly(1, 2);
        assertThat((Object) l.read(List::size)).isEqualTo(2);
        RwLock<String> nullable = new RwLock<>(null, true);
        assertThat(nullable.update(s -> null)).isNull();
    }

    @Test
    void twoReadersAreInsideAtTheSameTime() throws Exception {
        RwLock<String> l = new RwLock<>("v");
        CountDownLatch bothInside = new CountDownLatch(2);
        List<JoinHandle<Boolean>> readers = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            // Each reader stays inside read() until both are inside: with exclusive readers
            // the latch would never open and await would return false.
            readers.add(Threads.spawn(() -> l.read(v -> {
                bothInside.countDown();
                try {
                    return bothInside.await(20, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            })));
        }
        for (JoinHandle<Boolean> r : readers) {
            assertThat(r.join()).isTrue();
        }
    }

    @Test
    void readersExcludeAWriterButNotOtherReaders() throws Exception {
        RwLock<Integer> l = new RwLock<>(1);
        CountDownLatch release = new CountDownLatch(1);
        JoinHandle<Void> reader = readOnAnotherThread(l, release);
        assertThat(l.readerCount()).isEqualTo(1);

        assertThat(l.tryWrite(Duration.ofMillis(20))).isEmpty();
        Optional<RwLock.ReadGuard<Integer>> alsoReading = l.tryRead(Duration.ZERO);
        assertThat(alsoReading).isPresent();
        assertThat(alsoReading.get().get()).isEqualTo(1);
        alsoReading.get().close();

        release.countDown();
        reader.join();
        Optional<RwLock.WriteGuard<Integer>> w = l.tryWrite(Duration.ofSeconds(10));
        assertThat(w).isPresent();
        w.get().set(2);
        w.get().close();
        assertThat((Object) l.read(v -> v)).isEqualTo(2);
    }

    @Test
    void aWriterExcludesReadersAndWriters() throws Exception {
        RwLock<Integer> l = new RwLock<>(1);
        CountDownLatch release = new CountDownLatch(1);
        JoinHandle<Void> writer = writeOnAnotherThread(l, release);
        assertThat(l.isWriteLocked()).isTrue();
        assertThat(l.toString()).contains("write-locked");

        assertThat(l.tryRead(Duration.ofMillis(20))).isEmpty();
        assertThat(l.tryWrite(Duration.ofMillis(20))).isEmpty();

        JoinHandle<Integer> blockedReader = Threads.spawn(() -> l.read(v -> v));
        TestSupport.awaitParked(blockedReader.thread());
        assertThat(blockedReader.isFinished()).isFalse();
        release.countDown();
        writer.join();
        assertThat(blockedReader.join()).isEqualTo(1);
    }

    @Test
    void writesAreVisibleToLaterReaders() throws Exception {
        RwLock<int[]> l = new RwLock<>(new int[1]);
        Threads.spawn(() -> l.write(a -> a[0] = 42)).join();
        assertThat(Threads.spawn(() -> l.read(a -> a[0])).join()).isEqualTo(42);
    }

    @Test
    void writeCounterAcrossThreadsGivesTheExactTotal() throws Exception {
        RwLock<long[]> l = new RwLock<>(new long[1]);
        try (Scope scope = Scope.open()) {
            for (int t = 0; t < 8; t++) {
                scope.spawn(() -> {
                    for (int i = 0; i < 10_000; i++) {
                        l.write(a -> a[0]++); // plain increment: correct only if writers exclude
                    }
                    return null;
                });
                scope.spawn(() -> {
                    for (int i = 0; i < 10_000; i++) {
                        long seen = l.read(a -> a[0]);
                        if (seen < 0) {
                            throw new AssertionError(seen);
                        }
                    }
                    return null;
                });
            }
            scope.join();
        }
        assertThat((Object) l.read(a -> a[0])).isEqualTo(80_000L);
    }

    @Test
    void guardsUsedAfterCloseThrowIllegalState() {
        RwLock<Integer> l = new RwLock<>(1);
        RwLock.ReadGuard<Integer> r = l.readLock();
        r.close();
        r.close();
        assertThatIllegalStateException().isThrownBy(r::get).withMessageContaining("after close()");
        RwLock.WriteGuard<Integer> w = l.writeLock();
        w.close();
        w.close();
        assertThatIllegalStateException().isThrownBy(w::get).withMessageContaining("after close()");
        assertThatIllegalStateException().isThrownBy(() -> w.set(2));
        assertThat(l.readerCount()).isZero();
        assertThat(l.isWriteLocked()).isFalse();
        assertThat((Object) l.read(v -> v)).isEqualTo(1);
    }

    @Test
    void guardsUsedFromAnotherThreadThrowIllegalState() throws Exception {
        RwLock<Integer> l = new RwLock<>(1);
        try (RwLock.WriteGuard<Integer> w = l.writeLock()) {
            assertThatThrownBy(Threads.spawn(w::get)::join).cause().isInstanceOf(IllegalStateException.class);
        }
        try (RwLock.ReadGuard<Integer> r = l.readLock()) {
            assertThatThrownBy(Threads.spawn(r::get)::join).cause().isInstanceOf(IllegalStateException.class);
        }
    }

    @Test
    void isNotReentrantAndAnUpgradeFailsInsteadOfDeadlocking() {
        RwLock<Integer> l = new RwLock<>(0);
        assertThatIllegalStateException().isThrownBy(() -> l.read(v -> l.write(x -> x)))
                .withMessageContaining("not reentrant");
        assertThatIllegalStateException().isThrownBy(() -> l.read(v -> l.read(x -> x)));
        assertThatIllegalStateException().isThrownBy(() -> l.write(v -> l.read(x -> x)));
        assertThatIllegalStateException().isThrownBy(() -> l.write(v -> l.update(x -> x)));
        try (RwLock.ReadGuard<Integer> r = l.readLock()) {
            assertThat(r.get()).isZero();
            assertThatIllegalStateException().isThrownBy(l::writeLock);
            assertThatIllegalStateException().isThrownBy(() -> l.tryWrite(Duration.ZERO));
            assertThatIllegalStateException().isThrownBy(() -> l.tryRead(Duration.ZERO));
        }
        assertThat(l.readerCount()).isZero();
        assertThat(l.isWriteLocked()).isFalse();
    }

    @Test
    void timedAcquisitionAnswersInterrupts() throws Exception {
        RwLock<Integer> l = new RwLock<>(0);
        CountDownLatch release = new CountDownLatch(1);
        JoinHandle<Void> writer = writeOnAnotherThread(l, release);
        JoinHandle<Boolean> waiter = Threads.spawn(() -> {
            try {
                l.tryRead(Duration.ofDays(1));
                return false;
            } catch (InterruptedException e) {
                return true;
            }
        });
        TestSupport.awaitParked(waiter.thread());
        waiter.thread().interrupt();
        assertThat(waiter.join()).isTrue();
        release.countDown();
        writer.join();

        Thread.currentThread().interrupt();
        assertThatThrownBy(() -> l.tryWrite(Duration.ofSeconds(1))).isInstanceOf(InterruptedException.class);
        Thread.currentThread().interrupt();
        assertThatThrownBy(() -> l.tryRead(Duration.ofSeconds(1))).isInstanceOf(InterruptedException.class);
    }

    @Test
    void aThrowingFunctionReleasesTheLock() {
        RwLock<Integer> l = new RwLock<>(3);
        IllegalStateException boom = new IllegalStateException();
        assertThatThrownBy(() -> l.read(v -> {
            throw boom;
        })).isSameAs(boom);
        assertThatThrownBy(() -> l.update(v -> {
            throw boom;
        })).isSameAs(boom);
        assertThat(l.readerCount()).isZero();
        assertThat(l.isWriteLocked()).isFalse();
        assertThat((Object) l.read(v -> v)).isEqualTo(3);
    }

    @Test
    void optimisticReadReturnsTheValueWhenNoWriterIsInside() {
        RwLock<int[]> l = new RwLock<>(new int[] {4, 2});
        assertThat((Object) l.readOptimistic(a -> a[0] * 10 + a[1])).isEqualTo(42);
        l.write(a -> a[1] = 3);
        assertThat((Object) l.readOptimistic(a -> a[0] * 10 + a[1])).isEqualTo(43);
    }

    @Test
    void optimisticReadDiscardsARunThatAWriterInterruptedAndRunsAgainUnderTheLock() throws Exception {
        RwLock<int[]> l = new RwLock<>(new int[] {1});
        List<Integer> seen = new ArrayList<>();
        int result = l.readOptimistic(a -> {
            int before = a[0];
            if (seen.isEmpty()) {
                // A writer gets in while this optimistic run is reading.
                try {
                    Threads.spawn(() -> l.write(x -> x[0] = 2)).join();
                } catch (InterruptedException e) {
                    throw new AssertionError(e);
                }
            }
            seen.add(before);
            return before;
        });
        assertThat(seen).containsExactly(1, 2);
        assertThat(result).isEqualTo(2);
    }

    @Test
    void optimisticReadDiscardsAnExceptionFromAnInvalidatedRun() throws Exception {
        RwLock<int[]> l = new RwLock<>(new int[] {1});
        int[] runs = new int[1];
        int result = l.readOptimistic(a -> {
            if (runs[0]++ == 0) {
                try {
                    Threads.spawn(() -> l.update(x -> new int[] {7})).join();
                } catch (InterruptedException e) {
                    throw new AssertionError(e);
                }
                throw new ArrayIndexOutOfBoundsException("torn state");
            }
            return a[0];
        });
        assertThat(runs[0]).isEqualTo(2);
        assertThat(result).isEqualTo(7);
    }

    @Test
    void optimisticReadPropagatesAnExceptionFromAValidRun() {
        RwLock<int[]> l = new RwLock<>(new int[0]);
        assertThatThrownBy(() -> l.readOptimistic(a -> a[0])).isInstanceOf(ArrayIndexOutOfBoundsException.class);
        assertThat(l.readerCount()).isZero();
    }

    @Test
    void optimisticReadWaitsForAWriterInsideAndSeesItsWrite() throws Exception {
        RwLock<int[]> l = new RwLock<>(new int[1]);
        CountDownLatch held = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        JoinHandle<Void> writer = Threads.spawn(() -> {
            try (RwLock.WriteGuard<int[]> g = l.writeLock()) {
                g.get()[0] = 1;
                held.countDown();
                release.await();
                g.get()[0] = 2;
            }
            return null;
        });
        TestSupport.await(held);
        JoinHandle<Integer> reader = Threads.spawn(() -> l.readOptimistic(a -> a[0]));
        TestSupport.awaitParked(reader.thread());
        assertThat(reader.isFinished()).isFalse();
        release.countDown();
        writer.join();
        assertThat(reader.join()).isEqualTo(2);
    }

    @Test
    void optimisticReadByTheWriterItselfIsRejected() {
        RwLock<Integer> l = new RwLock<>(0);
        assertThatIllegalStateException().isThrownBy(() -> l.write(v -> l.readOptimistic(x -> x)));
        try (RwLock.WriteGuard<Integer> g = l.writeLock()) {
            assertThat(g.get()).isZero();
            assertThatIllegalStateException().isThrownBy(() -> l.readOptimistic(x -> x));
        }
    }

    @Test
    void optimisticReadersNeverSeeAHalfDoneWrite() throws Exception {
        long[] pair = new long[2]; // writers keep pair[0] == pair[1]
        RwLock<long[]> l = new RwLock<>(pair);
        try (Scope scope = Scope.open()) {
            scope.spawn(() -> {
                for (int i = 0; i < 20_000; i++) {
                    l.write(p -> {
                        p[0]++;
                        for (int k = 0; k < 20; k++) {
                            Thread.onSpinWait(); // widens the window in which the pair is torn
                        }
                        return ++p[1];
                    });
                }
                return null;
            });
            for (int r = 0; r < 2; r++) {
                scope.spawn(() -> {
                    for (int i = 0; i < 200_000; i++) {
                        long diff = l.readOptimistic(p -> p[0] - p[1]);
                        if (diff != 0) {
                            throw new AssertionError("torn read: " + diff);
                        }
                    }
                    return null;
                });
            }
            scope.join();
        }
        assertThat(pair[0]).isEqualTo(20_000L).isEqualTo(pair[1]);
    }

    @Test
    void shouldRejectNulls() {
        RwLock<Integer> l = new RwLock<>(0);
        assertThatNullPointerException().isThrownBy(() -> l.read(null)).withMessage("f");
        assertThatNullPointerException().isThrownBy(() -> l.write(null)).withMessage("f");
        assertThatNullPointerException().isThrownBy(() -> l.update(null)).withMessage("f");
        assertThatNullPointerException().isThrownBy(() -> l.readOptimistic(null)).withMessage("f");
        assertThatNullPointerException().isThrownBy(() -> l.tryRead(null)).withMessage("timeout");
        assertThatNullPointerException().isThrownBy(() -> l.tryWrite(null)).withMessage("timeout");
    }
}
