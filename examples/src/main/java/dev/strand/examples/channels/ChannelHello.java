package dev.strand.examples.channels;

import dev.strand.channels.Channel;
import dev.strand.channels.Receiver;
import dev.strand.channels.Sender;
import dev.strand.examples.Example;
import java.io.PrintStream;

/**
 * The Rust original's first channel: one producer thread sends a message, the main thread receives it
 * ({@code let (tx, rx) = mpsc::channel(); ... rx.recv()}).
 */
public final class ChannelHello implements Example {

    @Override
    public String name() {
        return "channel-hello";
    }

    @Override
    public String description() {
        return "one producer thread sends a message through a channel; main receives it";
    }

    @Override
    public void run(PrintStream out) throws Exception {
        Channel<String> ch = Channel.unbounded();
        Sender<String> tx = ch.sender();
        Receiver<String> rx = ch.receiver();

        Thread producer = new Thread(() -> {
            try (tx) { // the sender is moved into the thread and closed when it is done
                tx.send("Hello from the sender!");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        producer.start();

        String received = rx.recv(); // blocks until the message arrives
        out.println("  Received: " + received);
        producer.join();
    }
}
