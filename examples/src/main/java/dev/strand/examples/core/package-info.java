/**
 * Examples of {@code strand-core}, after Rust's concurrency vocabulary: spawn and join,
 * a shared counter behind a {@code Mutex}, a {@code RwLock}-protected vector, atomics, a
 * thread that panics, scoped threads.
 */
package dev.strand.examples.core;
