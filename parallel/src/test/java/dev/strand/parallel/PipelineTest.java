package dev.strand.parallel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.strand.channels.Channel;
import dev.strand.channels.DisconnectedException;
import dev.strand.channels.Receiver;
import dev.strand.channels.Sender;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class PipelineTest {

    static List<Integer> range(int n) {
        return IntStream.range(0, n).boxed().collect(Collectors.toList());
    }

    static List<Thread> liveThreads(Pipeline<?, ?> p) {
        String prefix = p.threadNamePrefix();
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith(prefix) && t.isAlive())
                .collect(Collectors.toList());
    }

    static <T> List<T> drainAll(Receiver<T> rx) {
        List<T> out = new ArrayList<>();
        for (T t : rx) {
            out.add(t);
        }
        return out;
    }

    @Test
    void shouldRunEveryItemThroughEveryStage() {
        try (Pipeline<Integer, String> p = Pipeline.from(range(1000))
                .stage("square", 3, x -> (long) x * x)
                .stage("format", 2, x -> "v" + x)
                .capacity(8)
                .build()) {
            List<String> got = drainAll(p.results());
            assertThat(got).containsExactlyInAnyOrderElementsOf(
                    range(1000).stream().map(x -> "v" + (long) x * x).collect(Collectors.toList()));
        }
    }

    @Test
    void shouldRestoreInputOrderWhenOrderedEvenIfWorkersFinishOutOfOrder() throws Exception {
        // Item 0 cannot finish before item 1 has: a two-worker stage completes them 1, 0.
        CountDownLatch oneDone = new CountDownLatch(1);
        try (Pipeline<Integer, Integer> p = Pipeline.from(range(500))
                .stage("hold-first", 2, x -> {
                    if (x == 0) {
                        assertThat(oneDone.await(20, TimeUnit.SECONDS)).isTrue();
                    }
                    if (x == 1) {
                        oneDone.countDown();
                    }
                    return x;
                })
                .stage("plus", 3, x -> x + 1)
                .ordered(true)
                .capacity(4)
                .build()) {
            List<Integer> got = drainAll(p.results());
            assertThat(got).isEqualTo(IntStream.rangeClosed(1, 500).boxed().collect(Collectors.toList()));
        }
    }

    @Test
    void builderCallsShouldTakeEffectWithoutUsingTheirResult() throws Exception {
        // Regression: Builder methods used to return copies, so these statements were ignored.
        CountDownLatch oneDone = new CountDownLatch(1);
        Pipeline.Builder<Integer, Integer> b = Pipeline.from(range(200));
        b.stage("hold-first", 2, x -> {
            if (x == 0) {
                assertThat(oneDone.await(20, TimeUnit.SECONDS)).isTrue();
            }
            if (x == 1) {
                oneDone.countDown();
            }
            return x;
        });
        b.stage("plus", 2, x -> x + 1);
        b.ordered(true);
        b.capacity(2);
        try (Pipeline<Integer, Integer> p = b.build()) {
            assertThat(drainAll(p.results()))
                    .isEqualTo(IntStream.rangeClosed(1, 200).boxed().collect(Collectors.toList()));
        }
    }

    @Test
    void buildShouldSnapshotSoLaterBuilderChangesDoNotAffectIt() throws Exception {
        Pipeline.Builder<Integer, Integer> b = Pipeline.from(range(50)).stage("plus", 1, x -> x + 1);
        try (Pipeline<Integer, Integer> first = b.build()) {
            b.stage("times-ten", 1, x -> x * 10);
            try (Pipeline<Integer, Integer> second = b.build()) {
                assertThat(drainAll(second.results()))
                        .isEqualTo(IntStream.rangeClosed(1, 50).map(x -> x * 10).boxed().collect(Collectors.toList()));
            }
            assertThat(drainAll(first.results()))
                    .isEqualTo(IntStream.rangeClosed(1, 50).boxed().collect(Collectors.toList()));
        }
        assertThatThrownBy(() -> b.capacity(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldRunAStagesWorkersAtTheSameTime() throws Exception {
        // Every item waits at a barrier for two others: passes only if 3 workers run at once.
        java.util.concurrent.CyclicBarrier barrier = new java.util.concurrent.CyclicBarrier(3);
        Set<String> threads = ConcurrentHashMap.newKeySet();
        try (Pipeline<Integer, Integer> p = Pipeline.from(range(30))
                .stage("meet", 3, x -> {
                    threads.add(Thread.currentThread().getName());
                    barrier.await(20, TimeUnit.SECONDS);
                    return x;
                })
                .build()) {
            assertThat(drainAll(p.results())).hasSize(30);
            assertThat(threads).hasSize(3).allSatisfy(n -> assertThat(n).startsWith(p.threadNamePrefix() + "meet-"));
        }
    }

    @Test
    void shouldDeliverCompletionOrderWhenNotOrdered() throws Exception {
        // Item 0 is held until the consumer has received item 1: only an unordered pipeline
        // can deliver that (an ordered one would wait for 0 forever, then time out).
        CountDownLatch release = new CountDownLatch(1);
        try (Pipeline<Integer, Integer> p = Pipeline.from(range(2))
                .stage("hold-first", 2, x -> {
                    if (x == 0) {
                        assertThat(release.await(20, TimeUnit.SECONDS)).isTrue();
                    }
                    return x;
                })
                .build()) {
            assertThat(p.results().recv(Duration.ofSeconds(20))).isEqualTo(1);
            release.countDown();
            assertThat(drainAll(p.results())).containsExactly(0);
        }
    }

    /** A source that counts how many items the pipeline has taken from it. */
    static final class CountingSource implements Iterable<Integer> {
        final AtomicLong taken = new AtomicLong();
        final AtomicLong consumed = new AtomicLong();
        final AtomicLong worstAhead = new AtomicLong();
        final int limit;

        CountingSource(int limit) {
            this.limit = limit;
        }

        @Override
        public Iterator<Integer> iterator() {
            return new Iterator<>() {
                @Override
                public boolean hasNext() {
                    return taken.get() < limit;
                }

                @Override
                public Integer next() {
                    long t = taken.incrementAndGet();
                    worstAhead.accumulateAndGet(t - consumed.get(), Math::max);
                    return (int) t;
                }
            };
        }
    }

    @Test
    void shouldBoundItemsInFlightWhenTheConsumerIsSlow() throws Exception {
        int cap = 4;
        // The bound documented in Pipeline: (stages + 2) * capacity + sum(2 * workers + 1) + 2.
        // Plus 1: the item this test has received but not yet counted as consumed.
        long bound = (2 + 2) * cap + (2 * 2 + 1) + (2 * 3 + 1) + 2 + 1;
        CountingSource source = new CountingSource(100_000);
        try (Pipeline<Integer, Integer> p = Pipeline.from(source)
                .stage("a", 2, x -> x)
                .stage("b", 3, x -> x)
                .capacity(cap)
                .build()) {
            Receiver<Integer> rx = p.results();
            for (int i = 0; i < 2000; i++) {
                rx.recv();
                source.consumed.incrementAndGet();
            }
            assertThat(source.worstAhead.get()).isLessThanOrEqualTo(bound);
            assertThat(source.taken.get()).isLessThan(100_000);
        }
    }

    @Test
    void shouldBoundItemsInFlightToTwiceTheCapacityWhenOrdered() throws Exception {
        int cap = 5;
        CountingSource source = new CountingSource(100_000);
        try (Pipeline<Integer, Integer> p = Pipeline.from(source)
                .stage("a", 3, x -> x)
                .ordered(true)
                .capacity(cap)
                .build()) {
            Receiver<Integer> rx = p.results();
            for (int i = 1; i <= 2000; i++) {
                assertThat(rx.recv()).isEqualTo(i);
                source.consumed.incrementAndGet();
            }
            // Plus 1: the item this test has received but not yet counted as consumed.
            assertThat(source.worstAhead.get()).isLessThanOrEqualTo(2L * cap + 1);
        }
    }

    @Test
    void shouldFailWithTheStageNameAndOriginalCauseAndStopEverything() throws Exception {
        IllegalStateException boom = new IllegalStateException("bad record 50");
        Pipeline<Integer, Integer> p = Pipeline.from(new CountingSource(Integer.MAX_VALUE))
                .stage("read", 2, x -> x)
                .stage("parse", 3, x -> {
                    if (x == 50) {
                        throw boom;
                    }
                    return x;
                })
                .stage("write", 1, x -> x)
                .capacity(4)
                .build();
        Throwable thrown = catchThrowable(() -> drainAll(p.results()));
        assertThat(thrown).isInstanceOf(PipelineException.class).hasCause(boom)
                .hasMessageContaining("'parse'");
        assertThat(((PipelineException) thrown).stage()).isEqualTo("parse");
        // later calls keep failing the same way
        assertThatThrownBy(() -> p.results().recv()).isSameAs(thrown);
        p.close();
        assertThat(liveThreads(p)).isEmpty();
    }

    @Test
    void shouldReportACheckedExceptionFromAStage() {
        java.io.IOException io = new java.io.IOException("disk");
        try (Pipeline<Integer, Integer> p = Pipeline.from(range(10))
                .<Integer>stage("read", 1, x -> {
                    throw io;
                })
                .build()) {
            assertThatThrownBy(() -> drainAll(p.results())).isInstanceOf(PipelineException.class).hasCause(io);
        }
    }

    @Test
    void shouldReportAFailingSourceAsTheSourceStage() {
        Iterable<Integer> bad = () -> new Iterator<>() {
            int i;

            @Override
            public boolean hasNext() {
                return true;
            }

            @Override
            public Integer next() {
                if (i == 7) {
                    throw new ArithmeticException("source broke");
                }
                return i++;
            }
        };
        try (Pipeline<Integer, Integer> p = Pipeline.from(bad).stage("id", 2, x -> x).build()) {
            Throwable t = catchThrowable(() -> drainAll(p.results()));
            assertThat(t).isInstanceOf(PipelineException.class).hasCauseInstanceOf(ArithmeticException.class);
            assertThat(((PipelineException) t).stage()).isEqualTo("source");
        }
    }

    @Test
    void shouldFailWhenAStageReturnsNull() {
        try (Pipeline<Integer, Object> p = Pipeline.from(range(3)).stage("nothing", 1, x -> null).build()) {
            assertThatThrownBy(() -> drainAll(p.results())).isInstanceOf(PipelineException.class)
                    .hasCauseInstanceOf(NullPointerException.class);
        }
    }

    @Test
    void shouldLeaveNoThreadRunningAfterCloseWhileStagesAreBlocked() throws Exception {
        CountDownLatch never = new CountDownLatch(1);
        AtomicInteger entered = new AtomicInteger();
        CountDownLatch allBlocked = new CountDownLatch(3);
        Pipeline<Integer, Integer> p = Pipeline.from(new CountingSource(Integer.MAX_VALUE))
                .stage("fast", 2, x -> x)
                .stage("stuck", 3, x -> {
                    entered.incrementAndGet();
                    allBlocked.countDown();
                    never.await();            // interruptible: close() interrupts it
                    return x;
                })
                .capacity(2)
                .build();
        assertThat(liveThreads(p)).isNotEmpty();
        allBlocked.await();
        p.close();
        assertThat(liveThreads(p)).isEmpty();
        assertThat(entered.get()).isEqualTo(3);
        assertThatThrownBy(() -> p.results().recv()).isInstanceOf(DisconnectedException.class);
        p.close();   // idempotent
    }

    @Test
    void shouldCloseThePipelineWhenTheResultsAreClosed() throws Exception {
        Pipeline<Integer, Integer> p = Pipeline.from(new CountingSource(Integer.MAX_VALUE))
                .stage("id", 2, x -> x).capacity(2).build();
        assertThat(p.results().recv()).isNotNull();
        p.results().close();
        assertThat(liveThreads(p)).isEmpty();
    }

    @Test
    void shouldTakeItemsFromAReceiverAndCloseItWhenDone() throws Exception {
        Channel<Integer> ch = Channel.bounded(4);
        Sender<Integer> tx = ch.sender();
        Thread producer = new Thread(() -> {
            try {
                for (int i = 0; i < 300; i++) {
                    tx.send(i);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                tx.close();
            }
        });
        producer.start();
        try (Pipeline<Integer, Integer> p = Pipeline.from(ch.receiver()).stage("double", 2, x -> 2 * x)
                .ordered(true).capacity(3).build()) {
            assertThat(drainAll(p.results())).isEqualTo(
                    range(300).stream().map(x -> 2 * x).collect(Collectors.toList()));
        }
        producer.join();
        assertThat(tx.isDisconnected()).isTrue();   // the pipeline closed its source receiver
    }

    @Test
    void shouldPassItemsThroughWithNoStages() {
        try (Pipeline<Integer, Integer> p = Pipeline.from(range(20)).ordered(true).build()) {
            assertThat(drainAll(p.results())).isEqualTo(range(20));
            assertThat(p.results().stream().count()).isZero();
        }
    }

    @Test
    void shouldOfferResultsThroughEveryReceiverMethod() throws Exception {
        try (Pipeline<Integer, Integer> p = Pipeline.from(range(10)).stage("id", 1, x -> x).ordered(true).build()) {
            Receiver<Integer> rx = p.results();
            assertThat(rx.recv()).isEqualTo(0);
            assertThat(rx.recv(java.time.Duration.ofSeconds(10))).isEqualTo(1);
            List<Integer> rest = new ArrayList<>();
            while (rest.size() < 8) {
                Integer v = rx.tryRecv();
                if (v != null) {
                    rest.add(v);
                }
                rx.drain(rest::add, 1);
            }
            assertThat(rest).isEqualTo(range(10).subList(2, 10));
        }
    }

    @Test
    void shouldRejectBadArguments() {
        assertThatThrownBy(() -> Pipeline.from((Iterable<Integer>) null)).isInstanceOf(NullPointerException.class).hasMessage("source");
        assertThatThrownBy(() -> Pipeline.from((Receiver<Integer>) null)).isInstanceOf(NullPointerException.class).hasMessage("source");
        Pipeline.Builder<Integer, Integer> b = Pipeline.from(range(1));
        assertThatThrownBy(() -> b.stage(null, 1, x -> x)).isInstanceOf(NullPointerException.class).hasMessage("name");
        assertThatThrownBy(() -> b.stage("s", 1, null)).isInstanceOf(NullPointerException.class).hasMessage("fn");
        assertThatThrownBy(() -> b.stage(" ", 1, x -> x)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("name");
        assertThatThrownBy(() -> b.stage("s", 0, x -> x)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("workers");
        assertThatThrownBy(() -> b.capacity(0)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("capacity");
    }
}
