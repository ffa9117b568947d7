package dev.strand.net;

import static dev.strand.net.PatternFixtures.ANY;
import static dev.strand.net.PatternFixtures.local;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strand.net.Fixtures.Echo;
import dev.strand.net.Fixtures.Hello;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Wiring mistakes are refused when the endpoint is built or the registration made, saying what to do. */
@Timeout(30)
class WiringTest {

    /** Registered nowhere. */
    record Stranger(int x) {
    }

    @Test
    void shouldRefuseASecondHandlerForTheSameType() {
        NetServer.Builder server = NetServer.builder().onRequest(Echo.class, (c, r) -> r);
        assertThatThrownBy(() -> server.onRequest(Echo.class, (c, r) -> r))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("already registered").hasMessageContaining(Echo.class.getName());
        NetClient.Builder client = NetClient.builder().onMessage(Hello.class, (c, m) -> { });
        assertThatThrownBy(() -> client.onMessage(Hello.class, (c, m) -> { }))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("already registered");
    }

    @Test
    void shouldRefuseAHandlerOfATypeTheCodecDoesNotKnow() {
        assertThatThrownBy(() -> NetServer.builder().codec(Fixtures.CODEC)
                .onRequest(Stranger.class, (c, r) -> r).bind(ANY))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("onRequest(" + Stranger.class.getName())
                .hasMessageContaining("register(\"name\", Stranger.class)");
        assertThatThrownBy(() -> NetClient.builder().codec(Fixtures.CODEC)
                .onMessage(Stranger.class, (c, m) -> { }).connect(local(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("onMessage(");
    }

    @Test
    void shouldAcceptAHandlerOfASupertypeOfARegisteredType() throws Exception {
        try (NetServer server = NetServer.builder().codec(Fixtures.CODEC)
                .onMessage(Record.class, (c, m) -> { }).bind(ANY)) {
            server.port();
        }
    }

    @Test
    void shouldSayToCallCodecWhenItIsMissing() {
        assertThatThrownBy(() -> NetServer.builder().bind(ANY))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("call codec(...)");
        assertThatThrownBy(() -> NetClient.builder().connect(local(1)))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("call codec(...)");
    }

    @Test
    void shouldRefuseASubscriptionReceiverOrChannelOfAnUnknownType() throws Exception {
        try (Publisher pub = Net.publisher(PatternFixtures.CODEC).bind(ANY);
             Subscriber sub = Net.subscriber(PatternFixtures.CODEC).connect(local(pub.port()))) {
            assertThatThrownBy(() -> sub.subscribe("t", Stranger.class, s -> { }))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("subscribe(");
        }
        try (Pusher push = Net.pusher(PatternFixtures.CODEC).bind(ANY);
             Puller pull = Net.puller(PatternFixtures.CODEC).connect(local(push.port()))) {
            assertThatThrownBy(() -> pull.receiver(Stranger.class))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("receiver(");
        }
        try (ChannelServer server = Net.channelServer(PatternFixtures.CODEC).bind(ANY)) {
            assertThatThrownBy(() -> server.receiver("s", Stranger.class, 4))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("receiver(");
        }
    }
}
