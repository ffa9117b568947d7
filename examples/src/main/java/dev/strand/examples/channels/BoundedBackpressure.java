package dev.strand.examples.channels;

import dev.strand.channels.Channel;
import dev.strand.channels.Receiver;
import dev.strand.channels.Sender;
import dev.strand.examples.Example;
import java.io.PrintStream;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A bounded channel ({@code mpsc::sync_channel(2)}) holds at most two messages: a fast
 * producer cannot run ahead of a slow consumer, because {@code send} waits while the channel
 * is full, and {@code trySend} says so instead of waiting.
 */
public final class BoundedBackpressure implements Example {

    private static final int CAPACITY = 2;
    private static final int MESSAGES = 20;

    @Override
    public String name() {
        return "bounded-backpressure";
    }

    @Override
    public String description() {
        return "a bounded channel makes a fast producer wait for a slow consumer";
    }

    @Override
    public void run(PrintStream out) throws Exception {
        Channel<Integer> ch = Channel.bounded(CAPACITY);
        Sender<Integer> tx = ch.sender();
        Receiver<Integer> rx = ch.receiver();

        out.println("  trySend into an empty bounded(2): " + tx.trySend(-2) + ", " + tx.trySend(-1));
        out.println("  trySend when full: " + tx.trySend(0) + " (the caller keeps the message)");
        rx.drain(m -> { }, CAPACITY);

        AtomicInteger sent = new AtomicInteger(); // sends that have returned
        Thread producer = new Thread(() -> {
            try (tx) {
                for (int i = 0; i < MESSAGES; i++) {
                    tx.send(i); // waits while two messages are buffered
                    sent.incrementAndGet();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        producer.start();

        int received = 0;
        int maxAhead = 0;
        for (Integer m : rx) {
            long slowWork = 0;
            for (int i = 0; i < 200_000; i++) { // a slow consumer
                slowWork += i ^ m;
            }
            // Sends that returned minus messages taken: never more than the capacity
            // (+1 for the message this loop took but has not counted yet).
            maxAhead = Math.max(maxAhead, sent.get() - received);
            received++;
            if (slowWork == 42) {
                out.println("  (unlikely)");
            }
        }
        producer.join();
        out.println("  received " + received + " messages; the producer was at most " + maxAhead
                + " ahead of the consumer (capacity " + CAPACITY + " + the one in hand)");
        if (received != MESSAGES || maxAhead > CAPACITY + 1) {
            throw new IllegalStateException("backpressure did not hold: " + maxAhead);
        }
    }
}
