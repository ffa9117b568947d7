package dev.strand.parallel;

import java.util.concurrent.RecursiveAction;

/**
 * A fork-join task that never completes abnormally: whatever its body throws is kept in
 * {@link #failure} and rethrown by the parent that joined it. Keeping the original throwable
 * (rather than letting {@code ForkJoinTask.join} rethrow a reflective copy of it) means the
 * caller sees exactly the exception the user's code threw.
 */
abstract class Job extends RecursiveAction {

    private static final long serialVersionUID = 1L;

    /** Written by the thread that ran the body, read after {@code join} (which happens-after). */
    transient Throwable failure;

    /** The work of this task; may throw. */
    abstract void run();

    @Override
    protected final void compute() {
        try {
            run();
        } catch (Throwable t) {
            failure = t;
        }
    }

    /**
     * Runs {@code left} on the calling thread while {@code right} is offered for stealing; both
     * always run to completion. Then rethrows the left failure (the right one suppressed on
     * it), or the right failure.
     */
    static void both(Job left, Job right) {
        right.fork();
        Throwable first = null;
        try {
            left.run();
        } catch (Throwable t) {
            first = t;
        }
        if (right.tryUnfork()) {
            right.compute();             // nobody stole it: run it here, without a join
        } else {
            right.join();                // never throws: compute() catches everything
        }
        // join/compute above happen-before this read of the field the other thread wrote.
        rethrow(combine(first, right.failure));
    }

    /** Returns {@code a} with {@code b} suppressed on it, or whichever is not null. */
    static Throwable combine(Throwable a, Throwable b) {
        if (a == null) {
            return b;
        }
        if (b != null && b != a) {
            a.addSuppressed(b);
        }
        return a;
    }

    /** Throws {@code t} unchanged if not null (unchecked or not). */
    static void rethrow(Throwable t) {
        if (t != null) {
            Job.<RuntimeException>sneakyThrow(t);
        }
    }

    @SuppressWarnings("unchecked")
    private static <E extends Throwable> void sneakyThrow(Throwable t) throws E {
        throw (E) t;
    }
}
