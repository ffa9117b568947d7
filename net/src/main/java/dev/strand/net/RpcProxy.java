package dev.strand.net;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.JsonSerializable;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.node.NullNode;
import dev.strand.core.internal.Durations;
import java.io.IOException;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.time.Duration;
import java.util.AbstractList;
import java.util.RandomAccess;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;

/**
 * The invocation handler of an RPC proxy: turns a call into a {@link Rpc.Call} on the
 * connection. The call carries the proxy's argument array as it is ({@link Args}), which the
 * codec writes straight into the frame ({@link CallWriter}): no JSON tree and no wrapper per
 * argument. Over a Strand connection ({@link Calls}) the call's future is the connection's
 * own request entry, completed with the reply's value bound to the method's result type
 * ({@link PendingCall}): no derived stage, and cancelling it cancels the call on the wire.
 * Over any other connection (a {@link Cluster}) a {@link Relay} decodes the reply and forwards
 * a cancel. Immutable and thread-safe.
 */
final class RpcProxy implements InvocationHandler {

    /**
     * A connection that makes a proxy's call itself, completing the future with the decoded
     * result (see {@link RpcConnection#call}).
     */
    interface Calls {

        /**
         * Sends {@code call} as a request with {@code timeout} as its deadline.
         *
         * @return completes with the result value (null for a void method); fails with a
         *         {@link CompletionException} wrapping the cause, as a stage derived from
         *         {@link Connection#request} would; cancelling it cancels the request
         * @throws IllegalArgumentException if the codec lacks the RPC types
         */
        CompletableFuture<Object> call(Rpc.Call call, Duration timeout);
    }

    private static final Object[] NO_ARGS = {};

    private final ServiceInterface service;
    private final Connection connection;
    /** The connection, when it makes calls itself; else null. */
    private final Calls calls;
    private final Duration timeout;
    private final long timeoutMillis;

    RpcProxy(ServiceInterface service, Connection connection, Duration timeout) {
        this.service = service;
        this.connection = connection;
        this.calls = connection instanceof Calls c ? c : null;
        this.timeout = timeout;
        this.timeoutMillis = millis(timeout);
    }

