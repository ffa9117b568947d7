package dev.strand.net;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DatabindException;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.type.TypeFactory;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the readers of the RPC envelope types ({@link CallReader}, {@link ReplyReader}) share:
 * binding one value at the parser to a Java type, as an {@code ObjectReader} would, with the
 * type's root deserializer found once; and binding a value that may not fit, where a misfit
 * becomes {@link BoundValue#failed} and the parser is moved past the value, so that the rest of
 * the frame is still read.
 *
 * <p>Thread-safe: one instance per codec (its mapper) and type; the cache is concurrent.
 *
 * @param <T> the envelope type read
 */
abstract class RpcReader<T> extends StdDeserializer<T> {

    private static final long serialVersionUID = 1L;

    /** A text field's type. */
    static final JavaType STRING = TypeFactory.defaultInstance().constructType(String.class);

    /** Root deserializers by type, found once (finding one is costly). */
    private final transient Map<JavaType, JsonDeserializer<Object>> roots = new ConcurrentHashMap<>();

    RpcReader(Class<T> type) {
        super(type);
    }

    /** Moves from the payload's START_OBJECT to its first field; returns the token there. */
    final JsonToken firstField(JsonParser p, DeserializationContext ctxt) throws IOException {
        JsonToken t = p.currentToken();
        if (t == JsonToken.START_OBJECT) {
            return p.nextToken();
        }
        if (t != JsonToken.FIELD_NAME && t != JsonToken.END_OBJECT) {
            ctxt.handleUnexpectedToken(handledType(), p);
        }
        return t;
    }

    /** Binds the value at the parser to {@code type}, as an {@code ObjectReader} would (null included). */
    final Object bind(JsonParser p, DeserializationContext ctxt, JavaType type) throws IOException {
        JsonDeserializer<Object> d = roots.get(type);
        if (d == null) {
            d = ctxt.findRootValueDeserializer(type);
            roots.put(type, d);
        }
        return p.currentToken() == JsonToken.VALUE_NULL ? d.getNullValue(ctxt) : d.deserialize(p, ctxt);
    }

    /**
     * Binds the value at the parser to {@code type} as a node: a {@link BoundValue}, a null node
     * for null, or {@link BoundValue#failed} when it does not fit, the parser then being on the
     * value's last token as after a bind. A parse limit or malformed JSON still fails the frame.
     */
    final JsonNode bindOrFail(JsonParser p, DeserializationContext ctxt, JavaType type) throws IOException {
        return node(bindValueOrFail(p, ctxt, type), ctxt);
    }

    /**
     * As {@link #bindOrFail}, giving the bound value itself (null for null), or a
     * {@link BoundValue#failed} when it does not fit.
     */
    final Object bindValueOrFail(JsonParser p, DeserializationContext ctxt, JavaType type) throws IOException {
        JsonStreamContext around = p.currentToken() != null && p.currentToken().isStructStart()
                ? p.getParsingContext().getParent() : p.getParsingContext();
        try {
            return bind(p, ctxt, type);
        } catch (DatabindException | RuntimeException e) {
            for (Throwable c = e; c != null; c = c.getCause()) {
                if (c instanceof StreamConstraintsException limit) {
                    throw limit; // a limit, not a value of the wrong shape
                }
            }
            // A value that failed inside a structure leaves the parser somewhere in it; its
            // closing token returns to the context around the value.
            while (p.getParsingContext() != around) {
                if (p.nextToken() == null) {
                    return ctxt.reportInputMismatch(handledType(), "end of input inside a value");
                }
            }
            return BoundValue.failed(e.getMessage());
        }
    }

    /** A value from {@link #bindValueOrFail} as a node: itself if a failure, a null node for null. */
    static JsonNode node(Object value, DeserializationContext ctxt) {
        if (value instanceof BoundValue failed) {
            return failed;
        }
        return value == null ? ctxt.getNodeFactory().nullNode() : new BoundValue(value);
    }

    /** Whether the string value at the parser is {@code s}, read without making a String. */
    static boolean textEquals(JsonParser p, String s) throws IOException {
        int length = p.getTextLength();
        if (length != s.length()) {
            return false;
        }
        char[] chars = p.getTextCharacters();
        int offset = p.getTextOffset();
        for (int i = 0; i < length; i++) {
            if (chars[offset + i] != s.charAt(i)) {
                return false;
            }
        }
        return true;
    }
}
