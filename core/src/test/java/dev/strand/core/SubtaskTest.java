package dev.strand.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class SubtaskTest {

    @Test
    void stateMovesFromRunningToSucceeded() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        try (Scope scope = Scope.open()) {
            Subtask<String> s = scope.spawn(() -> {
                release.await();
                return "v";
            });
            assertThat(s.state()).isEqualTo(Subtask.State.RUNNING);
            assertThat(s.toString()).contains("RUNNING");
            assertThatIllegalStateException().isThrownBy(s::exception).withMessageContaining("RUNNING");
            release.countDown();
            scope.join();
            assertThat(s.state()).isEqualTo(Subtask.State.SUCCEEDED);
            assertThatIllegalStateException().isThrownBy(s::exception).withMessageContaining("SUCCEEDED");
            Supplier<String> asSupplier = s;
            assertThat(asSupplier.get()).isEqualTo("v");
        }
    }

    @Test
    void aFailedSubtaskHasNoResultButKeepsItsException() throws Exception {
        IOException boom = new IOException();
        try (Scope scope = Scope.open()) {
            Subtask<Object> s = scope.spawn(() -> {
                throw boom;
            });
            assertThatThrownBy(scope::join).isInstanceOf(PanicException.class);
            assertThat(s.state()).isEqualTo(Subtask.State.FAILED);
            assertThat(s.exception()).isSameAs(boom);
            assertThatIllegalStateException().isThrownBy(s::get).withMessageContaining("FAILED")
                    .withCause(boom);
        }
    }

    @Test
    void aNullResultIsAResult() throws Exception {
        try (Scope scope = Scope.open()) {
            Subtask<Object> s = scope.spawn(() -> null);
            scope.join();
            assertThat(s.get()).isNull();
            assertThat(s.state()).isEqualTo(Subtask.State.SUCCEEDED);
        }
    }
}
