package dev.strand.channels;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Four producers, one consumer, every flavour: exact count, per-producer FIFO, no duplicates.
 * The CI size is {@value #CI_MESSAGES} messages per producer (system property
 * {@code strand.stress.messages} overrides it); the {@code stress-large} run sends 1 M each.
 */
class ChannelStressTest {

    static final int PRODUCERS = 4;
    static final int CI_MESSAGES = 100_000;

    static int messagesPerProducer() {
        return Integer.getInteger("strand.stress.messages", CI_MESSAGES);
    }

    static Supplier<Channel<Long>> flavour(String name) {
        switch (name) {
            case "unbounded":
                return Channel::unbounded;
            case "bounded":
                return () -> Channel.bounded(1024);
            case "bounded-small":
                return () -> Channel.bounded(3);
            case "rendezvous":
                return Channel::rendezvous;
            default:
                throw new IllegalArgumentException(name);
        }
    }

    @Tag("stress")
    @Timeout(60)
    @ParameterizedTest
    @ValueSource(strings = {"unbounded", "bounded", "bounded-small", "rendezvous"})
    void fourProducersOneConsumerLoseNothingAndKeepOrder(String flavour) throws Exception {
        int n = flavour.equals("rendezvous") || flavour.equals("bounded-small")
                ? Math.max(1, messagesPerProducer() / 4) : messagesPerProducer();
        run(flavour(flavour).get(), n, false);
    }

    @Tag("stress")
    @Timeout(60)
    @Test
    void drainingConsumerLosesNothingAndKeepsOrder() throws Exception {
        run(Channel.bounded(256), messagesPerProducer(), true);
    }

    @Tag("stress-large")
    @Timeout(600)
    @ParameterizedTest
    @ValueSource(strings = {"unbounded", "bounded", "rendezvous"})
    void fourProducersTimesOneMillion(String flavour) throws Exception {
        run(flavour(flavour).get(), 1_000_000, false);
    }

    /** Each message is (producer << 32 | sequence). */
    static void run(Channel<Long> ch, int n, boolean drain) throws Exception {
        List<Async<Void>> producers = new ArrayList<>();
        for (int p = 0; p < PRODUCERS; p++) {
            long id = (long) p << 32;
            Sender<Long> tx = ch.sender().clone();
            producers.add(Async.run(() -> {
                try (tx) {
                    for (int i = 0; i < n; i++) {
                        tx.send(id | i);
                    }
                }
            }));
        }
        ch.sender().close();
        int[] next = new int[PRODUCERS];
        long[] total = new long[1];
        Receiver<Long> rx = ch.receiver();
        java.util.function.Consumer<Long> check = m -> {
            int p = (int) (m >>> 32);
            int seq = (int) (long) m;
            if (seq != next[p]) {
                throw new AssertionError("producer " + p + ": expected " + next[p] + " but got " + seq);
            }
            next[p]++;
            total[0]++;
        };
        if (drain) {
            try {
                while (true) {
                    if (rx.drain(check, 64) == 0) {
                        Long m = rx.recv(); // block when empty; ends with DisconnectedException
                        check.accept(m);
                    }
                }
            } catch (DisconnectedException end) {
                // done
            }
        } else {
            for (Long m : rx) {
                check.accept(m);
            }
        }
        for (Async<Void> p : producers) {
            p.join();
        }
        assertThat(total[0]).isEqualTo((long) PRODUCERS * n);
        for (int p = 0; p < PRODUCERS; p++) {
            assertThat(next[p]).as("producer %d", p).isEqualTo(n);
        }
    }
}
