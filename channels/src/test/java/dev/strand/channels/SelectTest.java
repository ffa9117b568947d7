package dev.strand.channels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strand.core.ManualTicker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(20)
class SelectTest {

    @Test
    void recvReturnsTheMessageAndItsReceiver() throws Exception {
        Channel<String> a = Channel.unbounded();
        Channel<String> b = Channel.unbounded();
        b.sender().send("from b");
        Selected<String> s = Select.of(a.receiver(), b.receiver()).recv();
        assertThat(s.message()).isEqualTo("from b");
        assertThat(s.receiver()).isSameAs(b.receiver());
        assertThat(s.toString()).contains("from b");
    }

    @Test
    void isFairAcrossReadyReceivers() throws Exception {
        Channel<String> a = Channel.unbounded();
        Channel<String> b = Channel.unbounded();
        Channel<String> c = Channel.unbounded();
        for (int i = 0; i < 100; i++) {
            a.sender().send("a");
            b.sender().send("b");
            c.sender().send("c");
        }
        Select<String> select = Select.of(a.receiver(), b.receiver(), c.receiver());
        Map<String, Integer> counts = new HashMap<>();
        for (int i = 0; i < 90; i++) {
            counts.merge(select.recv().message(), 1, Integer::sum);
        }
        assertThat(counts).containsEntry("a", 30).containsEntry("b", 30).containsEntry("c", 30);
    }

    @Test
    void aSelectBuiltForEveryCallIsFairToo() throws Exception {
        Channel<String> a = Channel.unbounded();
        Channel<String> b = Channel.unbounded();
        a.sender().send("a");
        b.sender().send("b");
        Map<String, Integer> counts = new HashMap<>();
        for (int i = 0; i < 10_000; i++) {
            String m = Select.of(a.receiver(), b.receiver()).recv().message();
            counts.merge(m, 1, Integer::sum);
            (m.equals("a") ? a : b).sender().send(m); // both stay ready
        }
        // A random start gives ~5,000 each (standard deviation 50); a fixed start gives 10,000 to 0.
        assertThat(counts.get("a")).isBetween(4_000, 6_000);
        assertThat(counts.get("b")).isBetween(4_000, 6_000);
    }

    @Test
    void aBusyReceiverDoesNotStarveAnother() throws Exception {
        Channel<Integer> busy = Channel.unbounded();
        Channel<Integer> quiet = Channel.unbounded();
        for (int i = 0; i < 1000; i++) {
            busy.sender().send(i);
        }
        quiet.sender().send(-1);
        Select<Integer> select = Select.of(busy.receiver(), quiet.receiver());
        boolean quietServed = false;
        for (int i = 0; i < 2 && !quietServed; i++) {
            quietServed = select.recv().receiver() == quiet.receiver();
        }
        assertThat(quietServed).isTrue();
    }

    @Test
    void skipsDisconnectedReceiversAndThrowsOnlyWhenAllAreDrained() throws Exception {
        Channel<String> a = Channel.unbounded();
        Channel<String> b = Channel.unbounded();
        a.sender().send("a1");
        a.sender().close();
        b.sender().send("b1");
        Select<String> select = Select.of(a.receiver(), b.receiver());
        List<String> got = new ArrayList<>();
        got.add(select.recv().message());
        got.add(select.recv().message());
        assertThat(got).containsExactlyInAnyOrder("a1", "b1");
        assertThat(select.tryRecv()).isNull(); // b still connected
        b.sender().close();
        assertThatThrownBy(select::recv).isInstanceOf(DisconnectedException.class);
        assertThatThrownBy(select::tryRecv).isInstanceOf(DisconnectedException.class);
    }

    @Test
    void blockedSelectWakesForAMessageOnAnyReceiver() throws Exception {
        Channel<String> a = Channel.unbounded();
        Channel<String> b = Channel.bounded(4);
        Channel<String> c = Channel.rendezvous();
        Select<String> select = Select.of(a.receiver(), b.receiver(), c.receiver());
        for (Channel<String> ch : List.of(a, b, c)) {
            Async<Selected<String>> s = Async.start(select::recv).awaitParked();
            Async<Void> p = Async.run(() -> ch.sender().send("hi"));
            Selected<String> got = s.join();
            p.join();
            assertThat(got.message()).isEqualTo("hi");
            assertThat(got.receiver()).isSameAs(ch.receiver());
        }
    }

    @Test
    void trySendOnARendezvousChannelHandsItsMessageToAParkedSelect() throws Exception {
        Channel<String> a = Channel.unbounded();
        Channel<String> c = Channel.rendezvous();
        Select<String> select = Select.of(a.receiver(), c.receiver());
        Async<Selected<String>> s = Async.start(select::recv).awaitParked();
        while (!c.sender().trySend("handed")) { // parked: its hole is open (a spurious wake-up may close it a moment)
            Wait.backoff(0);
        }
        Selected<String> got = s.join();
        assertThat(got.message()).isEqualTo("handed");
        assertThat(got.receiver()).isSameAs(c.receiver());
        assertThat(c.sender().trySend("nobody waits")).isFalse();
        assertThat(select.tryRecv()).isNull(); // nothing left behind
    }

