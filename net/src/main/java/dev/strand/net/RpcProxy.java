package dev.strand.net;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import dev.strand.core.internal.Durations;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.time.Duration;
import java.util.AbstractList;
import java.util.RandomAccess;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * The invocation handler of an RPC proxy: turns a call into a {@link Rpc.Call} on the
 * connection. The arguments go into the call as {@link BoundValue}s, which the codec writes
 * straight into the frame (no JSON tree is built for them). Immutable and thread-safe.
 */
final class RpcProxy implements InvocationHandler {

    private final ServiceInterface service;
    private final Connection connection;
    private final Duration timeout;
    private final long timeoutMillis;

    RpcProxy(ServiceInterface service, Connection connection, Duration timeout) {
        this.service = service;
        this.connection = connection;
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
        JsonNode[] values = new JsonNode[args == null ? 0 : args.length];
        for (int i = 0; i < values.length; i++) {
            values[i] = args[i] == null ? NullNode.getInstance() : new BoundValue(args[i]);
        }
        Args json = new Args(values, rm.result());
        Duration callTimeout = timeout;
        long callMillis = timeoutMillis;
        Duration scoped = Rpc.callDeadline(); // a per-call deadline replaces the proxy's
        if (scoped != null) {
            callTimeout = scoped;
            callMillis = millis(scoped);
        }
        Rpc.Call call = new Rpc.Call(rm.name(), rm.signature(), json, callMillis);
        if (rm.kind() == ServiceInterface.Kind.ONE_WAY) {
            connection.send(call);
            return null;
        }
        CompletableFuture<Object> result = connection.request(call, Rpc.Reply.class, callTimeout)
                .thenApply(reply -> decode(rm, reply));
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

    private static Object decode(ServiceInterface.RemoteMethod rm, Rpc.Reply reply) {
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
     * The arguments of a proxy's call, which also say what its reply's value binds to: the
     * connection that sends the call reads the reply with that type ({@link #resultOf}).
     * Immutable.
     */
    static final class Args extends AbstractList<JsonNode> implements RandomAccess {
        private final JsonNode[] values;
        private final JavaType result;

        Args(JsonNode[] values, JavaType result) {
            this.values = values;
            this.result = result;
        }

        @Override
        public JsonNode get(int index) {
            return values[index];
        }

        @Override
        public int size() {
            return values.length;
        }
    }

    /**
     * The type the reply to {@code request} binds to, when it is a proxy's call of a method
     * with a result; else null (the reply's value is read as a tree).
     */
    static JavaType resultOf(Object request) {
        return request instanceof Rpc.Call call && call.args() instanceof Args args ? args.result : null;
    }
}
