/**
 * Examples of {@code strand-core}, after the seed book's concurrency chapter: spawn and join,
 * a shared counter behind a {@code Mutex}, a {@code RwLock}-protected vector, atomics, a
 * thread that panics, scoped threads.
 */
package dev.strand.examples.core;
