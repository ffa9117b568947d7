package dev.strand.net.transport;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.DatabindException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.strand.net.FrameTooLargeException;
import dev.strand.net.NetException;
import dev.strand.net.RemoteException;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufOutputStream;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.io.IOException;
import java.io.OutputStream;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Encodes {@link Envelope}s into length-prefixed frames and decodes frame bodies back, with
 * the user's {@link dev.strand.net.JsonCodec} for payload types and a fixed set of system types (names
 * starting with '$') for the transport's and the patterns' own control messages.
 *
 * <p>Encoding writes the envelope fields in the order {@code t, id|re, c, p, e} into the
 * encoding thread's reused array ({@link FrameSink}) after a 4-byte gap that is then set to the
 * body length; the payload goes through the type's prepared {@code ObjectWriter}, and the frame
 * leaves as one exact-size buffer: a direct one of the channel's allocator for a frame sent on
 * one channel, a heap array for a frame written to several. Decoding streams the body with one
 * parser: the payload is bound with the type's {@code ObjectReader} directly from the parser
 * when "t" came first (always, from this encoder), else it is buffered as a tree and bound at
 * the end. The first failure ends decoding with a {@link FrameDecodeException} that carries
 * the request id if it had been read, so the receiver can answer with an error reply.
 *
 * <p>Immutable and thread-safe.
 */
public final class EnvelopeCodec {

    public static final String MALFORMED = "malformed";

    /**
     * Chooses the reader of a reply's payload by the request it answers: a receiver that knows
     * more about the reply than its type name (the request-reply layer) binds it with that.
     */
    public interface ReplyReaders {

        /**
         * Returns the reader for the payload of the reply to request {@code id}.
         *
         * @param binding the registered type the reply names
         * @param id      the request it answers
         * @return a reader of {@code binding}'s type, or null for the binding's own
         */
        ObjectReader replyReader(PayloadBinding binding, long id);
    }

    private final PayloadTypes codec;
    private final JsonFactory factory;
    private final int maxFrameLength;
    private final Map<String, PayloadBinding> systemByName;
    private final Map<Class<?>, PayloadBinding> systemByClass;

    /**
     * @param codec          the user's codec
     * @param maxFrameLength the longest body this side writes (and reads)
     * @param systemTypes    control message types of the patterns, names starting with '$'
     */
    public EnvelopeCodec(PayloadTypes codec, int maxFrameLength, Map<String, Class<?>> systemTypes) {
        this.codec = Objects.requireNonNull(codec, "codec");
        this.factory = codec.mapper().getFactory();
        this.maxFrameLength = maxFrameLength;
        Map<String, PayloadBinding> byName = new HashMap<>();
        Map<Class<?>, PayloadBinding> byClass = new HashMap<>();
        for (Map.Entry<String, Class<?>> e : systemTypes.entrySet()) {
            if (!e.getKey().startsWith("$") || e.getKey().equals(Envelope.PING_TYPE)
                    || e.getKey().equals(Envelope.CANCEL_TYPE)) {
                throw new IllegalArgumentException("system type names start with '$' and are not $ping or $cancel: "
                        + e.getKey());
            }
            PayloadBinding b = codec.bind(e.getKey(), e.getValue());
            byName.put(e.getKey(), b);
            byClass.put(e.getValue(), b);
        }
        this.systemByName = Map.copyOf(byName);
        this.systemByClass = Map.copyOf(byClass);
    }

    public PayloadTypes codec() {
        return codec;
    }

    public int maxFrameLength() {
        return maxFrameLength;
    }

    /**
     * Returns the binding for a payload's class.
     *
     * @throws IllegalArgumentException if the class is registered neither by the user nor as a
     *                                  system type
     */
    public PayloadBinding bindingFor(Object payload) {
        Class<?> type = payload.getClass();
        PayloadBinding b = systemByClass.get(type);
        if (b == null) {
            b = codec.bindingFor(type);
        }
        if (b == null) {
            throw new IllegalArgumentException("type not registered with the codec: " + type.getName());
        }
        return b;
    }

    private PayloadBinding bindingOf(String name) {
        return name.startsWith("$") ? systemByName.get(name) : codec.bindingOf(name);
    }

    // ------------------------------------------------------------------------------ encoding

    /**
     * Encodes {@code env} as one frame: 4-byte big-endian body length, then the body.
     *
     * @return a heap buffer the caller owns (write it or release it); the channel copies it
     *         into a pooled direct buffer on its event loop as it writes
     * @throws IllegalArgumentException if the payload's type is not registered
     * @throws FrameTooLargeException   if the body is longer than {@code maxFrameLength}
     * @throws NetException             if the payload cannot be serialized
     */
    public ByteBuf encode(Envelope env) {
        return encode(env, null);
    }

