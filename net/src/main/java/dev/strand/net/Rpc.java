package dev.strand.net;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.strand.core.internal.Checks;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Typed RPC services from plain Java interfaces, over any {@link Connection}.
 *
 * <pre>{@code
 * interface Greeter {
 *     String hello(String name);                       // blocks until the reply or the deadline
 *     CompletableFuture<Stats> stats();                 // async
 *     @OneWay void log(String line);                    // fire-and-forget
 * }
 * JsonCodec codec = Rpc.register(JsonCodec.builder()).build();
 * NetServer server = NetServer.builder().codec(codec).serve(Greeter.class, new GreeterImpl()).bind(address);
 * Greeter greeter = Rpc.client(connection).timeout(Duration.ofSeconds(2)).proxy(Greeter.class);
 * String text = greeter.hello("world");
 * String slow = Rpc.withDeadline(Duration.ofSeconds(20), () -> greeter.hello("patient")); // this call only
 * }</pre>
 *
 * <p>Arguments and results are JSON (Jackson, so records, lists and other generic types work);
 * the wire form is in {@code docs/PROTOCOL.md}. A failure on the server comes back as
 * {@link RpcRemoteException}. Both peers must register the RPC envelope types with
 * {@link #register(JsonCodec.Builder)}.
 *
 * <p>Stateless; its static methods are thread-safe.
 */
public final class Rpc {

    /** The wire name of {@link Call}. */
    public static final String CALL_TYPE = "strand.rpc.call";
    /** The wire name of {@link Reply}. */
    public static final String REPLY_TYPE = "strand.rpc.reply";
    /** The default deadline of a call: 30 seconds. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

    /** Binds argument and result trees to Java types; the trees were parsed under the codec's limits. */
    static final ObjectMapper MAPPER = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .build();

    /** The deadline {@link #withDeadline} set for the calls this thread makes, or null. */
    private static final ThreadLocal<Duration> CALL_DEADLINE = new ThreadLocal<>();

    private Rpc() {
    }

    /**
     * Runs {@code call} with {@code timeout} as the deadline of every RPC call that proxies
     * make on this thread while it runs, in place of each proxy's own ({@link Client#timeout}).
     * The deadline travels to the server as the proxy's does ({@link RpcContext}). Scopes nest:
     * the innermost one applies, and the one outside it applies again when it returns. A call
     * made on another thread (one the call hands work to) keeps its proxy's deadline.
     *
     * <pre>{@code
     * Report r = Rpc.withDeadline(Duration.ofMinutes(2), () -> reports.build(query));
     * }</pre>
     *
     * @param timeout positive
     * @param call    the work making the calls; not null
     * @param <T>     what the work returns
     * @return what {@code call} returned
     * @throws NullPointerException     if an argument is null
     * @throws IllegalArgumentException if {@code timeout} is not positive
     */
    public static <T> T withDeadline(Duration timeout, Supplier<T> call) {
        Checks.positive(timeout, "timeout");
        Objects.requireNonNull(call, "call");
        Duration outer = CALL_DEADLINE.get();
        CALL_DEADLINE.set(timeout);
        try {
            return call.get();
        } finally {
            if (outer == null) {
                CALL_DEADLINE.remove();
            } else {
                CALL_DEADLINE.set(outer);
            }
        }
    }

    /**
     * Runs {@code call} with {@code timeout} as the deadline of the RPC calls made on this thread
     * meanwhile; as {@link #withDeadline(Duration, Supplier)} for work that returns nothing, e.g.
     * a {@code void} method.
     *
     * @param timeout positive
     * @param call    the work making the calls; not null
     * @throws NullPointerException     if an argument is null
     * @throws IllegalArgumentException if {@code timeout} is not positive
     */
    public static void withDeadline(Duration timeout, Runnable call) {
        Objects.requireNonNull(call, "call");
        withDeadline(timeout, () -> {
            call.run();
            return null;
        });
    }

    /** The deadline {@link #withDeadline} set on this thread, or null. */
    static Duration callDeadline() {
        return CALL_DEADLINE.get();
    }

    /**
     * One call of a remote method: the wire message a proxy sends.
     *
     * @param method        the method's wire name, {@code Service.method}
     * @param signature     the erased parameter types, e.g. {@code (String,int)}
     * @param args          the arguments, one JSON value each
     * @param timeoutMillis the caller's deadline, in milliseconds from when it sent the call;
     *                      0 for none
     */
    public record Call(String method, String signature, List<JsonNode> args, long timeoutMillis) {
    }

    /**
     * The answer to a {@link Call}: a value, or an error.
     *
     * @param value        the result (null for a void method)
     * @param error        null on success, else an {@link RpcRemoteException} code
     * @param errorType    the class name of the exception the method threw, or null
     * @param errorMessage the error's message, or null
     */
    public record Reply(JsonNode value, String error, String errorType, String errorMessage) {
    }

    /**
     * Registers the RPC envelope types ({@value #CALL_TYPE}, {@value #REPLY_TYPE}) on a codec
     * builder; both client and server codecs need them.
     *
     * @param codec not null
     * @return {@code codec}, for chaining
     */
    public static JsonCodec.Builder register(JsonCodec.Builder codec) {
        Objects.requireNonNull(codec, "codec");
        return codec.register(CALL_TYPE, Call.class).register(REPLY_TYPE, Reply.class);
    }

    /**
     * Returns a client making calls over {@code connection}, with the
     * {@linkplain #DEFAULT_TIMEOUT default deadline}.
     *
     * @param connection any connection (a plain client connection, or one balancing over
     *                   replicas); not null
     * @return a new client
     */
    public static Client client(Connection connection) {
        return new Client(Objects.requireNonNull(connection, "connection"), DEFAULT_TIMEOUT);
    }

    /**
     * Makes proxies of service interfaces over one connection. Immutable and thread-safe; its
     * proxies are thread-safe too.
     */
    public static final class Client {

        private final Connection connection;
        private final Duration timeout;

        private Client(Connection connection, Duration timeout) {
            this.connection = connection;
            this.timeout = timeout;
        }

        /**
         * Returns a client like this one whose proxies give each call {@code timeout} as its
         * deadline; the deadline travels to the server ({@link RpcContext}). One call can have
         * another with {@link Rpc#withDeadline(Duration, Supplier)}.
         *
         * @param timeout positive
         * @return a new client
         */
        public Client timeout(Duration timeout) {
            return new Client(connection, Checks.positive(timeout, "timeout"));
        }

        /**
         * Returns this client's deadline per call.
         *
         * @return the timeout
         */
        public Duration timeout() {
            return timeout;
        }

        /**
         * Returns a proxy calling {@code service} remotely. The interface is checked now.
         *
         * <p>A method returning a value blocks until the reply or the deadline (then throws
         * {@link java.util.concurrent.CompletionException} wrapping a
         * {@link java.util.concurrent.TimeoutException}, or the remote failure as
         * {@link RpcRemoteException}); do not call it on an I/O thread. A method returning
         * {@code CompletableFuture} never blocks; cancelling the future it returns
         * ({@code future.cancel(...)}) before it completes cancels the call as cancelling a
         * {@link Connection#request} future does: the reply is no longer awaited and the server
         * is sent a {@code $cancel} frame (over a {@link Cluster}, every attempt still running
         * is cancelled). Stages derived from it do not cancel it. {@code equals} is identity,
         * {@code hashCode} the identity hash and {@code toString} names the service and
         * connection.
         *
         * <p>Arguments are written into the frame when the call is sent (no copy is taken
         * before), and again for each retry or hedge when the connection is a {@link Cluster}:
         * as with {@link Connection#request}, an argument must not be changed until its call
         * has completed.
         *
         * @param service an interface; not null
         * @param <T>     the service type
         * @return the proxy
         * @throws IllegalArgumentException if the interface is unsupported (not an interface,
         *                                  overloaded or generic methods, raw or non-JSON types,
         *                                  {@link OneWay} on a non-void method), with the reason
         */
        public <T> T proxy(Class<T> service) {
            ServiceInterface si = ServiceInterface.of(service);
            return service.cast(Proxy.newProxyInstance(service.getClassLoader(), new Class<?>[] {service},
                    new RpcProxy(si, connection, timeout)));
        }

        @Override
        public String toString() {
            return "Rpc.Client[" + connection + ", timeout=" + timeout + "]";
        }
    }
}
