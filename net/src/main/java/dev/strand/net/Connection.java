package dev.strand.net;

import java.net.SocketAddress;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * One end of a framed TCP connection: fire-and-forget messages and request-reply with
 * correlation ids and deadlines.
 *
 * <p>A client gets one from {@link NetClient.Builder#connect}; a server's handlers receive
 * the connection a message arrived on, and may send on it or make requests of the client
 * (when the client registered request handlers).
 *
 * <pre>{@code
 * try (Connection conn = NetClient.builder().codec(codec).connect(address)) {
 *     conn.send(new NodeMessage(1, "Hello, Node B!")).join();
 *     Greeting g = conn.request(new Hello("world"), Greeting.class, Duration.ofSeconds(2)).join();
 * }
 * }</pre>
 *
 * <h2>Delivery</h2>
 * Messages and requests sent from one thread are written in the order they were sent.
 * Replies may come back in any order; each completes its own future. Requests are
 * <em>at-most-once</em>: a request in flight when the connection drops fails with
 * {@link ConnectionLostException} and is never retried silently.
 *
 * <h2>Threads</h2>
 * All methods are thread-safe and never block. Futures are completed on the connection's I/O
 * thread: a dependent stage attached without {@code Async} runs there and must not block (use
 * {@code thenApplyAsync(fn, executor)} for blocking work).
 *
 * <h2>Memory consistency</h2>
 * Actions in a thread before {@code send} or {@code request} happen-before the peer's handler
 * receives the message (the bytes carry a copy); the handler's actions before it returns a
 * reply happen-before the completion of the request's future on this side.
 */
public interface Connection extends AutoCloseable {

    /**
     * Sends a fire-and-forget message.
     *
     * @param message an instance of a type registered with the codec; not null
     * @return completes when the frame was written to the socket; fails with
     *         {@link BackpressureException} (queue full, nothing written),
     *         {@link FrameTooLargeException} (nothing written), {@link ConnectionLostException}
     *         or {@link NetException} (the message could not be encoded)
     * @throws NullPointerException     if {@code message} is null
     * @throws IllegalArgumentException if the message's type is not registered with the codec
     */
    CompletableFuture<Void> send(Object message);

    /**
     * Sends a request and returns its reply.
     *
     * @param request   an instance of a type registered with the codec; not null
     * @param replyType the class the reply must be; not null
     * @param timeout   the deadline, measured from now; positive
     * @param <R>       the reply type
     * @return completes with the reply; fails with {@link java.util.concurrent.TimeoutException}
     *         when the deadline passes first (the id is forgotten, a late reply is dropped and
     *         counted in {@link ConnectionStats#lateReplies()}), {@link RemoteException} when the
     *         peer answered with an error, {@link ProtocolException} when the reply is not a
     *         {@code replyType}, {@link LimitExceededException} when
     *         {@link Limits#maxInFlightRequests()} requests are already in flight, or any
     *         failure {@link #send} may report. Cancelling this future
     *         ({@code future.cancel(...)}) before it completes forgets the request (a reply that
     *         comes later is dropped and counted in {@link ConnectionStats#lateReplies()}) and
     *         sends the peer a {@code $cancel} frame, best effort: a Strand server that has not
     *         yet started the request's handler never runs it; one already running finishes.
     *         Stages derived from the future ({@code thenApply} and the like) do not cancel it.
     * @throws NullPointerException     if an argument is null
     * @throws IllegalArgumentException if {@code timeout} is not positive or the request's type is
     *                                  not registered
     */
    <R> CompletableFuture<R> request(Object request, Class<R> replyType, Duration timeout);

    /**
     * Returns whether the connection is established and not closed.
     *
     * @return true if a send now would be attempted
     */
    boolean isOpen();

    /**
     * Returns the peer's address.
     *
     * @return the address, or null while not connected
     */
    SocketAddress remoteAddress();

    /**
     * Returns this side's address.
     *
     * @return the address, or null while not connected
     */
    SocketAddress localAddress();

    /**
     * Returns a snapshot of this connection's counters.
     *
     * @return the counters (of the current underlying socket, for a reconnecting client)
     */
    ConnectionStats stats();

    /**
     * Returns a future completed once this connection is closed for good (for a reconnecting
     * client: once {@link #close()} was called).
     *
     * @return a future that never completes exceptionally
     */
    CompletableFuture<Void> closeFuture();

    /**
     * Closes the connection once the frames already sent are written. Requests still waiting
     * for a reply fail with {@link ConnectionLostException}. Idempotent.
     */
    @Override
    void close();
}
