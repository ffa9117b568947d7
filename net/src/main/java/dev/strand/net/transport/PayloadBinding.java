package dev.strand.net.transport;

import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;

/**
 * A registered payload type with its prepared readers and writer: {@code reader} binds one
 * value inside an envelope (the parser goes on after it), {@code wholeReader} a whole document
 * (trailing tokens refused). Immutable and thread-safe.
 *
 * @param name        the registered type name
 * @param type        the registered class
 * @param reader      reads one value inside an envelope
 * @param wholeReader reads a whole document, refusing trailing tokens
 * @param writer      writes a value of {@code type}
 * @param jsonName    {@code name} as a JSON string, encoded once (written in every frame)
 */
public record PayloadBinding(String name, Class<?> type, ObjectReader reader, ObjectReader wholeReader,
        ObjectWriter writer, SerializableString jsonName) {

    /** A binding whose {@code jsonName} (the name as a JSON string, encoded once) is made here. */
    public PayloadBinding(String name, Class<?> type, ObjectReader reader, ObjectReader wholeReader,
                          ObjectWriter writer) {
        this(name, type, reader, wholeReader, writer, new SerializedString(name));
    }
}
