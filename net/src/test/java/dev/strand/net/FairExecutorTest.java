package dev.strand.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The per-connection cap and the round-robin order of {@link FairExecutor}. */
class FairExecutorTest {

    /** An executor that only records what it is given; the test runs the workers itself. */
    private static final class ManualExecutor implements java.util.concurrent.Executor {
        final ArrayDeque<Runnable> started = new ArrayDeque<>();

        @Override
        public void execute(Runnable command) {
            started.add(command);
        }
    }

    private static Runnable record(List<String> log, String name) {
        return () -> log.add(name);
    }

    @Test
    void waitingTasksAreServedRoundRobinOneTaskPerConnectionPerTurn() {
        ManualExecutor executor = new ManualExecutor();
        FairExecutor fair = new FairExecutor(executor, 1, 1);
        FairExecutor.Lane a = fair.lane(-1, () -> { });
        FairExecutor.Lane b = fair.lane(-1, () -> { });
        FairExecutor.Lane c = fair.lane(-1, () -> { });
        List<String> log = new CopyOnWriteArrayList<>();

        a.submit(record(log, "a1"));
        assertThat(a.submit(record(log, "a2"))).as("a2 waits: the one worker slot is taken").isEqualTo(1);
        assertThat(a.submit(record(log, "a3"))).isEqualTo(2);
        b.submit(record(log, "b1"));
        b.submit(record(log, "b2"));
        c.submit(record(log, "c1"));
        assertThat(executor.started).as("one worker for one slot").hasSize(1);

        executor.started.poll().run(); // the worker runs a1, then takes the rest in turn

        assertThat(log).containsExactly("a1", "b1", "c1", "a2", "b2", "a3");
        assertThat(executor.started).isEmpty();
        assertThat(a.running() + b.running() + c.running()).isZero();
    }

    @Test
    void aConnectionUnderItsCapIsServedRoundRobinToo() {
        ManualExecutor executor = new ManualExecutor();
        FairExecutor fair = new FairExecutor(executor, 1, 2);
        FairExecutor.Lane a = fair.lane(-1, () -> { });
        FairExecutor.Lane b = fair.lane(-1, () -> { });
        List<String> log = new CopyOnWriteArrayList<>();
        b.submit(record(log, "b0")); // takes the one worker slot
        a.submit(record(log, "a1"));
        a.submit(record(log, "a2"));
        a.submit(record(log, "a3"));
        b.submit(record(log, "b1"));

        executor.started.poll().run();

        assertThat(log).containsExactly("b0", "a1", "b1", "a2", "a3");
    }

    @Test
    @Timeout(30)
    void oneConnectionNeverRunsMoreThanItsCapAndAnotherConnectionIsServedMeanwhile() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            FairExecutor fair = new FairExecutor(pool, 4, 2);
            FairExecutor.Lane hostile = fair.lane(-1, () -> { });
            FairExecutor.Lane bystander = fair.lane(-1, () -> { });
            CountDownLatch release = new CountDownLatch(1);
            CountDownLatch twoHung = new CountDownLatch(2);
            CountDownLatch allDone = new CountDownLatch(6);
            AtomicInteger inside = new AtomicInteger();
            AtomicInteger most = new AtomicInteger();
            for (int i = 0; i < 6; i++) {
                hostile.submit(() -> {
                    most.accumulateAndGet(inside.incrementAndGet(), Math::max);
                    twoHung.countDown();
                    try {
                        release.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    } finally {
                        inside.decrementAndGet();
                        allDone.countDown();
                    }
                });
            }
            // The accounting is decided at submit, under the lock: exact at once.
            assertThat(hostile.running()).isEqualTo(2);
            assertThat(hostile.waiting()).isEqualTo(4);
            twoHung.await();

            CountDownLatch served = new CountDownLatch(3);
            for (int i = 0; i < 3; i++) {
                bystander.submit(served::countDown);
            }
            served.await(); // the hostile lane's hung tasks hold only its share of the pool
            assertThat(hostile.running()).isEqualTo(2);
            assertThat(hostile.waiting()).isEqualTo(4);

