package dev.strand.net;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;

/**
 * Shares one handler executor fairly among the connections of a server: each connection
 * submits its handler tasks to its own {@link Lane}; at most {@code maxPerLane} tasks of one
 * lane run at once, at most {@code maxWorkers} tasks run at once in all, and a task that cannot
 * start waits in its lane's queue. Lanes with waiting tasks are served round robin, one task
 * per turn, so one connection's backlog never queues in front of another connection's request.
 *
 * <p>With neither bound ({@link #passThrough(Executor)}) a lane hands each task straight to the
 * executor, as if it were not there.
 *
 * <p>Thread-safe: lanes submit from their event loops, workers take and finish tasks on the
 * executor's threads; all the accounting is under one lock, held only for a few field updates
 * (never while a task runs).
 */
final class FairExecutor {

    /*
     * Overview. A "worker" is one task handed to the executor; it runs the task it was started
     * with, then keeps taking the next task round robin from `ready` until `ready` is empty, and
     * ends. `workers` counts the workers started and not ended; `Lane.running` the tasks of a
     * lane taken by a worker and not finished. `ready` holds the lanes that have waiting tasks
     * and room under their cap (each at most once, `Lane.queued`).
     *
     * Invariant (under the lock): a lane with waiting tasks is either in `ready`, or at its cap
     * (then a worker runs one of its tasks and puts it back in `ready` when that task ends), and
     * `ready` is non-empty only while some worker is alive (a worker ends only when it finds
     * `ready` empty, and a submit that fills `ready` with no free worker slot relies on the
     * workers that hold the slots). So no waiting task is stranded.
     */

    /** The value of a bound meaning "no bound". */
    static final int UNBOUNDED = Integer.MAX_VALUE;

    /** Without bounds: every task goes straight to the executor. */
    static FairExecutor passThrough(Executor executor) {
        return new FairExecutor(executor, UNBOUNDED, UNBOUNDED);
    }

    /**
     * The executor of a server's handlers.
     *
     * @param threads            the executor's threads, or 0 if unknown (an executor given by the user)
     * @param maxPerConnection   {@link Limits#maxHandlersPerConnection()}: 0 for the automatic share
     */
    static FairExecutor forServer(Executor executor, int threads, int maxPerConnection) {
        if (threads > 0) {
            int cap = maxPerConnection > 0 ? maxPerConnection : Math.max(1, threads / 2);
            return new FairExecutor(executor, threads, Math.min(cap, threads));
        }
        return new FairExecutor(executor, UNBOUNDED, maxPerConnection > 0 ? maxPerConnection : UNBOUNDED);
    }

    private final Executor executor;
    private final int maxWorkers;
    private final int maxPerLane;
    private final boolean passThrough;
    private final ReentrantLock lock = new ReentrantLock();
    /** Lanes with waiting tasks and room under their cap, in the order they are served. */
    private final ArrayDeque<Lane> ready = new ArrayDeque<>();
    /** Workers started and not ended; guarded by {@code lock}. */
    private int workers;

    FairExecutor(Executor executor, int maxWorkers, int maxPerLane) {
        this.executor = executor;
        this.maxWorkers = Math.max(1, maxWorkers);
        this.maxPerLane = Math.max(1, maxPerLane);
        this.passThrough = maxWorkers == UNBOUNDED && maxPerLane == UNBOUNDED;
    }

    Executor executor() {
        return executor;
    }

    /** The most tasks of one lane that run at once ({@link #UNBOUNDED} if none). */
    int maxPerLane() {
        return maxPerLane;
    }

    /** The most tasks that run at once in all ({@link #UNBOUNDED} if none). */
    int maxWorkers() {
        return maxWorkers;
    }

    /**
     * A new lane, for one connection.
     *
     * @param lowMark a number of waiting tasks; when a take brings the queue down to it,
     *                {@code onLow} runs (on the worker's thread, outside the lock)
     * @param onLow   must not block
     */
    Lane lane(int lowMark, Runnable onLow) {
        return new Lane(lowMark, onLow);
    }

    /** The tasks of one connection; see {@link FairExecutor}. */
    final class Lane implements Executor {

        private final ArrayDeque<Runnable> waiting = new ArrayDeque<>();
        private final int lowMark;
        private final Runnable onLow;
        /** Tasks taken and not finished; guarded by {@code lock}. */
        private int running;
        /** Whether this lane is in {@code ready}; guarded by {@code lock}. */
        private boolean queued;

        private Lane(int lowMark, Runnable onLow) {
            this.lowMark = lowMark;
            this.onLow = onLow;
        }

        @Override
        public void execute(Runnable task) {
            submit(task);
        }

