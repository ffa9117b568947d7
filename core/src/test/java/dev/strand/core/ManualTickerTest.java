package dev.strand.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class ManualTickerTest {

    @Test
    void readsZeroUntilAdvanced() {
        ManualTicker t = new ManualTicker();
        assertThat(t.nanoTime()).isZero();
        assertThat(t.nanoTime()).isZero();
    }

    @Test
    void startsAtTheGivenReading() {
        assertThat(new ManualTicker(-5L).nanoTime()).isEqualTo(-5L);
        assertThat(new ManualTicker(1_000L).nanoTime()).isEqualTo(1_000L);
    }

    @Test
    void advanceMovesTimeForwardAndReturnsTheNewReading() {
        ManualTicker t = new ManualTicker(100L);
        assertThat(t.advance(Duration.ofSeconds(30))).isEqualTo(100L + 30_000_000_000L);
        assertThat(t.advanceNanos(5L)).isEqualTo(100L + 30_000_000_005L);
        assertThat(t.nanoTime()).isEqualTo(100L + 30_000_000_005L);
        assertThat(t.advance(Duration.ZERO)).isEqualTo(100L + 30_000_000_005L);
    }

    @Test
    void shouldRejectGoingBack() {
        ManualTicker t = new ManualTicker();
        assertThatIllegalArgumentException().isThrownBy(() -> t.advance(Duration.ofNanos(-1)))
                .withMessageContaining("duration");
        assertThatIllegalArgumentException().isThrownBy(() -> t.advanceNanos(-1))
                .withMessageContaining("nanosToAdd");
        assertThat(t.nanoTime()).isZero();
    }

    @Test
    void shouldRejectNullDuration() {
        assertThatNullPointerException().isThrownBy(() -> new ManualTicker().advance(null)).withMessage("duration");
    }

    @Test
    void isATicker() {
        Ticker t = new ManualTicker(7L);
        assertThat(t.nanoTime()).isEqualTo(7L);
        assertThat(t.toString()).contains("7");
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void concurrentAdvancesAreNeverLost() throws Exception {
        ManualTicker t = new ManualTicker();
        List<JoinHandle<Void>> hs = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            hs.add(Threads.spawn(() -> {
                for (int k = 0; k < 10_000; k++) {
                    t.advanceNanos(1);
                }
                return null;
            }));
        }
        for (JoinHandle<Void> h : hs) {
            h.join();
        }
        assertThat(t.nanoTime()).isEqualTo(40_000L);
    }
}