    /** A positive timeout in whole milliseconds for the wire: at least 1, saturating. */
    private static long millis(Duration timeout) {
        return Math.max(1, TimeUnit.NANOSECONDS.toMillis(Durations.toNanos(timeout, "timeout")));
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
        ServiceInterface.RemoteMethod rm = service.byMethod.get(method);
        if (rm == null) {
            return local(proxy, method, args);
        }
        Duration callTimeout = timeout;
        long callMillis = timeoutMillis;
        Duration scoped = Rpc.callDeadline(); // a per-call deadline replaces the proxy's
        if (scoped != null) {
            callTimeout = scoped;
            callMillis = millis(scoped);
        }
        // The proxy's array is made for this invocation: the call may keep it.
        Rpc.Call call = new Rpc.Call(rm.name(), rm.signature(), new Args(args == null ? NO_ARGS : args, rm),
                callMillis);
        if (rm.kind() == ServiceInterface.Kind.ONE_WAY) {
            connection.send(call);
            return null;
        }
        CompletableFuture<Object> result = calls != null ? calls.call(call, callTimeout)
                : Relay.of(connection.request(call, Rpc.Reply.class, callTimeout), rm);
        if (rm.kind() == ServiceInterface.Kind.FUTURE) {
            return result;
        }
        try {
            return result.get();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException || cause instanceof Error) {
                throw cause;
            }
            throw new CompletionException(cause);
        }
    }

    /**
     * The result of {@code rm} carried by {@code reply}.
     *
     * @throws RpcRemoteException if the reply is an error
     * @throws ProtocolException  if its value does not bind to the result type
     */
    static Object decode(ServiceInterface.RemoteMethod rm, Rpc.Reply reply) {
        if (reply.error() != null) {
            throw new RpcRemoteException(reply.error(), reply.errorType(), reply.errorMessage());
        }
        if (rm.result() == null) {
            return null;
        }
        JsonNode v = reply.value();
        if (v instanceof BoundValue bound) { // bound from the frame (ReplyReader)
            if (bound.isFailed()) {
                throw new ProtocolException("reply of " + rm.name() + " does not bind to " + rm.result() + ": "
                        + bound.getPojo());
            }
            return bound.getPojo();
        }
        if (v == null || v.isNull()) {
            return null;
        }
        try {
            return Rpc.MAPPER.treeToValue(v, rm.result());
        } catch (Exception e) {
            throw new ProtocolException("reply of " + rm.name() + " does not bind to " + rm.result() + ": "
                    + e.getMessage());
        }
    }

    /** A failure as a stage derived from the request's future holds it (wrapped once). */
    private static CompletionException wrapped(Throwable error) {
        return error instanceof CompletionException c ? c : new CompletionException(error);
    }

    private Object local(Object proxy, Method method, Object[] args) throws Throwable {
        switch (method.getName()) {
            case "equals":
                if (method.getParameterCount() == 1 && method.getParameterTypes()[0] == Object.class) {
                    return proxy == args[0];
                }
                break;
            case "hashCode":
                if (method.getParameterCount() == 0) {
                    return System.identityHashCode(proxy);
                }
                break;
            case "toString":
                if (method.getParameterCount() == 0) {
                    return "Rpc proxy of " + service.name + " over " + connection;
                }
                break;
            default:
                break;
        }
        if (method.isDefault()) {
            return InvocationHandler.invokeDefault(proxy, method, args);
        }
        throw new UnsupportedOperationException("not a remote method: " + method);
    }

    @Override
    public String toString() {
        return "RpcProxy[" + service.name + "]";
    }

    /**
     * The arguments of a proxy's call: the proxy's own argument array, written by
     * {@link CallWriter} straight into the frame, each value by its runtime class as a
     * {@link BoundValue} would be. Read as a list (a hand-written reader of the call), each
     * element is a {@link BoundValue}, or a null node for null. The method says what the reply's
     * value binds to: the connection that sends the call reads the reply with that type
     * ({@link #resultOf}). Immutable as long as the caller does not change its arguments.
     */
    static final class Args extends AbstractList<JsonNode> implements RandomAccess {
        private final Object[] values;
        final ServiceInterface.RemoteMethod method;

        Args(Object[] values, ServiceInterface.RemoteMethod method) {
            this.values = values;
            this.method = method;
        }

        @Override
        public JsonNode get(int index) {
            Object v = values[index];
            return v == null ? NullNode.getInstance() : new BoundValue(v);
        }

        @Override
        public int size() {
            return values.length;
        }

        /** Writes the arguments as a JSON array, the bytes the list of nodes would give. */
        void write(JsonGenerator g, SerializerProvider provider) throws IOException {
            g.writeStartArray(this, values.length);
            for (Object v : values) {
                if (v == null) {
                    provider.defaultSerializeNull(g);
                } else if (v instanceof JsonSerializable js) {
                    js.serialize(g, provider);
                } else {
                    provider.defaultSerializeValue(v, g);
                }
            }
            g.writeEndArray();
        }
    }

    /**
     * A proxy's call waiting for its reply over a Strand connection: the entry and the future
     * the caller holds, completed with the reply's value (see {@link #decode}), or failed with
     * the cause wrapped in a {@link CompletionException}, as a stage derived from the request
     * would hold it. Cancelling it cancels the request on the wire, as for a plain request.
     */
    static final class PendingCall extends PendingRequests.Pending<Object> {
        private final ServiceInterface.RemoteMethod method;

        PendingCall(PendingRequests owner, long id, Rpc.Call call) {
            super(owner, id, Rpc.Reply.class, call);
            this.method = ((Args) call.args()).method;
        }

        @Override
        void completeFrom(Object reply) {
            Object value;
            try {
                value = decode(method, (Rpc.Reply) reply);
            } catch (RuntimeException e) {
                completeExceptionally(e);
                return;
            }
            complete(value);
        }

        @Override
        public boolean completeExceptionally(Throwable ex) {
            return super.completeExceptionally(wrapped(ex));
        }
    }

    /**
     * A proxy's call over any other connection: completed from the request's future with the
     * decoded value, as a {@code thenApply} stage would be; cancelling it also cancels the
     * request's future (which a {@link Cluster} turns into cancels on the wire).
     */
    static final class Relay extends CancellableFuture<Object> implements BiConsumer<Rpc.Reply, Throwable> {
        private final CompletableFuture<Rpc.Reply> request;
        private final ServiceInterface.RemoteMethod method;

        private Relay(CompletableFuture<Rpc.Reply> request, ServiceInterface.RemoteMethod method) {
            this.request = request;
            this.method = method;
        }

        /** A relay completed from {@code request}. */
        static Relay of(CompletableFuture<Rpc.Reply> request, ServiceInterface.RemoteMethod method) {
            Relay r = new Relay(request, method);
            request.whenComplete(r);
            return r;
        }

        @Override
        public void accept(Rpc.Reply reply, Throwable error) {
            if (error != null) {
                completeExceptionally(wrapped(error));
                return;
            }
            Object value;
            try {
                value = decode(method, reply);
            } catch (RuntimeException e) {
                completeExceptionally(wrapped(e));
                return;
            }
            complete(value);
        }

        @Override
        void cancelled(boolean mayInterruptIfRunning) {
            request.cancel(mayInterruptIfRunning);
        }
    }

    /**
     * The type the reply to {@code request} binds to, when it is a proxy's call of a method
     * with a result; else null (the reply's value is read as a tree).
     */
    static JavaType resultOf(Object request) {
        return request instanceof Rpc.Call call && call.args() instanceof Args args ? args.method.result() : null;
    }
}
