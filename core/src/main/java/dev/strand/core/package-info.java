/**
 * Strand core: threads whose failures never vanish ({@link dev.strand.core.Threads},
 * {@link dev.strand.core.JoinHandle}), structured scoped threads ({@link dev.strand.core.Scope}),
 * locks that own their data ({@link dev.strand.core.Mutex}, {@link dev.strand.core.RwLock}) and
 * injectable time ({@link dev.strand.core.Ticker}, {@link dev.strand.core.ManualTicker},
 * {@link dev.strand.core.Sleeper}).
 *
 * <p>Depends on the JDK only. Every blocking method throws {@link java.lang.InterruptedException}
 * and parks through {@code java.util.concurrent.locks}, so the API works unchanged on virtual
 * threads.
 */
package dev.strand.core;
