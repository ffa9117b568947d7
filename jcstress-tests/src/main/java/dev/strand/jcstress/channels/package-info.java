/**
 * jcstress checks of the channel guarantees in {@code 20-channels.md} ("Guarantees").
 *
 * <p>Each test races two actors over a fresh channel per sample, and names its outcomes in
 * words. The flavour rotates from sample to sample ({@link dev.strand.jcstress.channels.Flavour}:
 * unbounded, bounded, rendezvous) so that one short run covers all three and the report shows
 * the flavour as the first part of every outcome.
 *
 * <p>Every test body talks to the channel through {@link dev.strand.jcstress.channels.TestChannel},
 * so the same race runs unchanged over a Strand channel and over a small homemade channel with
 * one deliberate defect. That second run is the nested {@code Broken} class of each test: it
 * must show FORBIDDEN outcomes ({@code run-jcstress.sh <jar> broken}), which proves the test
 * can fail; the suite leaves the {@code *Broken} classes out.
 *
 * <p>Blocking operations never wait without bound: they use the timed forms with a patience as
 * a fallback ({@link dev.strand.jcstress.channels.TestChannel#PATIENCE_NANOS}, ten seconds, for
 * Strand; one second for the broken channels, whose lost wake-ups are permanent), and an
 * operation that only returned because its patience ran out is a FORBIDDEN outcome (a lost
 * wake-up). The patience is far beyond any scheduling delay of a correct wake-up, and keeps a
 * broken channel from hanging the run.
 */
package dev.strand.jcstress.channels;
