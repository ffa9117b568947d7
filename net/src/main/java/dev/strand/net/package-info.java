/**
 * Typed messages between processes over TCP: length-prefixed frames carrying JSON envelopes
 * (Jackson), on Netty event loops (epoll on Linux, NIO elsewhere).
 *
 * <h2>Public API</h2>
 * <ul>
 *   <li>{@link dev.strand.net.JsonCodec} / {@link dev.strand.net.Codec}: the explicit registry
 *       of message types (name ↔ class) and the parse limits that keep untrusted input safe.</li>
 *   <li>{@link dev.strand.net.NetServer}: accepts connections, runs
 *       {@link dev.strand.net.MessageHandler}s and {@link dev.strand.net.RequestHandler}s.</li>
 *   <li>{@link dev.strand.net.NetClient}: connects (optionally reconnecting with a
 *       {@code dev.strand.resilience.Backoff}) and returns a
 *       {@link dev.strand.net.Connection}: {@code send} (fire-and-forget) and
 *       {@code request} (request-reply with correlation ids and deadlines).</li>
 *   <li>{@link dev.strand.net.Rpc}: typed services from plain interfaces, served with
 *       {@code NetServer.Builder.serve} and called through a proxy ({@link dev.strand.net.OneWay},
 *       {@link dev.strand.net.RpcService}, {@link dev.strand.net.RpcContext},
 *       {@link dev.strand.net.RpcRemoteException}); {@code ServiceInterface}, {@code RpcProxy}
 *       and {@code ServiceRegistry} (package-private) check, call and dispatch;
 *       {@code CallReader}, {@code ReplyReader} and {@code BoundValue} bind arguments and
 *       results straight from and into the frame.</li>
 *   <li>{@link dev.strand.net.Cluster}: one {@code Connection} over replicas: balancing,
 *       outlier ejection, failover under a retry budget, hedging
 *       ({@link dev.strand.net.NoEndpointAvailableException}); {@code Balancer},
 *       {@code ClusterEndpoint}, {@code ClusterCall}, {@code EjectionCap}, {@code RetryBudget}
 *       and {@code LatencyWindow} (package-private) are its parts.</li>
 *   <li>{@link dev.strand.net.Net}: the messaging patterns ({@link dev.strand.net.Publisher} /
 *       {@link dev.strand.net.Subscriber}, {@link dev.strand.net.Pusher} /
 *       {@link dev.strand.net.Puller}, {@link dev.strand.net.ChannelServer} /
 *       {@link dev.strand.net.ChannelClient}).</li>
 *   <li>{@link dev.strand.net.EndpointBuilder}: the one builder base of every endpoint
 *       ({@code NetServer}, {@code NetClient} and the patterns): every common option declared
 *       once, {@code bind(address)} / {@code connect(address)} to start, and one
 *       {@link dev.strand.net.ErrorListener} shape for failures no caller sees.</li>
 *   <li>{@link dev.strand.net.Limits}: connections per server, requests in flight per
 *       connection, queued bytes per connection, handlers running per connection.</li>
 *   <li>Exceptions, all under {@link dev.strand.net.NetException}:
 *       {@link dev.strand.net.ConnectionLostException},
 *       {@link dev.strand.net.RemoteException}, {@link dev.strand.net.FrameTooLargeException},
 *       {@link dev.strand.net.BackpressureException},
 *       {@link dev.strand.net.LimitExceededException},
 *       {@link dev.strand.net.ProtocolException}.</li>
 * </ul>
 *
 * <pre>{@code
 * Codec codec = JsonCodec.builder().register("hello", Hello.class).register("greeting", Greeting.class).build();
 * try (NetServer server = NetServer.builder().codec(codec)
 *          .onRequest(Hello.class, (conn, req) -> new Greeting("Hello, " + req.name() + "!"))
 *          .bind(new InetSocketAddress("127.0.0.1", 0));
 *      Connection conn = NetClient.builder().codec(codec)
 *          .connect(new InetSocketAddress("127.0.0.1", server.port()))) {
 *     Greeting g = conn.request(new Hello("world"), Greeting.class, Duration.ofSeconds(2)).join();
 * }
 * }</pre>
 *
 * The wire format is specified in {@code docs/PROTOCOL.md}.
 *
 * <h2>Inside (package-private)</h2>
 * <pre>
 *   RpcConnection     request-reply and dispatch to handlers over one FramedConnection
 *   PendingRequests   correlation ids, deadlines, late-reply count, fail-all on loss
 *   RequestListeners  a connection's request listeners (copy-on-write; a client's outlive its sockets)
 *   Handlers          handler registry, executor, error listener, graceful drain
 *   FairExecutor      the handler pool shared fairly: a per-connection cap, round robin
 *   ClientConnection  the client's Connection: one socket at a time, reconnect with backoff
 *   EndpointOptions   the options every endpoint shares, its connect path and close deadline
 *   HandlerBuilder    the handler setters of NetServer.Builder and NetClient.Builder
 *   OwnedExecutor     a handler executor the endpoint shuts down: HandlerPool (NetServer)
 *   VirtualThreadExecutor  ... or one virtual thread per task (virtualThreads(true))
 *   PatternMessages   the '$' control messages of the patterns
 *   CountingReceiver  a Receiver that reports what it took (credit for the sender)
 * </pre>
 * The transport under them (sockets, frames, envelopes, event loops) lives in
 * {@code dev.strand.net.transport}, which the module does not export. A pattern
 * (publish-subscribe, push-pull, remote channels) opens sockets with
 * {@code ServerTransport.bind} / {@code ClientTransport.connect}, supplies its own
 * {@code FramedConnection.Listener}, and sends {@code Envelope}s whose control payloads are
 * system types registered with the {@code EnvelopeCodec} under names starting with '$'.
 */
package dev.strand.net;
