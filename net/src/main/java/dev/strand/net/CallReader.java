package dev.strand.net;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.type.TypeFactory;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads an {@link Rpc.Call} from the frame. On a server that serves RPC (its registry is the
 * reader's {@link #REGISTRY} attribute), the arguments of a call to a known method are bound
 * straight from the parser to the method's generic parameter types, as {@link BoundValue}s:
 * no JSON tree is built for them. That needs {@code method} before {@code args}, the order
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
        ServiceInterface.RemoteMethod target = null;
        JsonToken t;
        for (t = firstField(p, ctxt); t == JsonToken.FIELD_NAME; t = p.nextToken()) {
            String field = p.currentName();
            JsonToken v = p.nextToken();
            switch (field) {
                case "method" -> {
                    method = v == JsonToken.VALUE_STRING ? p.getText() : (String) bind(p, ctxt, STRING);
                    target = registry != null && method != null ? registry.method(method) : null;
                }
                case "signature" -> {
                    signature = (String) bind(p, ctxt, STRING);
                    if (target != null && signature != null && !signature.equals(target.signature())) {
                        target = null; // a mismatch: the registry answers it, from trees
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

    /** Reads the args array: bound to {@code m}'s parameter types, or as trees when {@code m} is null. */
    private List<JsonNode> args(JsonParser p, DeserializationContext ctxt, ServiceInterface.RemoteMethod m)
            throws IOException {
        if (m == null || p.currentToken() != JsonToken.START_ARRAY) {
            @SuppressWarnings("unchecked") // bound as List<JsonNode>
            List<JsonNode> trees = (List<JsonNode>) bind(p, ctxt, TREES);
            return trees;
        }
        JavaType[] params = m.params();
        List<JsonNode> out = new ArrayList<>(params.length);
        for (JsonToken v = p.nextToken(); v != JsonToken.END_ARRAY; v = p.nextToken()) {
            if (v == null) {
                return ctxt.reportInputMismatch(Rpc.Call.class, "end of input inside \"args\"");
            }
            int i = out.size();
            // One too many is kept as a tree: the registry answers the count.
            out.add(i < params.length ? bindOrFail(p, ctxt, params[i]) : ctxt.readTree(p));
        }
        return out;
    }
}
