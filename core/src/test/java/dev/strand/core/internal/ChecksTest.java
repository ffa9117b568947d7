package dev.strand.core.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ChecksTest {

    @Test
    void returnsAcceptedArguments() {
        assertThat(Checks.positive(1L, "n")).isEqualTo(1L);
        assertThat(Checks.positive(1, "n")).isEqualTo(1);
        assertThat(Checks.nonNegative(0L, "n")).isZero();
        assertThat(Checks.nonNegative(0, "n")).isZero();
        assertThat(Checks.inRange(5L, 5L, 5L, "n")).isEqualTo(5L);
        assertThat(Checks.inRange(7, 1, 9, "n")).isEqualTo(7);
        assertThat(Checks.positive(Duration.ofNanos(1), "d")).isEqualTo(Duration.ofNanos(1));
        assertThat(Checks.nonNegative(Duration.ZERO, "d")).isEqualTo(Duration.ZERO);
    }

    @Test
    void rejectsWithOneWordingNamingTheParameterAndValue() {
        assertThatIllegalArgumentException().isThrownBy(() -> Checks.positive(0L, "capacity"))
                .withMessage("capacity must be positive, was 0");
        assertThatIllegalArgumentException().isThrownBy(() -> Checks.positive(-2, "capacity"))
                .withMessage("capacity must be positive, was -2");
        assertThatIllegalArgumentException().isThrownBy(() -> Checks.nonNegative(-1L, "size"))
                .withMessage("size must not be negative, was -1");
        assertThatIllegalArgumentException().isThrownBy(() -> Checks.nonNegative(-1, "size"))
                .withMessage("size must not be negative, was -1");
        assertThatIllegalArgumentException().isThrownBy(() -> Checks.inRange(10L, 0L, 9L, "rate"))
                .withMessage("rate must be between 0 and 9, was 10");
        assertThatIllegalArgumentException().isThrownBy(() -> Checks.inRange(-1, 0, 9, "rate"))
                .withMessage("rate must be between 0 and 9, was -1");
        assertThatIllegalArgumentException().isThrownBy(() -> Checks.positive(Duration.ZERO, "window"))
                .withMessage("window must be positive, was PT0S");
        assertThatIllegalArgumentException().isThrownBy(() -> Checks.nonNegative(Duration.ofMillis(-1), "delay"))
                .withMessage("delay must not be negative, was PT-0.001S");
    }

    @Test
    void durationChecksNameTheParameterWhenNull() {
        assertThatNullPointerException().isThrownBy(() -> Checks.positive((Duration) null, "window")).withMessage("window");
        assertThatNullPointerException().isThrownBy(() -> Checks.nonNegative((Duration) null, "delay")).withMessage("delay");
    }
}
