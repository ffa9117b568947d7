package dev.strand.net;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.StreamWriteConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import dev.strand.net.transport.PayloadBinding;
import dev.strand.net.transport.PayloadTypes;
import java.io.IOException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A {@link Codec} that writes messages as UTF-8 JSON with Jackson, configured to be safe for
 * untrusted input.
 *
 * <ul>
 *   <li>Types come only from the explicit registry built here ({@code name → class}); no
 *       class name is ever read from the wire and Jackson's default typing stays off.</li>
 *   <li>Parsing is bounded by {@link StreamReadConstraints}: nesting depth (default
 *       {@value #DEFAULT_MAX_NESTING_DEPTH}), string length (default
 *       {@value #DEFAULT_MAX_STRING_LENGTH} chars), number length (default
 *       {@value #DEFAULT_MAX_NUMBER_LENGTH} digits) and name length (default
 *       {@value #DEFAULT_MAX_NAME_LENGTH}); together with the frame limit of the server or
 *       client ({@code maxFrameLength}) no frame can make the parser allocate without bound or
 *       recurse deeply.</li>
 *   <li>One {@link ObjectMapper} is configured once; each registered type gets its own
 *       {@link ObjectReader} and {@link ObjectWriter}, made at build time and reused.</li>
 *   <li>Records, and any class Jackson can bind, are supported. Unknown JSON properties are
 *       ignored (a newer peer may add fields); a missing primitive is an error.</li>
 * </ul>
 *
 * <p>Immutable and thread-safe.
 *
 * <pre>{@code
 * record Hello(String name) {}
 * record Greeting(String text) {}
 * Codec codec = JsonCodec.builder()
 *         .register("hello", Hello.class)
 *         .register("greeting", Greeting.class)
 *         .build();
 * byte[] json = codec.encode(new Hello("world"));   // {"name":"world"}
 * }</pre>
 */
public final class JsonCodec implements Codec {

    /** Default {@link Builder#maxNestingDepth(int)}. */
    public static final int DEFAULT_MAX_NESTING_DEPTH = 64;
    /** Default {@link Builder#maxStringLength(int)}: 1 Mi chars, the default frame length. */
    public static final int DEFAULT_MAX_STRING_LENGTH = 1 << 20;
    /** Default {@link Builder#maxNumberLength(int)}. */
    public static final int DEFAULT_MAX_NUMBER_LENGTH = 64;
    /** Default {@link Builder#maxNameLength(int)}. */
    public static final int DEFAULT_MAX_NAME_LENGTH = 1024;

    /** Type names: letters, digits and {@code . _ - : /}, 1 to 128 chars, not starting with '$'. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:/-]{0,127}");

    private final ObjectMapper mapper;
    private final Map<String, PayloadBinding> byName;
    private final Map<Class<?>, PayloadBinding> byClass;
    /** Subclasses of registered classes, resolved once per class. */
    private final ClassValue<PayloadBinding> bySubclass = new ClassValue<>() {
        @Override
        protected PayloadBinding computeValue(Class<?> type) {
            for (Class<?> c = type; c != null; c = c.getSuperclass()) {
                PayloadBinding b = byClass.get(c);
                if (b != null) {
                    return b;
                }
            }
            for (PayloadBinding b : byClass.values()) {
                if (b.type().isAssignableFrom(type)) {
                    return b;
                }
            }
            return null;
        }
    };

    private JsonCodec(Builder b) {
        this.mapper = newMapper(b);
        Map<String, PayloadBinding> names = new LinkedHashMap<>();
        Map<Class<?>, PayloadBinding> classes = new LinkedHashMap<>();
        for (Map.Entry<String, Class<?>> e : b.types.entrySet()) {
            PayloadBinding binding = bind(e.getKey(), e.getValue());
            names.put(e.getKey(), binding);
            classes.put(e.getValue(), binding);
        }
        this.byName = Collections.unmodifiableMap(names);
        this.byClass = Collections.unmodifiableMap(classes);
    }

    /**
     * Returns a new builder with no types registered and the default constraints.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    private static ObjectMapper newMapper(Builder b) {
        JsonFactory factory = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(b.maxNestingDepth)
                        .maxStringLength(b.maxStringLength)
                        .maxNumberLength(b.maxNumberLength)
                        .maxNameLength(b.maxNameLength)
                        .build())
                .streamWriteConstraints(StreamWriteConstraints.builder()
                        .maxNestingDepth(b.maxNestingDepth)
                        .build())
                // Parse errors must not echo the frame back into logs or replies.
                .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
                .build();
        return JsonMapper.builder(factory)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
                .disable(SerializationFeature.FLUSH_AFTER_WRITE_VALUE)
                .disable(MapperFeature.DEFAULT_VIEW_INCLUSION)
                .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET)
                .disable(JsonParser.Feature.AUTO_CLOSE_SOURCE)
                // RPC calls and replies bind their values from the frame where the types are known;
                // calls and replies are written without reflection, a proxy's arguments straight
                // into the frame.
                .addModule(new SimpleModule("strand-rpc").addDeserializer(Rpc.Call.class, new CallReader())
                        .addDeserializer(Rpc.Reply.class, new ReplyReader())
                        .addSerializer(Rpc.Call.class, new CallWriter())
                        .addSerializer(Rpc.Reply.class, new ReplyWriter()))
                .build();
    }

    /** This codec's registry as the transport sees it. */
    PayloadTypes types() {
        return types(null);
    }

    /**
     * This codec's registry as a server's transport sees it: with {@code rpc} (when not null)
     * RPC calls are read with the server's services at hand, so that their arguments are bound
     * from the frame to the methods' parameter types.
     */
    PayloadTypes types(ServiceRegistry rpc) {
        PayloadBinding plainCall = byClass.get(Rpc.Call.class);
        PayloadBinding call = rpc == null || plainCall == null ? null
                : new PayloadBinding(plainCall.name(), plainCall.type(),
                        plainCall.reader().withAttribute(CallReader.REGISTRY, rpc),
                        plainCall.wholeReader().withAttribute(CallReader.REGISTRY, rpc), plainCall.writer());
        return new PayloadTypes() {
            @Override
            public ObjectMapper mapper() {
                return mapper;
            }

            @Override
            public PayloadBinding bind(String name, Class<?> type) {
                return JsonCodec.this.bind(name, type);
            }

            @Override
            public PayloadBinding bindingOf(String name) {
                PayloadBinding b = JsonCodec.this.bindingOf(name);
                return call != null && b == plainCall ? call : b;
            }

            @Override
            public PayloadBinding bindingFor(Class<?> type) {
                return JsonCodec.this.bindingFor(type);
            }
        };
    }

    /** Prepares readers and a writer for {@code type} on this codec's mapper. */
    PayloadBinding bind(String name, Class<?> type) {
        ObjectReader reader = mapper.readerFor(type);
        return new PayloadBinding(name, type, reader, reader.with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS),
                mapper.writerFor(type));
    }

    /** The configured mapper: its factory makes every parser and generator of the transport. */
    ObjectMapper mapper() {
        return mapper;
    }

    /** The binding registered under {@code name}, or null. */
    PayloadBinding bindingOf(String name) {
        return byName.get(name);
    }

    /** The binding for the class of {@code message}, or null if it is not registered. */
    PayloadBinding bindingFor(Class<?> type) {
        PayloadBinding b = byClass.get(type);
        return b != null ? b : bySubclass.get(type);
    }

    /**
     * Throws unless a message of {@code type} can arrive through this codec: the type, one of
     * its supertypes or one of its subtypes is registered.
     *
     * @param what the registration being checked, for the message, e.g. {@code "onRequest"}
     */
    void requireKnown(Class<?> type, String what) {
        if (bindingFor(type) != null) {
            return;
        }
        for (Class<?> c : byClass.keySet()) {
            if (type.isAssignableFrom(c)) {
                return;
            }
        }
        throw new IllegalArgumentException(what + "(" + type.getName() + "): no message of this type can arrive,"
                + " it is not registered with the codec; register it with JsonCodec.builder().register(\"name\", "
                + type.getSimpleName() + ".class)");
    }

    /**
     * The codec an endpoint builder was given, as a JSON codec.
     *
     * @throws NullPointerException     if none was given, saying to call {@code codec(...)}
     * @throws IllegalArgumentException if it is not a {@code JsonCodec}
     */
    static JsonCodec required(Codec codec) {
        if (codec == null) {
            throw new NullPointerException("codec not set: call codec(...) on the builder");
        }
        if (!(codec instanceof JsonCodec json)) {
            throw new IllegalArgumentException("codec must be a JsonCodec, was " + codec.getClass().getName());
        }
        return json;
    }

    private PayloadBinding requirePayloadBinding(Class<?> type) {
        PayloadBinding b = bindingFor(type);
        if (b == null) {
            throw new IllegalArgumentException("type not registered with the codec: " + type.getName());
        }
        return b;
    }

    @Override
    public String typeName(Class<?> type) {
        Objects.requireNonNull(type, "type");
        return requirePayloadBinding(type).name();
    }

    @Override
    public Class<?> type(String name) {
        Objects.requireNonNull(name, "name");
        PayloadBinding b = byName.get(name);
        if (b == null) {
            throw new IllegalArgumentException("name not registered with the codec: " + name);
        }
        return b.type();
    }

    @Override
    public Set<String> typeNames() {
        return byName.keySet();
    }

    @Override
    public byte[] encode(Object message) {
        Objects.requireNonNull(message, "message");
        PayloadBinding b = requirePayloadBinding(message.getClass());
        try {
            return b.writer().writeValueAsBytes(message);
        } catch (JsonProcessingException e) {
            throw new NetException("cannot encode " + b.name() + ": " + e.getOriginalMessage(), e);
        }
    }

    @Override
    public <T> T decode(byte[] bytes, Class<T> type) {
        Objects.requireNonNull(bytes, "bytes");
        Objects.requireNonNull(type, "type");
        PayloadBinding b = byClass.get(type);
        if (b == null) {
            throw new IllegalArgumentException("type not registered with the codec: " + type.getName());
        }
        try {
            return type.cast(b.wholeReader().readValue(bytes));
        } catch (IOException e) {
            throw new ProtocolException("cannot decode " + b.name() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return "JsonCodec" + byName.keySet();
    }

    /**
     * Builds a {@link JsonCodec}; not thread-safe.
     *
     * <pre>{@code
     * JsonCodec codec = JsonCodec.builder().register("node-message", NodeMessage.class).build();
     * }</pre>
     */
    public static final class Builder {

        private final Map<String, Class<?>> types = new LinkedHashMap<>();
        private int maxNestingDepth = DEFAULT_MAX_NESTING_DEPTH;
        private int maxStringLength = DEFAULT_MAX_STRING_LENGTH;
        private int maxNumberLength = DEFAULT_MAX_NUMBER_LENGTH;
        private int maxNameLength = DEFAULT_MAX_NAME_LENGTH;

        private Builder() {
        }

        /**
         * Registers {@code type} under {@code name}: the name on the wire for messages of this
         * class.
         *
         * @param name a name of 1 to 128 characters from letters, digits and {@code . _ - : /},
         *             starting with a letter or digit; not null
         * @param type the message class (a record, or any class Jackson can bind); not null
         * @return this builder
         * @throws IllegalArgumentException if the name is malformed, or the name or the class
         *                                  is already registered
         */
        public Builder register(String name, Class<?> type) {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(type, "type");
            if (!NAME.matcher(name).matches()) {
                throw new IllegalArgumentException("name must be 1-128 chars of [A-Za-z0-9._:/-], starting "
                        + "with a letter or digit: " + name);
            }
            if (types.containsKey(name)) {
                throw new IllegalArgumentException("name already registered: " + name);
            }
            if (types.containsValue(type)) {
                throw new IllegalArgumentException("type already registered: " + type.getName());
            }
            if (type.isPrimitive() || type.isArray()) {
                throw new IllegalArgumentException("type must be a class or record: " + type.getName());
            }
            types.put(name, type);
            return this;
        }

        /**
         * Sets the deepest nesting of JSON arrays and objects a payload may have.
         *
         * @param maxNestingDepth at least 1
         * @return this builder
         * @throws IllegalArgumentException if {@code maxNestingDepth < 1}
         */
        public Builder maxNestingDepth(int maxNestingDepth) {
            this.maxNestingDepth = positive(maxNestingDepth, "maxNestingDepth");
            return this;
        }

        /**
         * Sets the longest JSON string value, in chars.
         *
         * @param maxStringLength at least 1
         * @return this builder
         * @throws IllegalArgumentException if {@code maxStringLength < 1}
         */
        public Builder maxStringLength(int maxStringLength) {
            this.maxStringLength = positive(maxStringLength, "maxStringLength");
            return this;
        }

        /**
         * Sets the longest JSON number, in chars.
         *
         * @param maxNumberLength at least 1
         * @return this builder
         * @throws IllegalArgumentException if {@code maxNumberLength < 1}
         */
        public Builder maxNumberLength(int maxNumberLength) {
            this.maxNumberLength = positive(maxNumberLength, "maxNumberLength");
            return this;
        }

        /**
         * Sets the longest JSON property name, in chars.
         *
         * @param maxNameLength at least 1
         * @return this builder
         * @throws IllegalArgumentException if {@code maxNameLength < 1}
         */
        public Builder maxNameLength(int maxNameLength) {
            this.maxNameLength = positive(maxNameLength, "maxNameLength");
            return this;
        }

        private static int positive(int value, String name) {
            if (value < 1) {
                throw new IllegalArgumentException(name + " must be >= 1: " + value);
            }
            return value;
        }

        /**
         * Returns the codec.
         *
         * @return an immutable codec with this builder's registry and constraints
         */
        public JsonCodec build() {
            return new JsonCodec(this);
        }
    }
}
