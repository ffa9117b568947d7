/**
 * Internals shared by the Strand modules; not API.
 *
 * <p>This package is exported only to {@code dev.strand.channels}, {@code dev.strand.parallel},
 * {@code dev.strand.resilience} and {@code dev.strand.net} (a qualified export in
 * {@code module-info.java}); on the class path it is visible, but nothing outside Strand may
 * rely on it, and it changes without notice.
 *
 * <ul>
 *   <li>{@link dev.strand.core.internal.Durations}: timeout conversion with one saturation
 *       rule.</li>
 *   <li>{@link dev.strand.core.internal.Checks}: argument checks with one wording.</li>
 * </ul>
 */
package dev.strand.core.internal;
