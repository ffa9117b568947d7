package dev.strand.jmh.channels;

import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Long-lived producer threads for the batch benchmarks. {@link #go()} lets every producer send
 * its share of one batch (each cycles through its own pool of messages); the benchmark thread
 * then receives the whole batch. Producers wait between batches on a semaphore, outside the
 * per-message path, and are stopped (interrupted and joined) at the end of the trial.
 */
final class ProducerCrew {
    private static final int POOL = 1024; // distinct messages per producer, cycled

    private final Thread[] threads;
    private final Semaphore[] go;
    private volatile Throwable failure;

    /**
     * Starts {@code producers} daemon threads; each sends {@code perBatch} messages through
     * {@code pipe.inlet(i)} at each {@link #go()}.
     */
    ProducerCrew(Pipe pipe, int producers, int perBatch) {
        threads = new Thread[producers];
        go = new Semaphore[producers];
        for (int i = 0; i < producers; i++) {
            Pipe.Inlet inlet = pipe.inlet(i);
            Semaphore start = go[i] = new Semaphore(0);
            Msg[] pool = Msg.pool(POOL);
            threads[i] = new Thread(() -> run(inlet, start, pool, perBatch), "producer-" + i);
            threads[i].setDaemon(true);
            threads[i].start();
        }
    }

    private void run(Pipe.Inlet inlet, Semaphore start, Msg[] pool, int perBatch) {
        try {
            for (;;) {
                start.acquire();
                for (int i = 0; i < perBatch; i++) {
                    inlet.put(pool[i & (POOL - 1)]);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // stop(): the trial is over
        } catch (Throwable t) {
            failure = t;
            t.printStackTrace();
        }
    }

    /** Lets every producer send one batch. */
    void go() {
        for (Semaphore s : go) {
            s.release();
        }
    }

    /** Interrupts and joins the producers; throws if one of them failed. */
    void stop() throws InterruptedException {
        for (Thread t : threads) {
            t.interrupt();
        }
        for (Thread t : threads) {
            t.join(TimeUnit.SECONDS.toMillis(10));
            if (t.isAlive()) {
                throw new IllegalStateException(t.getName() + " did not stop");
            }
        }
        if (failure != null) {
            throw new IllegalStateException("a producer failed", failure);
        }
    }
}
