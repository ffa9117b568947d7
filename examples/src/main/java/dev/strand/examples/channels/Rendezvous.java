package dev.strand.examples.channels;

import dev.strand.channels.Channel;
import dev.strand.channels.Receiver;
import dev.strand.channels.Sender;
import dev.strand.examples.Example;
import java.io.PrintStream;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A rendezvous channel ({@code mpsc::sync_channel(0)}) has no buffer: {@code send} returns
 * only once the receiver has taken the message. Two of them make a ping-pong whose steps
 * strictly alternate.
 */
public final class Rendezvous implements Example {

    private static final int ROUNDS = 3;

    @Override
    public String name() {
        return "rendezvous";
    }

    @Override
    public String description() {
        return "rendezvous channels: each send waits for its taker, so ping and pong alternate";
    }

    @Override
    public void run(PrintStream out) throws Exception {
        Channel<Integer> pings = Channel.rendezvous();
        Channel<Integer> pongs = Channel.rendezvous();
        List<String> log = new CopyOnWriteArrayList<>();

        Thread ponger = new Thread(() -> {
            Sender<Integer> tx = pongs.sender();
            try (tx) {
                for (Integer ball : pings.receiver()) { // until the pinger closes its sender
                    log.add("pong " + ball);
                    tx.send(ball);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        ponger.start();

        Sender<Integer> ping = pings.sender();
        Receiver<Integer> back = pongs.receiver();
        try (ping) {
            for (int i = 1; i <= ROUNDS; i++) {
                log.add("ping " + i);
                ping.send(i); // returns once the ponger has taken it
                int ball = back.recv();
                log.add("back " + ball);
            }
        }
        ponger.join();
        log.forEach(line -> out.println("  " + line));
        for (int i = 0; i < ROUNDS; i++) {
            int n = i + 1;
            if (!log.subList(3 * i, 3 * i + 3).equals(List.of("ping " + n, "pong " + n, "back " + n))) {
                throw new IllegalStateException("steps did not alternate: " + log);
            }
        }
    }
}
