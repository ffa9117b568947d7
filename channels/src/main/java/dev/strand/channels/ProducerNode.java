package dev.strand.channels;

/** A producer parked until a bounded channel has room (or the rendezvous slot is free). */
final class ProducerNode {
    final Thread thread;
    /** Written before the CAS that publishes the node; read only after popping it. */
    ProducerNode next;
    /** Set when the producer stops waiting, so that a late wake-up skips it. */
    volatile boolean done;

    ProducerNode(Thread thread) {
        this.thread = thread;
    }
}
