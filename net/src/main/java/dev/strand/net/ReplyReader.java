package dev.strand.net;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;

/**
 * Reads an {@link Rpc.Reply} from the frame. When the reader's {@link #RESULT} attribute holds
 * the result type of the method called (a proxy's call: see {@link RpcConnection}), the value
 * is bound straight from the parser to that type, as a {@link BoundValue}: no JSON tree is
 * built for it. Otherwise (a reply read for a hand-made call) the value is a tree, as before.
 * A value that does not bind becomes {@link BoundValue#failed}, which the proxy reports as a
 * {@link ProtocolException}.
 *
 * <p>Thread-safe (see {@link RpcReader}).
 */
final class ReplyReader extends RpcReader<Rpc.Reply> {

    private static final long serialVersionUID = 1L;

    /** The reader attribute holding the {@code JavaType} the value binds to. */
    static final Class<ReplyReader> RESULT = ReplyReader.class;

    ReplyReader() {
        super(Rpc.Reply.class);
    }

    @Override
    public Rpc.Reply deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
        JavaType result = (JavaType) ctxt.getAttribute(RESULT);
        JsonNode value = null;
        String error = null;
        String errorType = null;
        String errorMessage = null;
        JsonToken t;
        for (t = firstField(p, ctxt); t == JsonToken.FIELD_NAME; t = p.nextToken()) {
            String field = p.currentName();
            JsonToken v = p.nextToken();
            switch (field) {
                // null stays a null node, as from a tree (an error reply's value is null)
                case "value" -> value = result != null && v != JsonToken.VALUE_NULL ? bindOrFail(p, ctxt, result)
                        : ctxt.readTree(p);
                case "error" -> error = text(p, ctxt, v);
                case "errorType" -> errorType = text(p, ctxt, v);
                case "errorMessage" -> errorMessage = text(p, ctxt, v);
                default -> p.skipChildren(); // a field a newer peer added
            }
        }
        if (t != JsonToken.END_OBJECT) {
            return (Rpc.Reply) ctxt.handleUnexpectedToken(Rpc.Reply.class, p);
        }
        return new Rpc.Reply(value, error, errorType, errorMessage);
    }

    /** A text field: null and strings at once (every reply has three), anything else as bound. */
    private String text(JsonParser p, DeserializationContext ctxt, JsonToken v) throws IOException {
        if (v == JsonToken.VALUE_NULL) {
            return null;
        }
        return v == JsonToken.VALUE_STRING ? p.getText() : (String) bind(p, ctxt, STRING);
    }
}
