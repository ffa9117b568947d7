package dev.strand.channels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class MultiConsumerChannelTest {

    @Test
    void fourWorkersTakeEachMessageExactlyOnceAndEndAtDisconnect() throws Exception {
        Channel<Integer> jobs = Channel.<Integer>builder().capacity(16).multiConsumer().build();
        ConcurrentLinkedQueue<Integer> done = new ConcurrentLinkedQueue<>();
        List<Thread> workers = new ArrayList<>();
        AtomicInteger busyWorkers = new AtomicInteger();
        for (int w = 0; w < 4; w++) {
            Thread t = new Thread(() -> {
                boolean any = false;
                for (Integer job : jobs.receiver()) {
                    done.add(job);
                    any = true;
                }
                if (any) {
                    busyWorkers.incrementAndGet();
                }
            });
            t.start();
            workers.add(t);
        }
        Sender<Integer> second = jobs.sender().clone();
        Thread other = new Thread(() -> {
            try (second) {
                for (int i = 10_000; i < 20_000; i++) {
                    second.send(i);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        other.start();
        try (Sender<Integer> tx = jobs.sender()) {
            for (int i = 0; i < 10_000; i++) {
                tx.send(i);
            }
        }
        other.join();
        for (Thread t : workers) {
            t.join();
        }
        assertThat(done).hasSize(20_000).doesNotHaveDuplicates();
        assertThat(busyWorkers.get()).isPositive();
    }

    @Test
    void everyParkedConsumerWakesAtDisconnect() throws Exception {
        Channel<String> ch = Channel.<String>builder().capacity(4).multiConsumer().build();
        CountDownLatch started = new CountDownLatch(3);
        CountDownLatch ended = new CountDownLatch(3);
        for (int i = 0; i < 3; i++) {
            new Thread(() -> {
                started.countDown();
                try {
                    ch.receiver().recv();
                } catch (DisconnectedException expected) {
                    ended.countDown();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }).start();
        }
        assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
        ch.sender().close(); // whether they are parked yet or not, each sees the disconnect
        assertThat(ended.await(20, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void twoWaitingConsumersEachGetOneOfTwoMessages() throws Exception {
        Channel<String> ch = Channel.<String>builder().capacity(4).multiConsumer().build();
        ConcurrentLinkedQueue<String> got = new ConcurrentLinkedQueue<>();
        List<Thread> consumers = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            Thread t = new Thread(() -> {
                try {
                    got.add(ch.receiver().recv());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            t.start();
            consumers.add(t);
        }
        ch.sender().send("a");
        ch.sender().send("b");
        for (Thread t : consumers) {
            t.join();
        }
        assertThat(got).containsExactlyInAnyOrder("a", "b");
    }

    @Test
    void theSingleConsumerMisuseErrorNamesTheMultiConsumerOptionAndPipeline() throws Exception {
        Channel<String> ch = Channel.bounded(1);
        CountDownLatch inSink = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ch.sender().send("x");
        Thread holder = new Thread(() -> ch.receiver().drain(m -> {
            inSink.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, 1));
        holder.start();
        assertThat(inSink.await(10, TimeUnit.SECONDS)).isTrue();
        assertThatThrownBy(ch.receiver()::tryRecv).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("Channel.builder().multiConsumer()").hasMessageContaining("Pipeline");
        release.countDown();
        holder.join();
    }

    @Test
    void aMultiConsumerReceiverCannotBeSelected() {
        Channel<String> ch = Channel.<String>builder().multiConsumer().build();
        assertThatThrownBy(() -> Select.of(ch.receiver())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("multi-consumer");
    }
}
