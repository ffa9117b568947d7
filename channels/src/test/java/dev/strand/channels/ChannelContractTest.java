package dev.strand.channels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strand.core.ManualTicker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The behaviour every channel flavour shares, run over unbounded, bounded and rendezvous
 * channels by the subclasses (JCTools' QueueSanityTest style). Messages are sent from a
 * producer thread wherever a rendezvous send would wait for the receiver.
 */
@Timeout(20)
abstract class ChannelContractTest {

    /** A new channel of the flavour under test. */
    abstract <T> Channel.Builder<T> flavour(Channel.Builder<T> builder);

    final <T> Channel<T> newChannel() {
        return flavour(Channel.<T>builder()).build();
    }

    /** Sends msgs in order from a new thread, then closes tx. */
    static <T> Async<Void> produce(Sender<T> tx, List<T> msgs) {
        return Async.run(() -> {
            try (tx) {
                for (T m : msgs) {
                    tx.send(m);
                }
            }
        });
    }

    static List<Integer> range(int from, int to) {
        return IntStream.range(from, to).boxed().collect(Collectors.toList());
    }

    @Test
    void recvReturnsMessagesInSendOrderThenDisconnects() throws Exception {
        Channel<Integer> ch = newChannel();
        Async<Void> p = produce(ch.sender(), range(0, 100));
        List<Integer> got = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            got.add(ch.receiver().recv());
        }
        p.join();
        assertThat(got).isEqualTo(range(0, 100));
        assertThatThrownBy(() -> ch.receiver().recv()).isInstanceOf(DisconnectedException.class);
    }

    @Test
    void recvAfterLastSenderClosedDrainsThenDisconnects() throws Exception {
        Channel<String> ch = newChannel();
        Sender<String> tx2 = ch.sender().clone();
        ch.sender().close();
        Async<Void> p = produce(tx2, List.of("a", "b", "c"));
        Receiver<String> rx = ch.receiver();
        assertThat(rx.recv()).isEqualTo("a");
        assertThat(rx.recv()).isEqualTo("b");
        assertThat(rx.recv()).isEqualTo("c");
        p.join();
        assertThatThrownBy(rx::recv).isInstanceOf(DisconnectedException.class);
        assertThatThrownBy(rx::tryRecv).isInstanceOf(DisconnectedException.class);
        assertThatThrownBy(() -> rx.recv(Duration.ofSeconds(5))).isInstanceOf(DisconnectedException.class);
    }

    @Test
    void blockedRecvWakesForMessage() throws Exception {
        Channel<String> ch = newChannel();
        Async<String> c = Async.start(() -> ch.receiver().recv()).awaitParked();
        assertThat(c.isDone()).isFalse();
        Async<Void> p = produce(ch.sender(), List.of("wake"));
        assertThat(c.join()).isEqualTo("wake");
        p.join();
    }

    @Test
    void blockedRecvReleasedByLastSenderClose() throws Exception {
        Channel<String> ch = newChannel();
        Sender<String> tx2 = ch.sender().clone();
        Async<String> c = Async.start(() -> ch.receiver().recv()).awaitParked();
        ch.sender().close();
        ch.sender().close(); // idempotent: does not count twice
        assertThat(c.isDone()).isFalse();
        tx2.close();
        assertThat(c.failure()).isInstanceOf(DisconnectedException.class);
    }

    @Test
    void blockedRecvReleasedByInterruptLeavesChannelUsable() throws Exception {
        Channel<String> ch = newChannel();
        Async<String> c = Async.start(() -> ch.receiver().recv()).awaitParked();
        c.thread().interrupt();
        assertThat(c.failure()).isInstanceOf(InterruptedException.class);
        // No stale waiter: a later receive still works and wakes.
        Async<String> c2 = Async.start(() -> ch.receiver().recv()).awaitParked();
        Async<Void> p = produce(ch.sender(), List.of("after"));
        assertThat(c2.join()).isEqualTo("after");
        p.join();
    }

    @Test
    void blockedRecvReleasedByReceiverClose() throws Exception {
        Channel<String> ch = newChannel();
        Async<String> c = Async.start(() -> ch.receiver().recv()).awaitParked();
        ch.receiver().close();
        assertThat(c.failure()).isInstanceOf(DisconnectedException.class).hasMessageContaining("receiver is closed");
    }

    @Test
    void tryRecvReturnsNullWhenEmptyAndThrowsOnceDisconnected() {
        Channel<String> ch = newChannel();
        assertThat(ch.receiver().tryRecv()).isNull();
        ch.sender().close();
        assertThatThrownBy(() -> ch.receiver().tryRecv()).isInstanceOf(DisconnectedException.class);
    }

    @Test
    void tryRecvTakesAMessageOfferedByAWaitingSender() throws Exception {
        Channel<String> ch = newChannel();
        Async<Void> p = produce(ch.sender(), List.of("x"));
        String got = null;
        while (got == null) {
            got = ch.receiver().tryRecv();
            Thread.onSpinWait();
        }
        assertThat(got).isEqualTo("x");
        p.join();
    }

    @Test
    void timedRecvReturnsNullWhenNothingArrives() throws Exception {
        Channel<String> ch = newChannel();
        assertThat(ch.receiver().recv(Duration.ofMillis(20))).isNull();
        assertThat(ch.receiver().recv(Duration.ZERO)).isNull();
        assertThat(ch.receiver().recv(Duration.ofSeconds(-1))).isNull();
    }

    @Test
    void timedRecvTimesOutWhenTheTickerPassesTheDeadline() throws Exception {
        ManualTicker ticker = new ManualTicker();
        Channel<String> ch = flavour(Channel.<String>builder()).ticker(ticker).build();
        Async<String> c = Async.start(() -> ch.receiver().recv(Duration.ofHours(1))).awaitParked();
        ticker.advance(Duration.ofMinutes(59));
        assertThat(c.isDone()).isFalse();
        ticker.advance(Duration.ofMinutes(1));
        assertThat(c.join()).isNull();
        // The timed-out receive left no waiter behind.
        Async<String> c2 = Async.start(() -> ch.receiver().recv()).awaitParked();
        Async<Void> p = produce(ch.sender(), List.of("later"));
        assertThat(c2.join()).isEqualTo("later");
        p.join();
    }

    @Test
    void timedRecvIsWokenByAMessage() throws Exception {
        Channel<String> ch = newChannel();
        Async<String> c = Async.start(() -> ch.receiver().recv(Duration.ofHours(1))).awaitParked();
        Async<Void> p = produce(ch.sender(), List.of("in time"));
        assertThat(c.join()).isEqualTo("in time");
        p.join();
    }

    @Test
    void timedRecvIsWokenByDisconnect() throws Exception {
        Channel<String> ch = newChannel();
        Async<String> c = Async.start(() -> ch.receiver().recv(Duration.ofHours(1))).awaitParked();
        ch.sender().close();
        assertThat(c.failure()).isInstanceOf(DisconnectedException.class);
    }

    @Test
    void shouldRejectSendAfterReceiverClosed() throws Exception {
        Channel<String> ch = newChannel();
        Sender<String> tx = ch.sender();
        assertThat(tx.isDisconnected()).isFalse();
        ch.receiver().close();
        ch.receiver().close(); // idempotent
        assertThat(tx.isDisconnected()).isTrue();
        assertThatThrownBy(() -> tx.send("a")).isInstanceOfSatisfying(SendException.class,
                e -> assertThat(e.getUndelivered()).isEqualTo("a"));
        assertThatThrownBy(() -> tx.trySend("b")).isInstanceOfSatisfying(SendException.class,
                e -> assertThat(e.getUndelivered()).isEqualTo("b"));
        assertThatThrownBy(() -> tx.send("c", Duration.ofSeconds(1))).isInstanceOfSatisfying(SendException.class,
                e -> assertThat(e.getUndelivered()).isEqualTo("c"));
        assertThatThrownBy(() -> ch.receiver().recv()).isInstanceOf(DisconnectedException.class);
        assertThatThrownBy(() -> ch.receiver().tryRecv()).isInstanceOf(DisconnectedException.class);
        assertThat(ch.receiver().drain(m -> { }, 10)).isZero();
    }

    @Test
    void shouldRejectNullMessages() {
        Channel<String> ch = newChannel();
        Sender<String> tx = ch.sender();
        assertThatThrownBy(() -> tx.send(null)).isInstanceOf(NullPointerException.class).hasMessage("msg");
        assertThatThrownBy(() -> tx.trySend(null)).isInstanceOf(NullPointerException.class).hasMessage("msg");
        assertThatThrownBy(() -> tx.send(null, Duration.ZERO)).isInstanceOf(NullPointerException.class).hasMessage("msg");
        assertThatThrownBy(() -> tx.send("x", null)).isInstanceOf(NullPointerException.class).hasMessage("timeout");
        assertThatThrownBy(() -> ch.receiver().recv(null)).isInstanceOf(NullPointerException.class).hasMessage("timeout");
        assertThatThrownBy(() -> ch.receiver().drain(null, 1)).isInstanceOf(NullPointerException.class).hasMessage("sink");
        assertThatThrownBy(() -> ch.receiver().drain(m -> { }, -1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("max");
        assertThat(ch.receiver().tryRecv()).isNull(); // nothing was disturbed
    }

    @Test
    void shouldRejectSendThroughAClosedHandle() {
        Channel<String> ch = newChannel();
        Sender<String> tx2 = ch.sender().clone();
        tx2.close();
        assertThatThrownBy(() -> tx2.send("x")).isInstanceOfSatisfying(SendException.class,
                e -> assertThat(e.getUndelivered()).isEqualTo("x"));
        assertThatThrownBy(() -> tx2.trySend("y")).isInstanceOf(SendException.class);
        assertThat(ch.receiver().tryRecv()).isNull(); // the channel is still connected through tx
    }

    @Test
    void cloneOfAClosedHandleThrows() {
        Channel<String> ch = newChannel();
        Sender<String> tx2 = ch.sender().clone();
        tx2.close();
        assertThatThrownBy(tx2::clone).isInstanceOf(IllegalStateException.class);
        ch.sender().close();
        assertThatThrownBy(() -> ch.sender().clone()).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void clonesKeepTheChannelConnectedUntilTheLastCloses() throws Exception {
        Channel<String> ch = newChannel();
        Sender<String> a = ch.sender().clone();
        Sender<String> b = a.clone();
        ch.sender().close();
        a.close();
        assertThat(ch.receiver().tryRecv()).isNull();
        Async<Void> p = produce(b, List.of("last"));
        assertThat(ch.receiver().recv()).isEqualTo("last");
        p.join();
        assertThatThrownBy(() -> ch.receiver().recv()).isInstanceOf(DisconnectedException.class);
    }

    @Test
    void iteratorEndsAtDisconnect() throws Exception {
        Channel<Integer> ch = newChannel();
        Async<Void> p = produce(ch.sender(), range(0, 50));
        List<Integer> got = new ArrayList<>();
        for (Integer m : ch.receiver()) {
            got.add(m);
        }
        p.join();
        assertThat(got).isEqualTo(range(0, 50));
    }

    @Test
    void streamEndsAtDisconnect() throws Exception {
        Channel<Integer> ch = newChannel();
        Async<Void> p = produce(ch.sender(), range(0, 20));
        assertThat(ch.receiver().stream().mapToInt(Integer::intValue).sum()).isEqualTo(190);
        p.join();
    }

    @Test
    void iteratorEndsOnInterruptKeepingTheInterruptStatus() throws Exception {
        Channel<String> ch = newChannel();
        Async<Boolean> c = Async.start(() -> {
            Iterator<String> it = ch.receiver().iterator();
            try {
                it.hasNext();
                return false;
            } catch (ReceiveInterruptedException e) {
                assertThat(e.getCause()).isInstanceOf(InterruptedException.class);
                return Thread.currentThread().isInterrupted();
            }
        }).awaitParked();
        c.thread().interrupt();
        assertThat(c.join()).isTrue();
    }

    @Test
    void iteratorNextAfterTheEndThrowsNoSuchElement() {
        Channel<String> ch = newChannel();
        ch.sender().close();
        Iterator<String> it = ch.receiver().iterator();
        assertThat(it.hasNext()).isFalse();
        assertThatThrownBy(it::next).isInstanceOf(java.util.NoSuchElementException.class);
    }

    @Test
    void concurrentRecvIsDetectedWithoutDisturbingTheChannel() throws Exception {
        Channel<String> ch = newChannel();
        Async<String> c = Async.start(() -> ch.receiver().recv()).awaitParked();
        assertThatThrownBy(() -> ch.receiver().tryRecv()).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("single consumer");
        assertThatThrownBy(() -> ch.receiver().recv()).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> ch.receiver().drain(m -> { }, 1)).isInstanceOf(IllegalStateException.class);
        Async<Void> p = produce(ch.sender(), List.of("still fine"));
        assertThat(c.join()).isEqualTo("still fine");
        p.join();
    }

    @Test
    void reentrantRecvFromADrainSinkIsDetected() throws Exception {
        Channel<String> ch = newChannel();
        Async<Void> p = produce(ch.sender(), List.of("a"));
        AtomicInteger calls = new AtomicInteger();
        List<Throwable> errors = new CopyOnWriteArrayList<>();
        while (calls.get() == 0) {
            ch.receiver().drain(m -> {
                calls.incrementAndGet();
                try {
                    ch.receiver().tryRecv();
                } catch (IllegalStateException e) {
                    errors.add(e);
                }
            }, 1);
        }
        p.join();
        assertThat(errors).hasSize(1);
    }

    @Test
    void sendRacingReceiverCloseIsDeliveredXorHandedBack() throws Exception {
        for (int round = 0; round < 50; round++) {
            Set<Integer> undelivered = ConcurrentHashMap.newKeySet();
            Channel<Integer> ch = flavour(Channel.<Integer>builder())
                    .onUndelivered(m -> assertThat(undelivered.add(m)).isTrue()).build();
            int n = 200;
            Set<Integer> handedBack = ConcurrentHashMap.newKeySet();
            Async<Void> p = Async.run(() -> {
                for (int i = 0; i < n; i++) {
                    try {
                        ch.sender().send(i);
                    } catch (SendException e) {
                        assertThat(handedBack.add((Integer) e.getUndelivered())).isTrue();
                    }
                }
            });
            List<Integer> received = new ArrayList<>();
            int stopAt = round * 4;
            try {
                while (received.size() < stopAt) {
                    received.add(ch.receiver().recv());
                }
            } finally {
                ch.receiver().close();
            }
            p.join();
            List<Integer> all = new ArrayList<>(received);
            all.addAll(undelivered);
            all.addAll(handedBack);
            Collections.sort(all);
            assertThat(all).as("round %d: every message exactly once", round).isEqualTo(range(0, n));
        }
    }

    @Test
    void sendRacingTheCloseOfItsOwnHandleIsReceivedXorHandedBack() throws Exception {
        for (int round = 0; round < 50; round++) {
            Set<Integer> undelivered = ConcurrentHashMap.newKeySet();
            Channel<Integer> ch = flavour(Channel.<Integer>builder())
                    .onUndelivered(m -> assertThat(undelivered.add(m)).isTrue()).build();
            Sender<Integer> shared = ch.sender().clone();
            ch.sender().close();
            AtomicInteger attempted = new AtomicInteger();
            Set<Integer> handedBack = ConcurrentHashMap.newKeySet();
            Async<Void> sender = Async.run(() -> {
                for (int i = 0; i < 20_000; i++) {
                    attempted.set(i + 1);
                    try {
                        shared.send(i);
                    } catch (SendException e) { // the handle was closed under us
                        assertThat(handedBack.add((Integer) e.getUndelivered())).isTrue();
                        return;
                    }
                }
            });
            List<Integer> received = new ArrayList<>();
            int closeAfter = 1 + round % 10;
            for (Integer m : ch.receiver()) {
                received.add(m);
                if (received.size() == closeAfter) {
                    shared.close(); // another thread closes the handle the sender is using
                }
            }
            sender.join();
            List<Integer> all = new ArrayList<>(received);
            all.addAll(undelivered);
            all.addAll(handedBack);
            Collections.sort(all);
            assertThat(all).as("round %d: every attempted message exactly once", round)
                    .isEqualTo(range(0, attempted.get()));
        }
    }

    @Test
    void toStringNamesTheState() {
        Channel<String> ch = newChannel();
        assertThat(ch.toString()).contains("open");
        ch.receiver().close();
        assertThat(ch.sender().toString()).contains("receiver closed");
        assertThat(ch.receiver().toString()).contains("receiver closed");
    }
}
