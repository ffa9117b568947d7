/** A runnable tour of Strand's patterns; {@code Tour} runs them all or one by name. */
package dev.strand.examples;
