package dev.strand.examples.net;

import dev.strand.channels.Receiver;
import dev.strand.examples.Example;
import dev.strand.net.Codec;
import dev.strand.net.JsonCodec;
import dev.strand.net.Net;
import dev.strand.net.Puller;
import dev.strand.net.Pusher;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Push-pull over TCP: a pusher spreads jobs round robin over two pullers; each puller reads
 * its share from a {@code channels} receiver. A puller takes only what it has room for, so a
 * busy one never hoards work.
 */
public final class PushPullExample implements Example {

    /** One unit of work. */
    public record Job(int id) {
    }

    @Override
    public String name() {
        return "push-pull";
    }

    @Override
    public String description() {
        return "a pusher spreads jobs round robin over pullers, each reading a channels Receiver";
    }

    @Override
    public void run(PrintStream out) throws Exception {
        Codec codec = JsonCodec.builder().register("job", Job.class).build();
        try (Pusher pusher = Net.pusher(codec).bind(new InetSocketAddress("127.0.0.1", 0));
             Puller one = Net.puller(codec).connect(new InetSocketAddress("127.0.0.1", pusher.port()));
             Puller two = Net.puller(codec).connect(new InetSocketAddress("127.0.0.1", pusher.port()))) {
            List<CompletableFuture<Void>> taken = new ArrayList<>();
            for (int i = 1; i <= 6; i++) {
                taken.add(pusher.push(new Job(i)));
            }
            CompletableFuture.allOf(taken.toArray(CompletableFuture[]::new)).join();
            out.println("6 jobs taken by the pullers' connections");
            Receiver<Job> r1 = one.receiver(Job.class);
            Receiver<Job> r2 = two.receiver(Job.class);
            for (int i = 0; i < 3; i++) {
                out.println("puller one works on " + r1.recv());
                out.println("puller two works on " + r2.recv());
            }
        }
    }
}
