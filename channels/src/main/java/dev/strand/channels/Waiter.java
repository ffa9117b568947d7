package dev.strand.channels;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * A consumer about to park: published in a channel's {@code signal} (one Waiter may be
 * published in several channels by a {@link Select}). Whoever CASes it out unparks the thread.
 *
 * <p>A Waiter is also a rendezvous receiver's hole (see RendezvousCore): {@code item} is null
 * while the hole is open, then either a message handed over by {@code trySend} (won by a CAS
 * from null), or closed by its owner (a CAS from null); a message handed over is marked taken
 * once its owner has it. Only the owner (the receiving thread) closes, reopens or takes.
 */
final class Waiter {

    private static final VarHandle ITEM;
    /** {@code item} of a hole its owner closed: no message can be handed over any more. */
    private static final Object SHUT = new Core.Marker("SHUT");
    /** {@code item} once the owner has the message that was handed over. */
    private static final Object TAKEN = new Core.Marker("TAKEN");

    static {
        try {
            ITEM = MethodHandles.lookup().findVarHandle(Waiter.class, "item", Object.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    final Thread thread;
    private volatile Object item;

    Waiter(Thread thread) {
        this.thread = thread;
    }

    /** Whether the hole is open (a hint: {@link #fill} decides). */
    boolean isOpen() {
        return item == null;
    }

    /** trySend: hands {@code message} over; true if this CAS won the open hole. */
    boolean fill(Object message) {
        return ITEM.compareAndSet(this, null, message);
    }

    /** Whether a message was handed over and is not taken yet (a volatile read). */
    boolean holdsMessage() {
        Object it = item;
        return it != null && it != SHUT && it != TAKEN;
    }

    /** Owner: the message handed over, now marked taken; null if there is none. */
    Object take() {
        Object it = item;
        if (it == null || it == SHUT || it == TAKEN) {
            return null;
        }
        item = TAKEN; // once filled, only the owner writes: no CAS needed
        return it;
    }

    /**
     * Owner: closes the hole, so that no trySend can hand a message over from now on.
     *
     * @return a message handed over before (now marked taken), or null
     */
    Object close() {
        // CAS: the single arbiter against fill(); whoever wins decides where the message goes.
        return ITEM.compareAndSet(this, null, SHUT) ? null : take();
    }

    /** Owner: opens a hole it closed, or whose message it took, again. */
    void reopen() {
        item = null;
    }
}
