package dev.strand.net.transport;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The payload type registry the envelope codec reads from: the user's codec seen from the
 * transport. Implementations are immutable and thread-safe.
 */
public interface PayloadTypes {

    /**
     * Returns the configured mapper; its factory makes every parser and generator of the transport.
     *
     * @return the mapper
     */
    ObjectMapper mapper();

    /**
     * Prepares readers and a writer for {@code type} on this registry's mapper.
     *
     * @param name the type name
     * @param type the class
     * @return the binding
     */
    PayloadBinding bind(String name, Class<?> type);

    /**
     * Returns the binding registered under {@code name}.
     *
     * @param name the type name
     * @return the binding, or null if none
     */
    PayloadBinding bindingOf(String name);

    /**
     * Returns the binding for {@code type} or its nearest registered supertype.
     *
     * @param type the class
     * @return the binding, or null if the type is not registered
     */
    PayloadBinding bindingFor(Class<?> type);
}
