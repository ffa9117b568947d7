package dev.strand.jcstress.channels;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * The three kinds of Strand channel. Tests that apply to all of them take the next flavour for
 * each new sample, so the samples of one run are spread evenly over the three.
 */
enum Flavour {
    /** {@code Channel.unbounded()}. */
    UNBOUNDED("unbounded"),
    /** A bounded channel of capacity 1, the smallest one that can be full. */
    BOUNDED("bounded"),
    /** {@code Channel.rendezvous()}: a send waits for a receiver to take the message. */
    RENDEZVOUS("rendezvous");

    private static final Flavour[] ALL = values();
    private static final AtomicInteger NEXT = new AtomicInteger();

    /** The name shown as the first part of every outcome. */
    final String label;

    Flavour(String label) {
        this.label = label;
    }

    /** The flavour for the next sample (round robin; the counter's wrap-around is harmless). */
    static Flavour next() {
        return ALL[Math.floorMod(NEXT.getAndIncrement(), ALL.length)];
    }

    /** Whether a send on an empty channel of this flavour waits for a receiver. */
    boolean sendWaitsForReceiver() {
        return this == RENDEZVOUS;
    }
}
