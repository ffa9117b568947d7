package dev.strand.resilience;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class FallbackTest {

    @Test
    void shouldReturnThePrimaryResultWhenItSucceeds() {
        assertThat(Fallback.of(e -> "cached").call(() -> "fresh")).isEqualTo("fresh");
    }

    @Test
    void shouldReturnTheFallbackValueForAnyException() throws IOException {
        Fallback<String> fb = Fallback.of(e -> "cached:" + e.getMessage());
        assertThat(fb.<String, IOException>call(() -> {
            throw new IOException("down");
        })).isEqualTo("cached:down");
    }

    @Test
    void shouldHandleOnlyTheConfiguredTypesAndLetOthersPropagateWithTheirType() throws IOException {
        Fallback<String> fb = Fallback.<String>builder().handle(FileNotFoundException.class).to(e -> "secondary").build();
        assertThat(fb.<String, FileNotFoundException>call(() -> {
            throw new FileNotFoundException();
        })).isEqualTo("secondary");
        try {
            fb.call(() -> {
                throw new IOException("other");
            });
            throw new AssertionError("no exception");
        } catch (IOException expected) {
            assertThat(expected).hasMessage("other");
        }
    }

    @Test
    void shouldHandleWhatThePredicateAccepts() {
        Fallback<Integer> fb = Fallback.<Integer>builder().handleIf(e -> e instanceof ArithmeticException).to(e -> -1).build();
        assertThat(fb.<Integer, RuntimeException>call(() -> {
            throw new ArithmeticException("/ by zero");
        })).isEqualTo(-1);
        assertThatThrownBy(() -> fb.call(() -> {
            throw new IllegalStateException();
        })).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void shouldNeverHandleInterruptedExceptionAndRestoreTheFlag() {
        Fallback<String> fb = Fallback.of(e -> "cached");
        try {
            assertThatThrownBy(() -> fb.call(() -> {
                throw new InterruptedException();
            })).isInstanceOf(InterruptedException.class);
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
        } finally {
            Thread.interrupted();
        }
    }

    @Test
    void shouldNeverHandleErrors() {
        assertThatThrownBy(() -> Fallback.of(e -> "cached").call(() -> {
            throw new AssertionError("bug");
        })).isInstanceOf(AssertionError.class);
    }

    @Test
    void aFailingFallbackKeepsTheOriginalFailureAsSuppressed() {
        IOException primary = new IOException("primary");
        Throwable t = catchThrowable(() -> Fallback.<String>of(e -> {
            throw new IllegalStateException("secondary down");
        }).call(() -> {
            throw primary;
        }));
        assertThat(t).hasMessage("secondary down");
        assertThat(t.getSuppressed()).containsExactly(primary);
    }

    @Test
    void asyncShouldReplaceAHandledFailureAndPassOthers() {
        Fallback<String> fb = Fallback.<String>builder().handle(IOException.class).to(e -> "cached").build();
        assertThat(fb.callAsync(() -> CompletableFuture.completedFuture("fresh")).join()).isEqualTo("fresh");
        assertThat(fb.callAsync(() -> CompletableFuture.failedFuture(new IOException())).join()).isEqualTo("cached");
        assertThat(fb.callAsync(() -> {
            throw new java.io.UncheckedIOException(new IOException());
        }).isCompletedExceptionally()).isTrue();
        CompletableFuture<String> f = fb.callAsync(() -> CompletableFuture.failedFuture(new IllegalStateException("x")));
        assertThat(catchThrowable(f::join)).hasCauseInstanceOf(IllegalStateException.class);
        // A failure wrapped by a later stage is unwrapped before matching.
        CompletableFuture<String> wrapped = CompletableFuture.<String>failedFuture(new IOException()).thenApply(s -> s);
        assertThat(fb.callAsync(() -> wrapped).join()).isEqualTo("cached");
    }

    @Test
    void rejectsMissingArguments() {
        assertThatThrownBy(() -> Fallback.of(null)).hasMessageContaining("to");
        assertThatThrownBy(() -> Fallback.<String>builder().build()).isInstanceOf(IllegalStateException.class).hasMessageContaining("to");
        assertThatThrownBy(() -> Fallback.of(e -> "x").call(null)).hasMessageContaining("supplier");
    }
}
