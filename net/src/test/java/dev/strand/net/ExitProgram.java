package dev.strand.net;

import static dev.strand.net.PatternFixtures.ANY;
import static dev.strand.net.PatternFixtures.local;

import dev.strand.channels.Receiver;
import dev.strand.net.Fixtures.Greeting;
import dev.strand.net.Fixtures.Hello;
import dev.strand.net.PatternFixtures.Job;
import dev.strand.net.PatternFixtures.Tick;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * A program that opens one endpoint of every kind, uses each once and closes them all, then
 * prints every thread still alive that would hold the JVM (not a daemon) or that the JDK
 * started for a timeout ({@code CompletableFutureDelayScheduler}), and returns. Run by
 * {@link ExitTest} in a JVM of its own.
 */
final class ExitProgram {

    private ExitProgram() {
    }

    public static void main(String[] args) throws Exception {
        try (NetServer server = Fixtures.server(new ArrayList<>()).bind(ANY);
             Connection conn = Fixtures.client().connect(local(server.port()))) {
            conn.request(new Hello("exit"), Greeting.class, Duration.ofSeconds(5)).join();
        }
        try (Publisher pub = Net.publisher(PatternFixtures.CODEC).bind(ANY);
             Subscriber sub = Net.subscriber(PatternFixtures.CODEC).connect(local(pub.port()))) {
            CountDownLatch got = new CountDownLatch(1);
            sub.subscribe("t", Tick.class, t -> got.countDown());
            pub.publish("t", new Tick("t", 1));
            got.await();
        }
        try (Pusher push = Net.pusher(PatternFixtures.CODEC).bind(ANY);
             Puller pull = Net.puller(PatternFixtures.CODEC).connect(local(push.port()))) {
            push.push(new Job(1));
            pull.receiver(Job.class).recv();
        }
        try (ChannelServer server = Net.channelServer(PatternFixtures.CODEC).bind(ANY);
             ChannelClient client = Net.channelClient(PatternFixtures.CODEC).connect(local(server.port()))) {
            Receiver<Job> jobs = server.receiver("jobs", Job.class, 16);
            client.sender("jobs", Job.class).send(new Job(1));
            jobs.recv();
        }
        List<String> left = new ArrayList<>();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            // Netty's globalEventExecutor is not ours: it ends by itself after one idle second.
            boolean ours = !t.getName().startsWith("globalEventExecutor");
            if (t != Thread.currentThread() && t.isAlive()
                    && (ours && !t.isDaemon() || t.getName().contains("CompletableFutureDelayScheduler"))) {
                left.add(t.getName());
            }
        }
        System.out.println("left=" + left);
    }
}
