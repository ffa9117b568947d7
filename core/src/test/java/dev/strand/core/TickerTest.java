package dev.strand.core;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TickerTest {

    @Test
    void systemTickerIsSharedAndNeverGoesBack() {
        Ticker t = Ticker.system();
        assertThat(Ticker.system()).isSameAs(t);
        long a = t.nanoTime();
        long b = t.nanoTime();
        assertThat(b - a).isNotNegative();
    }

    @Test
    void aLambdaIsATicker() {
        Ticker fixed = () -> 42L;
        assertThat(fixed.nanoTime()).isEqualTo(42L);
    }
}
