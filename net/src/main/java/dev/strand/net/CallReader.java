package dev.strand.net;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.type.TypeFactory;
import java.io.IOException;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.List;
import java.util.RandomAccess;

/**
 * Reads an {@link Rpc.Call} from the frame. On a server that serves RPC (its registry is the
 * reader's {@link #REGISTRY} attribute), the arguments of a call to a known method are bound
 * straight from the parser to the method's generic parameter types, into the array the method
 * is then called with ({@link Bound}): no JSON tree and no wrapper per argument. That needs {@code method} before {@code args}, the order
 * every Strand proxy writes; a call in another order, to an unknown method, with a signature
 * that does not match, or read without a registry gets its arguments as trees, bound later by
 * {@link ServiceRegistry} with the same result.
 *
 * <p>An argument that does not bind becomes {@link BoundValue#failed} and the parser is moved
 * past it, so the call is answered with {@code bad-arguments}, as it would be from a tree. A
 * parse limit hit, or malformed JSON, fails the whole frame as any payload's would.
 *
 * <p>Thread-safe (see {@link RpcReader}).
 */
final class CallReader extends RpcReader<Rpc.Call> {

    private static final long serialVersionUID = 1L;

    /** The reader attribute holding the {@link ServiceRegistry} of the server reading. */
    static final Class<ServiceRegistry> REGISTRY = ServiceRegistry.class;

    private static final JavaType LONG = TypeFactory.defaultInstance().constructType(long.class);
    private static final JavaType TREES = TypeFactory.defaultInstance()
            .constructCollectionType(List.class, JsonNode.class);

    CallReader() {
        super(Rpc.Call.class);
    }

    @Override
    public Rpc.Call deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
        ServiceRegistry registry = (ServiceRegistry) ctxt.getAttribute(REGISTRY);
        String method = null;
        String signature = null;
        List<JsonNode> args = null;
        long timeoutMillis = 0;
        ServiceRegistry.Target target = null;
        JsonToken t;
        for (t = firstField(p, ctxt); t == JsonToken.FIELD_NAME; t = p.nextToken()) {
            String field = p.currentName();
            JsonToken v = p.nextToken();
            switch (field) {
                case "method" -> {
                    if (registry != null && v == JsonToken.VALUE_STRING) {
                        // A served method is found from the parser's characters (no String made).
                        target = registry.target(p.getTextCharacters(), p.getTextOffset(), p.getTextLength());
                        method = target != null ? target.method().name() : p.getText();
                    } else {
                        method = v == JsonToken.VALUE_STRING ? p.getText() : (String) bind(p, ctxt, STRING);
                        target = registry != null && method != null ? registry.target(method) : null;
                    }
                }
                case "signature" -> {
                    if (target != null && v == JsonToken.VALUE_STRING && textEquals(p, target.method().signature())) {
                        signature = target.method().signature();
                    } else {
                        signature = (String) bind(p, ctxt, STRING);
                        if (target != null && signature != null && !signature.equals(target.method().signature())) {
                            target = null; // a mismatch: the registry answers it, from trees
                        }
                    }
                }
                case "args" -> args = args(p, ctxt, target);
                case "timeoutMillis" -> timeoutMillis = v == JsonToken.VALUE_NUMBER_INT ? p.getLongValue()
                        : (Long) bind(p, ctxt, LONG);
                default -> p.skipChildren(); // a field a newer peer added
            }
        }
        if (t != JsonToken.END_OBJECT) {
            return (Rpc.Call) ctxt.handleUnexpectedToken(Rpc.Call.class, p);
        }
        return new Rpc.Call(method, signature, args, timeoutMillis);
    }

    /**
     * Reads the args array: bound to {@code target}'s parameter types, or as trees when it is
     * null. As many arguments as parameters give {@link Bound}; fewer or more give a list of
     * nodes (the extra ones trees), which the registry answers with the count.
     */
    private List<JsonNode> args(JsonParser p, DeserializationContext ctxt, ServiceRegistry.Target target)
            throws IOException {
        if (target == null || p.currentToken() != JsonToken.START_ARRAY) {
            @SuppressWarnings("unchecked") // bound as List<JsonNode>
            List<JsonNode> trees = (List<JsonNode>) bind(p, ctxt, TREES);
            return trees;
        }
        JavaType[] params = target.method().params();
        Object[] values = new Object[params.length];
        int n = 0;
        for (JsonToken v = p.nextToken(); v != JsonToken.END_ARRAY; v = p.nextToken()) {
            if (v == null) {
                return ctxt.reportInputMismatch(Rpc.Call.class, "end of input inside \"args\"");
            }
            if (n == params.length) {
                return tooMany(p, ctxt, values);
            }
            values[n] = bindValueOrFail(p, ctxt, params[n]);
            n++;
        }
        if (n < params.length) {
            List<JsonNode> out = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                out.add(node(values[i], ctxt));
            }
            return out;
        }
        return new Bound(target, values);
    }

    /** The parser is on an argument beyond the parameters: it and the rest are kept as trees. */
    private static List<JsonNode> tooMany(JsonParser p, DeserializationContext ctxt, Object[] bound)
            throws IOException {
        List<JsonNode> out = new ArrayList<>(bound.length + 1);
        for (Object value : bound) {
            out.add(node(value, ctxt));
        }
        out.add(ctxt.readTree(p));
        for (JsonToken v = p.nextToken(); v != JsonToken.END_ARRAY; v = p.nextToken()) {
            if (v == null) {
                return ctxt.reportInputMismatch(Rpc.Call.class, "end of input inside \"args\"");
            }
            out.add(ctxt.readTree(p));
        }
        return out;
    }

    /**
     * The arguments of a call bound from the frame, one per parameter of the method served
     * under the call's name: the values themselves, a value that did not bind being a
     * {@link BoundValue#failed}. {@link ServiceRegistry} passes the array to the method as it
     * is. Read as a list, each element is a {@link BoundValue} or a null node.
     */
    static final class Bound extends AbstractList<JsonNode> implements RandomAccess {
        final ServiceRegistry.Target target;
        final Object[] values;

        Bound(ServiceRegistry.Target target, Object[] values) {
            this.target = target;
            this.values = values;
        }

        @Override
        public JsonNode get(int index) {
            Object v = values[index];
            return v instanceof BoundValue failed ? failed : v == null ? NullNode.getInstance() : new BoundValue(v);
        }

        @Override
        public int size() {
            return values.length;
        }
    }
}
