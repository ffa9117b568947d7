package dev.strand.examples.net;

import dev.strand.channels.Receiver;
import dev.strand.channels.Sender;
import dev.strand.examples.Example;
import dev.strand.net.ChannelClient;
import dev.strand.net.ChannelServer;
import dev.strand.net.Codec;
import dev.strand.net.JsonCodec;
import dev.strand.net.Net;
import java.io.PrintStream;
import java.net.InetSocketAddress;

/**
 * A remote channel: a {@code channels} {@code Sender} on node A feeds a bounded
 * {@code Receiver} on node B. The receiver holds at most 2 jobs, so the sender is held back
 * through TCP until node B takes one; when the sender closes, node B's loop ends after the
 * last job, exactly as with a local channel.
 */
public final class RemoteChannelExample implements Example {

    /** One unit of work. */
    public record Job(int id, String what) {
    }

    @Override
    public String name() {
        return "remote-channel";
    }

    @Override
    public String description() {
        return "a channels Sender on node A feeds a bounded Receiver on node B, with backpressure over TCP";
    }

    @Override
    public void run(PrintStream out) throws Exception {
        Codec codec = JsonCodec.builder().register("job", Job.class).build();
        try (ChannelServer nodeB = Net.channelServer(codec).bind(new InetSocketAddress("127.0.0.1", 0))) {
            Receiver<Job> jobs = nodeB.receiver("jobs", Job.class, 2);
            Thread nodeA = new Thread(() -> {
                try (ChannelClient client = Net.channelClient(codec)
                        .connect(new InetSocketAddress("127.0.0.1", nodeB.port()));
                     Sender<Job> remote = client.sender("jobs", Job.class)) {
                    for (int i = 1; i <= 5; i++) {
                        remote.send(new Job(i, "resize image " + i)); // blocks while node B is full
                    }
                    out.println("node A: sent 5 jobs, closing its sender");
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "node-a");
            nodeA.start();
            for (Job job : jobs) { // ends once node A's sender closed and every job was taken
                out.println("node B: " + job);
            }
            nodeA.join();
            out.println("node B: channel disconnected, all jobs received");
        }
    }
}
