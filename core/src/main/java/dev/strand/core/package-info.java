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
 */
package dev.strand.core;
