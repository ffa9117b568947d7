package dev.strand.examples.channels;

import dev.strand.channels.Channel;
import dev.strand.channels.DisconnectedException;
import dev.strand.channels.Select;
import dev.strand.channels.Selected;
import dev.strand.channels.Sender;
import dev.strand.examples.Example;
import java.io.PrintStream;

/**
 * {@link Select} (Go's {@code select}, crossbeam's {@code select!}): one consumer takes from
 * whichever of two channels has a message, fairly, until both are disconnected.
 */
public final class SelectExample implements Example {

    @Override
    public String name() {
        return "select";
    }

    @Override
    public String description() {
        return "Select receives from whichever of two channels is ready until both disconnect";
    }

    @Override
    public void run(PrintStream out) throws Exception {
        Channel<Object> numbers = Channel.unbounded();
        Channel<Object> words = Channel.bounded(4);
        Thread a = producer(numbers.sender(), new Object[] {1, 2, 3, 4});
        Thread b = producer(words.sender(), new Object[] {"alpha", "beta", "gamma"});

        Select<Object> select = Select.of(numbers.receiver(), words.receiver());
        int fromNumbers = 0;
        int fromWords = 0;
        while (true) {
            Selected<Object> s;
            try {
                s = select.recv();
            } catch (DisconnectedException allDone) {
                out.println("  both channels disconnected");
                break;
            }
            boolean isNumber = s.receiver() == numbers.receiver();
            out.println("  " + (isNumber ? "numbers" : "words  ") + " -> " + s.message());
            if (isNumber) {
                fromNumbers++;
            } else {
                fromWords++;
            }
        }
        a.join();
        b.join();
        out.println("  " + fromNumbers + " numbers and " + fromWords + " words");
        if (fromNumbers != 4 || fromWords != 3) {
            throw new IllegalStateException("lost a message");
        }
    }

    private static Thread producer(Sender<Object> tx, Object[] items) {
        Thread t = new Thread(() -> {
            try (tx) {
                for (Object item : items) {
                    tx.send(item);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        t.start();
        return t;
    }
}
