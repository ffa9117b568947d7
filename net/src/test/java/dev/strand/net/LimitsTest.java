package dev.strand.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class LimitsTest {

    @Test
    void shouldHaveDefaultsSizedForRealUse() {
        Limits d = Limits.defaults();
        assertThat(d.maxConnections()).isEqualTo(10_000);
        assertThat(d.maxInFlightRequests()).isGreaterThanOrEqualTo(16_384);
        assertThat(d.maxQueuedBytes()).isGreaterThanOrEqualTo(4L << 20);
    }

    @Test
    void shouldKeepWhatTheBuilderSet() {
        Limits l = Limits.builder().maxConnections(3).maxInFlightRequests(4).maxQueuedBytes(5).build();
        assertThat(l.maxConnections()).isEqualTo(3);
        assertThat(l.maxInFlightRequests()).isEqualTo(4);
        assertThat(l.maxQueuedBytes()).isEqualTo(5);
        assertThat(l).hasToString("Limits[maxConnections=3, maxInFlightRequests=4, maxQueuedBytes=5]");
    }

    @Test
    void shouldRejectLimitsBelowOneNamingThem() {
        assertThatThrownBy(() -> Limits.builder().maxConnections(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("maxConnections");
        assertThatThrownBy(() -> Limits.builder().maxInFlightRequests(-1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("maxInFlightRequests");
        assertThatThrownBy(() -> Limits.builder().maxQueuedBytes(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("maxQueuedBytes");
    }
}
