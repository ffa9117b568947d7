package dev.strand.net;

import static dev.strand.net.PatternFixtures.ANY;
import static dev.strand.net.PatternFixtures.CODEC;
import static dev.strand.net.PatternFixtures.local;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strand.net.PatternFixtures.Job;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Every pattern builder shares one base: the same options, the same checks, a snapshot at start. */
@Timeout(30)
class EndpointBuilderTest {

    private static List<EndpointBuilder<?>> all() {
        return List.of(Net.publisher(CODEC), Net.subscriber(CODEC), Net.pusher(CODEC), Net.puller(CODEC),
                Net.channelServer(CODEC), Net.channelClient(CODEC));
    }

    @Test
    void shouldCheckTheSharedOptionsAlikeOnEveryBuilder() {
        for (EndpointBuilder<?> b : all()) {
            assertThatThrownBy(() -> b.maxFrameLength(63)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> b.connectTimeout(Duration.ZERO))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("connectTimeout");
            assertThatThrownBy(() -> b.closeTimeout(Duration.ofSeconds(-1)))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("closeTimeout");
            assertThatThrownBy(() -> b.onError(null)).isInstanceOf(NullPointerException.class);
            assertThatThrownBy(() -> b.limits(null)).isInstanceOf(NullPointerException.class);
            assertThat(b.idleTimeout(Duration.ofSeconds(5))).isSameAs(b); // mutates in place
        }
    }

    @Test
    void shouldReturnTheConcreteBuilderFromEverySharedSetter() throws Exception {
        // Compiles only if the shared setters return the pattern's own builder type.
        try (Pusher pusher = Net.pusher(CODEC).closeTimeout(Duration.ofSeconds(2)).maxQueued(8).bind(ANY);
             Puller puller = Net.puller(CODEC).connectTimeout(Duration.ofSeconds(5)).window(4)
                     .connect(local(pusher.port()))) {
            pusher.push(new Job(1));
            assertThat(puller.receiver(Job.class).recv()).isEqualTo(new Job(1));
        }
    }

    @Test
    void shouldTakeASnapshotAtTheStartCall() throws Exception {
        Pusher.Builder builder = Net.pusher(CODEC);
        try (Pusher pusher = builder.bind(ANY)) {
            builder.maxFrameLength(64); // too small for what follows: must not reach the started pusher
            try (Puller puller = Net.puller(CODEC).connect(local(pusher.port()))) {
                PatternFixtures.Blob big = new PatternFixtures.Blob(1, "x".repeat(200));
                pusher.push(big).join();
                assertThat(puller.receiver(PatternFixtures.Blob.class).recv()).isEqualTo(big);
            }
        }
    }
}
