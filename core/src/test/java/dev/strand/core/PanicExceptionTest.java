package dev.strand.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import java.io.IOException;
import org.junit.jupiter.api.Test;

class PanicExceptionTest {

    @Test
    void causeIsExactlyTheGivenThrowable() {
        IOException cause = new IOException("disk");
        PanicException e = new PanicException(cause);
        assertThat(e.getCause()).isSameAs(cause);
        assertThat(e).isInstanceOf(RuntimeException.class).hasMessageContaining("disk");
    }

    @Test
    void keepsItsOwnMessage() {
        Error cause = new AssertionError("x");
        PanicException e = new PanicException("worker 3 failed", cause);
        assertThat(e).hasMessage("worker 3 failed");
        assertThat(e.getCause()).isSameAs(cause);
    }

    @Test
    void shouldRejectNullCause() {
        assertThatNullPointerException().isThrownBy(() -> new PanicException(null)).withMessage("cause");
        assertThatNullPointerException().isThrownBy(() -> new PanicException("m", null)).withMessage("cause");
    }
}
