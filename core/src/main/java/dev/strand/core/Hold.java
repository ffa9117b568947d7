package dev.strand.core;

/**
 * The checks shared by every guard. A guard records the thread that took the lock and whether
 * it has been closed; both are touched only by that thread once the guard exists (other
 * threads are turned away by the owner check before reading anything else), so they need no
 * synchronization.
 */
final class Hold {

    private Hold() {
    }

    /** Fails unless the calling thread is {@code owner}. */
    static void checkOwner(Thread owner, String what) {
        if (Thread.currentThread() != owner) {
            throw new IllegalStateException(what + " belongs to thread '" + owner.getName()
                    + "', not '" + Thread.currentThread().getName() + "'");
        }
    }

    /** Fails unless the calling thread is {@code owner} and the guard is still open. */
    static void check(Thread owner, boolean released, String what) {
        checkOwner(owner, what);
        if (released) {
            throw new IllegalStateException(what + " used after close()");
        }
    }
}
