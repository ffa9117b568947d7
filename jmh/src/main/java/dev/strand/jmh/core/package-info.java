/** Benchmarks of {@code strand-core}'s locks beside the JDK primitives they are built on. */
package dev.strand.jmh.core;
