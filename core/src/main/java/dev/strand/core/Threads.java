package dev.strand.core;

import dev.strand.core.internal.VirtualThreads;
import java.lang.Thread.UncaughtExceptionHandler;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Starts tasks on new threads and hands back a {@link JoinHandle} for their result or failure
 * (Rust's {@code std::thread::spawn} and {@code thread::Builder}).
 *
 * <pre>{@code
 * JoinHandle<Integer> h = Threads.spawn(() -> 40 + 2);
 * JoinHandle<Void> w = Threads.spawn("worker-1", () -> { work(); return null; });
 * JoinHandle<Long> io = Threads.builder().name("io-", 1).daemon(true).spawn(() -> copy(in, out));
 * int v = h.join();   // 42; a task that threw surfaces here as PanicException
 * }</pre>
 *
 * <p>Threads are platform threads. Every blocking method of the returned handle parks through
 * {@code java.util.concurrent}, so it may be called from virtual threads as well.
 *
 * <p>For threads that must not outlive a block of code, use {@link Scope} instead.
 */
public final class Threads {

    /** Numbers the threads started without a name: {@code strand-1}, {@code strand-2}, ... */
    private static final AtomicLong UNNAMED = new AtomicLong();

    private Threads() {
    }

    /**
     * Starts {@code task} on a new thread named {@code strand-N}.
     *
     * @param task what to run; not null
     * @param <T> the task's result type
     * @return the handle to join for the task's result
     * @throws NullPointerException if {@code task} is null
     */
    public static <T> JoinHandle<T> spawn(Callable<? extends T> task) {
        return builder().spawn(task);
    }

    /**
     * Starts {@code task} on a new thread with the given name.
     *
     * @param name the thread's name; not null
     * @param task what to run; not null
     * @param <T> the task's result type
     * @return the handle to join for the task's result
     * @throws NullPointerException if {@code name} or {@code task} is null
     */
    public static <T> JoinHandle<T> spawn(String name, Callable<? extends T> task) {
        return builder().name(name).spawn(task);
    }

    /**
     * Returns a builder for threads with a chosen name, daemon status or uncaught-exception
     * handler.
     *
     * @return a new builder with the defaults: name {@code strand-N}, daemon status inherited
     *         from the spawning thread (as {@link Thread} does), no handler
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Whether this runtime can run virtual threads ({@link Builder#virtual(boolean)}): true on
     * JDK 21 or later.
     *
     * @return true if virtual threads are available
     */
    public static boolean virtualThreadsSupported() {
        return VirtualThreads.isSupported();
    }

    /**
     * Configures and spawns threads. One builder may spawn many threads; each gets the
     * configuration current at its {@code spawn}.
     *
     * <p>Not thread-safe: configure it from one thread. (Concurrent {@code spawn} calls on a
     * builder that is no longer changed are safe, and number their threads without gaps.)
     */
    public static final class Builder {
        private String name;
        private AtomicLong counter;
        private Boolean daemon;
        private UncaughtExceptionHandler handler;
        private boolean virtual;

        private Builder() {
        }

        /**
         * Names every thread spawned by this builder {@code name}.
         *
         * @param name the thread name; not null
         * @return this builder
         * @throws NullPointerException if {@code name} is null
         */
        public Builder name(String name) {
            this.name = Objects.requireNonNull(name, "name");
            this.counter = null;
            return this;
        }

        /**
         * Names the threads spawned by this builder {@code prefix + start},
         * {@code prefix + (start + 1)}, ... ({@code name("io-", 1)} gives {@code io-1},
         * {@code io-2}, ...).
         *
         * @param prefix the name's fixed part; not null
         * @param start the first number; not negative
         * @return this builder
         * @throws NullPointerException if {@code prefix} is null
         * @throws IllegalArgumentException if {@code start} is negative
         */
        public Builder name(String prefix, long start) {
            Objects.requireNonNull(prefix, "prefix");
            if (start < 0) {
                throw new IllegalArgumentException("start must not be negative: " + start);
            }
            this.name = prefix;
            this.counter = new AtomicLong(start);
            return this;
        }

        /**
         * Makes the spawned threads daemon threads (they do not keep the JVM alive) or not.
         * Unset, a thread inherits the daemon status of the thread that spawns it.
         *
         * @param on true for daemon threads
         * @return this builder
         */
        public Builder daemon(boolean on) {
            this.daemon = on;
            return this;
        }

        /**
         * Spawns virtual threads (JDK 21 or later) instead of platform threads. Virtual threads
         * are always daemon threads, so this cannot be combined with {@code daemon(false)}.
         * Everything else (names, handler, {@link JoinHandle}) works as for platform threads;
         * Strand's own blocking calls park through {@code java.util.concurrent.locks}, so they
         * do not pin a virtual thread to its carrier.
         *
         * <p>The library is compiled for Java 17; on a Java 17-20 runtime asking for virtual
         * threads fails at once, here, rather than at {@code spawn}. Check
         * {@link Threads#virtualThreadsSupported()} first where the runtime may be older.
         *
         * @param on true for virtual threads, false (the default) for platform threads
         * @return this builder
         * @throws UnsupportedOperationException if {@code on} and the runtime is older than JDK 21
         */
        public Builder virtual(boolean on) {
            if (on && !VirtualThreads.isSupported()) {
                throw new UnsupportedOperationException(
                        "virtual threads need JDK 21 or later; this is " + Runtime.version());
            }
            this.virtual = on;
            return this;
        }

        /**
         * Sets a handler that is also told when a task fails. The failure still reaches
         * {@link JoinHandle#join()} as a {@link PanicException}; the handler is called first,
         * on the task's thread, with that thread and the task's throwable, so it has run
         * before any {@code join} returns. A failure thrown by the handler itself is added to
         * the task's throwable as {@linkplain Throwable#addSuppressed suppressed}.
         *
         * <p>Use it to log failures of tasks that are never joined.
         *
         * @param handler the handler; not null
         * @return this builder
         * @throws NullPointerException if {@code handler} is null
         */
        public Builder uncaughtExceptionHandler(UncaughtExceptionHandler handler) {
            this.handler = Objects.requireNonNull(handler, "handler");
            return this;
        }

        /**
         * Starts {@code task} on a new thread configured by this builder.
         *
         * @param task what to run; not null
         * @param <T> the task's result type
         * @return the handle to join for the task's result
         * @throws NullPointerException if {@code task} is null
         */
        public <T> JoinHandle<T> spawn(Callable<? extends T> task) {
            Objects.requireNonNull(task, "task");
            if (virtual && Boolean.FALSE.equals(daemon)) {
                throw new IllegalStateException("virtual threads are always daemon threads: drop daemon(false)");
            }
            String threadName = nextName();
            if (virtual) {
                return JoinHandle.start(task, runnable -> VirtualThreads.unstarted(threadName, runnable), handler);
            }
            Boolean daemonOn = daemon;
            return JoinHandle.start(task, runnable -> {
                Thread t = new Thread(runnable, threadName);
                if (daemonOn != null) {
                    t.setDaemon(daemonOn);
                }
                return t;
            }, handler);
        }

        private String nextName() {
            if (name == null) {
                return "strand-" + UNNAMED.incrementAndGet();
            }
            return counter == null ? name : name + counter.getAndIncrement();
        }
    }
}
