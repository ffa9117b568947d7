package dev.strand.examples.parallel;

import dev.strand.examples.Example;
import dev.strand.parallel.Pipeline;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Master-worker: a master hands tasks to whichever of four workers is idle, and aggregates
 * what they return. Here the tasks are ranges of numbers and each worker counts the primes in
 * its range; a one-stage {@link Pipeline} with four workers is the pool.
 */
public final class WorkerPool implements Example {

    /** A unit of work: count the primes in [from, to). */
    record Task(int id, int from, int to) {
    }

    /** A worker's answer. */
    record Result(int taskId, String worker, int primes) {
    }

    @Override
    public String name() {
        return "worker-pool";
    }

    @Override
    public String description() {
        return "master-worker: four workers take tasks as they become idle; the master aggregates";
    }

    @Override
    public void run(PrintStream out) throws Exception {
        List<Task> tasks = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            tasks.add(new Task(i, i * 10_000, (i + 1) * 10_000));
        }
        Map<String, Integer> tasksPerWorker = new TreeMap<>();
        int total = 0;
        try (Pipeline<Task, Result> pool = Pipeline.from(tasks)
                .stage("worker", 4, t -> new Result(t.id(), workerName(), countPrimes(t.from(), t.to())))
                .build()) {
            for (Result r : pool.results()) {          // the master aggregates as results arrive
                total += r.primes();
                tasksPerWorker.merge(r.worker(), 1, Integer::sum);
            }
        }
        out.println("  " + tasks.size() + " tasks, primes below 200,000: " + total + " (expected 17984)");
        out.println("  tasks done per worker (depends on timing): " + tasksPerWorker);
        if (total != 17_984) {
            throw new IllegalStateException("wrong prime count " + total);
        }
    }

    private static String workerName() {
        String n = Thread.currentThread().getName();
        return n.substring(n.lastIndexOf('-') + 1);
    }

    private static int countPrimes(int from, int to) {
        int count = 0;
        for (int n = Math.max(2, from); n < to; n++) {
            boolean prime = true;
            for (int d = 2; (long) d * d <= n; d++) {
                if (n % d == 0) {
                    prime = false;
                    break;
                }
            }
            if (prime) {
                count++;
            }
        }
        return count;
    }
}
