package dev.strand.net;

/**
 * Handles a request and returns its reply.
 *
 * <p>Called on the handler executor of the server or client it is registered with, never on
 * an I/O thread, so it may block. Requests from one connection may be handled concurrently and
 * their replies sent in any order. An exception it throws is sent back as an error reply: the
 * requester's future fails with {@link RemoteException} (code {@code handler-failed}) whose
 * {@link RemoteException#remoteMessage()} is the exception's message. Returning null is a
 * failure too.
 *
 * @param <Q> the request type
 * @param <R> the reply type, registered with the codec
 */
@FunctionalInterface
public interface RequestHandler<Q, R> {

    /**
     * Handles one request.
     *
     * @param connection the connection it arrived on
     * @param request    the decoded request; never null
     * @return the reply; not null
     * @throws Exception any failure, sent back as an error reply
     */
    R onRequest(Connection connection, Q request) throws Exception;
}
