package dev.strand.net;

import dev.strand.net.transport.EventLoops;
import io.netty.channel.EventLoopGroup;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntFunction;

/**
 * The {@link Connection} a {@link NetClient} returns: one socket at a time, re-established
 * after a loss when a reconnect policy is set.
 *
 * <p>States: connected ({@code current} set) → lost ({@code current} null, a reconnect
 * scheduled after {@code delays(attempt)}) → connected again, until {@link #close()}. While
 * lost, sends and requests fail at once with {@link ConnectionLostException}; requests in
 * flight at the loss failed with it too (at-most-once); nothing is queued or retried.
 *
 * <p>{@code current} changes only by compare-and-set: set by a successful connect (on the new
 * channel's event loop), cleared by that channel's close; whichever of the close callback and
 * the post-publication check clears it schedules the single next attempt.
 */
final class ClientConnection implements Connection, RpcProxy.Calls {

    private final NetClient client;
    private final InetSocketAddress address;
    private final EventLoopGroup group;
    private final Handlers handlers;
    private final OwnedExecutor ownedExecutor;
    private final IntFunction<Duration> delays;
    private final AtomicReference<RpcConnection> current = new AtomicReference<>();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final CompletableFuture<Void> closeFuture = new CompletableFuture<>();
    /** Kept across sockets: each socket's RpcConnection reads these. */
    private final RequestListeners requestListeners = new RequestListeners();
    /** The last socket, for stats and addresses while reconnecting. */
    private volatile RpcConnection last;
    private volatile Future<?> pendingAttempt;

    ClientConnection(NetClient client, InetSocketAddress address, EventLoopGroup group, Handlers handlers,
                     OwnedExecutor ownedExecutor) {
        this.client = client;
        this.address = address;
        this.group = group;
        this.handlers = handlers;
        this.ownedExecutor = ownedExecutor;
        this.delays = client.delays();
    }

    /** Opens a socket; the future completes once it is published as {@code current}. */
    CompletableFuture<RpcConnection> open() {
        return client.options().open(address, group,
                        framed -> new RpcConnection(framed, handlers, client.config().limits(), this,
                                null, this::lost),
                        client.config())
                .thenApply(framed -> {
                    RpcConnection cc = (RpcConnection) framed.listener();
                    if (closed.get()) {
                        framed.close();
                        throw new ConnectionLostException("connection closed while connecting", null);
                    }
                    last = cc;
                    current.set(cc);
                    if (!framed.isOpen()) {
                        lost(cc); // it closed before it was published: its own callback found nothing
                    } else if (client.onConnect() != null) {
                        try {
                            client.onConnect().accept(this);
                        } catch (RuntimeException e) {
                            handlers.report(this, e);
                        }
                    }
                    return cc;
                });
    }

    /** The socket {@code cc} closed. */
    private void lost(RpcConnection cc) {
        if (!current.compareAndSet(cc, null)) {
            return;
        }
        if (closed.get()) {
            return;
        }
        if (delays == null) {
            closeFuture.complete(null); // no reconnect: this connection is over
            return;
        }
        scheduleAttempt(1);
    }

    private void scheduleAttempt(int attempt) {
        if (closed.get()) {
            return;
        }
        Duration delay = delays.apply(attempt);
        pendingAttempt = group.next().schedule(() -> attempt(attempt), delay.toNanos(), TimeUnit.NANOSECONDS);
        if (closed.get()) {
            pendingAttempt.cancel(false); // close() ran meanwhile and may have missed this attempt
        }
    }

    private void attempt(int attempt) {
        if (closed.get()) {
            return;
        }
        open().whenComplete((cc, error) -> {
            if (error != null) {
                scheduleAttempt(attempt == Integer.MAX_VALUE ? attempt : attempt + 1);
            }
        });
    }

    RequestListeners requestListeners() {
        return requestListeners;
    }

    private RpcConnection currentOrNull() {
        return closed.get() ? null : current.get();
    }

