package dev.strand.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ScopeTest {

    @AfterEach
    void clearInterrupt() {
        Thread.interrupted();
    }

    /** Blocks until interrupted, then rethrows the InterruptedException. */
    private static Long blockUntilInterrupted(CountDownLatch started) throws InterruptedException {
        started.countDown();
        new CountDownLatch(1).await();
        throw new AssertionError("unreachable");
    }

    @Test
    void joinWaitsForEverySubtaskAndResultsAreAvailable() throws Exception {
        try (Scope scope = Scope.open()) {
            Subtask<Long> a = scope.spawn(() -> 40L);
            Subtask<Long> b = scope.spawn(() -> 2L);
            scope.join();
            assertThat(a.get() + b.get()).isEqualTo(42L);
            assertThat(a.state()).isEqualTo(Subtask.State.SUCCEEDED);
        }
    }

    @Test
    void manySubtasksEachRunExactlyOnce() throws Exception {
        List<Subtask<Integer>> subtasks = new ArrayList<>();
        try (Scope scope = Scope.open()) {
            for (int i = 0; i < 64; i++) {
                int n = i;
                subtasks.add(scope.spawn(() -> n * n));
            }
            scope.join();
        }
        long sum = 0;
        for (Subtask<Integer> s : subtasks) {
            sum += s.get();
        }
        assertThat(sum).isEqualTo(85_344L); // sum of squares 0..63
    }

    @Test
    void noThreadOutlivesTheScope() throws Exception {
        List<Subtask<Thread>> subtasks = new ArrayList<>();
        try (Scope scope = Scope.open()) {
            for (int i = 0; i < 8; i++) {
                subtasks.add(scope.spawn(Thread::currentThread));
            }
            scope.join();
            for (Subtask<Thread> s : subtasks) {
                assertThat(s.get().isAlive()).as("after join").isFalse();
            }
        }
    }

    @Test
    void subtaskFailureInterruptsTheBlockedSiblingAndJoinThrowsTheFirstWithLaterSuppressed() throws Exception {
        IllegalStateException boom = new IllegalStateException("boom");
        CountDownLatch blockerStarted = new CountDownLatch(1);
        try (Scope scope = Scope.open()) {
            Subtask<Long> blocked = scope.spawn(() -> blockUntilInterrupted(blockerStarted));
            Subtask<Long> failing = scope.spawn(() -> {
                blockerStarted.await();
                throw boom;
            });
            assertThatThrownBy(scope::join).isSameAs(boom);
            assertThat(boom.getSuppressed()).hasSize(1);
            assertThat(boom.getSuppressed()[0]).isInstanceOf(InterruptedException.class);
            assertThat(blocked.state()).isEqualTo(Subtask.State.FAILED);
            assertThat(blocked.exception()).isSameAs(boom.getSuppressed()[0]);
            assertThat(failing.exception()).isSameAs(boom);
            // Joining again reports the same failure; close() does not throw it a second time.
            assertThatThrownBy(scope::join).isSameAs(boom);
        }
    }

    @Test
    void checkedFailureIsWrappedInPanicExceptionWithTheExactCause() throws Exception {
        IOException boom = new IOException("disk");
        try (Scope scope = Scope.open()) {
            scope.spawn(() -> {
                throw boom;
            });
            assertThatThrownBy(scope::join).isInstanceOf(PanicException.class).cause().isSameAs(boom);
        }
    }

    @Test
    void errorIsRethrownAsIs() {
        AssertionError boom = new AssertionError("broken invariant");
        Scope scope = Scope.open();
        scope.spawn(() -> {
            throw boom;
        });
        assertThatThrownBy(scope::join).isSameAs(boom);
        assertThatCode(scope::close).doesNotThrowAnyException();
    }

    @Test
    void suppressedFailuresAreAttachedToThePanicWrapper() throws Exception {
        IOException first = new IOException("first");
        CountDownLatch firstRecorded = new CountDownLatch(1);
        IllegalArgumentException second = new IllegalArgumentException("second");
        try (Scope scope = Scope.open()) {
            Subtask<Object> a = scope.spawn(() -> {
                throw first;
            });
            scope.spawn(() -> {
                // Ignores interrupts: waits until the first failure is recorded, then fails.
                TestSupport.awaitTrue(() -> a.state() == Subtask.State.FAILED);
                firstRecorded.countDown();
                throw second;
            });
            assertThatThrownBy(scope::join).isInstanceOf(PanicException.class)
                    .satisfies(e -> assertThat(e.getCause()).isSameAs(first))
                    .satisfies(e -> assertThat(e.getSuppressed()).containsExactly(second));
            assertThat(firstRecorded.getCount()).isZero();
        }
    }

    @Test
    void subtaskSpawnedAfterAFailureStartsInterrupted() throws Exception {
        IllegalStateException boom = new IllegalStateException();
        try (Scope scope = Scope.open()) {
            scope.spawn(() -> {
                throw boom;
            });
            assertThatThrownBy(scope::join).isSameAs(boom);
            Subtask<Boolean> late = scope.spawn(() -> Thread.currentThread().isInterrupted());
            assertThatThrownBy(scope::join).isSameAs(boom);
            assertThat(late.get()).isTrue();
        }
    }

    @Test
    void closeWithoutJoinInterruptsThenWaitsForAllSubtasks() {
        CountDownLatch started = new CountDownLatch(2);
        AtomicBoolean sawInterrupt = new AtomicBoolean();
        List<Subtask<?>> subtasks = new ArrayList<>();
        AtomicReference<Thread> slowThread = new AtomicReference<>();
        Scope scope = Scope.open();
        subtasks.add(scope.spawn(() -> blockUntilInterrupted(started)));
        subtasks.add(scope.spawn(() -> {
            slowThread.set(Thread.currentThread());
            started.countDown();
            try {
                new CountDownLatch(1).await();
            } catch (InterruptedException e) {
                sawInterrupt.set(true);
            }
            return "cleaned up";
        }));
        TestSupport.awaitTrue(() -> started.getCount() == 0);
        scope.close(); // does not throw: those failures answer close()'s own interrupt
        assertThat(sawInterrupt).isTrue();
        assertThat(slowThread.get().isAlive()).isFalse();
        for (Subtask<?> s : subtasks) {
            assertThat(s.state()).isNotEqualTo(Subtask.State.RUNNING);
        }
        assertThat(subtasks.get(0).exception()).isInstanceOf(InterruptedException.class);
        assertThat(scope.isClosed()).isTrue();
    }

    @Test
    void closeThrowsAFailureThatNoJoinReported() {
        IllegalStateException boom = new IllegalStateException("unreported");
        Scope scope = Scope.open();
        Subtask<Object> s = scope.spawn(() -> {
            throw boom;
        });
        TestSupport.awaitTrue(() -> s.state() == Subtask.State.FAILED);
        assertThatThrownBy(scope::close).isSameAs(boom);
        assertThatCode(scope::close).as("second close").doesNotThrowAnyException();
    }

    @Test
    void closeFailureIsSuppressedByTheBlocksOwnException() {
        IllegalStateException boom = new IllegalStateException("subtask");
        RuntimeException primary = new RuntimeException("block");
        assertThatThrownBy(() -> {
            try (Scope scope = Scope.open()) {
                Subtask<Object> s = scope.spawn(() -> {
                    throw boom;
                });
                TestSupport.awaitTrue(() -> s.state() == Subtask.State.FAILED);
                throw primary;
            }
        }).isSameAs(primary);
        assertThat(primary.getSuppressed()).containsExactly(boom);
    }

    @Test
    void closeKeepsTheOwnersInterruptStatusAndStillWaits() {
        CountDownLatch started = new CountDownLatch(1);
        Scope scope = Scope.open();
        Subtask<Long> s = scope.spawn(() -> blockUntilInterrupted(started));
        TestSupport.awaitTrue(() -> started.getCount() == 0);
        Thread.currentThread().interrupt();
        scope.close();
        assertThat(Thread.currentThread().isInterrupted()).isTrue();
        assertThat(s.state()).isEqualTo(Subtask.State.FAILED);
    }

    @Test
    void interruptedJoinThrowsAndLeavesSubtasksRunningUntilClose() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        Thread owner = Thread.currentThread();
        Scope scope = Scope.open();
        Subtask<Long> s = scope.spawn(() -> blockUntilInterrupted(started));
        TestSupport.await(started);
        JoinHandle<Void> interrupter = Threads.spawn(() -> {
            TestSupport.awaitParked(owner);
            owner.interrupt();
            return null;
        });
        assertThatThrownBy(scope::join).isInstanceOf(InterruptedException.class);
        assertThat(Thread.currentThread().isInterrupted()).isFalse();
        interrupter.join();
        assertThat(s.state()).isEqualTo(Subtask.State.RUNNING);
        assertThatIllegalStateException().isThrownBy(s::get);
        scope.close();
        assertThat(s.state()).isEqualTo(Subtask.State.FAILED);
    }

    @Test
    void joinOfAPreInterruptedOwnerThrowsAtOnceWhileSubtasksRun() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        try (Scope scope = Scope.open()) {
            Subtask<Integer> s = scope.spawn(() -> {
                release.await();
                return 1;
            });
            Thread.currentThread().interrupt();
            assertThatThrownBy(scope::join).isInstanceOf(InterruptedException.class);
            release.countDown();
            scope.join();
            assertThat(s.get()).isEqualTo(1);
        }
    }

    @Test
    void subtasksMaySpawnSiblingsAndJoinWaitsForThemToo() throws Exception {
        try (Scope scope = Scope.open()) {
            AtomicReference<Subtask<Integer>> child = new AtomicReference<>();
            Subtask<Integer> parent = scope.spawn(() -> {
                child.set(scope.spawn(() -> 2));
                return 1;
            });
            scope.join();
            assertThat(parent.get() + child.get().get()).isEqualTo(3);
        }
    }

    @Test
    void getBeforeJoinThrowsIllegalState() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        try (Scope scope = Scope.open()) {
            Subtask<Integer> s = scope.spawn(() -> {
                release.await();
                return 1;
            });
            assertThatIllegalStateException().isThrownBy(s::get).withMessageContaining("before Scope.join()");
            release.countDown();
            TestSupport.awaitTrue(() -> s.state() == Subtask.State.SUCCEEDED);
            assertThatIllegalStateException().as("finished but not joined").isThrownBy(s::get);
            scope.join();
            assertThat(s.get()).isEqualTo(1);
            Subtask<Integer> later = scope.spawn(() -> 2);
            assertThatIllegalStateException().as("spawned after the last join").isThrownBy(later::get);
            scope.join();
            assertThat(later.get()).isEqualTo(2);
        }
    }

    @Test
    void spawnAndJoinAfterCloseThrowIllegalState() {
        Scope scope = Scope.open();
        scope.close();
        assertThatIllegalStateException().isThrownBy(() -> scope.spawn(() -> 1)).withMessageContaining("closed");
        assertThatIllegalStateException().isThrownBy(scope::join).withMessageContaining("closed");
        assertThatCode(scope::close).doesNotThrowAnyException();
    }

    @Test
    void spawnFromASubtaskDuringCloseFails() {
        CountDownLatch started = new CountDownLatch(1);
        AtomicReference<Throwable> spawnFailure = new AtomicReference<>();
        Scope scope = Scope.open();
        scope.spawn(() -> {
            try {
                blockUntilInterrupted(started);
            } catch (InterruptedException e) {
                try {
                    scope.spawn(() -> 1);
                } catch (IllegalStateException expected) {
                    spawnFailure.set(expected);
                }
            }
            return null;
        });
        TestSupport.awaitTrue(() -> started.getCount() == 0);
        scope.close();
        assertThat(spawnFailure.get()).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void onlyTheOwnerMayJoinOrClose() throws Exception {
        try (Scope scope = Scope.open()) {
            JoinHandle<Void> joiner = Threads.spawn(() -> {
                scope.join();
                return null;
            });
            assertThatThrownBy(joiner::join).cause().isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("owner");
            // Closing the resource from another thread is the point: it must be refused.
            @SuppressWarnings("try")
            JoinHandle<Void> closer = Threads.spawn(() -> {
                scope.close();
                return null;
            });
            assertThatThrownBy(closer::join).cause().isInstanceOf(IllegalStateException.class);
            Subtask<Void> inside = scope.spawn(() -> {
                scope.join();
                return null;
            });
            assertThatThrownBy(scope::join).isInstanceOf(IllegalStateException.class).hasMessageContaining("owner");
            assertThat(inside.state()).isEqualTo(Subtask.State.FAILED);
        }
    }

    @Test
    void openWithAFactoryRunsSubtasksOnItsThreads() throws Exception {
        try (Scope scope = Scope.open(r -> new Thread(r, "custom"))) {
            Subtask<String> s = scope.spawn(() -> Thread.currentThread().getName());
            scope.join();
            assertThat(s.get()).isEqualTo("custom");
        }
    }

    @Test
    void aSubtaskFailureNeverReachesTheThreadsUncaughtExceptionHandler() throws Exception {
        List<Throwable> handled = new java.util.concurrent.CopyOnWriteArrayList<>();
        IllegalStateException boom = new IllegalStateException();
        try (Scope scope = Scope.open(r -> {
            Thread t = new Thread(r);
            t.setUncaughtExceptionHandler((th, e) -> handled.add(e));
            return t;
        })) {
            scope.spawn(() -> {
                throw boom;
            });
            assertThatThrownBy(scope::join).isSameAs(boom);
        }
        assertThat(handled).isEmpty();
    }

    @Test
    void defaultThreadsAreNamedAfterTheScope() throws Exception {
        try (Scope scope = Scope.open()) {
            Subtask<String> s = scope.spawn(() -> Thread.currentThread().getName());
            scope.join();
            assertThat(s.get()).matches("strand-scope-\\d+-1");
        }
    }

    @Test
    void aFactoryThatReturnsNullOrAStartedThreadIsReported() throws Exception {
        try (Scope scope = Scope.open(r -> null)) {
            assertThatIllegalStateException().isThrownBy(() -> scope.spawn(() -> 1))
                    .withMessageContaining("factory returned null");
        }
        Thread started = new Thread(() -> { });
        started.start();
        started.join();
        try (Scope scope = Scope.open(r -> started)) {
            assertThatThrownBy(() -> scope.spawn(() -> 1)).isInstanceOf(IllegalThreadStateException.class);
            scope.join(); // nothing is counted as running
        }
    }

    @Test
    void shouldRejectNulls() {
        assertThatNullPointerException().isThrownBy(() -> Scope.open(null)).withMessage("factory");
        try (Scope scope = Scope.open()) {
            assertThatNullPointerException().isThrownBy(() -> scope.spawn(null)).withMessage("task");
        }
    }

    @Test
    void toStringShowsTheState() throws Exception {
        Scope scope = Scope.open();
        assertThat(scope.toString()).contains("running=0");
        scope.close();
        assertThat(scope.toString()).contains("closed");
    }
}
