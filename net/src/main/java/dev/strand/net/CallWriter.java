package dev.strand.net;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import java.io.IOException;
import java.util.List;

/**
 * Writes an {@link Rpc.Call}: the fields in their record order, {@code method},
 * {@code signature}, {@code args}, {@code timeoutMillis}, the bytes Jackson's own record
 * serializer gives (pinned by {@code RpcWireTest}). A proxy's arguments ({@link RpcProxy.Args})
 * go straight from the proxy's array into the frame; a hand-made call's nodes are written as
 * they are. Stateless and thread-safe.
 */
final class CallWriter extends StdSerializer<Rpc.Call> {

    private static final long serialVersionUID = 1L;

    CallWriter() {
        super(Rpc.Call.class);
    }

    private static final SerializableString METHOD = new SerializedString("method");
    private static final SerializableString SIGNATURE = new SerializedString("signature");
    private static final SerializableString ARGS = new SerializedString("args");
    private static final SerializableString TIMEOUT_MILLIS = new SerializedString("timeoutMillis");

    @Override
    public void serialize(Rpc.Call call, JsonGenerator g, SerializerProvider provider) throws IOException {
        g.writeStartObject(call);
        List<JsonNode> args = call.args();
        if (args instanceof RpcProxy.Args proxied) {
            // A proxy's call: its method's name and signature, encoded once.
            g.writeFieldName(METHOD);
            g.writeString(proxied.method.nameJson());
            g.writeFieldName(SIGNATURE);
            g.writeString(proxied.method.signatureJson());
            g.writeFieldName(ARGS);
            proxied.write(g, provider);
        } else {
            g.writeFieldName(METHOD);
            g.writeString(call.method());
            g.writeFieldName(SIGNATURE);
            g.writeString(call.signature());
            g.writeFieldName(ARGS);
            if (args == null) {
                provider.defaultSerializeNull(g);
            } else {
                g.writeStartArray(args, args.size());
                for (JsonNode n : args) {
                    if (n == null) {
                        provider.defaultSerializeNull(g);
                    } else {
                        n.serialize(g, provider);
                    }
                }
                g.writeEndArray();
            }
        }
        g.writeFieldName(TIMEOUT_MILLIS);
        g.writeNumber(call.timeoutMillis());
        g.writeEndObject();
    }
}
