/**
 * What the Strand modules share about channels and users must not touch; exported only to the
 * sibling Strand modules.
 *
 * <ul>
 *   <li>{@link dev.strand.channels.internal.SelectableReceiver}: how a receiver that wraps a
 *       channel's receiver (remote channels, pullers, pipeline results) lets
 *       {@link dev.strand.channels.Select} wait on it.</li>
 * </ul>
 */
package dev.strand.channels.internal;
