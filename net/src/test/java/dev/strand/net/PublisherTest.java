package dev.strand.net;

import static dev.strand.net.PatternFixtures.ANY;
import static dev.strand.net.PatternFixtures.CODEC;
import static dev.strand.net.PatternFixtures.local;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strand.net.PatternFixtures.Blob;
import dev.strand.net.PatternFixtures.Job;
import dev.strand.net.PatternFixtures.Tick;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class PublisherTest {

    @Test
    void shouldFanOutEveryMessageInOrderToEverySubscriber() throws Exception {
        int n = 2000;
        try (Publisher pub = Net.publisher(CODEC).bind(ANY)) {
            List<Subscriber> subscribers = new ArrayList<>();
            List<List<Integer>> received = new ArrayList<>();
            CountDownLatch done = new CountDownLatch(3);
            for (int i = 0; i < 3; i++) {
                Subscriber s = Net.subscriber(CODEC).connect(local(pub.port()));
                subscribers.add(s);
                List<Integer> got = new CopyOnWriteArrayList<>();
                received.add(got);
                s.subscribe("prices", Tick.class, t -> {
                    got.add(t.seq());
                    if (got.size() == n) {
                        done.countDown();
                    }
                });
            }
            assertThat(pub.subscribers("prices")).isEqualTo(3);
            for (int i = 0; i < n; i++) {
                assertThat(pub.publish("prices", new Tick("prices", i))).isEqualTo(3);
            }
            assertThat(done.await(30, TimeUnit.SECONDS)).isTrue();
            List<Integer> expected = IntStream.range(0, n).boxed().toList();
            for (List<Integer> got : received) {
                assertThat(got).containsExactlyElementsOf(expected);
            }
            subscribers.forEach(Subscriber::close);
        }
        Fixtures.assertNoNetThreads();
    }

    @Test
    void shouldDeliverEveryMessagePublishedAfterSubscribeReturned() throws Exception {
        int n = 20_000;
        try (Publisher pub = Net.publisher(CODEC).bind(ANY);
             Subscriber sub = Net.subscriber(CODEC).connect(local(pub.port()))) {
            java.util.concurrent.atomic.AtomicInteger published = new java.util.concurrent.atomic.AtomicInteger();
            CountDownLatch started = new CountDownLatch(1);
            Thread publisher = new Thread(() -> {
                for (int i = 0; i < n; i++) {
                    pub.publish("t", new Tick("t", i));
                    published.set(i + 1);
                    if (i == 100) {
                        started.countDown();
                    }
                }
            });
            publisher.start();
            assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
            List<Integer> got = new CopyOnWriteArrayList<>();
            CountDownLatch last = new CountDownLatch(1);
            sub.subscribe("t", Tick.class, t -> {
                got.add(t.seq());
                if (t.seq() == n - 1) {
                    last.countDown();
                }
            });
            int publishedBeforeReturn = published.get();
            publisher.join();
            // Delivery is guaranteed from publishedBeforeReturn + 1 on: only if that message
            // exists must the last one arrive (message n - 1 itself may be the one in progress).
            if (publishedBeforeReturn + 1 < n) {
                assertThat(last.await(30, TimeUnit.SECONDS)).isTrue();
                int first = got.get(0);
                // Message publishedBeforeReturn may have been in the middle of publish() when
                // subscribe returned; every later one started after it and must arrive.
                assertThat(first).isLessThanOrEqualTo(publishedBeforeReturn + 1);
                assertThat(got).containsExactlyElementsOf(IntStream.range(first, n).boxed().toList());
            }
        }
    }

    @Test
    void shouldStopDeliveringToAClosedSubscription() throws Exception {
        try (Publisher pub = Net.publisher(CODEC).bind(ANY);
             Subscriber s1 = Net.subscriber(CODEC).connect(local(pub.port()));
             Subscriber s2 = Net.subscriber(CODEC).connect(local(pub.port()))) {
            List<Integer> got1 = new CopyOnWriteArrayList<>();
            CompletableFuture<Tick> got2 = new CompletableFuture<>();
            Subscription sub1 = s1.subscribe("t", Tick.class, t -> got1.add(t.seq()));
            s2.subscribe("t", Tick.class, got2::complete);
            assertThat(pub.subscribers("t")).isEqualTo(2);

            sub1.close();
            sub1.close(); // idempotent
            // A later subscription on the same connection is confirmed after the unsubscribe
            // was processed (one connection is FIFO).
            s1.subscribe("other", Tick.class, t -> { });
            assertThat(pub.subscribers("t")).isEqualTo(1);
            assertThat(pub.publish("t", new Tick("t", 7))).isEqualTo(1);
            assertThat(got2.get(10, TimeUnit.SECONDS).seq()).isEqualTo(7);
            assertThat(got1).isEmpty();
            assertThat(sub1.topic()).isEqualTo("t");
        }
    }

    @Test
    void shouldKeepATopicWhileAnotherSubscriptionOfTheSameSubscriberIsOpen() throws Exception {
        try (Publisher pub = Net.publisher(CODEC).bind(ANY);
             Subscriber s = Net.subscriber(CODEC).connect(local(pub.port()))) {
            CompletableFuture<Tick> b = new CompletableFuture<>();
            Subscription a = s.subscribe("t", Tick.class, t -> { });
            s.subscribe("t", Tick.class, b::complete);
            a.close();
            s.subscribe("sync", Tick.class, t -> { });
            assertThat(pub.subscribers("t")).isEqualTo(1);
            pub.publish("t", new Tick("t", 1));
            assertThat(b.get(10, TimeUnit.SECONDS).seq()).isEqualTo(1);
        }
    }

    @Test
    void shouldReturnZeroWithoutSubscribersAndRejectUnregisteredTypes() {
        try (Publisher pub = Net.publisher(CODEC).bind(ANY)) {
            assertThat(pub.publish("nobody", new Tick("nobody", 1))).isZero();
            assertThatThrownBy(() -> pub.publish("nobody", "a string")).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> pub.publish(null, new Tick("x", 1))).isInstanceOf(NullPointerException.class);
        }
    }

    @Test
    void shouldDisconnectASubscriberThatStopsReadingWhileOthersAndThePublisherContinue() throws Exception {
        List<Throwable> errors = new CopyOnWriteArrayList<>();
        CountDownLatch kicked = new CountDownLatch(1);
        Limits limits = Limits.builder().maxQueuedBytes(256 * 1024).build();
        String pad = "x".repeat(1000);
        try (Publisher pub = Net.publisher(CODEC).limits(limits).onError((remote, e) -> {
                errors.add(e);
                if (e instanceof SlowSubscriberException) {
                    kicked.countDown();
                }
            }).bind(ANY);
             Subscriber good = Net.subscriber(CODEC).connect(local(pub.port()));
             Socket stuck = PatternFixtures.rawSmall(pub.port())) {
            Semaphore arrived = new Semaphore(0);
            List<Integer> got = new CopyOnWriteArrayList<>();
            good.subscribe("t", Blob.class, b -> {
                got.add(b.seq());
                arrived.release();
            });
            Fixtures.writeFrame(stuck.getOutputStream(), "{\"t\":\"$sub\",\"p\":{\"topic\":\"t\",\"id\":1}}");
            assertThat(Fixtures.readFrame(stuck.getInputStream())).contains("$ack");
            assertThat(pub.subscribers("t")).isEqualTo(2);
            // From now on the raw socket never reads. Publish in batches, each taken by the
            // good subscriber before the next, until the stuck one is disconnected.
            int seq = 0;
            for (int batch = 0; batch < 400 && kicked.getCount() > 0; batch++) {
                for (int i = 0; i < 100; i++) {
                    pub.publish("t", new Blob(seq++, pad));
                }
                assertThat(arrived.tryAcquire(100, 10, TimeUnit.SECONDS)).isTrue();
            }
            assertThat(kicked.await(10, TimeUnit.SECONDS)).as("stuck subscriber disconnected").isTrue();
            assertThat(pub.subscribers("t")).isEqualTo(1);
            // The publisher and the good subscriber go on.
            for (int i = 0; i < 100; i++) {
                assertThat(pub.publish("t", new Blob(seq++, pad))).isEqualTo(1);
            }
            assertThat(arrived.tryAcquire(100, 10, TimeUnit.SECONDS)).isTrue();
            assertThat(got).containsExactlyElementsOf(IntStream.range(0, seq).boxed().toList());
            assertThat(good.isConnected()).isTrue();
            assertThat(errors).hasSize(1).first().isInstanceOf(SlowSubscriberException.class);
            assertThat(((SlowSubscriberException) errors.get(0)).subscriber()).isNotNull();
            Fixtures.awaitClosedByPeer(stuck);
        }
    }

    @Test
    void shouldTellTheSubscriberWhenThePublisherGoesAway() throws Exception {
        CompletableFuture<Throwable> lost = new CompletableFuture<>();
        Publisher pub = Net.publisher(CODEC).bind(ANY);
        try (Subscriber s = Net.subscriber(CODEC).onError((remote, e) -> lost.complete(e)).connect(local(pub.port()))) {
            s.subscribe("t", Job.class, j -> { });
            pub.close();
            assertThat(lost.get(10, TimeUnit.SECONDS)).isInstanceOf(ConnectionLostException.class);
            assertThat(s.isConnected()).isFalse();
            assertThatThrownBy(() -> s.subscribe("u", Job.class, j -> { })).isInstanceOf(NetException.class);
        }
        Fixtures.assertNoNetThreads();
    }
}
