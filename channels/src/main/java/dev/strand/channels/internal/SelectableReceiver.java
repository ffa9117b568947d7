package dev.strand.channels.internal;

import dev.strand.channels.Receiver;

/**
 * The service a {@link Receiver} that is not a channel's own offers to
 * {@link dev.strand.channels.Select}: the local channel receiver that holds its messages, and
 * the bookkeeping its own {@code recv} would do for a message taken from there. A remote
 * channel's receiver, a puller's receiver and a pipeline's results implement it, so a select
 * can wait on them like on any channel.
 *
 * <p>Not API: exported only to the other Strand modules.
 *
 * <p>Thread safety: {@link #selected} and {@link #sourceDisconnected} are called by the
 * selecting thread, which is the receiver's consumer for the duration of the call.
 *
 * @param <T> the message type this receiver hands out
 */
public interface SelectableReceiver<T> {

    /**
     * Returns the receiver made by {@link dev.strand.channels.Channel} that holds this
     * receiver's messages; a select takes from it directly.
     *
     * @return the same channel receiver on every call
     */
    Receiver<?> selectSource();

    /**
     * Turns a message a select took from {@link #selectSource()} into this receiver's message,
     * doing what this receiver's {@code recv} does for each message it takes.
     *
     * @param message the message taken; not null
     * @return the message to hand to the selecting caller
     */
    T selected(Object message);

    /**
     * Called once when {@link #selectSource()} is disconnected and drained; may throw the
     * exception this receiver's {@code recv} throws instead of
     * {@link dev.strand.channels.DisconnectedException} (a pipeline's failure). The default
     * does nothing, and the select skips this receiver from then on.
     */
    default void sourceDisconnected() {
    }
}
