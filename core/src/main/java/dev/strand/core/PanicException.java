package dev.strand.core;

import java.util.Objects;

/**
 * Reports that a task run on another thread failed: the Java form of a Rust thread's panic
 * surfacing at {@code join()}. {@link #getCause()} is exactly the throwable the task threw
 * (checked exception, unchecked exception or {@link Error}), never a copy or a wrapper.
 *
 * <p>Thrown by {@link JoinHandle#join()} whenever the task failed, and by {@link Scope#join()}
 * when the first failing subtask threw a checked exception (unchecked ones are rethrown as
 * they are). The exception's own stack trace shows where the failure was collected (the
 * join); the cause's shows where it happened.
 *
 * <pre>{@code
 * JoinHandle<Integer> h = Threads.spawn(() -> Integer.parseInt("forty-two"));
 * try {
 *     h.join();
 * } catch (PanicException e) {
 *     NumberFormatException why = (NumberFormatException) e.getCause();
 * }
 * }</pre>
 */
public class PanicException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates an exception reporting {@code cause}.
     *
     * @param cause what the task threw; not null
     */
    public PanicException(Throwable cause) {
        this("task failed: " + Objects.requireNonNull(cause, "cause"), cause);
    }

    /**
     * Creates an exception reporting {@code cause} with a message of its own.
     *
     * @param message says which task failed; may be null
     * @param cause what the task threw; not null
     */
    public PanicException(String message, Throwable cause) {
        super(message, Objects.requireNonNull(cause, "cause"));
    }
}
