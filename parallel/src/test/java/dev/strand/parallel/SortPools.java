package dev.strand.parallel;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ForkJoinPool;

/**
 * Pools of 1, 2 and 4 threads shared by the sort tests, so that every parallel sort path runs
 * with no parallelism, with this machine's, and with more threads than cores. Never shut down:
 * the workers are daemon threads and idle ones end by themselves.
 */
final class SortPools {

    static final ForkJoinPool[] POOLS = {new ForkJoinPool(1), new ForkJoinPool(2), new ForkJoinPool(4)};

    private SortPools() {
    }

    /** Each pool with the default grain and with a grain of 1 (the finest splits). */
    static List<Parallel> pars() {
        List<Parallel> out = new ArrayList<>();
        for (ForkJoinPool p : POOLS) {
            out.add(Parallel.on(p));
            out.add(Parallel.on(p).grain(1));
        }
        return out;
    }
}
