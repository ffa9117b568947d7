package dev.strand.net;

import java.net.SocketAddress;

/**
 * Told about the failures of an endpoint that concern no caller: a connection lost, a frame
 * refused, a handler of a fire-and-forget message that threw, a connection refused for a limit,
 * a slow subscriber disconnected. Set on any endpoint's builder with
 * {@link EndpointBuilder#onError(ErrorListener)}; failures a caller can see (a request's
 * future, a send's future, an exception thrown by a method) are reported there instead.
 *
 * <pre>{@code
 * NetServer server = NetServer.builder().codec(codec)
 *         .onError((remote, error) -> log.warn("{}: {}", remote, error.toString()))
 *         .onRequest(Hello.class, (conn, req) -> new Greeting("Hello, " + req.name() + "!"))
 *         .bind(new InetSocketAddress("127.0.0.1", 0));
 * }</pre>
 *
 * <h2>Threads</h2>
 * Called on the endpoint's I/O threads ({@code strand-net-*}) for transport events, on a
 * handler thread for a failing handler, on a subscriber's dispatch thread for a failing
 * subscription handler, and sometimes on a thread that called the endpoint (a publisher's
 * publishing thread that finds a subscriber too slow, the consumer of a remote channel's
 * receiver that closed it with messages still buffered). Calls may be concurrent: the listener
 * must be thread-safe, and it must not block, since a blocked I/O thread stalls every connection
 * it serves. A listener that throws is logged (WARNING) and otherwise ignored: the endpoint
 * carries on.
 *
 * <p>The default listener logs events that are part of normal network life (a peer gone, a
 * TLS handshake refused) at DEBUG without a stack trace, and anything else at WARNING, to the
 * platform logger {@code dev.strand.net}.
 */
@FunctionalInterface
public interface ErrorListener {

    /**
     * Reports one failure.
     *
     * @param remote the peer's address, or null when the failure concerns no single connection
     *               (a connection refused before it was accepted, for example)
     * @param error  what happened; not null
     */
    void onError(SocketAddress remote, Throwable error);
}
