package dev.strand.core.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DurationsTest {

    @Test
    void convertsExactlyWhenTheTimeoutFits() {
        assertThat(Durations.toNanos(Duration.ofMillis(3), "t")).isEqualTo(3_000_000L);
        assertThat(Durations.toNanos(Duration.ofNanos(Long.MAX_VALUE), "t")).isEqualTo(Long.MAX_VALUE);
        assertThat(Durations.toNanos(Duration.ZERO, "t")).isZero();
    }

    @Test
    void saturatesALongerTimeoutInsteadOfThrowing() {
        assertThat(Durations.toNanos(Duration.ofNanos(Long.MAX_VALUE).plusNanos(1), "t")).isEqualTo(Long.MAX_VALUE);
        assertThat(Durations.toNanos(Duration.ofSeconds(Long.MAX_VALUE), "t")).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void countsANegativeTimeoutAsZero() {
        assertThat(Durations.toNanos(Duration.ofNanos(-1), "t")).isZero();
        assertThat(Durations.toNanos(Duration.ofSeconds(Long.MIN_VALUE), "t")).isZero();
    }

    @Test
    void namesTheParameterWhenNull() {
        assertThatNullPointerException().isThrownBy(() -> Durations.toNanos(null, "timeout")).withMessage("timeout");
    }
}