    /**
     * Encodes {@code env} as one frame into a direct buffer of {@code alloc}, the kind the
     * channel writes: the event loop then writes it as it is, without copying it into a direct
     * buffer of its own first.
     *
     * @param alloc the channel's allocator; null for a heap buffer (see {@link #encode(Envelope)})
     * @return a buffer the caller owns (write it or release it)
     * @throws IllegalArgumentException if the payload's type is not registered
     * @throws FrameTooLargeException   if the body is longer than {@code maxFrameLength}
     * @throws NetException             if the payload cannot be serialized
     */
    public ByteBuf encode(Envelope env, ByteBufAllocator alloc) {
        PayloadBinding binding = env.payload() != null ? bindingFor(env.payload()) : null;
        FrameSink sink = FrameSink.acquire();
        try {
            try (JsonGenerator g = factory.createGenerator(sink.stream(), JsonEncoding.UTF8)) {
                writeEnvelope(g, env, binding);
            }
            int length = sink.size() - 4;
            if (length > maxFrameLength) {
                throw new FrameTooLargeException(length, maxFrameLength);
            }
            return alloc == null ? Unpooled.wrappedBuffer(sink.toFrame(length)) : sink.toFrame(length, alloc);
        } catch (IOException e) {
            throw new NetException("cannot encode " + (binding != null ? binding.name() : env.kind()) + ": "
                    + e.getMessage(), e);
        } finally {
            sink.release();
        }
    }

    /** The envelope's field names, encoded once. */
    private static final SerializableString T = new SerializedString("t");
    private static final SerializableString ID = new SerializedString("id");
    private static final SerializableString RE = new SerializedString("re");
    private static final SerializableString C = new SerializedString("c");
    private static final SerializableString P = new SerializedString("p");

    private static void writeEnvelope(JsonGenerator g, Envelope env, PayloadBinding binding) throws IOException {
        g.writeStartObject();
        if (env.kind() == Envelope.Kind.PING) {
            g.writeStringField("t", Envelope.PING_TYPE);
        } else if (env.kind() == Envelope.Kind.CANCEL) {
            g.writeStringField("t", Envelope.CANCEL_TYPE);
            g.writeNumberField("p", env.id());
        } else if (binding != null) {
            g.writeFieldName(T);
            g.writeString(binding.jsonName());
        }
        switch (env.kind()) {
            case REQUEST -> {
                g.writeFieldName(ID);
                g.writeNumber(env.id());
            }
            case REPLY, ERROR -> {
                g.writeFieldName(RE);
                g.writeNumber(env.id());
            }
            default -> { }
        }
        if (env.route() != null) {
            g.writeFieldName(C);
            g.writeString(env.route());
        }
        if (binding != null) {
            g.writeFieldName(P);
            binding.writer().writeValue(g, env.payload());
        }
        if (env.kind() == Envelope.Kind.ERROR) {
            g.writeObjectFieldStart("e");
            g.writeStringField("code", env.errorCode());
            g.writeStringField("message", env.errorMessage());
            g.writeEndObject();
        }
        g.writeEndObject();
    }

    /**
     * The encoding thread's reusable output: the generator writes the body after a 4-byte gap
     * for the length, and the frame leaves as one exact-size buffer (a heap array is copied by
     * the event loop into a direct buffer as it writes; a direct one is written as it is). A buffer grown
     * beyond {@link #KEEP} bytes is not kept.
     */
    public static final class FrameSink {
        private static final int KEEP = 64 * 1024;
        private static final ThreadLocal<FrameSink> LOCAL = ThreadLocal.withInitial(FrameSink::new);

        private final ByteBuf buf = Unpooled.buffer(256);
        /** Its stream; the generator's close() leaves the buffer alone (no releaseOnClose). */
        private final ByteBufOutputStream out = new ByteBufOutputStream(buf);
        private boolean inUse;

        static FrameSink acquire() {
            FrameSink s = LOCAL.get();
            if (s.inUse) {
                s = new FrameSink(); // re-entered (a serializer that encodes): a one-off sink
            }
            s.inUse = true;
            s.buf.clear().writeInt(0); // the gap for the length
            return s;
        }

        OutputStream stream() {
            return out;
        }

        void release() {
            inUse = false;
            if (buf.capacity() > KEEP) {
                LOCAL.remove();
            }
        }

        int size() {
            return buf.readableBytes();
        }

        byte[] toFrame(int length) {
            buf.setInt(0, length);
            return ByteBufUtil.getBytes(buf);
        }

