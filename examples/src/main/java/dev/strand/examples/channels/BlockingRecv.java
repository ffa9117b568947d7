package dev.strand.examples.channels;

import dev.strand.channels.Channel;
import dev.strand.channels.DisconnectedException;
import dev.strand.channels.Receiver;
import dev.strand.channels.Sender;
import dev.strand.examples.Example;
import java.io.PrintStream;
import java.time.Duration;

/**
 * The Rust original's "handling errors and blocking": the receiver blocks in {@code recv} until a
 * producer that is busy computing sends its result; once the producer is gone, {@code recv}
 * reports the disconnect instead of blocking forever ({@code Err(_) => "No message received"}).
 */
public final class BlockingRecv implements Example {

    @Override
    public String name() {
        return "blocking-recv";
    }

    @Override
    public String description() {
        return "recv blocks for a delayed message, then reports the disconnect";
    }

    @Override
    public void run(PrintStream out) throws Exception {
        Channel<String> ch = Channel.unbounded();
        Sender<String> tx = ch.sender();
        Receiver<String> rx = ch.receiver();
        Channel<Boolean> go = Channel.rendezvous(); // tells the producer when to start

        Thread producer = new Thread(() -> {
            try (tx) {
                go.receiver().recv();
                long sum = 0;
                for (int i = 1; i <= 5_000_000; i++) { // some work before the message is ready
                    sum += i % 7;
                }
                tx.send("Delayed message (computed " + sum + ")");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        producer.start();

        out.println("  nothing yet, waiting at most 1 ms: " + rx.recv(Duration.ofMillis(1)));
        go.sender().send(true);
        print(out, rx); // blocks until the message arrives
        print(out, rx); // the producer closed its sender: disconnected, not blocked
        producer.join();
    }

    private static void print(PrintStream out, Receiver<String> rx) throws InterruptedException {
        try {
            out.println("  Received: " + rx.recv());
        } catch (DisconnectedException e) {
            out.println("  No message received: " + e.getMessage());
        }
    }
}
