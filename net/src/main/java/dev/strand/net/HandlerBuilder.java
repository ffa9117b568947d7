package dev.strand.net;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The handler options of the request-reply endpoints, {@link NetServer.Builder} and
 * {@link NetClient.Builder}, declared once: handlers of the messages and requests the peer
 * sends, and a callback for each connection that opens. The handlers run on the handler
 * executor ({@link EndpointBuilder#executor}, {@link EndpointBuilder#virtualThreads}). Not
 * thread-safe.
 *
 * @param <B> the concrete builder type, returned by every setter
 */
abstract class HandlerBuilder<B extends HandlerBuilder<B>> extends EndpointBuilder<B> {

    MessageHandler<Object> anyMessage;
    final Map<Class<?>, MessageHandler<Object>> messages = new HashMap<>();
    final Map<Class<?>, RequestHandler<Object, Object>> requests = new HashMap<>();
    Consumer<Connection> onConnect;

    HandlerBuilder(boolean serverSide) {
        super(null, serverSide);
    }

    /**
     * Sets the handler of every fire-and-forget message from the peer without a type-specific
     * handler.
     *
     * @param handler not null
     * @return this builder
     */
    public B onMessage(MessageHandler<Object> handler) {
        this.anyMessage = Objects.requireNonNull(handler, "handler");
        return self();
    }

    /**
     * Sets the handler of fire-and-forget messages of {@code type} (and its subtypes) from the
     * peer. Messages from one connection are handled in arrival order.
     *
     * @param type    a type registered with the codec; not null
     * @param handler not null
     * @param <T>     the message type
     * @return this builder
     * @throws IllegalArgumentException if a handler for {@code type} is already registered
     */
    @SuppressWarnings("unchecked")
    public <T> B onMessage(Class<T> type, MessageHandler<? super T> handler) {
        Objects.requireNonNull(type, "type");
        Handlers.register(messages, type, (MessageHandler<Object>) Objects.requireNonNull(handler, "handler"),
                "onMessage");
        return self();
    }

    /**
     * Sets the handler of requests of {@code type} (and its subtypes) from the peer; its
     * result is the reply, and an exception it throws comes back to the caller as a
     * {@link RemoteException}. Requests are handled concurrently.
     *
     * @param type    a type registered with the codec; not null
     * @param handler not null
     * @param <Q>     the request type
     * @return this builder
     * @throws IllegalArgumentException if a handler for {@code type} is already registered
     */
    @SuppressWarnings("unchecked")
    public <Q> B onRequest(Class<Q> type, RequestHandler<? super Q, ?> handler) {
        Objects.requireNonNull(type, "type");
        Handlers.register(requests, type,
                (RequestHandler<Object, Object>) Objects.requireNonNull(handler, "handler"), "onRequest");
        return self();
    }

    /**
     * Sets a callback told about each connection once it is open: each accepted connection of
     * a server; each connect and reconnect of a client. It runs on an I/O thread and must not
     * block.
     *
     * @param onConnect not null
     * @return this builder
     */
    public B onConnect(Consumer<Connection> onConnect) {
        this.onConnect = Objects.requireNonNull(onConnect, "onConnect");
        return self();
    }
}
