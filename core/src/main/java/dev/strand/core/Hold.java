package dev.strand.core;

/**
 * The state shared by every guard: which thread holds the lock, and whether the guard has
 * released it. Touched only by the owning thread once created, so its fields need no
 * synchronization (other threads are turned away by the owner check before reading more).
 */
final class Hold {

    private final Runnable unlock;
    private final Thread owner;
    private final String what;
    private boolean released;

    /**
     * @param unlock releases the lock (runs once, on the owner thread)
     * @param what the guard's name, for messages
     */
    Hold(Runnable unlock, String what) {
        this.unlock = unlock;
        this.owner = Thread.currentThread();
        this.what = what;
    }

    /** Fails unless the calling thread is the owner and the guard is still open. */
    void check() {
        checkOwner();
        if (released) {
            throw new IllegalStateException(what + " used after close()");
        }
    }

    /** Releases the lock the first time; later calls do nothing. */
    void release() {
        checkOwner();
        if (!released) {
            released = true;
            unlock.run();
        }
    }

    private void checkOwner() {
        if (Thread.currentThread() != owner) {
            throw new IllegalStateException(what + " belongs to thread '" + owner.getName()
                    + "', not '" + Thread.currentThread().getName() + "'");
        }
    }
}
