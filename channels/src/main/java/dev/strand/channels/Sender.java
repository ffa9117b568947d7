package dev.strand.channels;

import java.time.Duration;

/**
 * The sending side of a {@link Channel}: one of possibly many producer handles (Rust's
 * {@code mpsc::Sender}).
 *
 * <pre>{@code
 * Channel<String> ch = Channel.unbounded();
 * try (Sender<String> tx = ch.sender().clone()) {   // one handle per producer thread
 *     tx.send("hello");
 * }                                                  // closing the last handle disconnects
 * }</pre>
 *
 * <p><b>Lifecycle.</b> Every handle is closed on its own ({@link #close()} is idempotent per
 * handle). When every handle of a channel is closed, the receiver sees the channel as
 * disconnected once it has received every message already sent. A closed handle cannot be
 * used again: its {@code send} methods throw {@link SendException} and {@link #clone()} throws
 * {@link IllegalStateException}.
 *
 * <p><b>Nothing is lost.</b> Every send either delivers its message (it is received, or it is
 * handed to the channel's {@code onUndelivered} handler because the receiver closed with the
 * message still buffered), or fails in a way that hands the message back: a
 * {@link SendException} carrying it, {@code false} from {@link #trySend} / timed
 * {@link #send(Object, Duration)}, or an {@link InterruptedException} from a send that had not
 * enqueued it. Never both, never neither.
 *
 * <p><b>Thread safety.</b> A handle may be shared by threads; sends through one handle from one
 * thread are received in the order they were sent (FIFO per producer). Closing a handle while
 * another thread sends through it is allowed: that send either delivers normally or throws
 * {@link SendException} with its message.
 *
 * <p><b>Memory consistency effects.</b> Actions in a thread before it sends a message
 * <i>happen-before</i> the actions that follow the receipt of that message in the receiving
 * thread (safe publication of the message's fields).
 *
 * @param <T> the message type
 */
public interface Sender<T> extends AutoCloseable {

    /**
     * Sends a message, waiting while a bounded channel is full; on a rendezvous channel, waits
     * until the receiver has taken the message. On an unbounded channel it never waits.
     *
     * <p><b>Interrupts.</b> The interrupt status is checked only when the send has to wait. If
     * this method throws {@link InterruptedException}, the message was <i>not</i> delivered and
     * never will be (a bounded channel had not enqueued it; a rendezvous send took it back
     * before any receiver took it): it is still the caller's. If the thread is interrupted while
     * a rendezvous send waits and the receiver takes the message at that very moment, the send
     * returns normally (delivered) with the interrupt status set.
     *
     * @param msg the message; not null
     * @throws NullPointerException if {@code msg} is null
     * @throws SendException        if the receiver is closed or this handle is closed; carries
     *                              {@code msg}
     * @throws InterruptedException if interrupted while waiting; {@code msg} not delivered
     */
    void send(T msg) throws InterruptedException;

    /**
     * Sends a message if that is possible without waiting: a bounded channel has room, or (on a
     * rendezvous channel) the receiver is waiting in {@code recv} right now. On an unbounded
     * channel it always succeeds.
     *
     * <p>On a rendezvous channel, a receiver is waiting from the moment it enters {@code recv}
     * until that call returns; a {@link Select} over the channel counts while it is parked. A
     * successful {@code trySend} hands the message to that receiver, which returns it (even if
     * it was timing out or was interrupted at that very moment), and returns without waiting
     * for it to be taken: a message {@code trySend} accepted is always received, one it refused
     * never is.
     *
     * @param msg the message; not null
     * @return {@code true} if the message was enqueued, {@code false} if the channel was full
     *         (the message is still the caller's)
     * @throws NullPointerException if {@code msg} is null
     * @throws SendException        if the receiver is closed or this handle is closed; carries
     *                              {@code msg}
     */
    boolean trySend(T msg);

    /**
     * Sends a message, waiting at most {@code timeout} for room (bounded channel) or for the
     * receiver to take it (rendezvous channel). A zero or negative timeout makes this
     * {@link #trySend(Object)} (but still interruptible).
     *
     * @param msg     the message; not null
     * @param timeout how long to wait at most; not null
     * @return {@code true} if delivered (as for {@link #send(Object)}), {@code false} on timeout,
     *         in which case the message was not delivered and is still the caller's
     * @throws NullPointerException if an argument is null
     * @throws SendException        if the receiver is closed or this handle is closed; carries
     *                              {@code msg}
     * @throws InterruptedException if interrupted while waiting; {@code msg} not delivered
     */
    boolean send(T msg, Duration timeout) throws InterruptedException;

    /**
     * Tells whether the receiver of this channel is closed, after which every send fails with
     * {@link SendException}. A {@code false} answer may be stale by the time it is used.
     *
     * @return {@code true} once the receiver is closed
     */
    boolean isDisconnected();

    /**
     * Returns a new, open handle on the same channel (Rust's {@code tx.clone()}): the channel
     * stays connected until this one is closed too.
     *
     * @return a new sender handle
     * @throws IllegalStateException if this handle is closed (or every handle is closed)
     */
    Sender<T> clone();

    /**
     * Closes this handle. Idempotent: closing it again has no effect. When the last open handle
     * of the channel is closed, a receiver waiting in {@code recv} with nothing buffered is
     * woken and throws {@link DisconnectedException}.
     */
    @Override
    void close();
}
