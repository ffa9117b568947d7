/**
 * A runnable tour of Strand's patterns; {@code Tour} runs them all or one by name.
 *
 * <p>Each example is the Java counterpart of a small Rust program built on std, rayon, tokio
 * or tarpc; where a comment says "the Rust original", it means that program, and quotes the
 * part of it that the example mirrors.
 */
package dev.strand.examples;
