package dev.strand.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ThreadsTest {

    @Test
    void spawnRunsTheTaskOnANewNumberedThread() throws Exception {
        JoinHandle<Thread> h = Threads.spawn(Thread::currentThread);
        Thread ran = h.join();
        assertThat(ran).isNotSameAs(Thread.currentThread()).isSameAs(h.thread());
        assertThat(ran.getName()).matches("strand-\\d+");
    }

    @Test
    void spawnWithNameNamesTheThread() throws Exception {
        assertThat(Threads.spawn("worker-1", () -> Thread.currentThread().getName()).join()).isEqualTo("worker-1");
    }

    @Test
    void builderNamesEveryThreadTheSame() throws Exception {
        Threads.Builder b = Threads.builder().name("io");
        assertThat(b.spawn(() -> Thread.currentThread().getName()).join()).isEqualTo("io");
        assertThat(b.spawn(() -> Thread.currentThread().getName()).join()).isEqualTo("io");
    }

    @Test
    void builderNumbersThreadsFromStart() throws Exception {
        Threads.Builder b = Threads.builder().name("io-", 1);
        assertThat(b.spawn(() -> Thread.currentThread().getName()).join()).isEqualTo("io-1");
        assertThat(b.spawn(() -> Thread.currentThread().getName()).join()).isEqualTo("io-2");
    }

    @Test
    void builderSetsDaemonStatus() throws Exception {
        assertThat(Threads.builder().daemon(true).spawn(() -> Thread.currentThread().isDaemon()).join()).isTrue();
        assertThat(Threads.builder().daemon(false).spawn(() -> Thread.currentThread().isDaemon()).join()).isFalse();
    }

    @Test
    void daemonStatusIsInheritedWhenUnset() throws Exception {
        JoinHandle<Boolean> fromDaemon = Threads.builder().daemon(true)
                .spawn(() -> Threads.spawn(() -> Thread.currentThread().isDaemon()).join());
        assertThat(fromDaemon.join()).isTrue();
        JoinHandle<Boolean> fromUser = Threads.builder().daemon(false)
                .spawn(() -> Threads.spawn(() -> Thread.currentThread().isDaemon()).join());
        assertThat(fromUser.join()).isFalse();
    }

    @Test
    void shouldRejectNullsAndNegativeStart() {
        assertThatNullPointerException().isThrownBy(() -> Threads.spawn(null)).withMessage("task");
        assertThatNullPointerException().isThrownBy(() -> Threads.spawn(null, () -> 1)).withMessage("name");
        assertThatNullPointerException().isThrownBy(() -> Threads.spawn("n", null)).withMessage("task");
        assertThatNullPointerException().isThrownBy(() -> Threads.builder().name(null)).withMessage("name");
        assertThatNullPointerException().isThrownBy(() -> Threads.builder().name(null, 1)).withMessage("prefix");
        assertThatNullPointerException().isThrownBy(() -> Threads.builder().uncaughtExceptionHandler(null))
                .withMessage("handler");
        assertThatIllegalArgumentException().isThrownBy(() -> Threads.builder().name("x-", -1))
                .withMessageContaining("start");
    }
}
