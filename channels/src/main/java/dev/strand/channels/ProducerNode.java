package dev.strand.channels;

/**
 * A producer parked until a bounded channel has room (or the rendezvous slot is free), or a
 * consumer of a multi-consumer channel parked until a message arrives (MpmcCore).
 */
final class ProducerNode {
    final Thread thread;
    /** Written before the CAS that publishes the node; read only after reading the head. */
    ProducerNode next;
    /** Set when the producer stops waiting on this node, so that a wake-up skips it. */
    volatile boolean done;
    /** Set by the consumer that chose this node to wake (then it reads done). */
    volatile boolean popped;

    ProducerNode(Thread thread) {
        this.thread = thread;
    }
}
