package dev.strand.net;

import com.fasterxml.jackson.databind.JsonNode;
import java.lang.System.Logger.Level;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.InvocationTargetException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The server side of RPC: the services one server serves, and the handler that runs a
 * {@link Rpc.Call} on them. Filled by one builder thread, then read-only: the server's start
 * publishes it to the handler threads.
 */
final class ServiceRegistry implements RequestHandler<Rpc.Call, Rpc.Reply>, MessageHandler<Rpc.Call> {

    private static final System.Logger LOG = System.getLogger("dev.strand.net");

    /**
     * A method bound to its implementation.
     *
     * @param method  the remote method
     * @param impl    the object it is called on
     * @param invoker {@code (Object[] args) -> Object}: the method bound to {@code impl}, spread
     *                to its arity once; null where the method is not accessible to a handle
     *                (then {@link java.lang.reflect.Method#invoke} runs it)
     */
    record Target(ServiceInterface.RemoteMethod method, Object impl, MethodHandle invoker) {

        Target(ServiceInterface.RemoteMethod method, Object impl) {
            this(method, impl, invoker(method, impl));
        }

        private static final MethodType INVOKER = MethodType.methodType(Object.class, Object[].class);

        private static MethodHandle invoker(ServiceInterface.RemoteMethod m, Object impl) {
            try {
                // Accessible (trySetAccessible) or public: unreflect skips the access check then.
                return MethodHandles.lookup().unreflect(m.method()).bindTo(impl)
                        .asSpreader(Object[].class, m.params().length).asType(INVOKER);
            } catch (IllegalAccessException e) {
                return null;
            }
        }
    }

    private final Map<String, Target> targets = new HashMap<>();
    private final Map<String, Class<?>> services = new HashMap<>();
    /**
     * The targets by wire name again, open addressing (linear probing, at most half full), for
     * {@link #target(char[], int, int)}; rebuilt by each {@link #add}.
     */
    private Target[] table = new Target[4];

    /** Adds {@code impl} as {@code service}; checks the interface now. */
    <T> void add(Class<T> service, T impl) {
        ServiceInterface si = ServiceInterface.of(service);
        Objects.requireNonNull(impl, "impl");
        if (!service.isInstance(impl)) {
            throw new IllegalArgumentException("impl is a " + impl.getClass().getName() + ", not a " + service.getName());
        }
        Class<?> old = services.putIfAbsent(si.name, service);
        if (old != null) {
            throw new IllegalArgumentException("a service named '" + si.name + "' is already served (" + old.getName() + ")");
        }
        for (ServiceInterface.RemoteMethod m : si.byName.values()) {
            // Skips the access check of each call where the method's module allows it.
            m.method().trySetAccessible();
            targets.put(m.name(), new Target(m, impl));
        }
        int capacity = 4;
        while (capacity < 2 * targets.size()) {
            capacity <<= 1;
        }
        Target[] t = new Target[capacity];
        for (Target target : targets.values()) {
            int i = spread(target.method().name().hashCode()) & (capacity - 1);
            while (t[i] != null) {
                i = (i + 1) & (capacity - 1);
            }
            t[i] = target;
        }
        table = t;
    }

    private static int spread(int h) {
        return h ^ (h >>> 16);
    }

    /** The method served under {@code wireName}, or null; read by the I/O threads decoding calls. */
    Target target(String wireName) {
        return targets.get(wireName);
    }

    /**
     * The method served under the name in {@code chars[offset, offset + length)}, or null: as
     * {@link #target(String)} without making a String of the name.
     */
    Target target(char[] chars, int offset, int length) {
        int h = 0;
        for (int i = 0; i < length; i++) {
            h = 31 * h + chars[offset + i]; // String.hashCode
        }
        Target[] t = table;
        int mask = t.length - 1;
        for (int i = spread(h) & mask; t[i] != null; i = (i + 1) & mask) {
            String name = t[i].method().name();
            if (name.length() == length && name.hashCode() == h && sameChars(name, chars, offset)) {
                return t[i];
            }
        }
        return null;
    }

    private static boolean sameChars(String name, char[] chars, int offset) {
        for (int i = 0; i < name.length(); i++) {
            if (name.charAt(i) != chars[offset + i]) {
                return false;
            }
        }
        return true;
    }

    @Override
    public Rpc.Reply onRequest(Connection connection, Rpc.Call call) {
        return run(call);
    }

    @Override
    public void onMessage(Connection connection, Rpc.Call call) {
        Rpc.Reply r = run(call);
        if (r.error() != null) {
            LOG.log(Level.DEBUG, "one-way call {0} failed: {1} {2}: {3}", call.method(), r.error(), r.errorType(),
                    r.errorMessage());
        }
    }

