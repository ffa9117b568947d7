package dev.strand.net.transport;

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
 */
public record PayloadBinding(String name, Class<?> type, ObjectReader reader, ObjectReader wholeReader,
        ObjectWriter writer) {
}