    private ConnectionLostException notConnected(Object undelivered) {
        return new ConnectionLostException(closed.get() ? "connection closed" : "not connected to " + address
                + (delays != null ? " (reconnecting)" : ""), null, undelivered);
    }

    @Override
    public CompletableFuture<Void> send(Object message) {
        Objects.requireNonNull(message, "message");
        RpcConnection cc = currentOrNull();
        if (cc == null) {
            client.config().codec().bindingFor(message);
            return CompletableFuture.failedFuture(notConnected(message));
        }
        return cc.send(message);
    }

    @Override
    public <R> CompletableFuture<R> request(Object request, Class<R> replyType, Duration timeout) {
        Objects.requireNonNull(request, "request");
        RpcConnection cc = currentOrNull();
        if (cc == null) {
            Objects.requireNonNull(replyType, "replyType");
            Objects.requireNonNull(timeout, "timeout");
            return CompletableFuture.failedFuture(notConnectedRequest(request));
        }
        return cc.request(request, replyType, timeout);
    }

    @Override
    public CompletableFuture<Object> call(Rpc.Call call, Duration timeout) {
        RpcConnection cc = currentOrNull();
        if (cc == null) {
            return CompletableFuture.failedFuture(new CompletionException(notConnectedRequest(call)));
        }
        return cc.call(call, timeout);
    }

    /** The failure of a request made while not connected; its listeners are told. */
    private ConnectionLostException notConnectedRequest(Object request) {
        String type = client.config().codec().bindingFor(request).name();
        ConnectionLostException lost = notConnected(request);
        RequestListener[] listeners = requestListeners.get();
        if (listeners.length > 0) {
            RequestListeners.tell(listeners, type, RequestListener.Outcome.CONNECTION_LOST, 0, lost,
                    e -> handlers.report(this, e));
        }
        return lost;
    }

    @Override
    public boolean isOpen() {
        RpcConnection cc = currentOrNull();
        return cc != null && cc.isOpen();
    }

    /** The server's address, connected or not. */
    InetSocketAddress address() {
        return address;
    }

    @Override
    public SocketAddress remoteAddress() {
        RpcConnection cc = current.get();
        return cc != null ? cc.remoteAddress() : null;
    }

    @Override
    public SocketAddress localAddress() {
        RpcConnection cc = current.get();
        return cc != null ? cc.localAddress() : null;
    }

    @Override
    public ConnectionStats stats() {
        RpcConnection cc = last;
        return cc != null ? cc.stats() : new ConnectionStats(0, 0, 0, 0, 0);
    }

    @Override
    public CompletableFuture<Void> closeFuture() {
        return closeFuture;
    }

    /**
     * Closes the socket once what was sent is written, stops reconnecting, fails requests still
     * waiting with {@link ConnectionLostException}, and releases the I/O threads (the last
     * client connection of the process stops them and waits for them to end). Idempotent.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        Future<?> attempt = pendingAttempt;
        if (attempt != null) {
            attempt.cancel(false);
        }
        // From an I/O thread (a callback) waiting for the socket to close would block the very
        // loop that closes it (and, the group being shared, other connections): do not wait.
        boolean ioThread = EventLoops.inGroup(group);
        Duration timeout = ioThread ? Duration.ZERO : client.closeTimeout();
        boolean interrupted = false;
        RpcConnection cc = current.getAndSet(null);
        if (cc != null) {
            cc.close();
        }
        if (cc != null && !ioThread) {
            try {
                cc.closeFuture().get(timeout.toNanos(), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                interrupted = true;
                cc.framed().close();
            } catch (ExecutionException | TimeoutException e) {
                cc.framed().close(); // could not flush in time: close at once
            }
        }
        if (ownedExecutor != null && !ownedExecutor.close(interrupted ? Duration.ZERO : timeout)) {
            interrupted = true;
        }
        EventLoops.releaseClientGroup(group, timeout);
        closeFuture.complete(null);
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return "Connection[-> " + address + (isOpen() ? "" : ", not connected") + "]";
    }
}
