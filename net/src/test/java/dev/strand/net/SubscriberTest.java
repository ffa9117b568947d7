package dev.strand.net;

import static dev.strand.net.PatternFixtures.ANY;
import static dev.strand.net.PatternFixtures.CODEC;
import static dev.strand.net.PatternFixtures.local;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strand.net.PatternFixtures.Blob;
import dev.strand.net.PatternFixtures.Job;
import dev.strand.net.PatternFixtures.Tick;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class SubscriberTest {

    @Test
    void shouldReportAFailingHandlerAndKeepDispatching() throws Exception {
        List<Throwable> errors = new CopyOnWriteArrayList<>();
        try (Publisher pub = Net.publisher(CODEC).bind(ANY);
             Subscriber s = Net.subscriber(CODEC).onError((remote, e) -> errors.add(e)).connect(local(pub.port()))) {
            CompletableFuture<Integer> second = new CompletableFuture<>();
            s.subscribe("t", Tick.class, t -> {
                if (t.seq() == 1) {
                    throw new IllegalStateException("handler failed on 1");
                }
                second.complete(t.seq());
            });
            pub.publish("t", new Tick("t", 1));
            pub.publish("t", new Tick("t", 2));
            assertThat(second.get(10, TimeUnit.SECONDS)).isEqualTo(2);
            assertThat(errors).hasSize(1).first().isInstanceOf(IllegalStateException.class);
        }
    }

    @Test
    void shouldReportAMessageOfTheWrongTypeInsteadOfCallingTheHandler() throws Exception {
        List<Throwable> errors = new CopyOnWriteArrayList<>();
        try (Publisher pub = Net.publisher(CODEC).bind(ANY);
             Subscriber s = Net.subscriber(CODEC).onError((remote, e) -> errors.add(e)).connect(local(pub.port()))) {
            List<Tick> ticks = new CopyOnWriteArrayList<>();
            CompletableFuture<Tick> last = new CompletableFuture<>();
            s.subscribe("t", Tick.class, t -> {
                ticks.add(t);
                if (t.seq() == 2) {
                    last.complete(t);
                }
            });
            pub.publish("t", new Job(1));
            pub.publish("t", new Tick("t", 2));
            last.get(10, TimeUnit.SECONDS);
            assertThat(ticks).containsExactly(new Tick("t", 2));
            assertThat(errors).hasSize(1).first().isInstanceOf(ProtocolException.class);
        }
    }

    @Test
    void shouldBePushedBackAndDisconnectedWhenItsHandlerCannotKeepUp() throws Exception {
        CountDownLatch kicked = new CountDownLatch(1);
        CompletableFuture<Throwable> told = new CompletableFuture<>();
        CountDownLatch release = new CountDownLatch(1);
        String pad = "y".repeat(1000);
        Limits limits = Limits.builder().maxQueuedBytes(128 * 1024).build();
        try (Publisher pub = Net.publisher(CODEC).limits(limits).onError((remote, e) -> {
                if (e instanceof SlowSubscriberException) {
                    kicked.countDown();
                }
            }).bind(ANY);
             Subscriber slow = Net.subscriber(CODEC).bufferSize(4).onError((remote, e) -> told.complete(e))
                     .connect(local(pub.port()))) {
            slow.subscribe("t", Blob.class, b -> {
                try {
                    release.await(); // a handler that is stuck
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            int published = 0;
            while (kicked.getCount() > 0 && published < 200_000) {
                pub.publish("t", new Blob(published++, pad));
            }
            assertThat(kicked.await(10, TimeUnit.SECONDS)).isTrue();
            // Reading is paused while the handler is stuck; once it catches up, the
            // subscriber reads on, reaches the end of the stream and is told.
            release.countDown();
            assertThat(told.get(10, TimeUnit.SECONDS)).isInstanceOf(ConnectionLostException.class);
            assertThat(slow.isConnected()).isFalse();
        }
        Fixtures.assertNoNetThreads();
    }

    @Test
    void shouldFailASubscriptionThePublisherNeverConfirms() throws Exception {
        try (java.net.ServerSocket silent = new java.net.ServerSocket(0, 1,
                java.net.InetAddress.getLoopbackAddress());
             Subscriber s = Net.subscriber(CODEC).subscribeTimeout(Duration.ofMillis(200))
                     .connect(local(silent.getLocalPort()))) {
            assertThatThrownBy(() -> s.subscribe("t", Tick.class, t -> { }))
                    .isInstanceOf(NetException.class).hasMessageContaining("not confirmed");
        }
        assertThatThrownBy(() -> Net.subscriber(CODEC).bufferSize(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("bufferSize");
        Fixtures.assertNoNetThreads();
    }
}
