package dev.strand.net;

import static dev.strand.net.PatternFixtures.CODEC;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class NetTest {

    @Test
    void shouldRejectANullCodecForEveryPattern() {
        assertThatThrownBy(() -> Net.publisher(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> Net.subscriber(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> Net.pusher(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> Net.puller(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> Net.channelServer(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> Net.channelClient(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void shouldRejectBadSharedBuilderArguments() {
        assertThatThrownBy(() -> Net.publisher(CODEC).maxFrameLength(10)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("maxFrameLength");
        assertThatThrownBy(() -> Net.publisher(CODEC).ioThreads(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ioThreads");
        assertThatThrownBy(() -> Net.subscriber(CODEC).idleTimeout(java.time.Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("idleTimeout");
        assertThatThrownBy(() -> Net.channelClient(CODEC).onError(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> Net.pusher(CODEC).bind(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void shouldBindEveryServerEndpointToAPortAndCloseWithoutLeavingThreads() {
        Publisher pub = Net.publisher(CODEC).bind(PatternFixtures.ANY);
        Pusher push = Net.pusher(CODEC).bind(PatternFixtures.ANY);
        ChannelServer chan = Net.channelServer(CODEC).bind(PatternFixtures.ANY);
        assertThat(pub.port()).isPositive().isEqualTo(pub.address().getPort());
        assertThat(push.port()).isPositive().isEqualTo(push.address().getPort());
        assertThat(chan.port()).isPositive().isEqualTo(chan.address().getPort());
        assertThatThrownBy(() -> Net.publisher(CODEC).bind(PatternFixtures.local(pub.port())))
                .isInstanceOf(NetException.class);
        pub.close();
        push.close();
        chan.close();
        Fixtures.assertNoNetThreads();
    }
}