        ByteBuf toFrame(int length, ByteBufAllocator alloc) {
            buf.setInt(0, length);
            int size = buf.readableBytes();
            ByteBuf frame = alloc.directBuffer(size, size);
            // From the array: a buffer-to-buffer copy would slice both sides into NIO buffers.
            frame.writeBytes(buf.array(), buf.arrayOffset() + buf.readerIndex(), size);
            return frame;
        }
    }

    // ------------------------------------------------------------------------------ decoding

    /**
     * Decodes one frame body (the length prefix already stripped).
     *
     * @throws FrameDecodeException if the body is not a valid envelope of known types
     */
    public Envelope decode(ByteBuf body) {
        return decode(body, null);
    }

    /**
     * Decodes one frame body (the length prefix already stripped), reading a reply's payload
     * with the reader {@code replies} gives for it, when it gives one.
     *
     * @param replies may be null
     * @throws FrameDecodeException if the body is not a valid envelope of known types
     */
    public Envelope decode(ByteBuf body, ReplyReaders replies) {
        int length = body.readableBytes();
        if (length == 0) {
            throw new FrameDecodeException(MALFORMED, null, 0, "empty frame (length 0)", null);
        }
        byte[] array;
        int offset;
        if (body.hasArray()) {
            array = body.array();
            offset = body.arrayOffset() + body.readerIndex();
        } else {
            array = ByteBufUtil.getBytes(body, body.readerIndex(), length, false);
            offset = 0;
        }
        return decode(array, offset, length, replies);
    }

    public Envelope decode(byte[] array, int offset, int length) {
        return decode(array, offset, length, null);
    }

    /** Decodes one frame body from {@code array}; as {@link #decode(ByteBuf, ReplyReaders)}. */
    public Envelope decode(byte[] array, int offset, int length, ReplyReaders replies) {
        String type = null;
        String route = null;
        long id = 0;
        boolean hasId = false;
        boolean hasRe = false;
        boolean hasPayload = false;
        boolean hasError = false;
        boolean hasCancelled = false;
        long cancelled = 0;
        Object payload = null;
        JsonNode deferred = null;
        PayloadBinding binding = null;
        String errorCode = null;
        String errorMessage = null;
        try (JsonParser p = factory.createParser(array, offset, length)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw malformed("frame body is not a JSON object", null, 0, null);
            }
            JsonToken token;
            while ((token = p.nextToken()) == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken value = p.nextToken();
                switch (field) {
                    case "t" -> {
                        type = text(p, value, "t", kindOf(hasId, hasRe), id);
                        // An unknown name leaves binding null: decoding reads on to learn the
                        // request id (this encoder writes it next) and refuses the frame at the end.
                        binding = type.equals(Envelope.PING_TYPE) || type.equals(Envelope.CANCEL_TYPE) ? null
                                : bindingOf(type);
                    }
                    case "id", "re" -> {
                        if (value != JsonToken.VALUE_NUMBER_INT) {
                            throw malformed("\"" + field + "\" is not an integer", kindOf(hasId, hasRe), id, null);
                        }
                        id = p.getLongValue();
                        if (field.equals("id")) {
                            hasId = true;
                        } else {
                            hasRe = true;
                        }
                    }
                    case "c" -> route = text(p, value, "c", kindOf(hasId, hasRe), id);
                    case "p" -> {
                        hasPayload = true;
                        if (type == null) {
                            deferred = p.readValueAsTree();
                        } else if (type.equals(Envelope.CANCEL_TYPE) && value == JsonToken.VALUE_NUMBER_INT) {
                            hasCancelled = true;
                            cancelled = p.getLongValue();
                        } else if (binding != null && value != JsonToken.VALUE_NULL) {
                            ObjectReader reader = hasRe && replies != null ? replies.replyReader(binding, id) : null;
                            try {
                                payload = (reader != null ? reader : binding.reader()).readValue(p);
                            } catch (DatabindException e) {
                                throw badPayload(type, kindOf(hasId, hasRe), id, e);
                            }
                        } else {
                            p.skipChildren();
                        }
                    }
                    case "e" -> {
                        hasError = true;
                        if (value != JsonToken.START_OBJECT) {
                            throw malformed("\"e\" is not an object", kindOf(hasId, hasRe), id, null);
                        }
                        while (p.nextToken() == JsonToken.FIELD_NAME) {
                            String name = p.currentName();
                            JsonToken v = p.nextToken();
                            if (name.equals("code")) {
                                errorCode = text(p, v, "e.code", kindOf(hasId, hasRe), id);
                            } else if (name.equals("message")) {
                                errorMessage = v == JsonToken.VALUE_NULL ? null
                                        : text(p, v, "e.message", kindOf(hasId, hasRe), id);
                            } else {
                                p.skipChildren();
                            }
                        }
                    }
                    default -> p.skipChildren(); // a field a newer peer added
                }
            }
            if (token != JsonToken.END_OBJECT) {
                throw malformed("frame body is not a JSON object", kindOf(hasId, hasRe), id, null);
            }
            if (p.nextToken() != null) {
                throw malformed("trailing content after the envelope", kindOf(hasId, hasRe), id, null);
            }
        } catch (FrameDecodeException e) {
            throw e;
        } catch (StreamConstraintsException e) {
            throw new FrameDecodeException(MALFORMED, kindOf(hasId, hasRe), id,
                    "frame breaks the codec's parse constraints: " + e.getOriginalMessage(), e);
        } catch (DatabindException e) {
            throw badPayload(type, kindOf(hasId, hasRe), id, e);
        } catch (JsonProcessingException e) {
            throw malformed("malformed JSON: " + e.getOriginalMessage(), kindOf(hasId, hasRe), id, e);
        } catch (IOException e) {
            throw malformed("unreadable frame: " + e.getMessage(), kindOf(hasId, hasRe), id, e);
        }

