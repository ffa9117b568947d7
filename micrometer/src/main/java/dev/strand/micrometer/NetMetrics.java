package dev.strand.micrometer;

import dev.strand.net.Cluster;
import dev.strand.net.Connection;
import dev.strand.net.NetServer;
import dev.strand.net.RequestListener;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.ToDoubleFunction;

/**
 * Meters for {@code strand-net} endpoints: each method returns a {@link MeterBinder} to bind
 * to a registry once.
 *
 * <pre>{@code
 * NetMetrics.server("orders", server).bindTo(registry);
 * NetMetrics.connection("orders-client", connection).bindTo(registry);
 * NetMetrics.cluster("orders-cluster", cluster).bindTo(registry);
 * }</pre>
 *
 * <p>Every meter carries the tag {@code name}. Gauges and function counters read the endpoint
 * when the registry is scraped (from {@link Connection#stats()},
 * {@link NetServer#connectionCount()} and {@link Cluster#callStats()}) and hold it weakly;
 * they add nothing to the send and request paths. The request timer of
 * {@link #connection connection} is fed by a {@link RequestListener}: one clock reading at
 * each end of a request and one small object per request, on that connection only.
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
     *       request's deadline and were dropped;</li>
     *   <li>{@code strand.net.request} (timer, also tagged {@code type} = the request's
     *       registered type name and {@code outcome} = {@code reply}, {@code remote_error},
     *       {@code timeout}, {@code connection_lost}, {@code rejected} or {@code failed}; see
     *       {@link RequestListener.Outcome}): each request's round trip, from the request to its
     *       end, for the requests made after binding. Percentiles and histograms are off, as
     *       Micrometer's defaults are; turn them on with a {@code MeterFilter} on the registry.</li>
     * </ul>
     *
     * <p>The timer needs a connection that takes {@link RequestListener}s: one a
     * {@code NetClient} returned, or one a {@code NetServer} handed to a handler. A
     * {@link Cluster} gets its own meters from {@link #cluster}.
     *
     * @param name the tag value naming this connection; not null
     * @param connection the connection; not null
     * @return a binder for those meters; bind it once per registry (each binding adds a
     *         request listener to the connection); its {@code bindTo} throws
     *         {@link IllegalArgumentException} for a connection that takes no request listeners
     *         (a user's own implementation of {@link Connection})
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if {@code connection} is a {@link Cluster}
     */
    public static MeterBinder connection(String name, Connection connection) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(connection, "connection");
        if (connection instanceof Cluster) {
            throw new IllegalArgumentException("connection: a Cluster is bound with NetMetrics.cluster");
        }
        return registry -> {
            Tags tags = Tags.of("name", name);
            RequestListener.add(connection, new RequestTimers(registry, tags));
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

    /**
     * Meters of a cluster, tagged {@code name=<name>}:
     * <ul>
     *   <li>{@code strand.net.requests.in.flight} (gauge): attempts waiting for their reply,
     *       over every endpoint;</li>
     *   <li>{@code strand.net.cluster.endpoints} (gauge, one per {@code state} tag):
     *       {@code connected} endpoints, and {@code ejected} ones (their breaker keeps
     *       requests away);</li>
     *   <li>{@code strand.net.cluster.calls} (function counters, one per {@code kind} tag):
     *       {@code requests} made, {@code attempts} sent (first tries, retries and hedges),
     *       {@code retries}, {@code hedges}, and {@code budget_refusals} (retries or hedges the
     *       retry budget refused), since the cluster was built.</li>
     * </ul>
     *
     * @param name the tag value naming this cluster; not null
     * @param cluster the cluster; not null
     * @return a binder for those meters
     * @throws NullPointerException if an argument is null
     */
    public static MeterBinder cluster(String name, Cluster cluster) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(cluster, "cluster");
        return registry -> {
            Tags tags = Tags.of("name", name);
            Gauge.builder("strand.net.requests.in.flight", cluster, c -> c.stats().inFlightRequests())
                    .tags(tags).description("requests waiting for their reply").register(registry);
            Gauge.builder("strand.net.cluster.endpoints", cluster,
                            c -> c.endpoints().stream().filter(Cluster.EndpointStats::connected).count())
                    .tags(tags).tag("state", "connected").description("endpoints with an open connection")
                    .register(registry);
            Gauge.builder("strand.net.cluster.endpoints", cluster,
                            c -> c.endpoints().stream().filter(Cluster.EndpointStats::ejected).count())
                    .tags(tags).tag("state", "ejected").description("endpoints whose breaker keeps requests away")
                    .register(registry);
            calls(registry, tags, cluster, "requests", s -> s.callStats().requests(), "requests made");
            calls(registry, tags, cluster, "attempts", s -> s.callStats().attempts(),
                    "attempts sent to endpoints (first tries, retries and hedges)");
            calls(registry, tags, cluster, "retries", s -> s.callStats().retries(), "attempts made after a failure");
            calls(registry, tags, cluster, "hedges", s -> s.callStats().hedges(),
                    "second copies sent because the first was slow");
            calls(registry, tags, cluster, "budget_refusals", s -> s.callStats().budgetRefusals(),
                    "retries or hedges the retry budget refused");
        };
    }

    private static void calls(MeterRegistry registry, Tags tags, Cluster cluster, String kind,
                              ToDoubleFunction<Cluster> count, String description) {
        FunctionCounter.builder("strand.net.cluster.calls", cluster, count)
                .tags(tags).tag("kind", kind).description(description).register(registry);
    }

    /**
     * The {@code strand.net.request} timers of one binding, one per request type and outcome,
     * registered on first use and kept here so a request does no registry look-up.
     * Thread-safe: told on the connection's I/O threads.
     */
    private static final class RequestTimers implements RequestListener {

        private static final Outcome[] OUTCOMES = Outcome.values();

        private final MeterRegistry registry;
        private final Tags tags;
        private final ConcurrentMap<String, AtomicReferenceArray<Timer>> byType = new ConcurrentHashMap<>();

        RequestTimers(MeterRegistry registry, Tags tags) {
            this.registry = registry;
            this.tags = tags;
        }

        @Override
        public void onRequestEnded(String type, Outcome outcome, long nanos, Throwable failure) {
            AtomicReferenceArray<Timer> timers = byType.computeIfAbsent(type,
                    t -> new AtomicReferenceArray<>(OUTCOMES.length));
            Timer timer = timers.get(outcome.ordinal());
            if (timer == null) {
                // Racing threads may both register: the registry returns the same timer to both.
                timer = Timer.builder("strand.net.request").tags(tags).tag("type", type)
                        .tag("outcome", outcome.name().toLowerCase(Locale.ROOT))
                        .description("request-reply round trips, from the request to its end")
                        .register(registry);
                timers.set(outcome.ordinal(), timer);
            }
            timer.record(nanos, TimeUnit.NANOSECONDS);
        }
    }
}