    @Test
    void blockedSelectIsReleasedWhenTheLastReceiverDisconnects() throws Exception {
        Channel<String> a = Channel.unbounded();
        Channel<String> b = Channel.unbounded();
        Select<String> select = Select.of(a.receiver(), b.receiver());
        Async<Selected<String>> s = Async.start(select::recv).awaitParked();
        a.sender().close();
        assertThat(s.isDone()).isFalse();
        b.sender().close();
        assertThat(s.failure()).isInstanceOf(DisconnectedException.class);
    }

    @Test
    void blockedSelectSurvivesTheCloseOfOneReceiver() throws Exception {
        Channel<String> a = Channel.unbounded();
        Channel<String> b = Channel.unbounded();
        Select<String> select = Select.of(a.receiver(), b.receiver());
        Async<Selected<String>> s = Async.start(select::recv).awaitParked();
        a.receiver().close(); // wakes the select, which skips a and waits on b
        assertThatThrownBy(() -> a.sender().send("x")).isInstanceOf(SendException.class);
        b.sender().send("y");
        assertThat(s.join().message()).isEqualTo("y");
    }

    @Test
    void blockedSelectIsReleasedByInterruptLeavingNoWaiter() throws Exception {
        Channel<String> a = Channel.unbounded();
        Channel<String> b = Channel.unbounded();
        Select<String> select = Select.of(a.receiver(), b.receiver());
        Async<Selected<String>> s = Async.start(select::recv).awaitParked();
        s.thread().interrupt();
        assertThat(s.failure()).isInstanceOf(InterruptedException.class);
        Async<String> r = Async.start(() -> b.receiver().recv()).awaitParked();
        b.sender().send("direct");
        assertThat(r.join()).isEqualTo("direct");
    }

    @Test
    void timedRecvReturnsNullOnTimeout() throws Exception {
        ManualTicker ticker = new ManualTicker();
        Channel<String> a = Channel.<String>builder().ticker(ticker).build();
        Channel<String> b = Channel.unbounded();
        Select<String> select = Select.of(a.receiver(), b.receiver());
        Async<Selected<String>> s = Async.start(() -> select.recv(Duration.ofSeconds(3))).awaitParked();
        ticker.advance(Duration.ofSeconds(3));
        assertThat(s.join()).isNull();
        assertThat(select.recv(Duration.ZERO)).isNull();
        b.sender().send("z");
        assertThat(select.recv(Duration.ofHours(1)).message()).isEqualTo("z");
    }

    @Test
    void tryRecvNeverWaits() {
        Channel<String> a = Channel.unbounded();
        assertThat(Select.of(a.receiver()).tryRecv()).isNull();
    }

    @Test
    void concurrentUseOfAReceiverIsDetected() throws Exception {
        Channel<String> a = Channel.unbounded();
        Channel<String> b = Channel.unbounded();
        Async<String> direct = Async.start(() -> a.receiver().recv()).awaitParked();
        assertThatThrownBy(() -> Select.of(a.receiver(), b.receiver()).tryRecv())
                .isInstanceOf(IllegalStateException.class);
        a.sender().send("ok");
        assertThat(direct.join()).isEqualTo("ok");
        assertThat(Select.of(b.receiver()).tryRecv()).isNull(); // b was released
    }

    @Test
    void rejectsBadArguments() {
        Channel<String> a = Channel.unbounded();
        assertThatThrownBy(() -> Select.<String>of()).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Select.of(a.receiver(), null)).isInstanceOf(NullPointerException.class)
                .hasMessage("receivers[1]");
        assertThatThrownBy(() -> Select.of(a.receiver(), a.receiver())).isInstanceOf(IllegalArgumentException.class);
        Receiver<String> foreign = new ForeignReceiver();
        assertThatThrownBy(() -> Select.of(foreign)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not made by Strand");
        assertThatThrownBy(() -> Select.of(a.receiver()).recv(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void selectsOverDifferentMessageTypes() throws Exception {
        Channel<Integer> ints = Channel.unbounded();
        Channel<Long> longs = Channel.unbounded();
        ints.sender().send(1);
        Select<Number> select = Select.of(ints.receiver(), longs.receiver());
        Number n = select.recv().message();
        assertThat(n).isEqualTo(1);
    }

    /** A receiver not made by Channel. */
    private static final class ForeignReceiver implements Receiver<String> {
        @Override
        public String recv() {
            return "x";
        }

        @Override
        public String tryRecv() {
            return null;
        }

        @Override
        public String recv(Duration timeout) {
            return null;
        }

        @Override
        public int drain(java.util.function.Consumer<? super String> sink, int max) {
            return 0;
        }

        @Override
        public java.util.Iterator<String> iterator() {
            return java.util.Collections.emptyIterator();
        }

        @Override
        public java.util.stream.Stream<String> stream() {
            return java.util.stream.Stream.empty();
        }

        @Override
        public void close() {
        }
    }
}
