package dev.strand.net;

import static dev.strand.net.PatternFixtures.ANY;
import static dev.strand.net.PatternFixtures.CODEC;
import static dev.strand.net.PatternFixtures.local;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strand.channels.DisconnectedException;
import dev.strand.channels.Receiver;
import dev.strand.net.PatternFixtures.Job;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class PullerTest {

    @Test
    void shouldDeliverBufferedMessagesThenEndWhenThePusherCloses() throws Exception {
        Pusher pusher = Net.pusher(CODEC).bind(ANY);
        try (Puller puller = Net.puller(CODEC).connect(local(pusher.port()))) {
            List<CompletableFuture<Void>> futures = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                futures.add(pusher.push(new Job(i)));
            }
            CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);
            pusher.close();
            List<Integer> ids = new ArrayList<>();
            for (Job j : puller.receiver(Job.class)) { // iteration ends at the disconnect
                ids.add(j.id());
            }
            assertThat(ids).containsExactly(0, 1, 2);
            assertThatThrownBy(() -> puller.receiver(Job.class).recv()).isInstanceOf(DisconnectedException.class);
        }
        Fixtures.assertNoNetThreads();
    }

    @Test
    void shouldGrantMoreCreditAsTheReceiverTakesMessages() throws Exception {
        int n = 5000;
        try (Pusher pusher = Net.pusher(CODEC).bind(ANY);
             Puller puller = Net.puller(CODEC).window(8).connect(local(pusher.port()))) {
            List<CompletableFuture<Void>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                futures.add(pusher.push(new Job(i)));
            }
            Receiver<Job> rx = puller.receiver(Job.class);
            for (int i = 0; i < n; i++) {
                assertThat(rx.recv().id()).isEqualTo(i);
            }
            CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);
            assertThat(rx.tryRecv()).isNull();
        }
    }

    @Test
    void shouldFailToConnectWhereNoPusherListens() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        assertThatThrownBy(() -> Net.puller(CODEC).connect(local(port))).isInstanceOf(NetException.class);
        assertThatThrownBy(() -> Net.puller(CODEC).window(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("window");
        Fixtures.assertNoNetThreads();
    }

    @Test
    void shouldCloseThePullerWhenItsReceiverCloses() throws Exception {
        try (Pusher pusher = Net.pusher(CODEC).bind(ANY)) {
            Puller puller = Net.puller(CODEC).connect(local(pusher.port()));
            puller.receiver(Job.class).close();
            assertThat(puller.isConnected()).isFalse();
        }
        Fixtures.assertNoNetThreads();
    }
}
