package dev.strand.channels;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.locks.LockSupport;

/**
 * A Treiber stack of threads parked until some event, one node per registration (never reused,
 * so no ABA): the consumers of an unbounded multi-consumer channel waiting for a message
 * (MpmcCore), or those of a bounded one waiting for the consumer role (SharedBoundedCore).
 * Push is a CAS, a full fence before the pusher's re-check; {@link #wakeOne} pops one live node
 * (popped, then done: against the leaving waiter's done, then popped, as for producers in the
 * Core overview, 2). Thread-safe.
 */
final class NodeStack {

    private static final VarHandle HEAD;

    static {
        try {
            HEAD = MethodHandles.lookup().findVarHandle(NodeStack.class, "head", ProducerNode.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private volatile ProducerNode head;

    /** Whether no node is pushed (a volatile read). */
    boolean isEmpty() {
        return head == null;
    }

    /** Pushes {@code node} with a CAS: a full fence before the caller's re-check. */
    void push(ProducerNode node) {
        for (;;) {
            ProducerNode h = head;
            node.next = h;
            if (HEAD.compareAndSet(this, h, node)) {
                return;
            }
        }
    }

    /** Unparks one waiting thread, skipping nodes whose thread has left. */
    void wakeOne() {
        for (;;) {
            ProducerNode h = head;
            if (h == null) {
                return;
            }
            if (HEAD.compareAndSet(this, h, h.next)) {
                h.popped = true; // popped, then done: against the waiter's done, then popped
                if (!h.done) {
                    LockSupport.unpark(h.thread);
                    return;
                }
            }
        }
    }

    /** Unparks every waiting thread (they all re-check): disconnect or close. */
    void wakeAll() {
        if (head == null) {
            return;
        }
        for (ProducerNode h = (ProducerNode) HEAD.getAndSet(this, null); h != null; h = h.next) {
            if (!h.done) {
                LockSupport.unpark(h.thread);
            }
        }
    }

    /**
     * A wait that registers by pushing a fresh node on a {@link NodeStack}; subclasses supply
     * the attempt and the re-check. A node it leaves without parking on it, or gives up on, is
     * marked done, and a wake-up already aimed at it is passed on to another waiter.
     *
     * @param <R> what the operation returns; {@code null} is reserved for "timed out"
     */
    abstract static class StackWait<R> extends Wait<R> {
        private final NodeStack stack;
        private final Thread thread;
        /** The node of the last registration, while a wake-up aimed at it may need passing on. */
        private ProducerNode node;

        StackWait(NodeStack stack, Thread thread) {
            this.stack = stack;
            this.thread = thread;
        }

        /** The waiting thread. */
        final Thread thread() {
            return thread;
        }

        @Override
        final boolean register() {
            node = new ProducerNode(thread);
            stack.push(node); // CAS: a full fence before ready()
            return true;
        }

        @Override
        final R unregister(boolean parked) {
            node.done = true;
            if (!parked) {
                passOn(); // a wake-up aimed at this node must not be wasted on us
                node = null;
            }
            return null;
        }

        @Override
        final R expired() {
            R r = attempt(true);
            if (r == null) {
                passOn();
            }
            return r;
        }

        @Override
        final R interrupted() {
            passOn(); // leaves empty-handed: a wake-up aimed at us goes to another waiter
            return null;
        }

        /** Leaving: if a waker chose our last node, wakes another waiter in its place. */
        final void passOn() {
            if (node != null && node.popped) {
                node = null;
                stack.wakeOne();
            }
        }
    }
}
