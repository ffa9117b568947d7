package dev.strand.resilience;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BackoffTest {

    private static final Duration MS_100 = Duration.ofMillis(100);

    @Test
    void exponentialDoublesFromTheInitialDelay() {
        Backoff b = Backoff.exponential(MS_100);
        Random r = new Random(1);
        assertThat(b.delay(1, r)).isEqualTo(Duration.ofMillis(100));
        assertThat(b.delay(2, r)).isEqualTo(Duration.ofMillis(200));
        assertThat(b.delay(3, r)).isEqualTo(Duration.ofMillis(400));
        assertThat(b.multiplier(3.0).delay(3, r)).isEqualTo(Duration.ofMillis(900));
    }

    @Test
    void fixedWaitsTheSameEveryTime() {
        Backoff b = Backoff.fixed(Duration.ofMillis(50));
        assertThat(b.delay(1, new Random())).isEqualTo(Duration.ofMillis(50));
        assertThat(b.delay(1000, new Random())).isEqualTo(Duration.ofMillis(50));
        assertThat(b.multiplier()).isEqualTo(1.0);
    }

    @Test
    void capsAtMaxDelay() {
        Backoff b = Backoff.exponential(MS_100).maxDelay(Duration.ofMillis(300));
        assertThat(b.delay(2, new Random())).isEqualTo(Duration.ofMillis(200));
        assertThat(b.delay(3, new Random())).isEqualTo(Duration.ofMillis(300));
    }

    @Test
    void defaultsAreMultiplierTwoCapOneDayNoJitter() {
        Backoff b = Backoff.exponential(MS_100);
        assertThat(b.multiplier()).isEqualTo(2.0);
        assertThat(b.maxDelay()).isEqualTo(Duration.ofDays(1));
        assertThat(b.jitter()).isEqualTo(Jitter.NONE);
        assertThat(b.initialDelay()).isEqualTo(MS_100);
    }

    @Test
    void neverOverflowsNorGoesNegativeAtHugeAttemptsOrMultipliers() {
        Random r = new Random(7);
        for (Jitter j : Jitter.values()) {
            Backoff b = Backoff.exponential(Duration.ofSeconds(1)).jitter(j);
            Backoff huge = b.multiplier(1e300).maxDelay(Duration.ofDays(365 * 200));
            for (int attempt : new int[] {1, 63, 64, 1000, 10_000, Integer.MAX_VALUE}) {
                assertThat(b.delay(attempt, r)).isBetween(Duration.ZERO, Duration.ofDays(1));
                assertThat(huge.delay(attempt, r)).isBetween(Duration.ZERO, Duration.ofDays(365 * 200));
            }
        }
        assertThat(Backoff.exponential(Duration.ofSeconds(1)).delay(10_000, r)).isEqualTo(Duration.ofDays(1));
        assertThat(Backoff.exponential(Duration.ofSeconds(1)).delay(Integer.MAX_VALUE, r)).isEqualTo(Duration.ofDays(1));
    }

    @Test
    void allowsAZeroDelayAtEveryAttempt() {
        for (Jitter j : Jitter.values()) {
            Backoff b = Backoff.exponential(Duration.ZERO).multiplier(1e300).jitter(j);
            assertThat(b.delay(Integer.MAX_VALUE, new Random())).isZero();
        }
    }

    @Test
    void initialDelayAboveADayRaisesTheDefaultCap() {
        Backoff b = Backoff.fixed(Duration.ofDays(2));
        assertThat(b.delay(5, new Random())).isEqualTo(Duration.ofDays(2));
    }

    @Test
    void rejectsInvalidArgumentsNamingTheParameter() {
        assertThatThrownBy(() -> Backoff.exponential(Duration.ofMillis(-1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("initialDelay");
        assertThatThrownBy(() -> Backoff.fixed(Duration.ofMillis(-1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("delay");
        Backoff b = Backoff.exponential(MS_100);
        assertThatThrownBy(() -> b.multiplier(0.99)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("multiplier");
        assertThatThrownBy(() -> b.multiplier(Double.NaN)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("multiplier");
        assertThatThrownBy(() -> b.multiplier(Double.POSITIVE_INFINITY)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("multiplier");
        assertThatThrownBy(() -> b.maxDelay(Duration.ofMillis(99))).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxDelay");
        assertThatThrownBy(() -> b.maxDelay(Duration.ofMillis(-1))).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxDelay");
        assertThatThrownBy(() -> b.delay(0, new Random())).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("attempt");
        assertThatThrownBy(() -> b.jitter(null)).isInstanceOf(NullPointerException.class).hasMessageContaining("jitter");
        assertThatThrownBy(() -> b.delay(1, null)).isInstanceOf(NullPointerException.class).hasMessageContaining("random");
        assertThatThrownBy(() -> Backoff.exponential(null)).isInstanceOf(NullPointerException.class).hasMessageContaining("initialDelay");
    }

    @Test
    void fullJitterStaysInZeroToBaseOverManySeededDraws() {
        Backoff b = Backoff.exponential(MS_100).maxDelay(Duration.ofSeconds(2)).jitter(Jitter.FULL);
        Backoff plain = b.jitter(Jitter.NONE);
        Random r = new Random(42);
        Set<Duration> seen = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            int attempt = 1 + i % 8;
            Duration base = plain.delay(attempt, r);
            Duration d = b.delay(attempt, r);
            assertThat(d).isGreaterThanOrEqualTo(Duration.ZERO).isLessThan(base);
            seen.add(d);
        }
        assertThat(seen).hasSizeGreaterThan(9_000); // really random, not a constant
    }

    @Test
    void equalJitterStaysInHalfBaseToBase() {
        Backoff b = Backoff.exponential(MS_100).maxDelay(Duration.ofSeconds(2)).jitter(Jitter.EQUAL);
        Backoff plain = b.jitter(Jitter.NONE);
        Random r = new Random(43);
        for (int i = 0; i < 10_000; i++) {
            int attempt = 1 + i % 8;
            Duration base = plain.delay(attempt, r);
            assertThat(b.delay(attempt, r)).isGreaterThanOrEqualTo(base.dividedBy(2)).isLessThanOrEqualTo(base);
        }
    }

    @Test
    void decorrelatedJitterStaysInInitialToThreeTimesPreviousCapped() {
        Duration cap = Duration.ofSeconds(2);
        Backoff b = Backoff.exponential(MS_100).maxDelay(cap).jitter(Jitter.DECORRELATED);
        Random r = new Random(44);
        for (int i = 0; i < 10_000; i++) {
            int attempt = 1 + i % 8;
            // Stateless form: prev is the un-jittered delay of the previous attempt (initial for attempt 1).
            Duration prev = attempt == 1 ? MS_100 : b.jitter(Jitter.NONE).delay(attempt - 1, r);
            Duration high = prev.multipliedBy(3).compareTo(cap) > 0 ? cap : prev.multipliedBy(3);
            assertThat(b.delay(attempt, r)).isGreaterThanOrEqualTo(MS_100).isLessThanOrEqualTo(high);
        }
        // With the real previous delay fed back (as Retry does).
        long prev = MS_100.toNanos();
        for (int i = 0; i < 10_000; i++) {
            long d = b.delayNanos(2, prev, r);
            assertThat(d).isBetween(MS_100.toNanos(), Math.min(cap.toNanos(), prev * 3));
            prev = d;
        }
    }

    @Test
    void sameSeedGivesTheSameDelays() {
        Backoff b = Backoff.exponential(MS_100).jitter(Jitter.FULL);
        Random r1 = new Random(5);
        Random r2 = new Random(5);
        for (int attempt = 1; attempt < 20; attempt++) {
            assertThat(b.delay(attempt, r1)).isEqualTo(b.delay(attempt, r2));
        }
    }

    @Test
    void isImmutableValueObject() {
        Backoff b = Backoff.exponential(MS_100);
        Backoff c = b.multiplier(3);
        assertThat(b.multiplier()).isEqualTo(2.0);
        assertThat(c).isNotEqualTo(b).isEqualTo(Backoff.exponential(MS_100).multiplier(3));
        assertThat(c.hashCode()).isEqualTo(Backoff.exponential(MS_100).multiplier(3).hashCode());
        assertThat(c.toString()).contains("multiplier=3.0");
    }

    @Test
    void delaysAbove2To53NanosKeepTheirLowBits() {
        // Regression: computed in double, fixed(2^53 + 1 ns) returned 2^53 and
        // exponential(Long.MAX_VALUE - 1 ns) gave Long.MAX_VALUE as its first delay.
        long big = (1L << 53) + 1;
        Random r = new Random(3);
        assertThat(Backoff.fixed(Duration.ofNanos(big)).delay(1, r)).isEqualTo(Duration.ofNanos(big));
        assertThat(Backoff.fixed(Duration.ofNanos(big)).delay(7, r)).isEqualTo(Duration.ofNanos(big));
        Backoff max = Backoff.exponential(Duration.ofNanos(Long.MAX_VALUE - 1)).maxDelay(Duration.ofNanos(Long.MAX_VALUE));
        assertThat(max.delay(1, r)).isEqualTo(Duration.ofNanos(Long.MAX_VALUE - 1));
        assertThat(max.delay(2, r)).isEqualTo(Duration.ofNanos(Long.MAX_VALUE));
        Backoff exp = Backoff.exponential(Duration.ofNanos(big)).maxDelay(Duration.ofNanos(Long.MAX_VALUE));
        assertThat(exp.delay(2, r)).isEqualTo(Duration.ofNanos(2 * big));
        assertThat(exp.delay(9, r)).isEqualTo(Duration.ofNanos(256 * big));
        assertThat(exp.multiplier(3).delay(3, r)).isEqualTo(Duration.ofNanos(9 * big));
        assertThat(exp.multiplier(1.5).delay(2, r)).isEqualTo(Duration.ofNanos(big + big / 2));
    }

    @Test
    void jitteredDelaysStayExactAndWithinTheCap() {
        long big = (1L << 53) + 1;
        Backoff b = Backoff.fixed(Duration.ofNanos(big));
        // Random whose draw is as close to 1 as a double gets: the jittered delay must not
        // round past the base.
        java.util.random.RandomGenerator nearOne = () -> Long.MAX_VALUE;
        java.util.random.RandomGenerator zero = () -> 0L;
        assertThat(b.jitter(Jitter.FULL).delay(1, nearOne).toNanos()).isLessThanOrEqualTo(big);
        assertThat(b.jitter(Jitter.EQUAL).delay(1, zero).toNanos()).isEqualTo(big / 2);
        assertThat(b.jitter(Jitter.EQUAL).delay(1, nearOne).toNanos()).isLessThanOrEqualTo(big);
        assertThat(b.jitter(Jitter.DECORRELATED).delay(1, zero).toNanos()).isEqualTo(big);
    }
}
