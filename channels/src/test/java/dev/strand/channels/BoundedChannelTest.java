package dev.strand.channels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strand.core.ManualTicker;
import dev.strand.core.Ticker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The channel contract over {@link Channel#bounded(int)}, plus backpressure behaviour. */
@Timeout(20)
class BoundedChannelTest extends BufferedChannelContractTest {

    @Override
    <T> Channel.Builder<T> flavour(Channel.Builder<T> builder) {
        return builder.capacity(8);
    }

    @Test
    void capacityIsExactEvenWhenNotAPowerOfTwo() throws Exception {
        Channel<Integer> ch = Channel.bounded(3);
        assertThat(ch.sender().trySend(1)).isTrue();
        assertThat(ch.sender().trySend(2)).isTrue();
        assertThat(ch.sender().trySend(3)).isTrue();
        assertThat(ch.sender().trySend(4)).isFalse();
        assertThat(ch.receiver().recv()).isEqualTo(1);
        assertThat(ch.sender().trySend(4)).isTrue();
        assertThat(ch.sender().trySend(5)).isFalse();
    }

    @Test
    void capacityOneHoldsOneMessage() {
        Channel<Integer> ch = Channel.bounded(1);
        assertThat(ch.sender().trySend(1)).isTrue();
        assertThat(ch.sender().trySend(2)).isFalse();
    }

    @Test
    void sendWaitsWhileFullAndResumesWhenTheReceiverTakes() throws Exception {
        Channel<Integer> ch = Channel.bounded(2);
        ch.sender().send(1);
        ch.sender().send(2);
        Async<Void> blocked = Async.run(() -> ch.sender().send(3)).awaitParked();
        assertThat(blocked.isDone()).isFalse();
        assertThat(ch.receiver().recv()).isEqualTo(1);
        blocked.join();
        assertThat(ch.receiver().recv()).isEqualTo(2);
        assertThat(ch.receiver().recv()).isEqualTo(3);
    }

    @Test
    void drainWakesBlockedSenders() throws Exception {
        Channel<Integer> ch = Channel.bounded(2);
        ch.sender().send(1);
        ch.sender().send(2);
        Async<Void> blocked = Async.run(() -> ch.sender().send(3)).awaitParked();
        List<Integer> got = new ArrayList<>();
        assertThat(ch.receiver().drain(got::add, 10)).isEqualTo(2);
        blocked.join();
        assertThat(ch.receiver().recv()).isEqualTo(3);
    }

    @Test
    void tryRecvWakesBlockedSenders() throws Exception {
        Channel<Integer> ch = Channel.bounded(1);
        ch.sender().send(1);
        Async<Void> blocked = Async.run(() -> ch.sender().send(2)).awaitParked();
        assertThat(ch.receiver().tryRecv()).isEqualTo(1);
        blocked.join(); // woken although the receiver never blocks again
        assertThat(ch.receiver().tryRecv()).isEqualTo(2);
    }

    @Test
    void blockedSendReleasedByReceiverCloseHandsItsMessageBack() throws Exception {
        List<Integer> undelivered = new CopyOnWriteArrayList<>();
        Channel<Integer> ch = Channel.<Integer>builder().capacity(1).onUndelivered(undelivered::add).build();
        ch.sender().send(1);
        Async<Void> blocked = Async.run(() -> ch.sender().send(2)).awaitParked();
        ch.receiver().close();
        assertThat(blocked.failure()).isInstanceOfSatisfying(SendException.class,
                e -> assertThat(e.getUndelivered()).isEqualTo(2));
        assertThat(undelivered).containsExactly(1); // the buffered one; never the handed-back one
    }

    @Test
    void interruptedSendHasNotEnqueuedItsMessage() throws Exception {
        Channel<Integer> ch = Channel.bounded(1);
        ch.sender().send(1);
        Async<Void> blocked = Async.run(() -> ch.sender().send(2)).awaitParked();
        blocked.thread().interrupt();
        assertThat(blocked.failure()).isInstanceOf(InterruptedException.class);
        assertThat(ch.receiver().tryRecv()).isEqualTo(1);
        assertThat(ch.receiver().tryRecv()).isNull(); // 2 was never enqueued
        assertThat(ch.sender().trySend(3)).isTrue(); // no stale waiter breaks later sends
    }

    @Test
    void interruptIsCheckedOnlyWhenTheSendWouldWait() throws Exception {
        Channel<Integer> ch = Channel.bounded(1);
        Thread.currentThread().interrupt();
        try {
            ch.sender().send(1); // room: enqueued, interrupt status kept
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
            assertThatThrownBy(() -> ch.sender().send(2)).isInstanceOf(InterruptedException.class);
        } finally {
            Thread.interrupted();
        }
        assertThat(ch.receiver().tryRecv()).isEqualTo(1);
        assertThat(ch.receiver().tryRecv()).isNull();
    }

    @Test
    void timedSendReturnsFalseWhenStillFullAndKeepsTheMessage() throws Exception {
        Channel<Integer> ch = Channel.bounded(1);
        ch.sender().send(1);
        assertThat(ch.sender().send(2, Duration.ZERO)).isFalse();
        assertThat(ch.sender().send(2, Duration.ofMillis(20))).isFalse();
        assertThat(ch.receiver().tryRecv()).isEqualTo(1);
        assertThat(ch.receiver().tryRecv()).isNull();
    }

    @Test
    void timedSendTimesOutWhenTheTickerPassesTheDeadline() throws Exception {
        ManualTicker ticker = new ManualTicker();
        Channel<Integer> ch = Channel.<Integer>builder().capacity(1).ticker(ticker).build();
        ch.sender().send(1);
        Async<Boolean> s = Async.start(() -> ch.sender().send(2, Duration.ofSeconds(10))).awaitParked();
        ticker.advance(Duration.ofSeconds(10));
        assertThat(s.join()).isFalse();
        assertThat(ch.receiver().tryRecv()).isEqualTo(1);
        assertThat(ch.receiver().tryRecv()).isNull();
    }

    @Test
    void timedSendMakesALastAttemptAtTheDeadline() throws Exception {
        // The sender runs only after its deadline (the ticker jumps past it while the sender is
        // descheduled, and a slot is freed meanwhile): like ArrayBlockingQueue.offer, it must
        // still send rather than report a timeout while the channel has room. The ticker's
        // second read (the first is the deadline, taken before the first offer fails) is that
        // moment; single-threaded, so the interleaving is exact.
        ManualTicker manual = new ManualTicker();
        AtomicInteger reads = new AtomicInteger();
        List<Integer> freed = new ArrayList<>();
        AtomicReference<Channel<Integer>> box = new AtomicReference<>();
        Ticker ticker = () -> {
            if (reads.incrementAndGet() == 2) {
                manual.advance(Duration.ofSeconds(20));
                freed.add(box.get().receiver().tryRecv());
            }
            return manual.nanoTime();
        };
        Channel<Integer> ch = Channel.<Integer>builder().capacity(1).ticker(ticker).build();
        box.set(ch);
        ch.sender().send(1);
        assertThat(ch.sender().send(2, Duration.ofSeconds(10))).isTrue();
        assertThat(reads.get()).isGreaterThanOrEqualTo(2);
        assertThat(freed).containsExactly(1);
        assertThat(ch.receiver().tryRecv()).isEqualTo(2);
        assertThat(ch.receiver().tryRecv()).isNull();
    }

    @Test
    void timedSendSucceedsWhenRoomAppears() throws Exception {
        Channel<Integer> ch = Channel.bounded(1);
        ch.sender().send(1);
        Async<Boolean> s = Async.start(() -> ch.sender().send(2, Duration.ofHours(1))).awaitParked();
        assertThat(ch.receiver().recv()).isEqualTo(1);
        assertThat(s.join()).isTrue();
        assertThat(ch.receiver().recv()).isEqualTo(2);
    }

    @Test
    void manyBlockedSendersAllGetThrough() throws Exception {
        Channel<Integer> ch = Channel.bounded(1);
        ch.sender().send(0);
        List<Async<Void>> senders = new ArrayList<>();
        for (int i = 1; i <= 4; i++) {
            int m = i;
            Sender<Integer> tx = ch.sender().clone();
            senders.add(Async.run(() -> {
                try (tx) {
                    tx.send(m);
                }
            }).awaitParked());
        }
        ch.sender().close();
        List<Integer> got = new ArrayList<>();
        for (Integer m : ch.receiver()) {
            got.add(m);
        }
        for (Async<Void> a : senders) {
            a.join();
        }
        assertThat(got).containsExactlyInAnyOrder(0, 1, 2, 3, 4);
    }

    @Test
    void noParkedSenderIsStrandedAcrossManyRounds() throws Exception {
        // Each take wakes one parked sender; a sender that succeeds without parking on its node
        // passes a wake-up aimed at that node on. A lost hand-over strands a sender (timeout).
        for (int round = 0; round < 100; round++) {
            manyBlockedSendersAllGetThrough();
        }
    }

    @Test
    void roomFreedInARowReachesSendersThatSpinAndSendersThatPark() throws Exception {
        // The senders start together, so that when the receiver frees several slots in a row some
        // are still spinning or yielding and some have parked. A lost wake-up strands a sender
        // (timeout).
        for (int round = 0; round < 100; round++) {
            Channel<Integer> ch = Channel.bounded(2);
            ch.sender().send(0);
            ch.sender().send(0);
            List<Async<Void>> senders = new ArrayList<>();
            for (int i = 1; i <= 3; i++) {
                int m = i;
                Sender<Integer> tx = ch.sender().clone();
                senders.add(Async.run(() -> tx.send(m)));
            }
            List<Integer> got = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                got.add(ch.receiver().recv());
            }
            for (Async<Void> a : senders) {
                a.join();
            }
            assertThat(got).containsExactlyInAnyOrder(0, 0, 1, 2, 3);
        }
    }
}
