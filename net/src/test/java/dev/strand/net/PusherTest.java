package dev.strand.net;

import static dev.strand.net.PatternFixtures.ANY;
import static dev.strand.net.PatternFixtures.CODEC;
import static dev.strand.net.PatternFixtures.local;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strand.channels.Receiver;
import dev.strand.net.PatternFixtures.Job;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class PusherTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private static List<Integer> take(Receiver<Job> rx, int n) throws InterruptedException {
        List<Integer> ids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Job j = rx.recv(WAIT);
            assertThat(j).as("message %d of %d", i + 1, n).isNotNull();
            ids.add(j.id());
        }
        return ids;
    }

    private static void joinAll(List<CompletableFuture<Void>> futures) {
        CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).orTimeout(30, TimeUnit.SECONDS).join();
    }

    @Test
    void shouldSpreadMessagesRoundRobinOverReadyPullers() throws Exception {
        try (Pusher pusher = Net.pusher(CODEC).bind(ANY);
             Puller a = Net.puller(CODEC).connect(local(pusher.port()));
             Puller b = Net.puller(CODEC).connect(local(pusher.port()))) {
            List<CompletableFuture<Void>> futures = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                futures.add(pusher.push(new Job(i)));
            }
            joinAll(futures);
            Receiver<Job> ra = a.receiver(Job.class);
            Receiver<Job> rb = b.receiver(Job.class);
            List<Integer> fromA = take(ra, 5);
            List<Integer> fromB = take(rb, 5);
            assertThat(ra.tryRecv()).isNull();
            assertThat(rb.tryRecv()).isNull();
            // Alternating turns: one puller has the even ids, the other the odd ones, each in order.
            List<Integer> evens = List.of(0, 2, 4, 6, 8);
            List<Integer> odds = List.of(1, 3, 5, 7, 9);
            assertThat(List.of(fromA, fromB)).containsExactlyInAnyOrder(evens, odds);
            assertThat(pusher.queued()).isZero();
        }
        Fixtures.assertNoNetThreads();
    }

    @Test
    void shouldNeverSendAStalledPullerMoreThanItsCredit() throws Exception {
        try (Pusher pusher = Net.pusher(CODEC).bind(ANY);
             Puller stalled = Net.puller(CODEC).window(4).connect(local(pusher.port()));
             Puller worker = Net.puller(CODEC).window(4).connect(local(pusher.port()))) {
            Receiver<Job> rw = worker.receiver(Job.class);
            List<CompletableFuture<Void>> futures = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                futures.add(pusher.push(new Job(i)));
            }
            List<Integer> done = take(rw, 36); // the worker takes all the rest, granting credit as it goes
            joinAll(futures);
            assertThat(done).hasSize(36).doesNotHaveDuplicates();
            Receiver<Job> rs = stalled.receiver(Job.class);
            List<Integer> held = new ArrayList<>();
            rs.drain(j -> held.add(j.id()), 100);
            assertThat(held).hasSize(4);
            assertThat(rw.tryRecv()).isNull();
        }
    }

    @Test
    void shouldQueueUpToTheBoundWithNoPullerThenFailWithBackpressure() throws Exception {
        try (Pusher pusher = Net.pusher(CODEC).maxQueued(8).bind(ANY)) {
            List<CompletableFuture<Void>> futures = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                futures.add(pusher.push(new Job(i)));
            }
            Job refused = new Job(8);
            CompletableFuture<Void> ninth = pusher.push(refused);
            assertThatThrownBy(ninth::join).hasCauseInstanceOf(BackpressureException.class);
            BackpressureException e = (BackpressureException) ninth.handle((v, t) -> t.getCause() != null
                    && !(t instanceof BackpressureException) ? t.getCause() : t).join();
            assertThat(e.undelivered()).isSameAs(refused);
            assertThat(pusher.queued()).isEqualTo(8);
            assertThat(futures).noneMatch(CompletableFuture::isDone);

            try (Puller puller = Net.puller(CODEC).connect(local(pusher.port()))) {
                joinAll(futures);
                assertThat(take(puller.receiver(Job.class), 8)).containsExactly(0, 1, 2, 3, 4, 5, 6, 7);
            }
        }
    }

    @Test
    // close() inside the block is what is tested (it fails the queued pushes); the implicit
    // second close at the end of the block is a no-op.
    @SuppressWarnings("try")
    void shouldQueueAtLeast16384MessagesByDefault() {
        assertThat(Pusher.DEFAULT_MAX_QUEUED).isGreaterThanOrEqualTo(16_384);
        try (Pusher pusher = Net.pusher(CODEC).bind(ANY)) {
            List<CompletableFuture<Void>> futures = new ArrayList<>();
            for (int i = 0; i < Pusher.DEFAULT_MAX_QUEUED; i++) {
                futures.add(pusher.push(new Job(i)));
            }
            assertThat(futures).noneMatch(CompletableFuture::isCompletedExceptionally);
            assertThat(pusher.push(new Job(-1))).isCompletedExceptionally();
            pusher.close();
            // close fails what is still queued
            assertThat(futures).allMatch(CompletableFuture::isCompletedExceptionally);
            assertThatThrownBy(futures.get(0)::join).hasCauseInstanceOf(NetException.class);
        }
    }

    @Test
    void shouldNotRedeliverMessagesAPullerTookBeforeItWentAway() throws Exception {
        try (Pusher pusher = Net.pusher(CODEC).bind(ANY)) {
            Puller first = Net.puller(CODEC).window(4).connect(local(pusher.port()));
            List<CompletableFuture<Void>> taken = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                taken.add(pusher.push(new Job(i)));
            }
            joinAll(taken); // the first puller's connection took all four
            first.close();  // ... and goes away without delivering them: at most once

            try (Puller second = Net.puller(CODEC).connect(local(pusher.port()))) {
                List<CompletableFuture<Void>> more = new ArrayList<>();
                for (int i = 4; i < 9; i++) {
                    more.add(pusher.push(new Job(i)));
                }
                joinAll(more);
                Receiver<Job> rx = second.receiver(Job.class);
                assertThat(take(rx, 5)).containsExactly(4, 5, 6, 7, 8);
                assertThat(rx.tryRecv()).isNull();
            }
        }
    }

    @Test
    void shouldFailPushesAfterClose() {
        Pusher pusher = Net.pusher(CODEC).bind(ANY);
        pusher.close();
        pusher.close();
        assertThatThrownBy(pusher.push(new Job(1))::join).hasCauseInstanceOf(NetException.class);
        assertThatThrownBy(() -> pusher.push(null)).isInstanceOf(NullPointerException.class);
        Fixtures.assertNoNetThreads();
    }

    @Test
    void shouldRejectAnUnregisteredType() {
        try (Pusher pusher = Net.pusher(CODEC).bind(ANY)) {
            assertThatThrownBy(() -> pusher.push("not registered")).isInstanceOf(IllegalArgumentException.class);
            assertThat(pusher.queued()).isZero();
        }
    }

    @Test
    void shouldRejectBadBuilderArguments() {
        assertThatThrownBy(() -> Net.pusher(CODEC).maxQueued(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("maxQueued");
        assertThatThrownBy(() -> Net.pusher(null)).isInstanceOf(NullPointerException.class);
    }

    static Throwable unwrap(ExecutionException e) {
        return e.getCause();
    }
}
