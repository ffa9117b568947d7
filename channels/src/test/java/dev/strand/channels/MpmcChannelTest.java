package dev.strand.channels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strand.core.ManualTicker;
import dev.strand.core.Ticker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The bounded (SharedBoundedCore) and unbounded (MpmcCore) multi-consumer flavours: several consumers parked at once, woken by
 * sends, by the last sender's close and by the receiver's close; the exact capacity; producers
 * parked on a full channel woken by any consumer. Parameter: the capacity, -1 for unbounded.
 */
@Timeout(30)
class MpmcChannelTest {

    private static Channel<String> open(int capacity, Consumer<String> onUndelivered) {
        Channel.Builder<String> b = Channel.<String>builder().multiConsumer().onUndelivered(onUndelivered);
        if (capacity >= 0) {
            b.capacity(capacity);
        }
        return b.build();
    }

    private static List<Async<String>> parkedConsumers(Receiver<String> rx, int n) {
        List<Async<String>> consumers = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            consumers.add(Async.start(rx::recv));
        }
        for (Async<String> c : consumers) {
            c.awaitParked();
            assertThat(c.isDone()).as("a consumer of an empty channel parks").isFalse();
        }
        return consumers;
    }

    @ParameterizedTest
    @ValueSource(ints = {4, -1})
    void threeParkedConsumersAreWokenOneBySendEach(int capacity) throws Exception {
        Channel<String> ch = open(capacity, m -> { });
        sendThreeAndExpectOneEach(ch, parkedConsumers(ch.receiver(), 3));
    }

    /** Sends "a", "b", "c"; each of the three consumers must get one of them. */
    private static void sendThreeAndExpectOneEach(Channel<String> ch, List<Async<String>> consumers)
            throws Exception {
        ch.sender().send("a");
        ch.sender().send("b");
        ch.sender().send("c");
        List<String> got = new ArrayList<>();
        for (Async<String> c : consumers) {
            got.add(c.join());
        }
        assertThat(got).containsExactlyInAnyOrder("a", "b", "c");
    }

    @ParameterizedTest
    @ValueSource(ints = {4, -1})
    void oneSendWakesAConsumerAndLeavesTheOthersParked(int capacity) throws Exception {
        Channel<String> ch = open(capacity, m -> { });
        List<Async<String>> consumers = parkedConsumers(ch.receiver(), 3);
        ch.sender().send("a");
        Async<String> winner = null;
        while (winner == null) { // exactly one can finish: one message
            for (Async<String> c : consumers) {
                if (c.isDone()) {
                    winner = c;
                }
            }
            Thread.onSpinWait();
        }
        assertThat(winner.join()).isEqualTo("a");
        consumers.remove(winner);
        ch.sender().close(); // the others end with the disconnect, not with a message
        for (Async<String> c : consumers) {
            assertThat(c.failure()).isInstanceOf(DisconnectedException.class);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {4, -1})
    void lastSenderCloseWakesEveryParkedConsumer(int capacity) throws Exception {
        Channel<String> ch = open(capacity, m -> { });
        Sender<String> second = ch.sender().clone();
        List<Async<String>> consumers = parkedConsumers(ch.receiver(), 3);
        ch.sender().close();
        second.close();
        for (Async<String> c : consumers) {
            assertThat(c.failure()).isInstanceOf(DisconnectedException.class)
                    .hasMessageContaining("every Sender is closed");
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {4, -1})
    void receiverCloseWakesEveryParkedConsumerAndFailsLaterSends(int capacity) throws Exception {
        Channel<String> ch = open(capacity, m -> { });
        List<Async<String>> consumers = parkedConsumers(ch.receiver(), 3);
        ch.receiver().close();
        for (Async<String> c : consumers) {
            assertThat(c.failure()).isInstanceOf(DisconnectedException.class)
                    .hasMessageContaining("the receiver is closed");
        }
        assertThatThrownBy(() -> ch.sender().send("late")).isInstanceOf(SendException.class);
    }

    @Test
    void boundedCapacityIsExactAsForASingleConsumer() {
        Channel<String> three = open(3, m -> { });
        for (int i = 0; i < 3; i++) {
            assertThat(three.sender().trySend("m" + i)).isTrue();
        }
        assertThat(three.sender().trySend("full")).isFalse();
        Channel<String> one = open(1, m -> { });
        assertThat(one.sender().trySend("a")).isTrue();
        assertThat(one.sender().trySend("full")).isFalse();
        assertThat(three.toString()).contains("bounded(3)", "multi-consumer");
    }

    @Test
    void producersParkedOnAFullChannelAreWokenByAnyConsumer() throws Exception {
        Channel<String> ch = open(2, m -> { });
        ch.sender().send("a");
        ch.sender().send("b");
        Sender<String> tx2 = ch.sender().clone();
        Async<Void> p1 = Async.run(() -> ch.sender().send("c")).awaitParked();
        Async<Void> p2 = Async.run(() -> tx2.send("d")).awaitParked();
        assertThat(p1.isDone() || p2.isDone()).as("a send to a full channel waits").isFalse();
        List<String> got = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            Async<String> c = Async.start(ch.receiver()::recv);
            got.add(c.join());
        }
        p1.join();
        p2.join();
        assertThat(got).containsExactlyInAnyOrder("a", "b", "c", "d");
    }

    @ParameterizedTest
    @ValueSource(ints = {4, -1})
    void aTimedOutConsumerDoesNotSwallowTheWakeUpOfAnother(int capacity) throws Exception {
        Channel<String> ch = open(capacity, m -> { });
        Async<String> patient = Async.start(ch.receiver()::recv).awaitParked();
        assertThat(ch.receiver().recv(Duration.ofMillis(1))).isNull();
        ch.sender().send("a");
        assertThat(patient.join()).isEqualTo("a");
    }

    @ParameterizedTest
    @ValueSource(ints = {4, -1})
    void anInterruptedParkedConsumerLeavesAndAnotherGetsTheNextMessage(int capacity) throws Exception {
        Channel<String> ch = open(capacity, m -> { });
        List<Async<String>> consumers = parkedConsumers(ch.receiver(), 2);
        consumers.get(1).thread().interrupt();
        assertThat(consumers.get(1).failure()).isInstanceOf(InterruptedException.class);
        ch.sender().send("a");
        assertThat(consumers.get(0).join()).isEqualTo("a");
    }

    @ParameterizedTest
    @ValueSource(ints = {2, 64, -1})
    void twoProducersFourConsumersTakeEveryMessageExactlyOnce(int capacity) throws Exception {
        Channel<Integer> ch = capacity < 0 ? Channel.<Integer>builder().multiConsumer().build()
                : Channel.<Integer>builder().capacity(capacity).multiConsumer().build();
        ConcurrentLinkedQueue<Integer> got = new ConcurrentLinkedQueue<>();
        CountDownLatch consumersDone = new CountDownLatch(4);
        for (int w = 0; w < 4; w++) {
            Thread t = new Thread(() -> {
                try {
                    ch.receiver().forEach(got::add);
                } finally {
                    consumersDone.countDown();
                }
            });
            t.setDaemon(true);
            t.start();
        }
        Sender<Integer> second = ch.sender().clone();
        Async<Void> p2 = Async.run(() -> {
            try (second) {
                for (int i = 50_000; i < 100_000; i++) {
                    second.send(i);
                }
            }
        });
        try (Sender<Integer> tx = ch.sender()) {
            for (int i = 0; i < 50_000; i++) {
                tx.send(i);
            }
        }
        p2.join();
        assertThat(consumersDone.await(20, TimeUnit.SECONDS)).isTrue();
        assertThat(got).hasSize(100_000).doesNotHaveDuplicates();
    }

    @ParameterizedTest
    @ValueSource(ints = {4, -1})
    void aBurstOfSendsReachesConsumersThatSpinAndConsumersThatPark(int capacity) throws Exception {
        // The consumers start together, so that when the burst arrives some are still spinning or
        // yielding and some have parked. A lost wake-up strands a consumer (timeout).
        for (int round = 0; round < 100; round++) {
            Channel<String> ch = open(capacity, m -> { });
            List<Async<String>> consumers = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                consumers.add(Async.start(ch.receiver()::recv));
            }
            sendThreeAndExpectOneEach(ch, consumers);
        }
    }

    @Test
    void roomFreedInARowReachesProducersThatSpinAndProducersThatPark() throws Exception {
        // The producers' side of the same race, with several consumers freeing the room.
        for (int round = 0; round < 100; round++) {
            Channel<String> ch = open(2, m -> { });
            ch.sender().send("x");
            ch.sender().send("y");
            List<Async<Void>> producers = new ArrayList<>();
            for (String m : List.of("a", "b", "c")) {
                Sender<String> tx = ch.sender().clone();
                producers.add(Async.run(() -> tx.send(m)));
            }
            List<Async<String>> consumers = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                consumers.add(Async.start(ch.receiver()::recv));
            }
            List<String> got = new ArrayList<>();
            for (Async<String> c : consumers) {
                got.add(c.join());
            }
            for (Async<Void> p : producers) {
                p.join();
            }
            assertThat(got).containsExactlyInAnyOrder("x", "y", "a", "b", "c");
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {4, -1})
    void timedSendAndReceiveThatNeedNotWaitReadNoClock(int capacity) throws Exception {
        AtomicInteger reads = new AtomicInteger();
        Ticker counting = () -> {
            reads.incrementAndGet();
            return 0L;
        };
        Channel.Builder<String> b = Channel.<String>builder().multiConsumer().ticker(counting);
        Channel<String> ch = (capacity >= 0 ? b.capacity(capacity) : b).build();
        assertThat(ch.sender().send("a", Duration.ofSeconds(1))).isTrue();
        assertThat(ch.receiver().recv(Duration.ofSeconds(1))).isEqualTo("a");
        assertThat(reads).as("clock reads").hasValue(0);
    }

    // ---------------------------------------------------------------- bounded: the consumer role

    /** A bounded multi-consumer channel on a manual clock. */
    private static Channel<String> boundedOn(ManualTicker ticker) {
        return Channel.<String>builder().capacity(4).multiConsumer().ticker(ticker).build();
    }

    @Test
    void aConsumerWaitingForTheRoleGetsItWhenTheHolderTimesOut() throws Exception {
        ManualTicker ticker = new ManualTicker();
        Channel<String> ch = boundedOn(ticker);
        // The first consumer holds the role, parked on the empty channel; the second waits for it.
        Async<String> holder = Async.start(() -> ch.receiver().recv(Duration.ofSeconds(10))).awaitParked();
        Async<String> waiting = Async.start(ch.receiver()::recv).awaitParked();
        ticker.advance(Duration.ofSeconds(10));
        assertThat(holder.join()).as("the holder timed out").isNull();
        ch.sender().send("a"); // reaches the waiting consumer only if the release woke it
        assertThat(waiting.join()).isEqualTo("a");
    }

    @Test
    void aConsumerWaitingForTheRoleTimesOutOnTheManualClock() throws Exception {
        ManualTicker ticker = new ManualTicker();
        Channel<String> ch = boundedOn(ticker);
        Async<String> holder = Async.start(ch.receiver()::recv).awaitParked();
        Async<String> waiting = Async.start(() -> ch.receiver().recv(Duration.ofSeconds(10))).awaitParked();
        ticker.advance(Duration.ofSeconds(10));
        assertThat(waiting.join()).as("timed out waiting for the role").isNull();
        ch.sender().send("a");
        assertThat(holder.join()).isEqualTo("a");
    }

    @Test
    void anInterruptedHolderReleasesTheRoleToAWaitingConsumer() throws Exception {
        Channel<String> ch = open(4, m -> { });
        Async<String> holder = Async.start(ch.receiver()::recv).awaitParked();
        Async<String> waiting = Async.start(ch.receiver()::recv).awaitParked();
        holder.thread().interrupt();
        assertThat(holder.failure()).isInstanceOf(InterruptedException.class);
        ch.sender().send("a");
        assertThat(waiting.join()).isEqualTo("a");
    }

    @Test
    void anInterruptedConsumerWaitingForTheRoleLeavesTheHolderWaiting() throws Exception {
        Channel<String> ch = open(4, m -> { });
        Async<String> holder = Async.start(ch.receiver()::recv).awaitParked();
        Async<String> waiting = Async.start(ch.receiver()::recv).awaitParked();
        waiting.thread().interrupt();
        assertThat(waiting.failure()).isInstanceOf(InterruptedException.class);
        assertThat(waiting.thread().isInterrupted()).as("InterruptedException clears the flag").isFalse();
        ch.sender().send("a");
        assertThat(holder.join()).isEqualTo("a");
    }

    @Test
    void tryRecvAndDrainReportNothingAtOnceWhileTheHolderWaitsOnAnEmptyChannel() throws Exception {
        Channel<String> ch = open(4, m -> { });
        Async<String> holder = Async.start(ch.receiver()::recv).awaitParked();
        assertThat(ch.receiver().tryRecv()).isNull();
        assertThat(ch.receiver().drain(m -> { }, 10)).isZero();
        ch.sender().send("a");
        assertThat(holder.join()).isEqualTo("a");
    }

    @Test
    void aDrainSinkMayReceiveFromTheSameReceiver() throws Exception {
        Channel<String> ch = open(4, m -> { });
        ch.sender().send("a");
        ch.sender().send("b");
        List<String> got = new ArrayList<>();
        int n = ch.receiver().drain(m -> {
            got.add(m);
            String next = ch.receiver().tryRecv(); // the sink runs outside the consumer role
            if (next != null) {
                got.add(next);
            }
        }, 10);
        assertThat(n).isEqualTo(1);
        assertThat(got).containsExactly("a", "b");
    }

    @Test
    void aDisconnectReachesTheHolderAndEveryConsumerWaitingForTheRoleAfterTheLastMessages() throws Exception {
        Channel<String> ch = open(4, m -> { });
        List<Async<String>> consumers = parkedConsumers(ch.receiver(), 3);
        ch.sender().send("a");
        ch.sender().send("b");
        ch.sender().close();
        List<String> got = new ArrayList<>();
        int disconnected = 0;
        for (Async<String> c : consumers) {
            try {
                got.add(c.join());
            } catch (java.util.concurrent.ExecutionException e) {
                assertThat(e.getCause()).isInstanceOf(DisconnectedException.class);
                disconnected++;
            }
        }
        assertThat(got).containsExactlyInAnyOrder("a", "b");
        assertThat(disconnected).isEqualTo(1);
    }
}
