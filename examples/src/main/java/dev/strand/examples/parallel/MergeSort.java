package dev.strand.examples.parallel;

import dev.strand.examples.Example;
import dev.strand.parallel.Parallel;
import dev.strand.parallel.ParallelMerge;
import dev.strand.parallel.ParallelSort;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Random;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Divide and conquer: parallel merge sort. Halves are sorted in parallel down to a cutoff
 * (too fine a split costs more than it saves, as rayon's own guidance warns), then merged back with
 * parallel merges. Also: a stable sort of records, and a comparator that fails mid-sort
 * without losing an element.
 */
public final class MergeSort implements Example {

    /** A person, sorted by age; the original position shows the sort is stable. */
    record Person(String name, int age, int position) {
    }

    @Override
    public String name() {
        return "merge-sort";
    }

    @Override
    public String description() {
        return "divide and conquer: parallel merge sort of ints and (stably) of records";
    }

    @Override
    public void run(PrintStream out) throws Exception {
        ForkJoinPool pool = new ForkJoinPool(Math.max(2, Runtime.getRuntime().availableProcessors()));
        try {
            ParallelSort.Sorter sorter = ParallelSort.on(Parallel.on(pool));

            int[] small = {38, 27, 43, 3, 9, 82, 10};
            sorter.sort(small);
            out.println("  sorted: " + Arrays.toString(small));

            int[] big = new Random(1).ints(2_000_000).toArray();
            int[] expected = big.clone();
            Arrays.sort(expected);
            sorter.sort(big);
            out.println("  2,000,000 random ints sorted in parallel; same as Arrays.sort: "
                    + Arrays.equals(big, expected));

            int[] merged = new int[8];
            ParallelMerge.on(Parallel.on(pool)).merge(new int[] {1, 4, 6, 9}, new int[] {2, 3, 7, 8}, merged);
            out.println("  merge of two sorted runs: " + Arrays.toString(merged));

            Person[] people = {
                new Person("Ana", 30, 0), new Person("Bo", 25, 1), new Person("Cy", 30, 2),
                new Person("Di", 25, 3), new Person("Ed", 41, 4)};
            sorter.sort(people, Comparator.comparingInt(Person::age));
            StringBuilder sb = new StringBuilder();
            for (Person p : people) {
                sb.append(p.name()).append('(').append(p.age()).append(") ");
            }
            out.println("  stable by age (Bo before Di, Ana before Cy): " + sb.toString().trim());

            Integer[] boxed = new Integer[100_000];
            for (int i = 0; i < boxed.length; i++) {
                boxed[i] = boxed.length - i;
            }
            AtomicInteger calls = new AtomicInteger();
            try {
                sorter.sort(boxed, (a, b) -> {
                    if (calls.incrementAndGet() == 50_000) {
                        throw new IllegalStateException("comparator failed");
                    }
                    return Integer.compare(a, b);
                });
                throw new IllegalStateException("the comparator never failed");
            } catch (IllegalStateException e) {
                if (!e.getMessage().equals("comparator failed")) {
                    throw e;
                }
                long distinct = Arrays.stream(boxed).distinct().count();
                out.println("  a comparator threw mid-sort (" + e.getMessage() + "): the array still holds "
                        + distinct + " distinct elements of " + boxed.length);
                if (distinct != boxed.length) {
                    throw new IllegalStateException("elements were lost");
                }
            }
        } finally {
            pool.shutdown();
            pool.awaitTermination(10, TimeUnit.SECONDS);
        }
    }
}
