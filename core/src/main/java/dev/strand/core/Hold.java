package dev.strand.core;

import java.util.concurrent.locks.Lock;

/**
 * The state shared by every guard: which thread holds the lock, and whether the guard has
 * released it. Touched only by the owning thread once created, so its fields need no
 * synchronization (other threads are turned away by the owner check before reading more).
 */
final class Hold {

    private final Lock lock;
    private final Thread owner;
    private final String what;
    private boolean released;

    Hold(Lock lock, String what) {
        this.lock = lock;
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
            lock.unlock();
        }
    }

    private void checkOwner() {
        if (Thread.currentThread() != owner) {
            throw new IllegalStateException(what + " belongs to thread '" + owner.getName()
                    + "', not '" + Thread.currentThread().getName() + "'");
        }
    }
}
