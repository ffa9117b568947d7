package dev.strand.micrometer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strand.net.Codec;
import dev.strand.net.Connection;
import dev.strand.net.JsonCodec;
import dev.strand.net.NetClient;
import dev.strand.net.NetServer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.InetSocketAddress;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class NetMetricsTest {

    record Ping(int n) {
    }

    record Pong(int n) {
    }

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    @Test
    @Timeout(30)
    void serverAndConnectionMetersReadTheEndpoints() throws Exception {
        Codec codec = JsonCodec.builder().register("ping", Ping.class).register("pong", Pong.class).build();
        try (NetServer server = NetServer.builder().codec(codec)
                .onRequest(Ping.class, (conn, p) -> new Pong(p.n())).bind(new InetSocketAddress("127.0.0.1", 0));
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
