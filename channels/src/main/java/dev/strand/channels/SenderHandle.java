package dev.strand.channels;

import dev.strand.core.internal.Durations;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Duration;
import java.util.Objects;

/** One {@link Sender} handle: its own closed flag over the shared {@link Core}. */
final class SenderHandle<T> implements Sender<T> {

    private static final VarHandle CLOSED;

    static {
        try {
            CLOSED = MethodHandles.lookup().findVarHandle(SenderHandle.class, "closed", boolean.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    final Core<T> core;
    private volatile boolean closed;

    SenderHandle(Core<T> core) {
        this.core = core;
    }

    private void checkOpen(T msg) {
        if (closed) {
            throw new SendException(msg, Core.SENDER_CLOSED);
        }
    }

    @Override
    public void send(T msg) throws InterruptedException {
        Objects.requireNonNull(msg, "msg");
        checkOpen(msg);
        core.sendBlocking(msg, false, 0L);
    }

    @Override
    public boolean trySend(T msg) {
        Objects.requireNonNull(msg, "msg");
        checkOpen(msg);
        return core.offerNow(msg);
    }

    @Override
    public boolean send(T msg, Duration timeout) throws InterruptedException {
        Objects.requireNonNull(msg, "msg");
        Objects.requireNonNull(timeout, "timeout");
        checkOpen(msg);
        return core.sendTimed(msg, Durations.toNanos(timeout, "timeout"));
    }

    @Override
    public boolean isDisconnected() {
        return core.isReceiverClosed();
    }

    @Override
    public Sender<T> clone() {
        if (closed) {
            throw new IllegalStateException(Core.SENDER_CLOSED);
        }
        core.addSender();
        return new SenderHandle<>(core);
    }

    @Override
    public void close() {
        if (CLOSED.compareAndSet(this, false, true)) {
            core.removeSender();
        }
    }

    @Override
    public String toString() {
        return "Sender[" + (closed ? "closed" : "open") + ", " + core + "]";
    }
}
