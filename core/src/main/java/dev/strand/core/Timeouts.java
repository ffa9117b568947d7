package dev.strand.core;

/** Helpers shared by the waiting methods of this package. */
final class Timeouts {

    private Timeouts() {
    }

    /**
     * Waits until {@code thread} has terminated, even if interrupted meanwhile; the interrupt
     * status is restored before returning. Used only on threads whose task has already
     * returned, so the wait lasts as long as the thread's own exit.
     *
     * @param thread a thread whose task has completed
     */
    static void awaitExit(Thread thread) {
        boolean interrupted = false;
        while (true) {
            try {
                thread.join();
                break;
            } catch (InterruptedException e) {
                // Remember, keep waiting: the caller promised the thread is already exiting.
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
