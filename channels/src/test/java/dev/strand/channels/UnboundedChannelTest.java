package dev.strand.channels;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The channel contract over {@link Channel#unbounded()}, plus unbounded-only behaviour. */
class UnboundedChannelTest extends BufferedChannelContractTest {

    @Override
    <T> Channel.Builder<T> flavour(Channel.Builder<T> builder) {
        return builder.unbounded();
    }

    @Test
    void sendNeverWaitsWhateverTheBacklog() throws Exception {
        Channel<Integer> ch = Channel.unbounded();
        for (int i = 0; i < 10_000; i++) {
            assertThat(ch.sender().trySend(i)).isTrue();
        }
        ch.sender().send(10_000);
        assertThat(ch.sender().send(10_001, Duration.ZERO)).isTrue();
        List<Integer> got = new ArrayList<>();
        assertThat(ch.receiver().drain(got::add, Integer.MAX_VALUE)).isEqualTo(10_002);
        assertThat(got).isEqualTo(range(0, 10_002));
    }

    @Test
    void sendNeverThrowsInterruptedExceptionBecauseItNeverWaits() throws Exception {
        Channel<String> ch = Channel.unbounded();
        Thread.currentThread().interrupt();
        try {
            ch.sender().send("x");
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
        } finally {
            Thread.interrupted();
        }
        assertThat(ch.receiver().tryRecv()).isEqualTo("x");
    }
}
