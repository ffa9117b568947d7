/**
 * Examples of the {@code channels} module: MPSC channels, backpressure, rendezvous and select.
 */
package dev.strand.examples.channels;
