package dev.strand.net.transport;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.function.Supplier;
import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Enabled;
import jdk.jfr.Event;
import jdk.jfr.EventType;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;
import jdk.jfr.Threshold;

/**
 * The JDK Flight Recorder events of strand-net: {@code dev.strand.ConnectionOpened},
 * {@code dev.strand.ConnectionClosed} and {@code dev.strand.SlowRequest}. They are disabled
 * unless a recording enables them by name ({@code @Enabled(false)}: a recording with the
 * JDK's default settings leaves them off), for example
 * {@code RecordingStream.enable("dev.strand.SlowRequest")}, or a {@code .jfc} settings file
 * given to {@code jcmd <pid> JFR.start}.
 *
 * <p>Zero cost when not enabled: each method checks its event type's {@code isEnabled()} (a
 * read of a field JFR keeps current) before it creates anything, so a request or a connection
 * with no recording listening allocates nothing here. The connection events are committed on
 * the connection's I/O thread (its stack would say nothing, so none is recorded). A slow
 * request is a duration event: it begins on the requesting thread and is committed on the
 * thread that ends the request (usually the I/O thread), and only if it took at least its
 * threshold (default 20 ms; a recording may lower it).
 *
 * <p>Thread-safe: static methods; a slow-request event is handed from the requesting thread
 * to the ending one through the pending-request map, which orders the two.
 */
public final class Jfr {

    private Jfr() {
    }

    private static final EventType OPENED = EventType.getEventType(ConnectionOpened.class);
    private static final EventType CLOSED = EventType.getEventType(ConnectionClosed.class);
    private static final EventType REQUEST = EventType.getEventType(SlowRequest.class);

    /** On the I/O thread: the channel of {@code c} became active. */
    static void opened(FramedConnection c) {
        if (!OPENED.isEnabled()) {
            return;
        }
        ConnectionOpened e = new ConnectionOpened();
        if (e.shouldCommit()) {
            e.role = c.role();
            e.remoteAddress = address(c.remoteAtOpen());
            e.localAddress = address(c.localAtOpen());
            e.commit();
        }
    }

    /** On the I/O thread: {@code c} closed, for {@code cause} (null for an orderly close). */
    static void closed(FramedConnection c, Throwable cause) {
        if (!CLOSED.isEnabled()) {
            return;
        }
        ConnectionClosed e = new ConnectionClosed();
        if (e.shouldCommit()) {
            e.role = c.role();
            e.remoteAddress = address(c.remoteAtOpen());
            e.localAddress = address(c.localAtOpen());
            e.framesSent = c.framesSent();
            e.framesReceived = c.framesReceived();
            e.cause = cause == null ? null : cause.toString();
            e.commit();
        }
    }

    /**
     * Begins the round trip of one request, if the slow-request event is enabled.
     *
     * @param type the request's registered type name
     * @param remote the peer the request goes to (asked only when enabled)
     * @return the begun event, to hand to {@link #requestEnded}; null when not enabled
     */
    public static SlowRequest requestStarted(String type, Supplier<SocketAddress> remote) {
        if (!REQUEST.isEnabled()) {
            return null;
        }
        SlowRequest e = new SlowRequest();
        e.requestType = type;
        e.remote = remote.get();
        e.begin();
        return e;
    }

    /**
     * Ends a round trip begun by {@link #requestStarted}; commits it if it took at least the
     * recording's threshold.
     *
     * @param e the event {@code requestStarted} returned; not null
     * @param outcome how the request ended
     */
    public static void requestEnded(SlowRequest e, String outcome) {
        e.end();
        if (e.shouldCommit()) {
            e.outcome = outcome;
            e.remoteAddress = address(e.remote);
            e.commit();
        }
    }

    /** {@code 127.0.0.1:8080}: the numeric address, whether or not a host name was resolved. */
    private static String address(SocketAddress a) {
        if (a instanceof InetSocketAddress inet) {
            InetAddress ip = inet.getAddress();
            return (ip != null ? ip.getHostAddress() : inet.getHostString()) + ":" + inet.getPort();
        }
        return a == null ? null : a.toString();
    }

    /** A framed connection was established. */
    @Name("dev.strand.ConnectionOpened")
    @Label("Connection Opened")
    @Category({"Strand", "Net"})
    @Description("A Strand net connection was established (accepted by a server, or connected by a client)")
    @StackTrace(false)
    @Enabled(false)
    static final class ConnectionOpened extends Event {
        @Label("Role")
        @Description("The endpoint kind that accepted the connection (server, publisher, pusher, channels), "
                + "or client for the connecting side")
        String role;
        @Label("Remote Address")
        String remoteAddress;
        @Label("Local Address")
        String localAddress;
    }

    /** A framed connection closed. */
    @Name("dev.strand.ConnectionClosed")
    @Label("Connection Closed")
    @Category({"Strand", "Net"})
    @Description("A Strand net connection closed, with what it carried and why it closed")
    @StackTrace(false)
    @Enabled(false)
    static final class ConnectionClosed extends Event {
        @Label("Role")
        @Description("The endpoint kind that accepted the connection, or client for the connecting side")
        String role;
        @Label("Remote Address")
        String remoteAddress;
        @Label("Local Address")
        String localAddress;
        @Label("Frames Sent")
        long framesSent;
        @Label("Frames Received")
        long framesReceived;
        @Label("Cause")
        @Description("Why it closed, or null for an orderly close by either side")
        String cause;
    }

    /**
     * A request-reply round trip, from the request to its reply, error, deadline or loss;
     * recorded when it took at least its threshold.
     */
    @Name("dev.strand.SlowRequest")
    @Label("Slow Request")
    @Category({"Strand", "Net"})
    @Description("A Strand net request whose round trip (request to reply, error, timeout or connection loss) "
            + "took at least the threshold")
    @Threshold("20 ms")
    @StackTrace(false)
    @Enabled(false)
    public static final class SlowRequest extends Event {
        @Label("Request Type")
        String requestType;
        @Label("Outcome")
        @Description("reply, remote-error, timeout, connection-lost, rejected or failed")
        String outcome;
        @Label("Remote Address")
        String remoteAddress;
        /** Formatted only for a committed event; transient fields are not recorded. */
        transient SocketAddress remote;

        SlowRequest() {
        }
    }
}
