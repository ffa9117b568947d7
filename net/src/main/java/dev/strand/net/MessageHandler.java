package dev.strand.net;

/**
 * Handles a fire-and-forget message.
 *
 * <p>Called on the handler executor of the server or client it is registered with, never on
 * an I/O thread, so it may block. Messages from one connection are handled one at a time, in
 * the order they arrived. An exception it throws is reported to the error listener; the
 * connection stays open.
 *
 * @param <T> the message type
 */
@FunctionalInterface
public interface MessageHandler<T> {

    /**
     * Handles one message.
     *
     * @param connection the connection it arrived on
     * @param message    the decoded message; never null
     * @throws Exception any failure, reported to the error listener
     */
    void onMessage(Connection connection, T message) throws Exception;
}
