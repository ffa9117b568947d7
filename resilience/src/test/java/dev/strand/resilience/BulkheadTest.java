package dev.strand.resilience;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class BulkheadTest {

    private final ScheduledThreadPoolExecutor scheduler = new ScheduledThreadPoolExecutor(1);

    @AfterEach
    void stop() {
        scheduler.shutdownNow();
    }

    @Test
    void shouldRefuseACallBeyondTheLimitWithoutMakingIt() {
        Bulkhead bh = Bulkhead.of(1);
        int[] inner = {0};
        Throwable t = catchThrowable(() -> bh.call(() -> bh.call(() -> inner[0]++)));
        assertThat(t).isInstanceOf(BulkheadFullException.class);
        assertThat(inner[0]).isZero();
        assertThat(bh.concurrentCalls()).isZero(); // released after the failed outer call
        assertThat(bh.call(() -> "again")).isEqualTo("again");
    }

    @Test
    void asyncPermitsAreHeldUntilTheStageCompletes() {
        Bulkhead bh = Bulkhead.of(2);
        CompletableFuture<String> a = new CompletableFuture<>();
        CompletableFuture<String> b = new CompletableFuture<>();
        CompletableFuture<String> fa = bh.callAsync(() -> a, scheduler);
        bh.callAsync(() -> b, scheduler);
        assertThat(bh.concurrentCalls()).isEqualTo(2);
        CompletableFuture<String> refused = bh.callAsync(() -> CompletableFuture.completedFuture("no"), scheduler);
        assertThat(catchThrowable(refused::join)).hasCauseInstanceOf(BulkheadFullException.class);
        a.complete("a");
        assertThat(fa.join()).isEqualTo("a");
        assertThat(bh.concurrentCalls()).isEqualTo(1);
        assertThat(bh.callAsync(() -> CompletableFuture.completedFuture("yes"), scheduler).join()).isEqualTo("yes");
    }

    @Test
    void asyncReleasesThePermitWhenTheSupplierThrows() {
        Bulkhead bh = Bulkhead.of(1);
        CompletableFuture<String> f = bh.callAsync(() -> {
            throw new IllegalStateException();
        }, scheduler);
        assertThat(f).isCompletedExceptionally();
        assertThat(bh.concurrentCalls()).isZero();
    }

    @Test
    void rejectsANonPositiveLimit() {
        assertThatThrownBy(() -> Bulkhead.of(0)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxConcurrentCalls");
        assertThat(Bulkhead.of(3).maxConcurrentCalls()).isEqualTo(3);
    }
}
