package dev.strand.parallel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.function.BiConsumer;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ParallelTest {

    /** Parallelism 3 so that work really runs on several threads on a 2-core machine. */
    private static final ForkJoinPool POOL = new ForkJoinPool(3);
    private static final ForkJoinPool OTHER = new ForkJoinPool(2);
    private static final Parallel PAR = Parallel.on(POOL);

    @AfterAll
    static void shutdown() {
        POOL.shutdownNow();
        OTHER.shutdownNow();
    }

    static List<Parallel> all() {
        return List.of(PAR, PAR.grain(1), PAR.grain(1000), Parallel.common(), Parallel.common().grain(7));
    }

    // ------------------------------------------------------------------ join

    @Test
    void shouldReturnBothResultsOfJoin() {
        for (Parallel par : all()) {
            Pair<String, Integer> r = par.join(() -> "left", () -> 42);
            assertThat(r.first()).isEqualTo("left");
            assertThat(r.second()).isEqualTo(42);
        }
    }

    @Test
    void shouldRunBothSidesAtOnceSoTheyCanMeet() throws Exception {
        // Each side waits for the other: only passes if the two really run in parallel.
        CountDownLatch a = new CountDownLatch(1);
        CountDownLatch b = new CountDownLatch(1);
        Pair<Boolean, Boolean> r = PAR.join(() -> {
            a.countDown();
            return await(b);
        }, () -> {
            b.countDown();
            return await(a);
        });
        assertThat(r).isEqualTo(new Pair<>(true, true));
    }

    private static boolean await(CountDownLatch l) {
        try {
            return l.await(20, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Test
    void shouldRunTheFirstSideOnTheCallerAndTheSecondInThePool() {
        Thread caller = Thread.currentThread();
        Pair<Thread, Thread> r = PAR.join(Thread::currentThread, () -> {
            return Thread.currentThread();
        });
        assertThat(r.first()).isSameAs(caller);
        assertThat(r.second()).isInstanceOfSatisfying(ForkJoinWorkerThread.class,
                w -> assertThat(w.getPool()).isSameAs(POOL));
    }

    @Test
    void shouldRunTheOtherSideAndPropagateWhenOneSideFails() {
        for (Parallel par : all()) {
            AtomicInteger ran = new AtomicInteger();
            IllegalStateException boom = new IllegalStateException("first");
            Throwable t = catchThrowable(() -> par.join(() -> {
                throw boom;
            }, () -> ran.incrementAndGet()));
            assertThat(t).isSameAs(boom);
            assertThat(ran.get()).isEqualTo(1);

            ArithmeticException second = new ArithmeticException("second");
            Throwable t2 = catchThrowable(() -> par.join(ran::incrementAndGet, () -> {
                throw second;
            }));
            assertThat(t2).isSameAs(second);
            assertThat(ran.get()).isEqualTo(2);
        }
    }

    @Test
    void shouldSuppressTheSecondFailureOnTheFirst() {
        for (Parallel par : all()) {
            IllegalStateException one = new IllegalStateException("one");
            Error two = new AssertionError("two");
            Throwable t = catchThrowable(() -> par.join(() -> {
                throw one;
            }, () -> {
                throw two;
            }));
            assertThat(t).isSameAs(one);
            assertThat(t.getSuppressed()).containsExactly(two);
        }
    }

    @Test
    void shouldRejectNullSuppliers() {
        assertThatThrownBy(() -> PAR.join(null, () -> 1)).isInstanceOf(NullPointerException.class).hasMessage("first");
        assertThatThrownBy(() -> PAR.join(() -> 1, null)).isInstanceOf(NullPointerException.class).hasMessage("second");
    }

    @Test
    void shouldComputeFibonacciByNestedJoins() {
        assertThat(fib(PAR.grain(1), 20)).isEqualTo(6765);
    }

    private static int fib(Parallel par, int n) {
        if (n < 2) {
            return n;
        }
        Pair<Integer, Integer> r = par.join(() -> fib(par, n - 1), () -> fib(par, n - 2));
        return r.first() + r.second();
    }

    // ------------------------------------------------------------------ where work runs

    @Test
    void shouldRunAllWorkInTheChosenPool() {
        Set<Thread> threads = ConcurrentHashMap.newKeySet();
        long s = PAR.grain(1).mapReduce(0, 10_000, i -> {
            threads.add(Thread.currentThread());
            return i;
        }, 0L, Long::sum);
        assertThat(s).isEqualTo(10_000L * 9_999 / 2);
        assertThat(threads).allSatisfy(t -> assertThat(t).isInstanceOfSatisfying(ForkJoinWorkerThread.class,
                w -> assertThat(w.getPool()).isSameAs(POOL)));
    }

    @Test
    void shouldKeepWorkStartedInsideAPoolInThatPool() {
        Set<Thread> threads = ConcurrentHashMap.newKeySet();
        long s = OTHER.submit(() -> Parallel.common().grain(1).mapReduce(0, 10_000, i -> {
            threads.add(Thread.currentThread());
            return i;
        }, 0L, Long::sum)).join();
        assertThat(s).isEqualTo(10_000L * 9_999 / 2);
        assertThat(threads).isNotEmpty().allSatisfy(t -> assertThat(t)
                .isInstanceOfSatisfying(ForkJoinWorkerThread.class, w -> assertThat(w.getPool()).isSameAs(OTHER)));
    }

    @Test
    void shouldUseThePoolItWasGiven() {
        assertThat(PAR.pool()).isSameAs(POOL);
        assertThat(Parallel.common().pool()).isSameAs(ForkJoinPool.commonPool());
        assertThat(PAR.grain()).isZero();
        assertThat(PAR.grain(64).grain()).isEqualTo(64);
        assertThat(PAR.grain(64).pool()).isSameAs(POOL);
    }

    // ------------------------------------------------------------------ map-reduce

    @Test
    void shouldMatchASequentialSumOverIntRangesOfEverySize() {
        for (Parallel par : all()) {
            for (int n : new int[] {0, 1, 2, 3, 7, 8, 15, 16, 17, 100, 1000, 12_345, 1_000_000}) {
                long expected = 0;
                for (int i = -5; i < n; i++) {
                    expected += (long) i * i;
                }
                assertThat(par.mapReduce(-5, n, i -> (long) i * i, 0L, Long::sum)).isEqualTo(expected);
            }
            assertThat(par.mapReduce(5, 5, i -> 1L, 99L, Long::sum)).isEqualTo(99L);
            int min = Integer.MIN_VALUE;
            int max = Integer.MAX_VALUE;
            assertThat(par.mapReduce(min, min + 1000, i -> (long) i, 0L, Long::sum))
                    .isEqualTo(1000L * min + 999L * 1000 / 2);
            assertThat(par.mapReduce(max - 1000, max, i -> (long) i, 0L, Long::sum))
                    .isEqualTo(1000L * (max - 1000) + 999L * 1000 / 2);
        }
    }

    @Test
    void shouldKeepInputOrderForANonCommutativeReduction() {
        for (Parallel par : all()) {
            for (int n : new int[] {0, 1, 5, 100, 5000}) {
                String expected = IntStream.range(0, n).mapToObj(Integer::toString).collect(Collectors.joining(","));
                String got = par.mapReduce(0, n, Integer::toString, "",
                        (a, b) -> a.isEmpty() ? b : b.isEmpty() ? a : a + "," + b);
                assertThat(got).isEqualTo(expected);
                List<Integer> list = IntStream.range(0, n).boxed().collect(Collectors.toList());
                String fromList = par.mapReduce(list, i -> Integer.toString(i), "",
                        (a, b) -> a.isEmpty() ? b : b.isEmpty() ? a : a + "," + b);
                assertThat(fromList).isEqualTo(expected);
            }
        }
    }

    @Test
    void shouldMapReduceLongAndDoubleArrays() {
        Random r = new Random(5);
        for (Parallel par : all()) {
            for (int n : new int[] {0, 1, 9, 1000, 100_001}) {
                long[] longs = r.longs(n, -1000, 1000).toArray();
                long expected = 0;
                for (long x : longs) {
                    expected += x * x;
                }
                assertThat(par.mapReduce(longs, x -> x * x, 0L, Long::sum)).isEqualTo(expected);
                assertThat(par.mapReduce(longs, x -> x, Long.MIN_VALUE, Math::max))
                        .isEqualTo(n == 0 ? Long.MIN_VALUE : java.util.Arrays.stream(longs).max().getAsLong());

                double[] doubles = r.doubles(n).toArray();
                double seq = 0;
                for (double d : doubles) {
                    seq += Math.sqrt(d);
                }
                double got = par.mapReduce(doubles, Math::sqrt, 0.0, Double::sum);
                assertThat(got).isCloseTo(seq, org.assertj.core.data.Offset.offset(1e-6 * Math.max(1, n)));
                // fixed split points: the same rounding on every run
                assertThat(par.mapReduce(doubles, Math::sqrt, 0.0, Double::sum)).isEqualTo(got);
            }
        }
    }

    @Test
    void shouldVisitEveryIndexExactlyOnceInForEach() {
        for (Parallel par : all()) {
            AtomicIntegerArray hits = new AtomicIntegerArray(50_000);
            par.forEach(0, 50_000, hits::incrementAndGet);
            for (int i = 0; i < hits.length(); i++) {
                assertThat(hits.get(i)).isEqualTo(1);
            }
            List<Integer> items = IntStream.range(0, 1000).boxed().collect(Collectors.toList());
            AtomicIntegerArray seen = new AtomicIntegerArray(1000);
            par.forEach(items, seen::incrementAndGet);
            for (int i = 0; i < 1000; i++) {
                assertThat(seen.get(i)).isEqualTo(1);
            }
        }
    }

    @Test
    void shouldRethrowTheMappersOwnExceptionAfterAllWorkHasStopped() {
        for (Parallel par : all()) {
            IllegalArgumentException boom = new IllegalArgumentException("at 777");
            AtomicInteger running = new AtomicInteger();
            AtomicInteger maxAfter = new AtomicInteger(-1);
            Throwable t = catchThrowable(() -> par.grain(10).mapReduce(0, 5000, i -> {
                running.incrementAndGet();
                try {
                    if (i == 777) {
                        throw boom;
                    }
                    return (long) i;
                } finally {
                    running.decrementAndGet();
                }
            }, 0L, Long::sum));
            maxAfter.set(running.get());
            assertThat(t).isSameAs(boom);
            assertThat(maxAfter.get()).isZero();
        }
    }

    @Test
    void shouldRejectBadArguments() {
        assertThatThrownBy(() -> PAR.mapReduce(0, 1, (java.util.function.IntToLongFunction) null, 0L, Long::sum))
                .isInstanceOf(NullPointerException.class).hasMessage("mapper");
        assertThatThrownBy(() -> PAR.mapReduce(0, 1, i -> 1L, 0L, null))
                .isInstanceOf(NullPointerException.class).hasMessage("reducer");
        assertThatThrownBy(() -> PAR.mapReduce(2, 1, i -> 1L, 0L, Long::sum))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("from");
        assertThatThrownBy(() -> PAR.mapReduce(2, 1, i -> "", "", String::concat))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PAR.mapReduce((long[]) null, x -> x, 0L, Long::sum))
                .isInstanceOf(NullPointerException.class).hasMessage("values");
        assertThatThrownBy(() -> PAR.mapReduce((double[]) null, x -> x, 0.0, Double::sum))
                .isInstanceOf(NullPointerException.class).hasMessage("values");
        assertThatThrownBy(() -> PAR.mapReduce((List<String>) null, x -> x, "", String::concat))
                .isInstanceOf(NullPointerException.class).hasMessage("items");
        assertThatThrownBy(() -> PAR.forEach(3, 2, i -> { }))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PAR.forEach(0, 2, null))
                .isInstanceOf(NullPointerException.class).hasMessage("action");
        assertThatThrownBy(() -> Parallel.on(null)).isInstanceOf(NullPointerException.class).hasMessage("pool");
        assertThatThrownBy(() -> PAR.grain(0)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("grain");
        assertThatThrownBy(() -> PAR.mapReduceByKey(null, (String l, BiConsumer<String, Long> e) -> { }, Long::sum))
                .isInstanceOf(NullPointerException.class).hasMessage("items");
    }

    // ------------------------------------------------------------------ keyed map-reduce

    static List<String> lines(int n, long seed) {
        Random r = new Random(seed);
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            StringBuilder sb = new StringBuilder();
            int words = 1 + r.nextInt(8);
            for (int w = 0; w < words; w++) {
                sb.append(w == 0 ? "" : " ").append("w").append((int) (200 * Math.pow(r.nextDouble(), 2)));
            }
            lines.add(sb.toString());
        }
        return lines;
    }

    @Test
    void shouldCountWordsLikeASequentialCount() {
        for (Parallel par : all()) {
            for (int n : new int[] {0, 1, 10, 5000}) {
                List<String> lines = lines(n, n);
                Map<String, Long> expected = new HashMap<>();
                for (String line : lines) {
                    for (String w : line.split(" ")) {
                        expected.merge(w, 1L, Long::sum);
                    }
                }
                Map<String, Long> counts = par.mapReduceByKey(lines,
                        (String line, BiConsumer<String, Long> emit) -> {
                            for (String w : line.split(" ")) {
                                emit.accept(w, 1L);
                            }
                        }, Long::sum);
                assertThat(counts).isEqualTo(expected);
            }
        }
    }

    @Test
    void shouldCombineValuesOfAKeyInInputOrder() {
        // key = i % 7, value = "i": a non-commutative combiner must see values in index order
        List<Integer> items = IntStream.range(0, 3000).boxed().collect(Collectors.toList());
        for (Parallel par : all()) {
            Map<Integer, String> got = par.mapReduceByKey(items,
                    (Integer i, BiConsumer<Integer, String> emit) -> emit.accept(i % 7, Integer.toString(i)),
                    (a, b) -> a + "," + b);
            for (int k = 0; k < 7; k++) {
                int key = k;
                String expected = items.stream().filter(i -> i % 7 == key).map(String::valueOf)
                        .collect(Collectors.joining(","));
                assertThat(got.get(k)).isEqualTo(expected);
            }
        }
    }

    @Test
    void shouldCountWordsWithACollectorLikeASequentialCount() {
        for (Parallel par : all()) {
            List<String> lines = lines(3000, 9);
            Map<String, Long> expected = new HashMap<>();
            for (String line : lines) {
                for (String w : line.split(" ")) {
                    expected.merge(w, 1L, Long::sum);
                }
            }
            Map<String, Long> counts = par.mapReduceByKey(lines,
                    (String line, BiConsumer<String, Integer> emit) -> {
                        for (String w : line.split(" ")) {
                            emit.accept(w, 1);
                        }
                    }, java.util.stream.Collectors.counting());
            assertThat(counts).isEqualTo(expected);
            // a collector with a finisher, and order kept per key
            List<Integer> items = IntStream.range(0, 2000).boxed().collect(Collectors.toList());
            Map<Integer, String> joined = par.mapReduceByKey(items,
                    (Integer i, BiConsumer<Integer, String> emit) -> emit.accept(i % 3, Integer.toString(i)),
                    Collectors.joining(","));
            for (int k = 0; k < 3; k++) {
                int key = k;
                assertThat(joined.get(k)).isEqualTo(items.stream().filter(i -> i % 3 == key)
                        .map(String::valueOf).collect(Collectors.joining(",")));
            }
        }
        assertThatThrownBy(() -> PAR.mapReduceByKey(List.of("a"),
                (String s, BiConsumer<String, String> emit) -> { }, (java.util.stream.Collector<String, ?, String>) null))
                .isInstanceOf(NullPointerException.class).hasMessage("collector");
    }

    @Test
    void shouldRejectANullEmittedValue() {
        Throwable t = catchThrowable(() -> PAR.mapReduceByKey(List.of("a"),
                (String s, BiConsumer<String, String> emit) -> emit.accept(s, null), String::concat));
        assertThat(t).isInstanceOf(NullPointerException.class).hasMessage("value");
    }

    @Test
    void shouldRejectNullKeysAndValuesTheSameWayInBothKeyedOverloads() {
        List<String> items = List.of("a", "b", "c");
        assertThat(catchThrowable(() -> PAR.mapReduceByKey(items,
                (String s, BiConsumer<String, String> emit) -> emit.accept(null, s), String::concat)))
                .isInstanceOf(NullPointerException.class).hasMessage("key");
        assertThat(catchThrowable(() -> PAR.mapReduceByKey(items,
                (String s, BiConsumer<String, String> emit) -> emit.accept(null, s), Collectors.joining())))
                .isInstanceOf(NullPointerException.class).hasMessage("key");
        assertThat(catchThrowable(() -> PAR.mapReduceByKey(items,
                (String s, BiConsumer<String, String> emit) -> emit.accept(s, null), Collectors.toList())))
                .isInstanceOf(NullPointerException.class).hasMessage("value");
    }

    @Test
    void grainShouldReturnANewInstanceAndLeaveThisOneUnchanged() {
        Parallel base = Parallel.common();
        Parallel fine = base.grain(7);
        assertThat(fine).isNotSameAs(base);
        assertThat(fine.grain()).isEqualTo(7);
        assertThat(base.grain()).isZero();
    }

    @Test
    void shouldDescribeItself() {
        assertThat(PAR.grain(5).toString()).contains("grain=5");
        assertThat(Parallel.common().toString()).contains("common");
    }
}
