package dev.strand.net;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LatencyWindowTest {

    @Test
    void theInitialDelayHoldsUntilEnoughLatenciesAreKnown() {
        LatencyWindow w = new LatencyWindow(0.95, 40_000_000);
        for (int i = 0; i < LatencyWindow.EVERY - 1; i++) {
            w.record(1_000);
        }
        assertThat(w.nanos()).isEqualTo(40_000_000);
        w.record(1_000);
        assertThat(w.nanos()).isEqualTo(1_000);
    }

    @Test
    void theDelayIsThePercentileOfTheRecentLatencies() {
        LatencyWindow w = new LatencyWindow(0.95, 1);
        for (int i = 1; i <= LatencyWindow.SIZE; i++) {
            w.record(i); // 1 .. 1024
        }
        assertThat(w.nanos()).isEqualTo((long) Math.ceil(0.95 * LatencyWindow.SIZE));
    }

    @Test
    void oldLatenciesLeaveTheWindow() {
        LatencyWindow w = new LatencyWindow(0.5, 1);
        for (int i = 0; i < LatencyWindow.SIZE; i++) {
            w.record(1_000_000);
        }
        for (int i = 0; i < LatencyWindow.SIZE; i++) {
            w.record(10);
        }
        assertThat(w.nanos()).isEqualTo(10);
    }
}
