package dev.strand.channels;

/**
 * Thrown by the blocking {@linkplain Receiver#iterator() iterator} and
 * {@linkplain Receiver#stream() stream} of a {@link Receiver} when the consuming thread is
 * interrupted while it waits: an unchecked wrapper, because {@link java.util.Iterator} cannot
 * throw {@link InterruptedException}.
 *
 * <p>The cause is the {@link InterruptedException}, and the thread's interrupt status is set
 * again before this exception is thrown, so code further up still sees the interrupt.
 */
public class ReceiveInterruptedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param cause the interrupt that ended the wait; not null
     */
    public ReceiveInterruptedException(InterruptedException cause) {
        super("interrupted while waiting for a message", java.util.Objects.requireNonNull(cause, "cause"));
    }

    @Override
    public InterruptedException getCause() {
        return (InterruptedException) super.getCause();
    }
}
