package dev.strand.net;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import java.io.IOException;

/**
 * Writes an {@link Rpc.Reply}: the fields in their record order, {@code value}, {@code error},
 * {@code errorType}, {@code errorMessage}, nulls included, the bytes Jackson's own record
 * serializer gives (pinned by {@code RpcWireTest}), without reading the record's components
 * through reflection. A {@link BoundValue} is written as its object's own JSON. Stateless and
 * thread-safe.
 */
final class ReplyWriter extends StdSerializer<Rpc.Reply> {

    private static final long serialVersionUID = 1L;

    private static final SerializableString VALUE = new SerializedString("value");
    private static final SerializableString ERROR = new SerializedString("error");
    private static final SerializableString ERROR_TYPE = new SerializedString("errorType");
    private static final SerializableString ERROR_MESSAGE = new SerializedString("errorMessage");

    ReplyWriter() {
        super(Rpc.Reply.class);
    }

    @Override
    public void serialize(Rpc.Reply reply, JsonGenerator g, SerializerProvider provider) throws IOException {
        g.writeStartObject(reply);
        g.writeFieldName(VALUE);
        JsonNode value = reply.value();
        if (value == null) {
            provider.defaultSerializeNull(g);
        } else {
            value.serialize(g, provider);
        }
        g.writeFieldName(ERROR);
        g.writeString(reply.error());
        g.writeFieldName(ERROR_TYPE);
        g.writeString(reply.errorType());
        g.writeFieldName(ERROR_MESSAGE);
        g.writeString(reply.errorMessage());
        g.writeEndObject();
    }
}
