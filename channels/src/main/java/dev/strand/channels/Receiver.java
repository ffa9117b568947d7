package dev.strand.channels;

import java.time.Duration;
import java.util.Iterator;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * The receiving side of a {@link Channel} (Rust's {@code mpsc::Receiver}): the one consumer.
 *
 * <pre>{@code
 * Channel<String> ch = Channel.unbounded();
 * Receiver<String> rx = ch.receiver();
 * for (String msg : rx) {        // blocks for each message; ends when every sender is closed
 *     System.out.println(msg);
 * }
 * }</pre>
 *
 * <p><b>Single consumer.</b> The receiving methods ({@code recv}, {@code tryRecv},
 * {@code drain}, iteration, use in a {@link Select}) must be called by one thread at a time;
 * they may move from thread to thread (one after another). Two threads inside them at once is
 * detected and the later one fails with {@link IllegalStateException} without disturbing the
 * channel. {@link #close()} may be called from any thread.
 *
 * <p><b>Order.</b> Messages from one producer thread arrive in the order they were sent; every
 * message sent before the last sender closed is received before {@link DisconnectedException}.
 *
 * <p><b>Memory consistency effects.</b> Actions in a thread before it sends a message
 * <i>happen-before</i> the actions that follow the receipt of that message.
 *
 * @param <T> the message type
 */
public interface Receiver<T> extends AutoCloseable, Iterable<T> {

    /**
     * Receives the next message, waiting until one arrives.
     *
     * @return the message, never null
     * @throws DisconnectedException if every sender is closed and nothing is left to receive,
     *                               or this receiver is closed
     * @throws InterruptedException  if interrupted while waiting (the interrupt status is checked
     *                               only when there is no message to return)
     * @throws IllegalStateException if another thread is receiving at the same time
     */
    T recv() throws InterruptedException;

    /**
     * Receives a message if one is available now. Never waits or spins: a message whose send has
     * not completed yet is not available.
     *
     * @return the message, or {@code null} if none is available
     * @throws DisconnectedException if every sender is closed and nothing is left to receive,
     *                               or this receiver is closed
     * @throws IllegalStateException if another thread is receiving at the same time
     */
    T tryRecv();

    /**
     * Receives the next message, waiting at most {@code timeout}. A zero or negative timeout
     * makes this {@link #tryRecv()}.
     *
     * @param timeout how long to wait at most; not null
     * @return the message, or {@code null} if none arrived in time
     * @throws NullPointerException  if {@code timeout} is null
     * @throws DisconnectedException if every sender is closed and nothing is left to receive,
     *                               or this receiver is closed
     * @throws InterruptedException  if interrupted while waiting
     * @throws IllegalStateException if another thread is receiving at the same time
     */
    T recv(Duration timeout) throws InterruptedException;

    /**
     * Takes up to {@code max} messages that are available now, in order, and passes each to
     * {@code sink}, without waiting. Returns 0 (rather than throwing) when disconnected or
     * closed. If {@code sink} throws, the messages it was given are taken, the rest stay
     * buffered, and the exception propagates.
     *
     * @param sink receives each message; not null
     * @param max  the most messages to take; not negative
     * @return how many messages were passed to {@code sink}
     * @throws NullPointerException     if {@code sink} is null
     * @throws IllegalArgumentException if {@code max} is negative
     * @throws IllegalStateException    if another thread is receiving at the same time
     */
    int drain(Consumer<? super T> sink, int max);

    /**
     * Returns a blocking iterator over the messages (Rust's {@code for m in rx}):
     * {@code hasNext()} waits for the next message and returns {@code false} once the channel is
     * disconnected (every sender closed and every message received) or the receiver closed.
     *
     * <p>If the thread is interrupted while {@code hasNext()} waits, it throws
     * {@link ReceiveInterruptedException} (cause: the {@link InterruptedException}) and the
     * thread's interrupt status stays set.
     *
     * @return an iterator for the single consumer thread
     */
    @Override
    Iterator<T> iterator();

    /**
     * Returns a sequential, ordered stream of the messages that ends when the channel is
     * disconnected, with the same blocking and interrupt behaviour as {@link #iterator()}.
     *
     * @return a blocking stream for the single consumer thread
     */
    Stream<T> stream();

    /**
     * Closes the receiver. Idempotent. Afterwards every send fails with {@link SendException}
     * carrying its message, senders blocked on a full channel are woken and fail the same way,
     * and messages still buffered are passed to the channel's {@code onUndelivered} handler (if
     * one was configured; otherwise they are dropped). A send racing with this close either
     * delivers (its message is received before the close or handed to {@code onUndelivered}) or
     * fails with {@link SendException} carrying the message: never both, never neither.
     *
     * <p>May be called from any thread. A receive in progress in another thread is woken and
     * ends with {@link DisconnectedException}; this method waits for it to leave the channel
     * before draining.
     */
    @Override
    void close();
}
