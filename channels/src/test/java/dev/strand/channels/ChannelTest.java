package dev.strand.channels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The factories and builder of {@link Channel}. */
class ChannelTest {

    @Test
    void factoriesMakeTheNamedFlavours() {
        assertThat(Channel.unbounded().toString()).contains("unbounded");
        assertThat(Channel.bounded(1000).toString()).contains("bounded(1000)");
        assertThat(Channel.rendezvous().toString()).contains("rendezvous");
        assertThat(Channel.builder().capacity(0).build().toString()).contains("rendezvous");
        assertThat(Channel.builder().capacity(5).unbounded().build().toString()).contains("unbounded");
    }

    @Test
    void senderAndReceiverAreAlwaysTheSameHandles() {
        Channel<String> ch = Channel.unbounded();
        assertThat(ch.sender()).isSameAs(ch.sender());
        assertThat(ch.receiver()).isSameAs(ch.receiver());
        assertThat(ch.sender().clone()).isNotSameAs(ch.sender());
    }

    @Test
    void shouldRejectBadArguments() {
        assertThatThrownBy(() -> Channel.bounded(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("capacity");
        assertThatThrownBy(() -> Channel.bounded(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Channel.bounded(Channel.MAX_CAPACITY + 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("capacity");
        assertThatThrownBy(() -> Channel.builder().capacity(-1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("capacity");
        assertThatThrownBy(() -> Channel.builder().onUndelivered(null)).isInstanceOf(NullPointerException.class)
                .hasMessage("handler");
        assertThatThrownBy(() -> Channel.builder().ticker(null)).isInstanceOf(NullPointerException.class)
                .hasMessage("ticker");
    }

    @Test
    void buildMakesIndependentChannels() throws Exception {
        Channel.Builder<String> b = Channel.<String>builder().capacity(4);
        Channel<String> one = b.build();
        Channel<String> two = b.build();
        one.sender().send("one");
        assertThat(two.receiver().tryRecv()).isNull();
        assertThat(one.receiver().tryRecv()).isEqualTo("one");
    }

    @Test
    void exceptionsCarryWhatHappened() {
        SendException e = new SendException("m", "why");
        assertThat(e.getUndelivered()).isEqualTo("m");
        assertThat(e).hasMessage("why");
        assertThatThrownBy(() -> new SendException(null, "why")).isInstanceOf(NullPointerException.class);
        InterruptedException cause = new InterruptedException();
        assertThat(new ReceiveInterruptedException(cause).getCause()).isSameAs(cause);
        assertThat(new DisconnectedException("gone")).hasMessage("gone");
    }
}