            release.countDown();
            allDone.await();
            assertThat(most.get()).as("hostile tasks running at once").isEqualTo(2);
        } finally {
            pool.shutdown();
            assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        }
    }

    @Test
    void removedWaitingTasksNeverRunAndTheOthersStillDo() {
        ManualExecutor executor = new ManualExecutor();
        FairExecutor fair = new FairExecutor(executor, 1, 1);
        FairExecutor.Lane a = fair.lane(-1, () -> { });
        FairExecutor.Lane b = fair.lane(-1, () -> { });
        List<String> log = new CopyOnWriteArrayList<>();
        Runnable a2 = record(log, "a2");
        a.submit(record(log, "a1"));
        a.submit(a2);
        a.submit(record(log, "a3"));
        b.submit(record(log, "b1"));

        assertThat(a.removeWaiting(t -> t != a2)).hasSize(1); // a3: a1 was taken at submit
        executor.started.poll().run();

        assertThat(log).containsExactly("a1", "b1", "a2");
    }

    @Test
    void theLowMarkIsSignalledWhenATakeBringsTheQueueDownToIt() {
        ManualExecutor executor = new ManualExecutor();
        FairExecutor fair = new FairExecutor(executor, 1, 1);
        AtomicInteger lows = new AtomicInteger();
        FairExecutor.Lane a = fair.lane(1, lows::incrementAndGet);
        for (int i = 0; i < 4; i++) {
            a.submit(() -> { });
        }
        assertThat(a.waiting()).isEqualTo(3);
        executor.started.poll().run(); // takes from 3 waiting: 2, 1 (signal), 0
        assertThat(lows.get()).isEqualTo(1);
    }

    @Test
    void aRefusedTaskNeitherRunsNorWaitsAndItsSlotIsGivenBack() {
        FairExecutor fair = new FairExecutor(r -> {
            throw new RejectedExecutionException("shut down");
        }, 2, 1);
        FairExecutor.Lane a = fair.lane(-1, () -> { });
        AtomicInteger ran = new AtomicInteger();
        assertThatThrownBy(() -> a.submit(ran::incrementAndGet)).isInstanceOf(RejectedExecutionException.class);
        assertThat(a.running()).isZero();
        assertThat(a.waiting()).isZero();
        assertThat(ran.get()).isZero();
    }

    @Test
    void withoutBoundsTasksGoStraightToTheExecutor() {
        ManualExecutor executor = new ManualExecutor();
        FairExecutor.Lane a = FairExecutor.passThrough(executor).lane(-1, () -> { });
        Runnable task = () -> { };
        assertThat(a.submit(task)).isZero();
        assertThat(executor.started).containsExactly(task);
    }

    @Test
    void aServerSharesItsOwnPoolHalfPerConnectionByDefaultAndCapsAnExecutorOfItsOwnOnlyWhenAsked() {
        java.util.concurrent.Executor direct = Runnable::run;
        FairExecutor own = FairExecutor.forServer(direct, 4, 0);
        assertThat(own.maxWorkers()).isEqualTo(4);
        assertThat(own.maxPerLane()).isEqualTo(2);
        assertThat(FairExecutor.forServer(direct, 1, 0).maxPerLane()).isEqualTo(1);
        assertThat(FairExecutor.forServer(direct, 4, 3).maxPerLane()).isEqualTo(3);
        assertThat(FairExecutor.forServer(direct, 4, 99).maxPerLane()).as("never more than the pool").isEqualTo(4);
        FairExecutor users = FairExecutor.forServer(direct, 0, 0);
        assertThat(users.maxWorkers()).isEqualTo(FairExecutor.UNBOUNDED);
        assertThat(users.maxPerLane()).isEqualTo(FairExecutor.UNBOUNDED);
        assertThat(FairExecutor.forServer(direct, 0, 5).maxPerLane()).isEqualTo(5);
    }
}
