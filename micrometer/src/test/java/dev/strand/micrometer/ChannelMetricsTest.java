package dev.strand.micrometer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strand.channels.Channel;
import dev.strand.channels.Receiver;
import dev.strand.channels.Sender;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class ChannelMetricsTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    private double sent() {
        return registry.get("strand.channel.sent").tags("name", "jobs").counter().count();
    }

    private double received() {
        return registry.get("strand.channel.received").tags("name", "jobs").counter().count();
    }

    private double depth() {
        return registry.get("strand.channel.depth").tags("name", "jobs").gauge().value();
    }

    @Test
    @Timeout(10)
    void countsEveryMessageSentAndTakenOnceAndTheDepthBetween() throws InterruptedException {
        Channel<Integer> ch = Channel.bounded(2);
        Sender<Integer> tx = ChannelMetrics.monitor(registry, "jobs", ch.sender());
        Receiver<Integer> rx = ChannelMetrics.monitor(registry, "jobs", ch.receiver());
        Sender<Integer> tx2 = tx.clone();

        tx.send(1);
        assertThat(tx2.trySend(2)).isTrue();
        assertThat(tx.trySend(3)).as("full: not sent, not counted").isFalse();
        assertThat(tx.send(3, Duration.ZERO)).isFalse();
        assertThat(sent()).isEqualTo(2);
        assertThat(depth()).isEqualTo(2);

        assertThat(rx.recv()).isEqualTo(1);
        assertThat(rx.tryRecv()).isEqualTo(2);
        assertThat(rx.tryRecv()).as("empty: nothing counted").isNull();
        assertThat(received()).isEqualTo(2);
        assertThat(depth()).isZero();

        tx.send(3);
        tx2.send(4);
        List<Integer> drained = new ArrayList<>();
        assertThat(rx.drain(drained::add, 10)).isEqualTo(2);
        assertThat(received()).isEqualTo(4);

        tx.send(5);
        tx.close();
        tx2.send(6);
        tx2.close();
        assertThat(rx.stream().collect(Collectors.toList())).containsExactly(5, 6);
        assertThat(sent()).isEqualTo(6);
        assertThat(received()).isEqualTo(6);
        assertThat(depth()).isZero();
    }

    @Test
    @Timeout(10)
    void theIteratorCountsWhatItReturns() throws InterruptedException {
        Channel<String> ch = Channel.unbounded();
        Sender<String> tx = ChannelMetrics.monitor(registry, "jobs", ch.sender());
        Receiver<String> rx = ChannelMetrics.monitor(registry, "jobs", ch.receiver());
        tx.send("a");
        tx.send("b");
        tx.close();
        List<String> got = new ArrayList<>();
        for (String s : rx) {
            got.add(s);
        }
        assertThat(got).containsExactly("a", "b");
        assertThat(received()).isEqualTo(2);
        assertThat(tx.isDisconnected()).isFalse();
    }
}
