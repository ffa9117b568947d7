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
 *   <li>{@link dev.strand.net.Limits}: connections per server, requests in flight per
 *       connection, queued bytes per connection.</li>
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
 *          .onRequest(Hello.class, (conn, req) -> new Greeting("Hello, " + req.name() + "!")).start();
 *      Connection conn = NetClient.builder().codec(codec)
 *          .connect(new InetSocketAddress("127.0.0.1", server.port()))) {
 *     Greeting g = conn.request(new Hello("world"), Greeting.class, Duration.ofSeconds(2)).join();
 * }
 * }</pre>
 *
 * The wire format is specified in {@code docs/PROTOCOL.md}.
 *
 * <h2>Inside (package-private; the layer the messaging patterns build on)</h2>
 * <pre>
 *   EventLoops        event-loop group factory (epoll/NIO), the shared client group
 *   ServerTransport   bind + accept + maxConnections + connection tracking + ordered shutdown
 *   ClientTransport   connect one socket (TCP, then TLS) on a group
 *   Pipelines         [ssl] flush-consolidation, idle, LengthFieldBasedFrameDecoder(failFast), FrameHandler
 *   FrameHandler      frame → Envelope → FramedConnection.Listener; idle → close/ping; errors mapped
 *   FramedConnection  one framed, codec'd socket: send(Envelope) with the queued-bytes bound,
 *                     writability, close-after-flush, counters
 *   EnvelopeCodec     Envelope ↔ frame bytes (user types + '$' system types)
 *   Envelope          MESSAGE | REQUEST | REPLY | ERROR | PING, with an optional route ("c")
 *   ChannelConnection request-reply and dispatch to handlers over one FramedConnection
 *   PendingRequests   correlation ids, deadlines, late-reply count, fail-all on loss
 *   Handlers          handler registry, executor, error listener, graceful drain
 *   ClientConnection  the client's Connection: one socket at a time, reconnect with backoff
 * </pre>
 * A pattern (publish-subscribe, push-pull, remote channels) opens sockets with
 * {@code ServerTransport.bind} / {@code ClientTransport.connect}, supplies its own
 * {@code FramedConnection.Listener}, and sends {@code Envelope}s whose control payloads are
 * system types registered with the {@code EnvelopeCodec} under names starting with '$'.
 */
package dev.strand.net;
