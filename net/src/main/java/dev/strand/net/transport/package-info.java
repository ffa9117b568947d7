/**
 * The transport under {@code dev.strand.net}: sockets, length-prefixed frames, JSON envelopes
 * and event loops. Not API: the module does not export this package, and its classes are
 * public only so that {@code dev.strand.net} can use them.
 *
 * <pre>
 *   EventLoops           event-loop group factory (epoll/NIO), the shared client group
 *   TrackedThreadFactory names the event-loop threads and reports which of them are alive
 *   ServerTransport      bind + accept + maxConnections + connection tracking + ordered shutdown
 *   ClientTransport      connect one socket (TCP, then TLS) on a group
 *   TransportConfig      codec, idle timeout, keep-alive, limits and TLS of one endpoint
 *   Pipelines            [ssl] flush-consolidation, idle, LengthFieldBasedFrameDecoder(failFast), FrameHandler
 *   FrameHandler         frame → Envelope → FramedConnection.Listener; idle → close/ping; errors mapped
 *   FramedConnection     one framed, codec'd socket: send(Envelope) with the queued-bytes bound,
 *                        writability, close-after-flush, counters
 *   DrainQueue           the outbound queue of a FramedConnection: one drain at a time, none stranded
 *   EnvelopeCodec        Envelope ↔ frame bytes (user types + '$' system types)
 *   PayloadTypes         the user's codec as the envelope codec sees it
 *   PayloadBinding       one registered type with its prepared readers and writer
 *   Envelope             MESSAGE | REQUEST | REPLY | ERROR | PING, with an optional route ("c")
 *   FrameDecodeException a frame that does not decode, with the error code and id to reply with
 *   SerialExecutor       runs tasks one at a time, in submission order, on another executor
 *   Jfr                  the JFR events: connection opened / closed, slow request (off unless recorded)
 * </pre>
 * Thread-safety is stated on each class.
 */
package dev.strand.net.transport;
