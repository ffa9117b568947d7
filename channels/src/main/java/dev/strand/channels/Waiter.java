package dev.strand.channels;

/**
 * A consumer about to park: published in a channel's {@code signal} (one Waiter may be
 * published in several channels by a {@link Select}). Whoever CASes it out unparks the thread.
 */
final class Waiter {
    final Thread thread;

    Waiter(Thread thread) {
        this.thread = thread;
    }
}
