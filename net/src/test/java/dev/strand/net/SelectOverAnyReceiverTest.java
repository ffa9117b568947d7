package dev.strand.net;

import static dev.strand.net.PatternFixtures.ANY;
import static dev.strand.net.PatternFixtures.CODEC;
import static dev.strand.net.PatternFixtures.local;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strand.channels.Channel;
import dev.strand.channels.DisconnectedException;
import dev.strand.channels.Receiver;
import dev.strand.channels.Select;
import dev.strand.channels.Selected;
import dev.strand.channels.Sender;
import dev.strand.net.PatternFixtures.Job;
import dev.strand.parallel.Pipeline;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@link Select} over a local channel, a remote channel and a pipeline's results together. */
@Timeout(60)
class SelectOverAnyReceiverTest {

    @Test
    void selectsOverALocalARemoteAndAPipelineReceiverUntilAllAreDone() throws Exception {
        Channel<Job> localCh = Channel.bounded(8);
        Channel<Job> pipelineIn = Channel.bounded(8);
        try (ChannelServer server = Net.channelServer(CODEC).bind(ANY);
             ChannelClient client = Net.channelClient(CODEC).connect(local(server.port()));
             Pipeline<Job, Job> pipeline = Pipeline.from(pipelineIn.receiver())
                     .stage("plus-1000", 1, j -> new Job(j.id() + 1000)).build()) {
            Receiver<Job> remote = server.receiver("jobs", Job.class, 4);
            Sender<Job> remoteTx = client.sender("jobs", Job.class);
            Receiver<Job> results = pipeline.results();
            Select<Job> select = Select.of(localCh.receiver(), remote, results);

            // Blocks until the remote message arrives: the select waits on a remote receiver.
            Thread remoteSend = new Thread(() -> {
                try {
                    remoteTx.send(new Job(2000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            remoteSend.start();
            Selected<Job> first = select.recv();
            remoteSend.join();
            assertThat(first.receiver()).isSameAs(remote);
            assertThat(first.message()).isEqualTo(new Job(2000));

            // Fairness: all three ready; each is served, none starved.
            Map<Receiver<?>, List<Integer>> got = new HashMap<>();
            Thread producers = new Thread(() -> {
                try (Sender<Job> a = localCh.sender(); Sender<Job> b = remoteTx; Sender<Job> c = pipelineIn.sender()) {
                    for (int i = 0; i < 100; i++) {
                        a.send(new Job(i));
                        b.send(new Job(2001 + i));
                        c.send(new Job(i));
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            producers.start();
            while (true) {
                Selected<Job> s;
                try {
                    s = select.recv();
                } catch (DisconnectedException allDone) {
                    break;
                }
                got.computeIfAbsent(s.receiver(), k -> new ArrayList<>()).add(s.message().id());
            }
            producers.join();
            assertThat(got.get(localCh.receiver())).hasSize(100).isSorted();
            assertThat(got.get(remote)).hasSize(100).isSorted().startsWith(2001);
            assertThat(got.get(results)).hasSize(100).startsWith(1000).endsWith(1099);
            assertThatThrownBy(select::tryRecv).isInstanceOf(DisconnectedException.class);
        }
        Fixtures.assertNoNetThreads();
    }

    @Test
    void aRemoteReceiverIsNotStarvedByALocalOneThatIsAlwaysReady() throws Exception {
        Channel<Job> busy = Channel.bounded(16);
        try (ChannelServer server = Net.channelServer(CODEC).bind(ANY);
             ChannelClient client = Net.channelClient(CODEC).connect(local(server.port()))) {
            Receiver<Job> remote = server.receiver("jobs", Job.class, 64);
            Sender<Job> remoteTx = client.sender("jobs", Job.class);
            Thread flood = new Thread(() -> { // keeps the local receiver ready until it closes
                try (Sender<Job> tx = busy.sender()) {
                    for (int i = 0;; i++) {
                        tx.send(new Job(i));
                    }
                } catch (dev.strand.channels.SendException | InterruptedException end) {
                    // the receiver closed: done
                }
            });
            flood.start();
            for (int i = 0; i < 50; i++) {
                remoteTx.send(new Job(-i));
            }
            Select<Job> select = Select.of(busy.receiver(), remote);
            int remoteServed = 0;
            while (remoteServed < 50) { // a starving select never ends (the @Timeout fails it)
                if (select.recv().receiver() == remote) {
                    remoteServed++;
                }
            }
            busy.receiver().close();
            flood.join();
            assertThat(remoteServed).isEqualTo(50);
        }
    }
}
