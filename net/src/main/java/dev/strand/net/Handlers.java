package dev.strand.net;

import java.lang.System.Logger.Level;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The handlers of one server or client, the executor they run on (shared fairly among the
 * connections through a {@link FairExecutor}) and its error listener, shared by all of its
 * connections. Also counts the requests being handled, for a graceful close that lets them
 * finish.
 */
final class Handlers {

    private static final System.Logger LOG = System.getLogger("dev.strand.net");

    /** Logs {@code error}: expected events at DEBUG without a stack trace, others at WARNING. */
    static void log(String prefix, Throwable error) {
        if (expected(error)) {
            LOG.log(Level.DEBUG, () -> prefix + error);
        } else {
            LOG.log(Level.WARNING, prefix + error, error);
        }
    }

    /**
     * Whether {@code error} is part of normal network life rather than a fault here: the peer
     * disconnected, or a TLS handshake was refused (a peer without TLS, an untrusted certificate).
     */
    static boolean expected(Throwable error) {
        if (error instanceof ConnectionLostException) {
            return true;
        }
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof javax.net.ssl.SSLException || t instanceof io.netty.handler.ssl.NotSslRecordException) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }

    private final MessageHandler<Object> anyMessage;
    private final Map<Class<?>, MessageHandler<Object>> messages;
    private final Map<Class<?>, RequestHandler<Object, Object>> requests;
    private final Executor executor;
    private final FairExecutor fair;
    private final ErrorListener errors;

    private final ClassValue<MessageHandler<Object>> messageLookup = new ClassValue<>() {
        @Override
        protected MessageHandler<Object> computeValue(Class<?> type) {
            MessageHandler<Object> h = lookup(messages, type);
            return h != null ? h : anyMessage;
        }
    };
    private final ClassValue<RequestHandler<Object, Object>> requestLookup = new ClassValue<>() {
        @Override
        protected RequestHandler<Object, Object> computeValue(Class<?> type) {
            return lookup(requests, type);
        }
    };

    /** Requests admitted and not yet answered, across all connections. */
    private final AtomicInteger active = new AtomicInteger();
    /** Set once by a graceful close: new requests are answered "shutting-down". */
    private volatile boolean draining;
    private final CompletableFuture<Void> drained = new CompletableFuture<>();

    /** Handlers whose connections hand tasks straight to {@code executor} (a client's). */
    Handlers(MessageHandler<Object> anyMessage, Map<Class<?>, MessageHandler<Object>> messages,
             Map<Class<?>, RequestHandler<Object, Object>> requests, Executor executor,
             ErrorListener errors) {
        this(anyMessage, messages, requests, FairExecutor.passThrough(Objects.requireNonNull(executor, "executor")),
                errors);
    }

    /** Handlers whose connections share {@code fair}'s executor (a server's). */
    Handlers(MessageHandler<Object> anyMessage, Map<Class<?>, MessageHandler<Object>> messages,
             Map<Class<?>, RequestHandler<Object, Object>> requests, FairExecutor fair,
             ErrorListener errors) {
        this.anyMessage = anyMessage;
        this.messages = Map.copyOf(messages);
        this.requests = Map.copyOf(new LinkedHashMap<>(requests));
        this.fair = Objects.requireNonNull(fair, "fair");
        this.executor = fair.executor();
        this.errors = Objects.requireNonNull(errors, "errors");
    }

    private static <H> H lookup(Map<Class<?>, H> map, Class<?> type) {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            H h = map.get(c);
            if (h != null) {
                return h;
            }
        }
        for (Map.Entry<Class<?>, H> e : map.entrySet()) {
            if (e.getKey().isAssignableFrom(type)) {
                return e.getValue();
            }
        }
        return null;
    }

    /** The handler for a message of this class, or null (the message is then reported as unhandled). */
    MessageHandler<Object> messageHandler(Class<?> type) {
        return messageLookup.get(type);
    }

    /** The handler for a request of this class, or null. */
    RequestHandler<Object, Object> requestHandler(Class<?> type) {
        return requestLookup.get(type);
    }

    boolean handlesRequests() {
        return !requests.isEmpty();
    }

    Executor executor() {
        return executor;
    }

    /** The share of the executor of one new connection (see {@link FairExecutor#lane}). */
    FairExecutor.Lane lane(int lowMark, Runnable onLow) {
        return fair.lane(lowMark, onLow);
    }

    /**
     * Registers {@code handler} for {@code type}.
     *
     * @throws IllegalArgumentException if a handler for {@code type} is already registered
     */
    static <H> void register(Map<Class<?>, H> handlers, Class<?> type, H handler, String what) {
        if (handlers.putIfAbsent(type, handler) != null) {
            throw new IllegalArgumentException(what + "(" + type.getName() + ", ...): a handler for this type is"
                    + " already registered; register one handler per type");
        }
    }

    /** Throws unless every handled type can arrive through {@code codec}. */
    static void requireKnown(JsonCodec codec, Map<Class<?>, ?> messages, Map<Class<?>, ?> requests) {
        for (Class<?> type : messages.keySet()) {
            codec.requireKnown(type, "onMessage");
        }
        for (Class<?> type : requests.keySet()) {
            codec.requireKnown(type, "onRequest");
        }
    }

    /**
     * Reports an error about {@code connection} (null: about none) to the listener, with the
     * peer's address; a listener that throws is logged, never propagated.
     */
    void report(Connection connection, Throwable error) {
        EndpointOptions.report(errors, remoteOf(connection), error);
    }

    /**
     * The peer's address of {@code connection}: a reconnecting client's connection names the
     * server it connects to even while no socket is open (its errors often come just then).
     */
    private static java.net.SocketAddress remoteOf(Connection connection) {
        if (connection instanceof ClientConnection client) {
            return client.address();
        }
        return connection != null ? connection.remoteAddress() : null;
    }

    /**
     * Admits a request unless draining.
     *
     * @return false if the server is closing (the request must be answered "shutting-down")
     */
    boolean admit() {
        // Increment before reading draining, while close() sets draining before reading the
        // count: one of the two always sees the other (both are sequentially consistent).
        active.incrementAndGet();
        if (draining) {
            finish();
            return false;
        }
        return true;
    }

    /** Marks an admitted request answered. */
    void finish() {
        if (active.decrementAndGet() == 0 && draining) {
            drained.complete(null);
        }
    }

    /** Stops admitting requests; the future completes once every admitted one is answered. */
    CompletableFuture<Void> drain() {
        draining = true;
        if (active.get() == 0) {
            drained.complete(null);
        }
        return drained;
    }

    boolean draining() {
        return draining;
    }
}
