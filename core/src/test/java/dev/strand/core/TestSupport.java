package dev.strand.core;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** Small helpers for the concurrent tests: waits on state, never on time. */
final class TestSupport {

    private TestSupport() {
    }

    /** Spins (yielding) until {@code thread} is parked waiting; tests carry a @Timeout. */
    static void awaitParked(Thread thread) {
        while (true) {
            Thread.State s = thread.getState();
            if (s == Thread.State.WAITING || s == Thread.State.TIMED_WAITING) {
                return;
            }
            if (s == Thread.State.TERMINATED) {
                throw new AssertionError(thread.getName() + " terminated instead of parking");
            }
            Thread.yield();
        }
    }

    /** Awaits a latch that must open: fails the test instead of hanging forever. */
    static void await(CountDownLatch latch) throws InterruptedException {
        if (!latch.await(30, TimeUnit.SECONDS)) {
            throw new AssertionError("latch never opened");
        }
    }

    /** Spins (yielding) until the condition holds; tests carry a @Timeout. */
    static void awaitTrue(java.util.function.BooleanSupplier condition) {
        while (!condition.getAsBoolean()) {
            Thread.yield();
        }
    }
}
