package dev.strand.net;

import com.fasterxml.jackson.databind.JsonNode;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * The invocation handler of an RPC proxy: turns a call into a {@link Rpc.Call} on the
 * connection. Immutable and thread-safe.
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
        this.timeoutMillis = Math.max(1, timeout.toMillis());
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
        ServiceInterface.RemoteMethod rm = service.byMethod.get(method);
        if (rm == null) {
            return local(proxy, method, args);
        }
        List<JsonNode> json = new ArrayList<>(args == null ? 0 : args.length);
        if (args != null) {
            for (Object a : args) {
                json.add(Rpc.MAPPER.valueToTree(a));
            }
        }
        Rpc.Call call = new Rpc.Call(rm.name(), rm.signature(), json, timeoutMillis);
        if (rm.kind() == ServiceInterface.Kind.ONE_WAY) {
            connection.send(call);
            return null;
        }
        CompletableFuture<Object> result = connection.request(call, Rpc.Reply.class, timeout)
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
}
