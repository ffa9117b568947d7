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
        assertThat(d.maxPartialFrameBytes()).isEqualTo(64L << 20);
        assertThat(d.partialFrameTimeout()).isEqualTo(java.time.Duration.ofSeconds(5));
    }

    @Test
    void shouldKeepThePartialFrameLimitsAndRejectBadOnesNamingThem() {
        Limits l = Limits.builder().maxPartialFrameBytes(7).partialFrameTimeout(java.time.Duration.ofMillis(8)).build();
        assertThat(l.maxPartialFrameBytes()).isEqualTo(7);
        assertThat(l.partialFrameTimeout()).isEqualTo(java.time.Duration.ofMillis(8));
        assertThatThrownBy(() -> Limits.builder().maxPartialFrameBytes(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("maxPartialFrameBytes");
        assertThatThrownBy(() -> Limits.builder().partialFrameTimeout(java.time.Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("partialFrameTimeout");
        assertThatThrownBy(() -> Limits.builder().partialFrameTimeout(null)).isInstanceOf(NullPointerException.class)
                .hasMessageContaining("partialFrameTimeout");
    }

    @Test
    void shouldKeepWhatTheBuilderSet() {
        Limits l = Limits.builder().maxConnections(3).maxInFlightRequests(4).maxQueuedBytes(5).build();
        assertThat(l.maxConnections()).isEqualTo(3);
        assertThat(l.maxInFlightRequests()).isEqualTo(4);
        assertThat(l.maxQueuedBytes()).isEqualTo(5);
        assertThat(l).hasToString("Limits[maxConnections=3, maxInFlightRequests=4, maxQueuedBytes=5,"
                + " maxPartialFrameBytes=67108864, partialFrameTimeout=PT5S, maxHandlersPerConnection=0]");
    }

    @Test
    void shouldKeepTheHandlerShareAutomaticByDefaultAndRejectANegativeOneNamingIt() {
        assertThat(Limits.defaults().maxHandlersPerConnection()).isZero();
        assertThat(Limits.builder().maxHandlersPerConnection(3).build().maxHandlersPerConnection()).isEqualTo(3);
        assertThatThrownBy(() -> Limits.builder().maxHandlersPerConnection(-1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxHandlersPerConnection");
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