        Envelope.Kind kind;
        if (hasRe) {
            kind = hasError ? Envelope.Kind.ERROR : Envelope.Kind.REPLY;
        } else if (hasId) {
            kind = Envelope.Kind.REQUEST;
        } else if (Envelope.PING_TYPE.equals(type)) {
            return Envelope.PING;
        } else if (Envelope.CANCEL_TYPE.equals(type)) {
            if (deferred != null && deferred.isIntegralNumber() && deferred.canConvertToLong()) {
                hasCancelled = true;
                cancelled = deferred.longValue();
            }
            if (!hasCancelled) {
                throw malformed("\"$cancel\" without an integer request id in \"p\"", null, 0, null);
            }
            return Envelope.cancel(cancelled);
        } else {
            kind = Envelope.Kind.MESSAGE;
        }
        if (kind == Envelope.Kind.ERROR) {
            if (errorCode == null) {
                throw malformed("error envelope without \"e.code\"", kind, id, null);
            }
            return new Envelope(kind, null, id, null, null, errorCode, errorMessage);
        }
        if (type == null) {
            throw malformed("envelope without \"t\"", kind, id, null);
        }
        if (binding == null) {
            throw new FrameDecodeException(RemoteException.UNKNOWN_TYPE, kind, id,
                    "unknown type name: " + abbreviate(type), null);
        }
        if (deferred != null && !deferred.isNull()) {
            try {
                payload = binding.reader().readValue(deferred);
            } catch (IOException e) {
                throw badPayload(type, kind, id, e);
            }
        }
        if (payload == null) {
            throw new FrameDecodeException(RemoteException.BAD_PAYLOAD, kind, id,
                    (hasPayload ? "null payload for type " : "no payload for type ") + abbreviate(type), null);
        }
        return new Envelope(kind, type, id, route, payload, null, null);
    }

    private static Envelope.Kind kindOf(boolean hasId, boolean hasRe) {
        return hasRe ? Envelope.Kind.REPLY : hasId ? Envelope.Kind.REQUEST : null;
    }

    private static String text(JsonParser p, JsonToken value, String field, Envelope.Kind kind, long id)
            throws IOException {
        if (value != JsonToken.VALUE_STRING) {
            throw malformed("\"" + field + "\" is not a string", kind, id, null);
        }
        return p.getText();
    }

    private static FrameDecodeException malformed(String message, Envelope.Kind kind, long id, Throwable cause) {
        return new FrameDecodeException(MALFORMED, kind, id, message, cause);
    }

    private static FrameDecodeException badPayload(String type, Envelope.Kind kind, long id, Exception e) {
        for (Throwable c = e; c != null; c = c.getCause()) {
            if (c instanceof StreamConstraintsException sce) {
                // A parse limit hit while binding is a limit, not a shape mismatch.
                return new FrameDecodeException(MALFORMED, kind, id,
                        "frame breaks the codec's parse constraints: " + sce.getOriginalMessage(), e);
            }
        }
        String detail = e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
        return new FrameDecodeException(RemoteException.BAD_PAYLOAD, kind, id,
                "payload does not bind to " + abbreviate(type) + ": " + abbreviate(detail), e);
    }

    /** Keeps peer-supplied text short in messages and logs. */
    public static String abbreviate(String s) {
        if (s == null) {
            return null;
        }
        return s.length() <= 200 ? s : s.substring(0, 200) + "...";
    }
}
