package dev.strand.core.internal;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;

/**
 * Virtual threads for code compiled with {@code --release 17}: on a JDK 21+ runtime the
 * {@code Thread.ofVirtual()} builder is reached through method handles looked up once; on an
 * older runtime {@link #isSupported()} is false and every other method throws
 * {@link UnsupportedOperationException} saying which JDK is needed.
 *
 * <p>Thread-safe; stateless after class initialisation. Not API: this package is exported only
 * to the Strand modules.
 */
public final class VirtualThreads {

    /** {@code Thread.ofVirtual()}, or null before JDK 21; and the builder methods used on it. */
    private static final MethodHandle OF_VIRTUAL;
    private static final MethodHandle NAME;
    private static final MethodHandle NAME_NUMBERED;
    private static final MethodHandle UNSTARTED;
    private static final MethodHandle FACTORY;
    /** {@code Executors.newThreadPerTaskExecutor(ThreadFactory)}, or null before JDK 21. */
    private static final MethodHandle PER_TASK;

    static {
        MethodHandle ofVirtual = null;
        MethodHandle name = null;
        MethodHandle nameNumbered = null;
        MethodHandle unstarted = null;
        MethodHandle factory = null;
        MethodHandle perTask = null;
        try {
            MethodHandles.Lookup lookup = MethodHandles.publicLookup();
            Class<?> builder = Class.forName("java.lang.Thread$Builder");
            ofVirtual = lookup.findStatic(Thread.class, "ofVirtual",
                    MethodType.methodType(Class.forName("java.lang.Thread$Builder$OfVirtual")));
            name = lookup.findVirtual(builder, "name", MethodType.methodType(builder, String.class));
            nameNumbered = lookup.findVirtual(builder, "name",
                    MethodType.methodType(builder, String.class, long.class));
            unstarted = lookup.findVirtual(builder, "unstarted", MethodType.methodType(Thread.class, Runnable.class));
            factory = lookup.findVirtual(builder, "factory", MethodType.methodType(ThreadFactory.class));
            perTask = lookup.findStatic(Executors.class, "newThreadPerTaskExecutor",
                    MethodType.methodType(ExecutorService.class, ThreadFactory.class));
        } catch (ReflectiveOperationException beforeJdk21) {
            // A JDK without virtual threads: isSupported() reads the null below.
            ofVirtual = null;
        }
        OF_VIRTUAL = ofVirtual;
        NAME = name;
        NAME_NUMBERED = nameNumbered;
        UNSTARTED = unstarted;
        FACTORY = factory;
        PER_TASK = perTask;
    }

    private VirtualThreads() {
    }

    /**
     * Whether this runtime has virtual threads (JDK 21 or later).
     *
     * @return true on JDK 21+
     */
    public static boolean isSupported() {
        return OF_VIRTUAL != null;
    }

    /**
     * A new, unstarted virtual thread named {@code name} that runs {@code task}.
     *
     * @param name the thread's name; not null
     * @param task what the thread runs; not null
     * @return the unstarted thread
     * @throws UnsupportedOperationException before JDK 21
     */
    public static Thread unstarted(String name, Runnable task) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(task, "task");
        requireSupported();
        try {
            return (Thread) UNSTARTED.invoke(NAME.invoke(OF_VIRTUAL.invoke(), name), task);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /**
     * A factory of virtual threads named {@code prefix + start}, {@code prefix + (start + 1)}, ...
     *
     * @param prefix the names' fixed part; not null
     * @param start the first number
     * @return a new thread-safe factory
     * @throws UnsupportedOperationException before JDK 21
     */
    public static ThreadFactory factory(String prefix, long start) {
        Objects.requireNonNull(prefix, "prefix");
        requireSupported();
        try {
            Object builder = NAME_NUMBERED.invoke(OF_VIRTUAL.invoke(), prefix, start);
            return (ThreadFactory) FACTORY.invoke(builder);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /**
     * An executor that starts a new virtual thread, named {@code prefix + N}, for each task.
     *
     * @param prefix the names' fixed part; not null
     * @return a new executor; shut it down when done
     * @throws UnsupportedOperationException before JDK 21
     */
    public static ExecutorService newThreadPerTaskExecutor(String prefix) {
        ThreadFactory factory = factory(prefix, 1);
        try {
            return (ExecutorService) PER_TASK.invoke(factory);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    private static void requireSupported() {
        if (!isSupported()) {
            throw new UnsupportedOperationException("virtual threads need JDK 21 or later; this is "
                    + Runtime.version());
        }
    }

    private static RuntimeException rethrow(Throwable t) {
        if (t instanceof RuntimeException) {
            throw (RuntimeException) t;
        }
        if (t instanceof Error) {
            throw (Error) t;
        }
        throw new IllegalStateException(t);
    }
}
