package dev.strand.net;

import static dev.strand.net.PatternFixtures.ANY;
import static dev.strand.net.PatternFixtures.CODEC;
import static dev.strand.net.PatternFixtures.local;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strand.channels.DisconnectedException;
import dev.strand.channels.Receiver;
import dev.strand.channels.SendException;
import dev.strand.channels.Sender;
import dev.strand.net.PatternFixtures.Job;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class ChannelServerTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @Test
    void shouldDeliverInFifoOrderThroughASmallBoundedReceiver() throws Exception {
        int n = 5000;
        try (ChannelServer server = Net.channelServer(CODEC).bind(ANY);
             ChannelClient client = Net.channelClient(CODEC).connect(local(server.port()))) {
            Receiver<Job> jobs = server.receiver("jobs", Job.class, 16);
            Sender<Job> tx = client.sender("jobs", Job.class);
            Thread producer = new Thread(() -> {
                try {
                    for (int i = 0; i < n; i++) {
                        tx.send(new Job(i));
                    }
                    tx.close();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            producer.start();
            List<Integer> got = new ArrayList<>();
            for (Job j : jobs) { // ends when the last sender closed and all was taken
                got.add(j.id());
            }
            producer.join();
            assertThat(got).hasSize(n);
            for (int i = 0; i < n; i++) {
                assertThat(got.get(i)).isEqualTo(i);
            }
        }
        Fixtures.assertNoNetThreads();
    }

    @Test
    void shouldPushBackThroughTcpFromAFullReceiver() throws Exception {
        BlockingQueue<Object> undelivered = new LinkedBlockingQueue<>();
        try (ChannelServer server = Net.channelServer(CODEC).onUndelivered(undelivered::add).bind(ANY);
             ChannelClient client = Net.channelClient(CODEC).connect(local(server.port()))) {
            Receiver<Job> jobs = server.receiver("jobs", Job.class, 4);
            Sender<Job> tx = client.sender("jobs", Job.class);
            for (int i = 0; i < 4; i++) {
                assertThat(tx.send(new Job(i), WAIT)).isTrue();
            }
            // The receiver holds 4 and nobody takes: no credit, so the sender is refused.
            assertThat(tx.trySend(new Job(4))).isFalse();
            assertThat(tx.send(new Job(4), Duration.ofMillis(50))).isFalse();

            CompletableFuture<Void> blocked = CompletableFuture.runAsync(() -> {
                try {
                    tx.send(new Job(4));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            assertThat(jobs.recv(WAIT).id()).isEqualTo(0); // frees a slot: the blocked send goes on
            blocked.get(10, TimeUnit.SECONDS);
            List<Integer> rest = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                rest.add(jobs.recv(WAIT).id());
            }
            assertThat(rest).containsExactly(1, 2, 3, 4);
            assertThat(jobs.tryRecv()).isNull();
            assertThat(undelivered).isEmpty();
        }
    }

    @Test
    void shouldDisconnectTheReceiverOnceDrainedWhenTheLastRemoteSenderCloses() throws Exception {
        try (ChannelServer server = Net.channelServer(CODEC).bind(ANY);
             ChannelClient client = Net.channelClient(CODEC).connect(local(server.port()))) {
            Receiver<Job> jobs = server.receiver("jobs", Job.class, 10);
            Sender<Job> a = client.sender("jobs", Job.class);
            Sender<Job> b = a.clone();
            a.send(new Job(1));
            b.send(new Job(2));
            a.close();
            a.close(); // idempotent
            assertThatThrownBy(a::clone).isInstanceOf(IllegalStateException.class);
            b.send(new Job(3));
            assertThat(jobs.recv(WAIT).id()).isEqualTo(1);
            b.close();
            List<Integer> rest = new ArrayList<>();
            rest.add(jobs.recv(WAIT).id());
            rest.add(jobs.recv(WAIT).id());
            assertThat(rest).containsExactly(2, 3);
            assertThatThrownBy(jobs::recv).isInstanceOf(DisconnectedException.class);
            // A disconnected receiver refuses new links.
            assertThatThrownBy(() -> client.sender("jobs", Job.class)).isInstanceOf(NetException.class);
        }
    }

    @Test
    void shouldFailSendsWithTheirMessageOnceTheReceiverClosed() throws Exception {
        BlockingQueue<Object> undelivered = new LinkedBlockingQueue<>();
        try (ChannelServer server = Net.channelServer(CODEC).onUndelivered(undelivered::add).bind(ANY);
             ChannelClient client = Net.channelClient(CODEC).connect(local(server.port()))) {
            Receiver<Job> jobs = server.receiver("jobs", Job.class, 1);
            Sender<Job> tx = client.sender("jobs", Job.class);
            Job buffered = new Job(1);
            tx.send(buffered); // fills the receiver
            Job waiting = new Job(2);
            CompletableFuture<Throwable> blocked = CompletableFuture.supplyAsync(() -> {
                try {
                    tx.send(waiting);
                    return null;
                } catch (SendException e) {
                    return e;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return e;
                }
            });
            jobs.close();
            Throwable t = blocked.get(10, TimeUnit.SECONDS);
            assertThat(t).isInstanceOf(SendException.class);
            assertThat(((SendException) t).getUndelivered()).isSameAs(waiting);
            assertThat(tx.isDisconnected()).isTrue();
            Job later = new Job(3);
            assertThatThrownBy(() -> tx.send(later)).isInstanceOf(SendException.class)
                    .satisfies(e -> assertThat(((SendException) e).getUndelivered()).isSameAs(later));
            assertThatThrownBy(() -> tx.trySend(later)).isInstanceOf(SendException.class);
            // The message the receiver held when it closed went to onUndelivered, not nowhere. The
            // client's send returned once it had credit, so the frame may still be on the wire
            // when the close reaches the client: await it rather than read the list at once.
            assertThat(undelivered.poll(10, TimeUnit.SECONDS)).isEqualTo(buffered); // decoded on the server
            assertThat(undelivered).isEmpty();
        }
    }

    @Test
    void shouldShareTheCapacityBetweenSendersOfSeveralClients() throws Exception {
        try (ChannelServer server = Net.channelServer(CODEC).bind(ANY);
             ChannelClient c1 = Net.channelClient(CODEC).connect(local(server.port()));
             ChannelClient c2 = Net.channelClient(CODEC).connect(local(server.port()))) {
            Receiver<Job> jobs = server.receiver("jobs", Job.class, 2);
            Sender<Job> a = c1.sender("jobs", Job.class);
            Sender<Job> b = c2.sender("jobs", Job.class);
            int n = 500;
            CompletableFuture<Void> fa = CompletableFuture.runAsync(() -> sendRange(a, 0, n));
            CompletableFuture<Void> fb = CompletableFuture.runAsync(() -> sendRange(b, n, 2 * n));
            List<Integer> got = new ArrayList<>();
            for (Job j : jobs) {
                got.add(j.id());
            }
            fa.get(10, TimeUnit.SECONDS);
            fb.get(10, TimeUnit.SECONDS);
            assertThat(got).hasSize(2 * n).doesNotHaveDuplicates();
            // FIFO per sender
            assertThat(got.stream().filter(i -> i < n).toList()).isSorted();
            assertThat(got.stream().filter(i -> i >= n).toList()).isSorted();
        }
    }

    private static void sendRange(Sender<Job> tx, int from, int to) {
        try (tx) {
            for (int i = from; i < to; i++) {
                tx.send(new Job(i));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void shouldRefuseADuplicateNameAndBadArguments() {
        try (ChannelServer server = Net.channelServer(CODEC).bind(ANY)) {
            server.receiver("jobs", Job.class, 1);
            assertThatThrownBy(() -> server.receiver("jobs", Job.class, 1)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("name");
            assertThatThrownBy(() -> server.receiver("x", Job.class, 0)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("capacity");
            assertThatThrownBy(() -> server.receiver(null, Job.class, 1)).isInstanceOf(NullPointerException.class);
        }
        Fixtures.assertNoNetThreads();
    }

    @Test
    void shouldDisconnectTheReceiverWhenTheClientConnectionDrops() throws Exception {
        try (ChannelServer server = Net.channelServer(CODEC).bind(ANY)) {
            Receiver<Job> jobs = server.receiver("jobs", Job.class, 8);
            ChannelClient client = Net.channelClient(CODEC).connect(local(server.port()));
            Sender<Job> tx = client.sender("jobs", Job.class);
            tx.send(new Job(1));
            client.close(); // closes its senders after what they sent
            assertThat(jobs.recv(WAIT).id()).isEqualTo(1);
            assertThatThrownBy(() -> jobs.recv(WAIT)).isInstanceOf(DisconnectedException.class);
        }
        Fixtures.assertNoNetThreads();
    }
}
