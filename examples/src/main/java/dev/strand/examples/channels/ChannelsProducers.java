package dev.strand.examples.channels;

import dev.strand.channels.Channel;
import dev.strand.channels.Receiver;
import dev.strand.channels.Sender;
import dev.strand.examples.Example;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * The Rust original's multiple producers: five threads each get a clone of the sender, the original is
 * closed ({@code drop(tx)}), and the main thread iterates over the receiver until every clone
 * is closed ({@code for received in rx}).
 */
public final class ChannelsProducers implements Example {

    private static final int PRODUCERS = 5;

    @Override
    public String name() {
        return "channels-producers";
    }

    @Override
    public String description() {
        return "five producers with cloned senders; the receiver iterates until all are closed";
    }

    @Override
    public void run(PrintStream out) throws Exception {
        Channel<String> ch = Channel.unbounded();
        Sender<String> tx = ch.sender();
        Receiver<String> rx = ch.receiver();

        List<Thread> producers = new ArrayList<>();
        for (int i = 0; i < PRODUCERS; i++) {
            Sender<String> txClone = tx.clone();
            int id = i;
            Thread t = new Thread(() -> {
                try (txClone) {
                    txClone.send("Message " + id);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            producers.add(t);
            t.start();
        }
        tx.close(); // only the clones keep the channel open now

        int count = 0;
        for (String received : rx) { // ends when the last clone is closed and all is received
            out.println("  Received: " + received);
            count++;
        }
        for (Thread t : producers) {
            t.join();
        }
        out.println("  iteration ended: every sender closed, " + count + " messages received");
        if (count != PRODUCERS) {
            throw new IllegalStateException("expected " + PRODUCERS + " messages, got " + count);
        }
    }
}
