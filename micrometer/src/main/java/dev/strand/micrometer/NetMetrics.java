package dev.strand.micrometer;

import dev.strand.net.Connection;
import dev.strand.net.NetServer;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.Objects;

/**
 * Meters for {@code strand-net} endpoints: each method returns a {@link MeterBinder} to bind
 * to a registry once.
 *
 * <pre>{@code
 * NetMetrics.server("orders", server).bindTo(registry);
 * NetMetrics.connection("orders-client", connection).bindTo(registry);
 * }</pre>
 *
 * <p>Every meter carries the tag {@code name}. Gauges and function counters read the endpoint
 * when the registry is scraped (from {@link Connection#stats()} and
 * {@link NetServer#connectionCount()}) and hold it weakly; binding adds nothing to the send and
 * request paths.
 *
 * <p>Thread-safe.
 */
public final class NetMetrics {

    private NetMetrics() {
    }

    /**
     * Meters of a server, tagged {@code name=<name>}: {@code strand.net.connections} (gauge,
     * connections open now).
     *
     * @param name the tag value naming this server; not null
     * @param server the server; not null
     * @return a binder for that meter
     * @throws NullPointerException if an argument is null
     */
    public static MeterBinder server(String name, NetServer server) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(server, "server");
        return registry -> Gauge.builder("strand.net.connections", server, NetServer::connectionCount)
                .tags(Tags.of("name", name)).description("connections open now").register(registry);
    }

    /**
     * Meters of one connection, tagged {@code name=<name>}:
     * <ul>
     *   <li>{@code strand.net.frames.sent} and {@code strand.net.frames.received} (function
     *       counters);</li>
     *   <li>{@code strand.net.queued.bytes} (gauge): encoded, not yet written;</li>
     *   <li>{@code strand.net.requests.in.flight} (gauge): requests waiting for a reply;</li>
     *   <li>{@code strand.net.late.replies} (function counter): replies that came after their
     *       request's deadline and were dropped.</li>
     * </ul>
     *
     * @param name the tag value naming this connection; not null
     * @param connection the connection; not null
     * @return a binder for those meters
     * @throws NullPointerException if an argument is null
     */
    public static MeterBinder connection(String name, Connection connection) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(connection, "connection");
        return registry -> {
            Tags tags = Tags.of("name", name);
            FunctionCounter.builder("strand.net.frames.sent", connection, c -> c.stats().framesSent())
                    .tags(tags).description("frames written to the socket").register(registry);
            FunctionCounter.builder("strand.net.frames.received", connection, c -> c.stats().framesReceived())
                    .tags(tags).description("frames read from the socket").register(registry);
            Gauge.builder("strand.net.queued.bytes", connection, c -> c.stats().queuedBytes())
                    .tags(tags).baseUnit("bytes").description("bytes encoded, not yet written").register(registry);
            Gauge.builder("strand.net.requests.in.flight", connection, c -> c.stats().inFlightRequests())
                    .tags(tags).description("requests waiting for their reply").register(registry);
            FunctionCounter.builder("strand.net.late.replies", connection, c -> c.stats().lateReplies())
                    .tags(tags).description("replies that arrived after their deadline").register(registry);
        };
    }
}
