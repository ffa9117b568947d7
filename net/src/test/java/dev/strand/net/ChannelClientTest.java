package dev.strand.net;

import static dev.strand.net.PatternFixtures.ANY;
import static dev.strand.net.PatternFixtures.CODEC;
import static dev.strand.net.PatternFixtures.local;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strand.channels.Receiver;
import dev.strand.channels.SendException;
import dev.strand.channels.Sender;
import dev.strand.net.PatternFixtures.Job;
import dev.strand.net.PatternFixtures.Tick;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class ChannelClientTest {

    @Test
    void shouldRefuseASenderToAnUnknownReceiver() throws Exception {
        try (ChannelServer server = Net.channelServer(CODEC).bind(ANY);
             ChannelClient client = Net.channelClient(CODEC).connect(local(server.port()))) {
            assertThatThrownBy(() -> client.sender("nope", Job.class)).isInstanceOf(NetException.class)
                    .hasMessageContaining("no receiver named nope");
            assertThatThrownBy(() -> client.sender("nope", String.class))
                    .isInstanceOf(IllegalArgumentException.class);
        }
        Fixtures.assertNoNetThreads();
    }

    @Test
    void shouldFailABlockedSendWithItsMessageWhenTheConnectionIsLost() throws Exception {
        ChannelServer server = Net.channelServer(CODEC).bind(ANY);
        try (ChannelClient client = Net.channelClient(CODEC).onError((remote, e) -> { })
                .connect(local(server.port()))) {
            Receiver<Job> jobs = server.receiver("jobs", Job.class, 1);
            Sender<Job> tx = client.sender("jobs", Job.class);
            tx.send(new Job(1));
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
            server.close();
            Throwable t = blocked.get(10, TimeUnit.SECONDS);
            assertThat(t).isInstanceOf(SendException.class);
            assertThat(((SendException) t).getUndelivered()).isSameAs(waiting);
            assertThat(tx.isDisconnected()).isTrue();
            assertThat(client.isConnected()).isFalse();
            // The server-side receiver delivers what it held (job 1, unless the close beat it
            // on the wire: at most once), then ends.
            java.util.List<Integer> held = new java.util.ArrayList<>();
            for (Job j : jobs) {
                held.add(j.id());
            }
            assertThat(held).isSubsetOf(1);
        }
        Fixtures.assertNoNetThreads();
    }

    @Test
    void shouldRejectNullsAndSendsOnAClosedHandle() throws Exception {
        try (ChannelServer server = Net.channelServer(CODEC).bind(ANY);
             ChannelClient client = Net.channelClient(CODEC).connect(local(server.port()))) {
            server.receiver("ticks", Tick.class, 4);
            Sender<Tick> tx = client.sender("ticks", Tick.class);
            assertThatThrownBy(() -> tx.send(null)).isInstanceOf(NullPointerException.class);
            assertThatThrownBy(() -> tx.trySend(null)).isInstanceOf(NullPointerException.class);
            tx.close();
            assertThatThrownBy(() -> tx.send(new Tick("t", 1))).isInstanceOfSatisfying(SendException.class,
                    e -> assertThat(e.getUndelivered()).isEqualTo(new Tick("t", 1)));
        }
    }

    @Test
    void shouldLetAnInterruptEndASendBlockedOnAFullReceiver() throws Exception {
        try (ChannelServer server = Net.channelServer(CODEC).bind(ANY);
             ChannelClient client = Net.channelClient(CODEC).connect(local(server.port()))) {
            Receiver<Job> jobs = server.receiver("jobs", Job.class, 1);
            Sender<Job> tx = client.sender("jobs", Job.class);
            tx.send(new Job(1));
            CompletableFuture<Throwable> outcome = new CompletableFuture<>();
            Thread sender = new Thread(() -> {
                try {
                    tx.send(new Job(2));
                    outcome.complete(null);
                } catch (InterruptedException e) {
                    outcome.complete(e);
                }
            });
            sender.start();
            sender.interrupt();
            assertThat(outcome.get(10, TimeUnit.SECONDS)).isInstanceOf(InterruptedException.class);
            sender.join();
            // The credit was not consumed: after the receiver takes one, a send goes through.
            assertThat(jobs.recv(java.time.Duration.ofSeconds(10)).id()).isEqualTo(1);
            assertThat(tx.send(new Job(3), java.time.Duration.ofSeconds(10))).isTrue();
            assertThat(jobs.recv(java.time.Duration.ofSeconds(10)).id()).isEqualTo(3);
        }
    }
}
