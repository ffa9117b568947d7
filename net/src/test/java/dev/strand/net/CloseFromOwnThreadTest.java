package dev.strand.net;

import static dev.strand.net.PatternFixtures.ANY;
import static dev.strand.net.PatternFixtures.CODEC;
import static dev.strand.net.PatternFixtures.local;
import static org.assertj.core.api.Assertions.assertThat;

import dev.strand.net.PatternFixtures.Job;
import dev.strand.net.PatternFixtures.Tick;
import dev.strand.net.transport.EventLoops;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code close()} called on one of the endpoint's own threads (a handler, an I/O-thread
 * callback) returns without waiting for the caller itself. The close timeout is 10 s and every
 * test is bounded well below it, so a close that waited for its own thread fails here.
 */
@Timeout(8)
class CloseFromOwnThreadTest {

    @Test
    void shouldCloseASubscriberFromItsOwnHandler() throws Exception {
        try (Publisher pub = Net.publisher(CODEC).bind(ANY)) {
            Subscriber sub = Net.subscriber(CODEC).connect(local(pub.port()));
            CountDownLatch closed = new CountDownLatch(1);
            sub.subscribe("t", Tick.class, t -> {
                sub.close();
                closed.countDown();
            });
            pub.publish("t", new Tick("t", 1));
            closed.await();
            assertThat(sub.isConnected()).isFalse();
        }
    }

    @Test
    void shouldCloseAPusherFromAnIoThreadCallback() throws Exception {
        Pusher pusher = Net.pusher(CODEC).bind(ANY);
        CompletableFuture<Void> pushed = pusher.push(new Job(1)); // no puller yet: it waits
        AtomicReference<String> closer = new AtomicReference<>();
        CountDownLatch closed = new CountDownLatch(1);
        pushed.whenComplete((v, e) -> {
            closer.set(Thread.currentThread().getName());
            pusher.close();
            closed.countDown();
        });
        Puller puller = null;
        try {
            puller = Net.puller(CODEC).onError(e -> { }).connect(local(pusher.port()));
        } catch (NetException e) {
            // the pusher may close before it confirmed this puller: that is the close under test
        }
        closed.await();
        assertThat(closer.get()).startsWith(EventLoops.THREAD_PREFIX);
        if (puller != null) {
            puller.close();
        }
    }

    @Test
    void shouldCloseAChannelClientFromOneOfItsIoThreads() throws Exception {
        try (ChannelServer server = Net.channelServer(CODEC).bind(ANY)) {
            ChannelClient client = Net.channelClient(CODEC).connect(local(server.port()));
            dev.strand.channels.Receiver<Job> jobs = server.receiver("jobs", Job.class, 16);
            client.sender("jobs", Job.class).send(new Job(1));
            assertThat(jobs.recv()).isEqualTo(new Job(1));
            CountDownLatch closed = new CountDownLatch(1);
            // The shared client group runs this task: close from one of the client's own I/O threads.
            io.netty.channel.EventLoopGroup group = EventLoops.acquireClientGroup();
            try {
                group.next().execute(() -> {
                    client.close();
                    closed.countDown();
                });
                closed.await();
            } finally {
                EventLoops.releaseClientGroup(group, java.time.Duration.ofSeconds(5));
            }
        }
    }
}