        /**
         * Runs {@code task} when this lane and the executor have room, round robin with the
         * other lanes.
         *
         * @return how many tasks of this lane wait after this one was added (0 if it started)
         * @throws RejectedExecutionException if the executor refused to start a worker for
         *         it (then the task neither ran nor waits)
         */
        int submit(Runnable task) {
            if (passThrough) {
                executor.execute(task);
                return 0;
            }
            boolean direct;
            boolean startWorker = false;
            int left;
            lock.lock();
            try {
                direct = running < maxPerLane && workers < maxWorkers && waiting.isEmpty() && ready.isEmpty();
                if (direct) {
                    running++;
                    workers++;
                    left = 0;
                } else {
                    waiting.add(task);
                    left = waiting.size();
                    if (running < maxPerLane && !queued) {
                        queued = true;
                        ready.add(this);
                    }
                    if (!ready.isEmpty() && workers < maxWorkers) {
                        workers++; // a free slot: a worker that starts at the head of `ready`
                        startWorker = true;
                    }
                }
            } finally {
                lock.unlock();
            }
            if (direct) {
                start(this, task);
            } else if (startWorker) {
                try {
                    start(null, null);
                } catch (RejectedExecutionException | Error e) {
                    boolean stillWaiting;
                    lock.lock();
                    try {
                        stillWaiting = waiting.removeLastOccurrence(task);
                    } finally {
                        lock.unlock();
                    }
                    if (stillWaiting) {
                        throw e; // it neither ran nor waits: the caller answers for it
                    }
                    // A running worker took it meanwhile: it runs.
                }
            }
            return left;
        }

        /**
         * Removes the waiting tasks that {@code drop} selects (the requests of a connection that
         * closed); tasks already taken are not affected.
         *
         * @return the removed tasks, in their order
         */
        List<Runnable> removeWaiting(Predicate<Runnable> drop) {
            List<Runnable> removed = new ArrayList<>();
            lock.lock();
            try {
                for (Iterator<Runnable> it = waiting.iterator(); it.hasNext(); ) {
                    Runnable r = it.next();
                    if (drop.test(r)) {
                        it.remove();
                        removed.add(r);
                    }
                }
                // An emptied lane may stay in `ready`: a worker skips it.
            } finally {
                lock.unlock();
            }
            return removed;
        }

        /** The tasks waiting now. */
        int waiting() {
            lock.lock();
            try {
                return waiting.size();
            } finally {
                lock.unlock();
            }
        }

        /** The tasks taken and not finished now. */
        int running() {
            lock.lock();
            try {
                return running;
            } finally {
                lock.unlock();
            }
        }
    }

    /**
     * Hands a worker to the executor: it runs {@code task} of {@code lane} first (both null: it
     * starts at the head of {@code ready}). The slot was taken by the caller, under the lock.
     */
    private void start(Lane lane, Runnable task) {
        try {
            executor.execute(() -> work(lane, task));
        } catch (RejectedExecutionException | Error e) {
            boolean retry;
            lock.lock();
            try {
                workers--;
                if (lane != null) {
                    lane.running--;
                    requeue(lane);
                }
                // Another submitter may have queued its task counting on the slot just given back.
                retry = lane != null && !ready.isEmpty() && workers == 0;
                if (retry) {
                    workers++;
                }
            } finally {
                lock.unlock();
            }
            if (retry) {
                try {
                    start(null, null);
                } catch (RejectedExecutionException | Error again) {
                    // Refused as well: the executor is shutting down. What waits is dropped when
                    // its connection closes.
                }
            }
            throw e;
        }
    }

    /** Under the lock: {@code lane} has room again; serve its waiting tasks in turn. */
    private void requeue(Lane lane) {
        if (!lane.waiting.isEmpty() && !lane.queued && lane.running < maxPerLane) {
            lane.queued = true;
            ready.add(lane);
        }
    }

    /** One worker: runs its first task, then takes tasks round robin until none waits. */
    private void work(Lane lane, Runnable task) {
        for (;;) {
            if (task != null) {
                try {
                    task.run();
                } catch (RuntimeException | Error e) {
                    // Tasks report their own failures; one bad task must not stop the worker.
                }
            }
            Lane low = null;
            lock.lock();
            try {
                if (lane != null) {
                    lane.running--;
                    requeue(lane);
                }
                lane = null;
                task = null;
                Lane next;
                while (task == null && (next = ready.poll()) != null) {
                    next.queued = false;
                    task = next.waiting.poll();
                    if (task != null) {
                        lane = next;
                        lane.running++;
                        // Round robin: back to the tail for its next task, if it has room.
                        requeue(lane);
                        if (lane.waiting.size() == lane.lowMark) {
                            low = lane;
                        }
                    }
                }
                if (task == null) {
                    workers--;
                    return;
                }
            } finally {
                lock.unlock();
            }
            if (low != null) {
                low.onLow.run();
            }
        }
    }
}
