package dev.strand.net.transport;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs tasks one at a time, in submission order, on a shared executor: the messages of one
 * connection are handled in order without a thread of their own.
 *
 * <p>{@code pending} counts queued plus running tasks; the submitter that raises it from 0
 * starts a drain, and the drain stops only when its own decrement brings it back to 0, so
 * exactly one drain runs at a time and no task is left behind.
 */
public final class SerialExecutor implements Executor {

    private final Executor executor;
    private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final AtomicInteger pending = new AtomicInteger();

    public SerialExecutor(Executor executor) {
        this.executor = executor;
    }

    @Override
    public void execute(Runnable task) {
        tasks.add(task); // enqueued before the count rises: a drain that sees the count sees the task
        if (pending.getAndIncrement() == 0) {
            executor.execute(this::drain);
        }
    }

    private void drain() {
        do {
            Runnable task = tasks.poll();
            try {
                task.run();
            } catch (RuntimeException | Error e) {
                // Tasks report their own failures; one bad task must not stop the others.
            }
        } while (pending.decrementAndGet() != 0);
    }
}
