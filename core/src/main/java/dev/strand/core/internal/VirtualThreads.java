package dev.strand.core.internal;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.Objects;

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
    private static final MethodHandle UNSTARTED;

    static {
        MethodHandle ofVirtual = null;
        MethodHandle name = null;
        MethodHandle unstarted = null;
        try {
            MethodHandles.Lookup lookup = MethodHandles.publicLookup();
            Class<?> builder = Class.forName("java.lang.Thread$Builder");
            ofVirtual = lookup.findStatic(Thread.class, "ofVirtual",
                    MethodType.methodType(Class.forName("java.lang.Thread$Builder$OfVirtual")));
            name = lookup.findVirtual(builder, "name", MethodType.methodType(builder, String.class));
            unstarted = lookup.findVirtual(builder, "unstarted", MethodType.methodType(Thread.class, Runnable.class));
        } catch (ReflectiveOperationException beforeJdk21) {
            // A JDK without virtual threads: isSupported() reads the null below.
            ofVirtual = null;
        }
        OF_VIRTUAL = ofVirtual;
        NAME = name;
        UNSTARTED = unstarted;
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
