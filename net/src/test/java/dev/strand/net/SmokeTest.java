package dev.strand.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class SmokeTest {
    @Test
    @Timeout(20)
    void roundTrip() throws Exception {
        List<Throwable> errors = Fixtures.errors();
        try (NetServer server = Fixtures.server(errors).start();
             Connection conn = Fixtures.client().connect(Fixtures.address(server))) {
            Fixtures.Greeting g = conn.request(new Fixtures.Hello("world"), Fixtures.Greeting.class,
                    Fixtures.SECONDS_5).get();
            assertThat(g.text()).isEqualTo("Hello, world!");
        }
        Fixtures.assertNoNetThreads();
        assertThat(errors).isEmpty();
    }
}
