/**
 * Strand core: threads whose failures never vanish ({@link dev.strand.core.Threads},
 * {@link dev.strand.core.JoinHandle}, {@link dev.strand.core.PanicException}), structured
 * scoped threads ({@link dev.strand.core.Scope}, {@link dev.strand.core.Subtask}), locks that
 * own their data ({@link dev.strand.core.Mutex}, {@link dev.strand.core.RwLock}) and injectable
 * time ({@link dev.strand.core.Ticker}, {@link dev.strand.core.ManualTicker},
 * {@link dev.strand.core.Sleeper}).
 *
 * <pre>{@code
 * Mutex<Long> total = new Mutex<>(0L);
 * try (Scope scope = Scope.open()) {
 *     for (Path f : files) {
 *         scope.spawn(() -> total.update(n -> n + Files.lines(f).count()));
 *     }
 *     scope.join();          // waits for all; throws the first failure
 * }
 * }</pre>
 *
 * <p>Depends on the JDK only. Every blocking method that can give up on interrupt throws
 * {@link java.lang.InterruptedException}; waiting is done through
 * {@code java.util.concurrent.locks}, never inside {@code synchronized}, so the API works
 * unchanged on virtual threads. Nulls are rejected with {@link java.lang.NullPointerException}
 * naming the parameter, except where a method says a value may be null.
 *
 * <h2>Classes</h2>
 * <ul>
 *   <li>{@link dev.strand.core.Threads}, {@link dev.strand.core.JoinHandle},
 *       {@link dev.strand.core.PanicException}: spawn a thread (platform or, on JDK 21+,
 *       virtual), join it for its result; a failure comes back to the joiner.</li>
 *   <li>{@link dev.strand.core.Scope}, {@link dev.strand.core.Subtask}: threads that cannot
 *       outlive the block that started them.</li>
 *   <li>{@link dev.strand.core.Mutex}, {@link dev.strand.core.RwLock}: locks that own the value
 *       they guard; {@code Hold} (package-private) is the owner and close check every guard
 *       shares.</li>
 *   <li>{@link dev.strand.core.Ticker}, {@link dev.strand.core.ManualTicker},
 *       {@link dev.strand.core.Sleeper}: the one time source of every timed method;
 *       {@code SystemTime} (package-private) is the real clock behind
 *       {@link dev.strand.core.Ticker#system()} and {@link dev.strand.core.Sleeper#system()}.</li>
 *   <li>{@code Timeouts} (package-private): waiting out a thread's exit without losing an
 *       interrupt.</li>
 *   <li>{@code dev.strand.core.internal} (not API, exported only to the Strand modules):
 *       timeout conversion with one saturation rule, argument checks with one wording, and
 *       virtual threads reached from {@code --release 17} code.</li>
 * </ul>
 */
package dev.strand.core;
