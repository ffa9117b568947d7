package dev.strand.channels;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledForJreRange;
import org.junit.jupiter.api.condition.JRE;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Producers and the consumer on virtual threads (Java 21+; reached through a method handle so
 * that the module still compiles with {@code --release 17}). Many more virtual threads than
 * carriers block in send and recv at once: if parking pinned carriers, this would stall.
 */
@EnabledForJreRange(min = JRE.JAVA_21)
class VirtualThreadChannelTest {

    static Thread startVirtual(Runnable task) throws Throwable {
        MethodHandle startVirtualThread = MethodHandles.publicLookup().findStatic(Thread.class,
                "startVirtualThread", MethodType.methodType(Thread.class, Runnable.class));
        return (Thread) startVirtualThread.invoke(task);
    }

    static boolean isVirtual(Thread t) throws Throwable {
        MethodHandle isVirtual = MethodHandles.publicLookup().findVirtual(Thread.class, "isVirtual",
                MethodType.methodType(boolean.class));
        return (boolean) isVirtual.invoke(t);
    }

    @Timeout(60)
    @ParameterizedTest
    @ValueSource(strings = {"unbounded", "bounded-small", "rendezvous"})
    void producersAndConsumerOnVirtualThreads(String flavour) throws Throwable {
        Channel<Long> ch = ChannelStressTest.flavour(flavour).get();
        int producers = 200;
        int perProducer = 500;
        AtomicReference<Throwable> failure = new AtomicReference<>();
        List<Thread> threads = new ArrayList<>();
        for (int p = 0; p < producers; p++) {
            long id = (long) p << 32;
            Sender<Long> tx = ch.sender().clone();
            threads.add(startVirtual(() -> {
                try (tx) {
                    for (int i = 0; i < perProducer; i++) {
                        tx.send(id | i);
                    }
                } catch (Throwable t) {
                    failure.compareAndSet(null, t);
                }
            }));
        }
        ch.sender().close();
        int[] next = new int[producers];
        long[] total = new long[1];
        boolean[] consumerVirtual = new boolean[1];
        Thread consumer = startVirtual(() -> {
            try {
                consumerVirtual[0] = isVirtual(Thread.currentThread());
                for (Long m : ch.receiver()) {
                    int p = (int) (m >>> 32);
                    int seq = (int) (long) m;
                    if (seq != next[p]) {
                        throw new AssertionError("producer " + p + ": expected " + next[p] + ", got " + seq);
                    }
                    next[p]++;
                    total[0]++;
                }
            } catch (Throwable t) {
                failure.compareAndSet(null, t);
            }
        });
        consumer.join();
        for (Thread t : threads) {
            t.join();
        }
        assertThat(failure.get()).isNull();
        assertThat(consumerVirtual[0]).isTrue();
        assertThat(total[0]).isEqualTo((long) producers * perProducer);
    }
}
