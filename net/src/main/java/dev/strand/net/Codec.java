package dev.strand.net;

import java.util.Set;

/**
 * Turns messages into the bytes of a frame's payload and back, for the message types it has
 * registered under a name.
 *
 * <p>The registry is the whole of what can cross the wire: a peer names a type by its
 * registered name (never by a Java class name), and a name that is not registered is refused.
 * Both peers must register the same names for the same shapes. The only implementation is
 * {@link JsonCodec}.
 *
 * <p>Implementations are immutable and thread-safe; one codec may be shared by any number of
 * servers, clients and threads.
 */
public sealed interface Codec permits JsonCodec {

    /**
     * Returns the name {@code type} is registered under (a subclass of a registered class
     * uses its registered superclass's name).
     *
     * @param type a message class; not null
     * @return the registered name
     * @throws IllegalArgumentException if neither {@code type} nor a supertype is registered
     */
    String typeName(Class<?> type);

    /**
     * Returns the class registered under {@code name}.
     *
     * @param name a type name; not null
     * @return the registered class
     * @throws IllegalArgumentException if {@code name} is not registered
     */
    Class<?> type(String name);

    /**
     * Returns every registered name.
     *
     * @return an unmodifiable set
     */
    Set<String> typeNames();

    /**
     * Encodes one message (without an envelope) as this codec's wire form.
     *
     * @param message a message of a registered type; not null
     * @return the encoded bytes
     * @throws IllegalArgumentException if the message's type is not registered
     * @throws NetException             if the message cannot be encoded
     */
    byte[] encode(Object message);

    /**
     * Decodes one message (without an envelope) under this codec's parse constraints.
     *
     * @param bytes the encoded form; not null
     * @param type  a registered type; not null
     * @param <T>   the message type
     * @return the decoded message
     * @throws IllegalArgumentException if {@code type} is not registered
     * @throws ProtocolException        if the bytes are malformed, break a parse constraint or
     *                                  do not bind to {@code type}
     */
    <T> T decode(byte[] bytes, Class<T> type);
}
