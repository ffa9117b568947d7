package dev.strand.channels;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strand.core.ManualTicker;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The channel contract over {@link Channel#rendezvous()}, plus hand-off behaviour. */
@Timeout(20)
class RendezvousChannelTest extends ChannelContractTest {

    @Override
    <T> Channel.Builder<T> flavour(Channel.Builder<T> builder) {
        return builder.capacity(0);
    }

    @Test
    void sendWaitsForATaker() throws Exception {
        Channel<String> ch = Channel.rendezvous();
        Async<Void> s = Async.run(() -> ch.sender().send("hand-off")).awaitParked();
        assertThat(s.isDone()).isFalse();
        assertThat(ch.receiver().recv()).isEqualTo("hand-off");
        s.join();
    }

    @Test
    void trySendFailsWithoutAWaitingReceiver() {
        Channel<String> ch = Channel.rendezvous();
        assertThat(ch.sender().trySend("nobody")).isFalse();
        assertThat(ch.receiver().tryRecv()).isNull();
    }

    @Test
    void trySendHandsToAWaitingReceiver() throws Exception {
        Channel<String> ch = Channel.rendezvous();
        Async<String> r = Async.start(() -> ch.receiver().recv()).awaitParked();
        boolean sent = false;
        while (!sent) { // the receiver is parked: it is waiting
            sent = ch.sender().trySend("now");
        }
        assertThat(r.join()).isEqualTo("now");
    }

    @Test
    void trySendSucceedsAsSoonAsTheReceiverHasEnteredRecv() throws Exception {
        Channel<String> ch = Channel.rendezvous();
        // A long deadline: the receiver spins, yields, then parks; it is waiting in all three.
        Async<String> r = Async.start(() -> ch.receiver().recv(Duration.ofHours(1)));
        awaitWaitingReceiver(ch);
        assertThat(ch.sender().trySend("at once")).isTrue(); // one attempt, no retry loop
        assertThat(r.join()).isEqualTo("at once");
        assertThat(ch.receiver().tryRecv()).isNull();
    }

    @Test
    void aReceiverIsNotWaitingBeforeOrAfterItsRecv() throws Exception {
        Channel<String> ch = Channel.rendezvous();
        assertThat(core(ch).hasWaitingReceiver()).isFalse();
        Async<String> r = Async.start(() -> ch.receiver().recv(Duration.ofHours(1)));
        awaitWaitingReceiver(ch);
        assertThat(ch.sender().trySend("one")).isTrue();
        assertThat(r.join()).isEqualTo("one");
        assertThat(core(ch).hasWaitingReceiver()).isFalse();
        assertThat(ch.sender().trySend("nobody")).isFalse(); // refused: nothing left behind
        assertThat(ch.receiver().recv(Duration.ofMillis(1))).isNull();
    }

    /** Waits, without sleeping, until a receiver is in recv and visible to trySend. */
    private static void awaitWaitingReceiver(Channel<String> ch) {
        for (int i = 0; !core(ch).hasWaitingReceiver(); i++) {
            Wait.backoff(i);
        }
    }

    private static RendezvousCore<String> core(Channel<String> ch) {
        return (RendezvousCore<String>) ((ReceiverHandle<String>) ch.receiver()).core;
    }

    @Test
    void secondSenderWaitsForTheSlot() throws Exception {
        Channel<Integer> ch = Channel.rendezvous();
        Sender<Integer> tx2 = ch.sender().clone();
        Async<Void> a = Async.run(() -> ch.sender().send(1)).awaitParked();
        Async<Void> b = Async.run(() -> tx2.send(2)).awaitParked();
        Integer first = ch.receiver().recv();
        Integer second = ch.receiver().recv();
        assertThat(List.of(first, second)).containsExactlyInAnyOrder(1, 2);
        a.join();
        b.join();
    }

    @Test
    void interruptedSendIsTakenBackNotDelivered() throws Exception {
        Channel<String> ch = Channel.rendezvous();
        Async<Void> s = Async.run(() -> ch.sender().send("x")).awaitParked();
        s.thread().interrupt();
        assertThat(s.failure()).isInstanceOf(InterruptedException.class);
        assertThat(ch.receiver().tryRecv()).isNull();
    }

    @Test
    void timedSendReturnsFalseWithoutATaker() throws Exception {
        Channel<String> ch = Channel.rendezvous();
        assertThat(ch.sender().send("x", Duration.ofMillis(20))).isFalse();
        assertThat(ch.sender().send("x", Duration.ZERO)).isFalse();
        assertThat(ch.receiver().tryRecv()).isNull();
    }

    @Test
    void timedSendTimesOutWhenTheTickerPassesTheDeadline() throws Exception {
        ManualTicker ticker = new ManualTicker();
        Channel<String> ch = Channel.<String>builder().capacity(0).ticker(ticker).build();
        Async<Boolean> s = Async.start(() -> ch.sender().send("x", Duration.ofSeconds(5))).awaitParked();
        ticker.advance(Duration.ofSeconds(5));
        assertThat(s.join()).isFalse();
        assertThat(ch.receiver().tryRecv()).isNull();
    }

    @Test
    void timedSendSucceedsWhenTaken() throws Exception {
        Channel<String> ch = Channel.rendezvous();
        Async<Boolean> s = Async.start(() -> ch.sender().send("x", Duration.ofHours(1))).awaitParked();
        assertThat(ch.receiver().recv()).isEqualTo("x");
        assertThat(s.join()).isTrue();
    }

    @Test
    void blockedSendReleasedByReceiverCloseHandsItsMessageBack() throws Exception {
        List<String> undelivered = new CopyOnWriteArrayList<>();
        Channel<String> ch = Channel.<String>builder().capacity(0).onUndelivered(undelivered::add).build();
        Async<Void> s = Async.run(() -> ch.sender().send("x")).awaitParked();
        ch.receiver().close();
        assertThat(s.failure()).isInstanceOfSatisfying(SendException.class,
                e -> assertThat(e.getUndelivered()).isEqualTo("x"));
        assertThat(undelivered).isEmpty();
    }

    @Test
    void senderWaitingForTheSlotIsReleasedByReceiverClose() throws Exception {
        Channel<Integer> ch = Channel.rendezvous();
        Sender<Integer> tx2 = ch.sender().clone();
        Async<Void> a = Async.run(() -> ch.sender().send(1)).awaitParked();
        Async<Void> b = Async.run(() -> tx2.send(2)).awaitParked();
        ch.receiver().close();
        assertThat(a.failure()).isInstanceOf(SendException.class);
        assertThat(b.failure()).isInstanceOf(SendException.class);
    }
}
