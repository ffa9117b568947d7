package dev.strand.net;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.strand.net.transport.Envelope;
import dev.strand.net.transport.EnvelopeCodec;
import dev.strand.net.transport.FrameDecodeException;
import dev.strand.net.transport.FramedConnection;
import dev.strand.net.transport.PayloadBinding;
import dev.strand.net.transport.SerialExecutor;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Request-reply and fire-and-forget over one {@link FramedConnection}: the {@link Connection}
 * of a server's accepted socket, and of one socket of a client.
 *
 * <p>Inbound dispatch (on the event loop): a REPLY or ERROR completes its pending request; a
 * MESSAGE goes to its handler through a per-connection {@link SerialExecutor} (in order; the
 * messages of one read are handed over together when the read completes); a
 * REQUEST goes to its handler on the handler executor (concurrently) and the handler's result
 * is written back as a REPLY, or an ERROR envelope if it threw. Both go through this
 * connection's {@link FairExecutor.Lane}: on a server, at most
 * {@link Limits#maxHandlersPerConnection()} of its tasks run at once (the in-order message
 * stream counts as one) and the rest wait their turn, round robin with other connections; a
 * connection with {@link #MAX_WAITING} requests waiting is not read until half have started,
 * and the requests still waiting when it closes, or that their requester cancels
 * ({@code $cancel}), never run. A frame that does not decode
 * is answered with an ERROR if it was a request whose id was read, fails its request if it was
 * a reply, and otherwise closes this connection.
 *
 * <p>Handler backlog: messages and requests handed to handlers and not yet finished are
 * counted; at {@link Limits#maxInFlightRequests()} the channel stops reading (the peer's
 * sends back up through TCP) and resumes once the backlog is down to half.
 */
final class RpcConnection implements Connection, RpcProxy.Calls, FramedConnection.Listener, EnvelopeCodec.ReplyReaders {

    /** Requests waiting in this connection's lane at which reading pauses; it resumes at half. */
    static final int MAX_WAITING = 256;

    private final FramedConnection framed;
    private final Handlers handlers;
    private final PendingRequests pending;
    /** The listeners told of this connection's requests (a client's are its facade's). */
    private final RequestListeners requestListeners;
    private final FairExecutor.Lane lane;
    private final SerialExecutor messages;
    private final int maxBacklog;
    private final AtomicInteger backlog = new AtomicInteger();
    /** Messages decoded in the current read and their handlers; confined to the event loop. */
    private final List<Object> batchHandlers = new ArrayList<>();
    private final List<Object> batchMessages = new ArrayList<>();
    private final Consumer<RpcConnection> onClosed;
    private final Consumer<Connection> onActive;
    /** The connection handed to handlers and error listeners (a reconnecting client's facade). */
    private final Connection facade;

    RpcConnection(FramedConnection framed, Handlers handlers, Limits limits, Connection facade,
                      Consumer<Connection> onActive, Consumer<RpcConnection> onClosed) {
        this.framed = framed;
        this.handlers = handlers;
        this.lane = handlers.lane(MAX_WAITING / 2, this::waitingLow);
        this.messages = new SerialExecutor(lane);
        this.maxBacklog = limits.maxInFlightRequests();
        this.facade = facade != null ? facade : this;
        this.requestListeners = facade instanceof ClientConnection c ? c.requestListeners() : new RequestListeners();
        this.pending = new PendingRequests(limits.maxInFlightRequests(), requestListeners, framed::remoteAtOpen,
                e -> handlers.report(this.facade, e), this::sendCancel);
        this.onClosed = onClosed;
        this.onActive = onActive;
        this.pausesOnUnwritable = facade == null; // an accepted socket: a server connection
    }

    FramedConnection framed() {
        return framed;
    }

    RequestListeners requestListeners() {
        return requestListeners;
    }

    // ------------------------------------------------------------------------------ sending

    @Override
    public CompletableFuture<Void> send(Object message) {
        Objects.requireNonNull(message, "message");
        return framed.send(Envelope.message(message, null), message);
    }

    @Override
    public <R> CompletableFuture<R> request(Object request, Class<R> replyType, Duration timeout) {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(replyType, "replyType");
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive: " + timeout);
        }
        // An unregistered type fails here, before an id is taken.
        String type = framed.codec().bindingFor(request).name();
        PendingRequests.Pending<R> p = new PendingRequests.Pending<>(pending, pending.nextId(), replyType, request);
        submit(p, type, timeout);
        return p;
    }

    /**
     * A proxy's call: as {@link #request}, but the future completes with the reply's value bound
     * to the method's result type (or fails with the remote error), and cancelling it cancels
     * the call on the wire.
     */
    @Override
    public CompletableFuture<Object> call(Rpc.Call call, Duration timeout) {
        String type = framed.codec().bindingFor(call).name();
        RpcProxy.PendingCall p = new RpcProxy.PendingCall(pending, pending.nextId(), call);
        submit(p, type, timeout);
        return p;
    }

    /** Registers {@code p} and sends its request, unless the registration failed it. */
    private void submit(PendingRequests.Pending<?> p, String type, Duration timeout) {
        pending.register(p, type, timeout, framed.channel().eventLoop());
        if (!p.isDone()) {
            framed.send(Envelope.request(p.id, p.request, null), p.request, p.id, requestNotWritten);
        }
    }

    /** A request's frame was not written: its entry fails (unless its deadline won). */
    private final FramedConnection.WriteFailure requestNotWritten = this::requestNotWritten;

    private void requestNotWritten(long id, Throwable error) {
        pending.fail(id, error, false);
    }

    /** A caller cancelled request {@code id}: tell the peer, best effort (a lost cancel is harmless). */
    private void sendCancel(long id) {
        framed.send(Envelope.cancel(id), null);
    }

    // ------------------------------------------------------------------------------ receiving

    /** Readers of proxies' replies by result type; confined to the event loop, where frames are decoded. */
    private final Map<JavaType, ObjectReader> replyReaders = new HashMap<>();

    /**
     * The reply to a proxy's call is read with its method's result type, so that the value is
     * bound from the frame ({@link ReplyReader}); any other reply with its type's own reader.
     */
    @Override
    public ObjectReader replyReader(PayloadBinding binding, long id) {
        if (binding.type() != Rpc.Reply.class) {
            return null;
        }
        JavaType result = RpcProxy.resultOf(pending.request(id));
        if (result == null) {
            return null;
        }
        ObjectReader reader = replyReaders.get(result);
        if (reader == null) {
            reader = binding.reader().withAttribute(ReplyReader.RESULT, result);
            replyReaders.put(result, reader);
        }
        return reader;
    }

    @Override
    public void onEnvelope(FramedConnection connection, Envelope envelope) {
        switch (envelope.kind()) {
            case REPLY -> pending.complete(envelope.id(), envelope.payload());
            case ERROR -> pending.fail(envelope.id(),
                    new RemoteException(envelope.errorCode(), envelope.errorMessage()), true);
            case MESSAGE -> dispatchMessage(envelope.payload());
            case REQUEST -> dispatchRequest(envelope.id(), envelope.payload());
            default -> { }
        }
    }

    private void dispatchMessage(Object message) {
        MessageHandler<Object> handler = handlers.messageHandler(message.getClass());
        if (handler == null) {
            handlers.report(facade, new ProtocolException("no handler for message type "
                    + framed.codec().bindingFor(message).name()));
            return;
        }
        backlogUp();
        // Handed over at the end of the read (onReadComplete): one executor task, and one
        // wake-up of a handler thread, per read batch instead of per message.
        batchHandlers.add(handler);
        batchMessages.add(message);
    }

    @Override
    public void onReadComplete(FramedConnection connection) {
        dispatchBatch();
    }

    /** On the event loop: hands the messages of the last read to the handlers, in order. */
    private void dispatchBatch() {
        int n = batchMessages.size();
        if (n == 0) {
            return;
        }
        Object[] hs = batchHandlers.toArray();
        Object[] ms = batchMessages.toArray();
        batchHandlers.clear();
        batchMessages.clear();
        try {
            messages.execute(() -> {
                for (int i = 0; i < n; i++) {
                    @SuppressWarnings("unchecked") // only MessageHandler<Object>s are added
                    MessageHandler<Object> h = (MessageHandler<Object>) hs[i];
                    try {
                        h.onMessage(facade, ms[i]);
                    } catch (Exception e) {
                        handlers.report(facade, e);
                    } finally {
                        backlogDown();
                    }
                }
            });
        } catch (RejectedExecutionException e) {
            for (int i = 0; i < n; i++) {
                backlogDown();
            }
            handlers.report(facade, new NetException(n + " message(s) dropped: handler executor refused them", e));
        }
    }

    private void dispatchRequest(long id, Object request) {
        RequestHandler<Object, Object> handler = handlers.requestHandler(request.getClass());
        if (handler == null) {
            replyError(id, RemoteException.UNKNOWN_TYPE, "no handler for request type "
                    + framed.codec().bindingFor(request).name());
            return;
        }
        if (!handlers.admit()) {
            replyError(id, RemoteException.SHUTTING_DOWN, "server is closing");
            return;
        }
        backlogUp();
        Request task = new Request(id, handler, request);
        int waiting;
        try {
            waiting = lane.submit(task);
        } catch (RejectedExecutionException e) {
            handlers.finish();
            backlogDown();
            replyError(id, RemoteException.SHUTTING_DOWN, "handler executor refused the request");
            return;
        }
        if (waiting >= MAX_WAITING) {
            pauseReading(PAUSE_WAITING);
        }
    }

    /** One admitted request on its way to its handler. */
    private final class Request implements Runnable {
        private final long id;
        private final RequestHandler<Object, Object> handler;
        private final Object request;

        Request(long id, RequestHandler<Object, Object> handler, Object request) {
            this.id = id;
            this.handler = handler;
            this.request = request;
        }

        @Override
        public void run() {
            try {
                if (!framed.isOpen()) {
                    // Its requester is gone: nobody would read the reply, so the handler
                    // does not run at all (it might be costly or have effects).
                    skippedAfterClose.incrementAndGet();
                    return;
                }
                handle(id, handler, request);
            } finally {
                handlers.finish();
                backlogDown();
            }
        }

        /** Never run: its connection closed while it waited for a handler thread. */
        void skip() {
            skippedAfterClose.incrementAndGet();
            handlers.finish();
            backlogDown();
        }

        /** Never run: its requester cancelled it while it waited for a handler thread. */
        void cancelled() {
            cancelledWaiting.incrementAndGet();
            handlers.finish();
            backlogDown();
        }
    }

    /**
     * On the event loop: the peer cancelled its request {@code id}. If it still waits in this
     * connection's lane it is removed and never runs, and nothing is sent back; if a handler
     * took it already, it runs to the end and its reply goes out (the peer counts it as late).
     * An unknown or finished id is ignored.
     */
    @Override
    public void onCancel(FramedConnection connection, long id) {
        List<Runnable> removed = lane.removeWaiting(t -> t instanceof Request r && r.id == id);
        if (removed.isEmpty()) {
            return;
        }
        for (Runnable r : removed) {
            ((Request) r).cancelled();
        }
        // Removal may skip the low mark that a worker's take watches for: check it here. Only
        // this thread adds to the lane, so the count can only have fallen since.
        if (lane.waiting() <= MAX_WAITING / 2) {
            resumeReading(PAUSE_WAITING);
        }
    }

    /** On a worker thread: this lane's waiting requests came down to half of MAX_WAITING. */
    private void waitingLow() {
        try {
            framed.channel().eventLoop().execute(() -> {
                if (lane.waiting() <= MAX_WAITING / 2) {
                    resumeReading(PAUSE_WAITING);
                }
            });
        } catch (RejectedExecutionException e) {
            // The event loop is shut down: the connection is closed, there is nothing to resume.
        }
    }

    private void handle(long id, RequestHandler<Object, Object> handler, Object request) {
        Object reply;
        try {
            reply = handler.onRequest(facade, request);
        } catch (Exception | Error e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            String message = e.getMessage() != null ? e.getMessage() : e.getClass().getName();
            replyError(id, RemoteException.HANDLER_FAILED, message);
            return;
        }
        if (reply == null) {
            replyError(id, RemoteException.HANDLER_FAILED, "handler returned null");
            return;
        }
        try {
            framed.send(Envelope.reply(id, reply), reply, id, replyNotWritten);
        } catch (IllegalArgumentException e) {
            handlers.report(facade, e);
            replyError(id, RemoteException.HANDLER_FAILED, "reply type not registered: " + reply.getClass().getName());
        }
    }

    /** The reply to request {@code id} was not written. */
    private final FramedConnection.WriteFailure replyNotWritten = this::replyNotWritten;

    private void replyNotWritten(long id, Throwable error) {
        if (error instanceof ConnectionLostException) {
            return; // nobody left to answer
        }
        if (error instanceof BackpressureException) {
            replyDropped();
            return;
        }
        handlers.report(facade, error);
        // Too large or not encodable: the requester still gets an answer. A full queue gets
        // none (above): the peer is not reading, and its deadline will fire.
        replyError(id, RemoteException.HANDLER_FAILED, "reply could not be sent: " + error.getMessage());
    }

    private void replyError(long id, String code, String message) {
        framed.send(Envelope.error(id, code, EnvelopeCodec.abbreviate(message)), null);
    }

    @Override
    public void onDecodeFailure(FramedConnection connection, FrameDecodeException failure) {
        handlers.report(facade, failure);
        if (failure.kind() == Envelope.Kind.REQUEST) {
            replyError(failure.id(), failure.code(), failure.getMessage());
        } else if (failure.kind() == Envelope.Kind.REPLY) {
            pending.fail(failure.id(), failure, true);
        } else if (failure.kind() == Envelope.Kind.MESSAGE && RemoteException.UNKNOWN_TYPE.equals(failure.code())) {
            // A whole, well-formed message of a type this side does not know: it has no id to
            // answer, so it is reported and dropped, and the connection stays open.
            return;
        } else {
            connection.close(failure);
        }
    }

    @Override
    public void onActive(FramedConnection connection) {
        if (onActive != null) {
            try {
                onActive.accept(facade);
            } catch (RuntimeException e) {
                handlers.report(facade, e);
            }
        }
    }

    @Override
    public void onError(FramedConnection connection, Throwable error) {
        handlers.report(facade, error);
    }

    @Override
    public void onWritabilityChanged(FramedConnection connection, boolean writable) {
        if (!pausesOnUnwritable) {
            return;
        }
        if (writable) {
            resumeReading(PAUSE_UNWRITABLE);
        } else {
            pauseReading(PAUSE_UNWRITABLE);
        }
    }

    @Override
    public void onClosed(FramedConnection connection, Throwable cause) {
        reportDroppedReplies(); // what the last window counted is not lost
        dispatchBatch(); // messages read before the close are still handled
        // Requests still waiting for a handler thread never run (their requester is gone) and
        // leave the drain count at once; one already taken checks the connection as it starts.
        for (Runnable r : lane.removeWaiting(t -> t instanceof Request)) {
            ((Request) r).skip();
        }
        pending.failAll(cause);
        if (onClosed != null) {
            onClosed.accept(this);
        }
    }

    @Override
    public boolean busy() {
        return backlog.get() > 0;
    }

    /** On the event loop: one more task handed to a handler. */
    private void backlogUp() {
        if (backlog.incrementAndGet() >= maxBacklog) {
            pauseReading(PAUSE_BACKLOG);
        }
    }

    /**
     * On any thread: a handler task finished. Each downward pass through the low mark schedules
     * a check on the event loop, which reads the live count there: reading resumes only if the
     * backlog is still low, and a later pass through the mark schedules another check.
     */
    private void backlogDown() {
        int low = maxBacklog / 2;
        if (backlog.decrementAndGet() == low) {
            framed.channel().eventLoop().execute(() -> {
                if (backlog.get() <= low) {
                    resumeReading(PAUSE_BACKLOG);
                }
            });
        }
    }

    /*
     * Reading is paused for any of several reasons and resumes once none is left: a full
     * handler backlog, MAX_WAITING requests waiting for their share of the handler threads, or
     * (server side) an outbound buffer above its high water mark, i.e. a
     * peer that does not read its replies. Then its requests stay in the kernel and TCP pushes
     * back on it, rather than being read, handled and their replies dropped. A client does not
     * pause on its own writability: two peers that both did could wait on each other forever.
     */
    private static final int PAUSE_BACKLOG = 1;
    private static final int PAUSE_UNWRITABLE = 2;
    private static final int PAUSE_WAITING = 4;
    /** Whether reading pauses while the outbound buffer is full (server connections). */
    private final boolean pausesOnUnwritable;
    /** The reasons reading is paused; confined to the event loop. */
    private int pauses;

    /** On the event loop. */
    private void pauseReading(int reason) {
        if (pauses == 0) {
            framed.channel().config().setAutoRead(false);
        }
        pauses |= reason;
    }

    /** On the event loop. */
    private void resumeReading(int reason) {
        if (pauses == 0) {
            return;
        }
        pauses &= ~reason;
        if (pauses == 0) {
            framed.channel().config().setAutoRead(true);
        }
    }

    /*
     * Replies refused because the peer does not read them are reported in aggregate: the first
     * at once, then at most one report per interval with the count since the last, and the rest
     * when the connection closes. A peer that never reads cannot flood the error listener.
     */
    private static final long DROP_REPORT_INTERVAL_NANOS = 1_000_000_000L;
    private final AtomicLong droppedReplies = new AtomicLong();
    private final AtomicLong lastDropReport = new AtomicLong(System.nanoTime() - DROP_REPORT_INTERVAL_NANOS);

    /** On any thread: one reply was refused by a full outbound queue. */
    private void replyDropped() {
        droppedReplies.incrementAndGet();
        long now = System.nanoTime();
        long last = lastDropReport.get();
        if (now - last >= DROP_REPORT_INTERVAL_NANOS && lastDropReport.compareAndSet(last, now)) {
            reportDroppedReplies();
        }
    }

    private void reportDroppedReplies() {
        long n = droppedReplies.getAndSet(0);
        if (n > 0) {
            handlers.report(facade, new BackpressureException(n + " repl" + (n == 1 ? "y" : "ies")
                    + " dropped: the peer does not read them and the outbound queue is full", null,
                    framed.maxQueuedBytes()));
        }
    }

    /** Requests not handled because the connection had closed before a handler thread took them. */
    private final AtomicLong skippedAfterClose = new AtomicLong();

    long requestsSkippedAfterClose() {
        return skippedAfterClose.get();
    }

    /** Requests not handled because their requester cancelled them while they waited. */
    private final AtomicLong cancelledWaiting = new AtomicLong();

    long requestsCancelled() {
        return cancelledWaiting.get();
    }

    // ------------------------------------------------------------------------------ state

    @Override
    public boolean isOpen() {
        return framed.isOpen();
    }

    @Override
    public SocketAddress remoteAddress() {
        return framed.remoteAddress();
    }

    @Override
    public SocketAddress localAddress() {
        return framed.localAddress();
    }

    @Override
    public ConnectionStats stats() {
        return new ConnectionStats(framed.framesSent(), framed.framesReceived(), framed.queuedBytes(),
                pending.inFlight(), pending.lateReplies());
    }

    @Override
    public CompletableFuture<Void> closeFuture() {
        return framed.closeFuture();
    }

    @Override
    public void close() {
        framed.closeAfterFlush();
    }

    @Override
    public String toString() {
        return "Connection[" + framed.localAddress() + " -> " + framed.remoteAddress() + "]";
    }
}
