package dev.strand.micrometer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strand.net.Cluster;
import dev.strand.net.Codec;
import dev.strand.net.Connection;
import dev.strand.net.JsonCodec;
import dev.strand.net.NetClient;
import dev.strand.net.NetServer;
import dev.strand.net.RemoteException;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class NetMetricsTest {

    record Ping(int n) {
    }

    record Pong(int n) {
    }

    /** A request the server refuses (its handler throws). */
    record Boom(int n) {
    }

    /** A request the server answers only when the test lets it. */
    record Hold(int n) {
    }

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final Codec codec = JsonCodec.builder().register("ping", Ping.class).register("pong", Pong.class)
            .register("boom", Boom.class).register("hold", Hold.class).build();
    private final CountDownLatch held = new CountDownLatch(1);
    private final CountDownLatch release = new CountDownLatch(1);

    private NetServer server() {
        return NetServer.builder().codec(codec)
                .onRequest(Ping.class, (conn, p) -> new Pong(p.n()))
                .onRequest(Boom.class, (conn, b) -> {
                    throw new IllegalStateException("boom " + b.n());
                })
                .onRequest(Hold.class, (conn, h) -> {
                    held.countDown();
                    release.await();
                    return new Pong(h.n());
                })
                .bind(new InetSocketAddress("127.0.0.1", 0));
    }

    private Timer timer(String type, String outcome) {
        return registry.get("strand.net.request").tags("name", "api-client", "type", type, "outcome", outcome)
                .timer();
    }

    @Test
    @Timeout(30)
    void requestTimerCountsEachRequestByTypeAndOutcomeAndInFlightSeesAWaitingOne() throws Exception {
        try (NetServer server = server();
             Connection conn = NetClient.builder().codec(codec)
                     .connect(new InetSocketAddress("127.0.0.1", server.port()))) {
            NetMetrics.connection("api-client", conn).bindTo(registry);
            for (int i = 0; i < 3; i++) {
                conn.request(new Ping(i), Pong.class, Duration.ofSeconds(10)).join();
            }
            assertThatThrownBy(() -> conn.request(new Boom(1), Pong.class, Duration.ofSeconds(10)).join())
                    .isInstanceOf(CompletionException.class).hasCauseInstanceOf(RemoteException.class);
            var waiting = conn.request(new Hold(7), Pong.class, Duration.ofSeconds(10));
            held.await();
            assertThat(registry.get("strand.net.requests.in.flight").tags("name", "api-client").gauge().value())
                    .isEqualTo(1);
            release.countDown();
            assertThat(waiting.join().n()).isEqualTo(7);

            // The timer is told before each future completes: no wait needed here.
            assertThat(timer("ping", "reply").count()).isEqualTo(3);
            assertThat(timer("ping", "reply").totalTime(TimeUnit.NANOSECONDS)).isPositive();
            assertThat(timer("boom", "remote_error").count()).isEqualTo(1);
            assertThat(timer("hold", "reply").count()).isEqualTo(1);
            assertThat(registry.get("strand.net.request").timers()).hasSize(3);
            assertThat(timer("ping", "reply").takeSnapshot().percentileValues()).as("percentiles off").isEmpty();
            assertThat(registry.get("strand.net.requests.in.flight").tags("name", "api-client").gauge().value())
                    .isZero();
        }
    }

    @Test
    @Timeout(30)
    void clusterMetersReadItsCounters() throws Exception {
        try (NetServer a = server(); NetServer b = server();
             Cluster cluster = Cluster.builder().client(NetClient.builder().codec(codec).build())
                     .connect(List.of(new InetSocketAddress("127.0.0.1", a.port()),
                             new InetSocketAddress("127.0.0.1", b.port())))) {
            NetMetrics.cluster("api-cluster", cluster).bindTo(registry);
            for (int i = 0; i < 4; i++) {
                cluster.request(new Ping(i), Pong.class, Duration.ofSeconds(10)).join();
            }
            assertThat(registry.get("strand.net.cluster.calls").tags("name", "api-cluster", "kind", "requests")
                    .functionCounter().count()).isEqualTo(4);
            assertThat(registry.get("strand.net.cluster.calls").tags("name", "api-cluster", "kind", "attempts")
                    .functionCounter().count()).isEqualTo(4);
            assertThat(registry.get("strand.net.cluster.calls").tags("name", "api-cluster", "kind", "retries")
                    .functionCounter().count()).isZero();
            assertThat(registry.get("strand.net.cluster.endpoints").tags("name", "api-cluster", "state", "connected")
                    .gauge().value()).isEqualTo(2);
            assertThat(registry.get("strand.net.cluster.endpoints").tags("name", "api-cluster", "state", "ejected")
                    .gauge().value()).isZero();
            assertThat(registry.get("strand.net.requests.in.flight").tags("name", "api-cluster").gauge().value())
                    .isZero();
            assertThatThrownBy(() -> NetMetrics.connection("c", cluster)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("NetMetrics.cluster");
        }
    }

    @Test
    @Timeout(30)
    void serverAndConnectionMetersReadTheEndpoints() throws Exception {
        try (NetServer server = server();
             Connection conn = NetClient.builder().codec(codec)
                     .connect(new InetSocketAddress("127.0.0.1", server.port()))) {
            NetMetrics.server("api", server).bindTo(registry);
            NetMetrics.connection("api-client", conn).bindTo(registry);

            for (int i = 0; i < 3; i++) {
                assertThat(conn.request(new Ping(i), Pong.class, Duration.ofSeconds(10)).join().n()).isEqualTo(i);
            }
            assertThat(registry.get("strand.net.connections").tags("name", "api").gauge().value()).isEqualTo(1);
            assertThat(registry.get("strand.net.frames.sent").tags("name", "api-client").functionCounter().count())
                    .isEqualTo(3);
            assertThat(registry.get("strand.net.frames.received").tags("name", "api-client").functionCounter()
                    .count()).isEqualTo(3);
            assertThat(registry.get("strand.net.requests.in.flight").tags("name", "api-client").gauge().value())
                    .isZero();
            assertThat(registry.get("strand.net.late.replies").tags("name", "api-client").functionCounter().count())
                    .isZero();
            assertThat(registry.get("strand.net.queued.bytes").tags("name", "api-client").gauge().value()).isZero();
        }
    }
}
