package dev.strand.core;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/** The real clock and the real sleep, behind {@link Ticker#system()} and {@link Sleeper#system()}. */
enum SystemTime implements Ticker, Sleeper {
    INSTANCE;

    @Override
    public long nanoTime() {
        return System.nanoTime();
    }

    @Override
    public void sleep(Duration duration) throws InterruptedException {
        Objects.requireNonNull(duration, "duration");
        if (duration.isNegative() || duration.isZero()) {
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
            return;
        }
        long nanos;
        try {
            nanos = duration.toNanos();
        } catch (ArithmeticException tooLong) {
            nanos = Long.MAX_VALUE;
        }
        TimeUnit.NANOSECONDS.sleep(nanos);
    }

    @Override
    public String toString() {
        return "SystemTime";
    }
}
