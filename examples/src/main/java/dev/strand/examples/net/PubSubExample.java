package dev.strand.examples.net;

import dev.strand.examples.Example;
import dev.strand.net.Codec;
import dev.strand.net.JsonCodec;
import dev.strand.net.Net;
import dev.strand.net.Publisher;
import dev.strand.net.Subscriber;
import dev.strand.net.Subscription;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Publish-subscribe over TCP: a publisher fans price ticks out to two subscribers. A
 * subscription counts once {@code subscribe} returns (the publisher confirmed it), so no tick
 * published afterwards is missed.
 */
public final class PubSubExample implements Example {

    /** One price tick. */
    public record Tick(String symbol, int price) {
    }

    @Override
    public String name() {
        return "pub-sub";
    }

    @Override
    public String description() {
        return "a publisher fans ticks out to every subscriber of a topic over TCP";
    }

    @Override
    public void run(PrintStream out) throws Exception {
        Codec codec = JsonCodec.builder().register("tick", Tick.class).build();
        int ticks = 3;
        CountDownLatch received = new CountDownLatch(2 * ticks);
        try (Publisher publisher = Net.publisher(codec).bind(new InetSocketAddress("127.0.0.1", 0));
             Subscriber alice = Net.subscriber(codec).connect(new InetSocketAddress("127.0.0.1", publisher.port()));
             Subscriber bob = Net.subscriber(codec).connect(new InetSocketAddress("127.0.0.1", publisher.port()))) {
            Subscription a = alice.subscribe("prices", Tick.class, t -> {
                out.println("alice got " + t);
                received.countDown();
            });
            Subscription b = bob.subscribe("prices", Tick.class, t -> {
                out.println("bob   got " + t);
                received.countDown();
            });
            for (int i = 0; i < ticks; i++) {
                int reached = publisher.publish("prices", new Tick("ACME", 100 + i));
                out.println("published ACME " + (100 + i) + " to " + reached + " subscribers");
            }
            if (!received.await(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("ticks did not arrive");
            }
            a.close();
            b.close();
        }
        out.println("closed: publisher and subscribers");
    }
}
