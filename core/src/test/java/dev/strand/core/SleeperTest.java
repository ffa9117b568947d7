package dev.strand.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class SleeperTest {

    @Test
    void zeroAndNegativeReturnAtOnce() throws InterruptedException {
        Sleeper s = Sleeper.system();
        s.sleep(Duration.ZERO);
        s.sleep(Duration.ofSeconds(-1));
        assertThat(Thread.currentThread().isInterrupted()).isFalse();
    }

    @Test
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void interruptedThreadGetsInterruptedExceptionAndClearedStatus() {
        Thread.currentThread().interrupt();
        assertThatThrownBy(() -> Sleeper.system().sleep(Duration.ofDays(365)))
                .isInstanceOf(InterruptedException.class);
        assertThat(Thread.currentThread().isInterrupted()).isFalse();

        Thread.currentThread().interrupt();
        assertThatThrownBy(() -> Sleeper.system().sleep(Duration.ZERO)).isInstanceOf(InterruptedException.class);
        assertThat(Thread.currentThread().isInterrupted()).isFalse();
    }

    @Test
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void interruptWhileSleepingEndsTheSleep() throws Exception {
        JoinHandle<Boolean> sleeper = Threads.spawn(() -> {
            try {
                // A thousand years: beyond Long.MAX_VALUE nanos, so the saturation path is taken too.
                Sleeper.system().sleep(Duration.ofDays(365L * 1000));
                return false;
            } catch (InterruptedException e) {
                return true;
            }
        });
        TestSupport.awaitParked(sleeper.thread());
        sleeper.thread().interrupt();
        assertThat(sleeper.join()).isTrue();
    }

    @Test
    void shouldRejectNull() {
        assertThatNullPointerException().isThrownBy(() -> Sleeper.system().sleep(null)).withMessage("duration");
    }

    @Test
    void aRecordingSleeperNeverBlocks() throws InterruptedException {
        List<Duration> slept = new ArrayList<>();
        Sleeper recording = slept::add;
        recording.sleep(Duration.ofHours(1));
        assertThat(slept).containsExactly(Duration.ofHours(1));
    }
}