    /** Runs one call; every failure becomes an error reply. */
    Rpc.Reply run(Rpc.Call call) {
        long start = call.timeoutMillis() > 0 ? System.nanoTime() : 0; // read only under a deadline
        if (call.args() instanceof CallReader.Bound bound && bound.target.method().name().equals(call.method())) {
            // Bound from the frame (CallReader): the target and the count are known, the array
            // is the call's own.
            ServiceInterface.RemoteMethod m = bound.target.method();
            if (call.signature() != null && !call.signature().equals(m.signature())) {
                return badSignature(m, call);
            }
            Object[] values = bound.values;
            for (int i = 0; i < values.length; i++) {
                if (values[i] instanceof BoundValue failed && failed.isFailed()) {
                    return badArgument(m, i);
                }
            }
            return invoke(bound.target, values, call.timeoutMillis(), start);
        }
        Target t = call.method() == null ? null : targets.get(call.method());
        if (t == null) {
            return error(RpcRemoteException.UNKNOWN_METHOD, null, "no such method: " + call.method()
                    + " (served: " + services.keySet() + ")");
        }
        ServiceInterface.RemoteMethod m = t.method();
        List<JsonNode> args = call.args() == null ? List.of() : call.args();
        if (args.size() != m.params().length || (call.signature() != null && !call.signature().equals(m.signature()))) {
            return badSignature(m, call);
        }
        Object[] values = new Object[args.size()];
        for (int i = 0; i < values.length; i++) {
            JsonNode arg = args.get(i);
            try {
                if (arg instanceof BoundValue bound) { // bound from the frame already (CallReader)
                    if (bound.isFailed()) {
                        throw new IllegalArgumentException("did not bind");
                    }
                    values[i] = bound.getPojo();
                } else {
                    values[i] = Rpc.MAPPER.treeToValue(arg, m.params()[i]);
                }
            } catch (Exception e) {
                return badArgument(m, i);
            }
        }
        return invoke(t, values, call.timeoutMillis(), start);
    }

    private static Rpc.Reply badSignature(ServiceInterface.RemoteMethod m, Rpc.Call call) {
        return error(RpcRemoteException.BAD_ARGUMENTS, null, m.name() + " takes " + m.signature()
                + ", called with " + (call.signature() != null ? call.signature()
                : (call.args() == null ? 0 : call.args().size()) + " arguments"));
    }

    private static Rpc.Reply badArgument(ServiceInterface.RemoteMethod m, int i) {
        return error(RpcRemoteException.BAD_ARGUMENTS, null, m.name() + " argument " + i + " does not bind to "
                + m.params()[i].toCanonical());
    }

    /** Calls the method with {@code values} under the caller's deadline ({@code startNanos} + the timeout). */
    private static Rpc.Reply invoke(Target t, Object[] values, long timeoutMillis, long startNanos) {
        ServiceInterface.RemoteMethod m = t.method();
        boolean hasDeadline = timeoutMillis > 0;
        long deadline = hasDeadline ? startNanos + TimeUnit.MILLISECONDS.toNanos(timeoutMillis) : 0;
        if (hasDeadline) {
            RpcContext.bind(deadline);
        } else {
            RpcContext.clear();
        }
        try {
            Object result;
            try {
                result = t.invoker() != null ? (Object) t.invoker().invokeExact(values)
                        : m.method().invoke(t.impl(), values);
            } catch (InvocationTargetException e) {
                return thrown(e.getCause());
            } catch (Throwable e) { // what the method threw (a handle does not wrap it)
                return thrown(e);
            }
            if (m.kind() == ServiceInterface.Kind.FUTURE) {
                if (result == null) {
                    throw new NullPointerException(m.name() + " returned a null future");
                }
                CompletableFuture<?> f = (CompletableFuture<?>) result;
                result = !hasDeadline ? f.get() : f.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            }
            // Written straight into the reply frame by its serializer (no tree).
            return new Rpc.Reply(result == null ? null : new BoundValue(result), null, null, null);
        } catch (ExecutionException e) {
            return thrown(e.getCause());
        } catch (TimeoutException e) {
            return error(RpcRemoteException.DEADLINE_EXCEEDED, null, m.name() + " did not complete before the deadline");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return thrown(e);
        } catch (Exception e) {
            return thrown(e);
        } finally {
            RpcContext.clear();
        }
    }

    private static Rpc.Reply thrown(Throwable t) {
        return error(RemoteException.HANDLER_FAILED, t.getClass().getName(), t.getMessage());
    }

    private static Rpc.Reply error(String code, String type, String message) {
        return new Rpc.Reply(null, code, type, message);
    }
}
