package dev.strand.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strand.net.RequestListener.Outcome;
import io.netty.util.concurrent.DefaultEventExecutor;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The request listeners' hook in {@link PendingRequests}: told once, before the future, of every outcome. */
@Timeout(20)
class PendingRequestsTest {

    /** What a listener was told, and whether the request's future was already complete then. */
    record Told(String type, Outcome outcome, long nanos, Throwable failure, boolean futureDone) {
    }

    private final DefaultEventExecutor timers = new DefaultEventExecutor();
    private final RequestListeners listeners = new RequestListeners();
    private final List<Throwable> listenerErrors = new CopyOnWriteArrayList<>();
    private final List<Told> told = new CopyOnWriteArrayList<>();
    /** The request whose future the recording listener checks; one at a time. */
    private volatile CompletableFuture<?> watched;

    @AfterEach
    void stopTimers() throws InterruptedException {
        timers.shutdownGracefully(0, 0, TimeUnit.SECONDS);
        assertThat(timers.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
    }

    private PendingRequests pending(int maxInFlight) {
        return new PendingRequests(maxInFlight, listeners, () -> new InetSocketAddress("127.0.0.1", 9),
                listenerErrors::add);
    }

    private void record() {
        listeners.add((type, outcome, nanos, failure) -> {
            CompletableFuture<?> f = watched;
            told.add(new Told(type, outcome, nanos, failure, f != null && f.isDone()));
        });
    }

    private <R> PendingRequests.Pending<R> register(PendingRequests p, Class<R> replyType, Duration timeout) {
        PendingRequests.Pending<R> entry = p.register(replyType, "req", "echo", timeout, timers);
        watched = entry;
        return entry;
    }

    @Test
    void cancellingAWaitingRequestForgetsItAndTellsThePeerOnce() {
        List<Long> cancels = new CopyOnWriteArrayList<>();
        PendingRequests p = new PendingRequests(10, listeners, () -> new InetSocketAddress("127.0.0.1", 9),
                listenerErrors::add, cancels::add);
        PendingRequests.Pending<String> entry = register(p, String.class, Duration.ofSeconds(10));
        PendingRequests.Pending<String> answered = register(p, String.class, Duration.ofSeconds(10));
        assertThat(p.complete(answered.id, "reply")).isTrue();

        assertThat(entry.cancel(true)).isTrue();
        assertThat(entry.cancel(true)).as("still cancelled").isTrue(); // but not sent again
        assertThat(answered.cancel(true)).isFalse();

        assertThat(cancels).containsExactly(entry.id);
        assertThat(p.inFlight()).isZero();
        assertThat(p.complete(entry.id, "late")).isFalse();
        assertThat(p.lateReplies()).isEqualTo(1);
        PendingRequests.Pending<String> other = register(p, String.class, Duration.ofSeconds(10));
        assertThat(other.thenApply(s -> s).cancel(true)).as("a derived stage").isTrue();
        assertThat(other).isNotDone();
        assertThat(cancels).hasSize(1);
        assertThat(p.inFlight()).isEqualTo(1);
    }

    @Test
    void aRequestWithNoListenerAndNoRecordingCarriesNoWatch() {
        PendingRequests p = pending(10);
        PendingRequests.Pending<String> entry = register(p, String.class, Duration.ofSeconds(10));
        assertThat(entry.watch).isNull();
        assertThat(p.complete(entry.id, "reply")).isTrue();
        assertThat(entry.join()).isEqualTo("reply");
    }

    @Test
    void listenerIsToldOfAReplyOnceAndBeforeTheFutureCompletes() {
        record();
        PendingRequests p = pending(10);
        PendingRequests.Pending<String> entry = register(p, String.class, Duration.ofSeconds(10));
        assertThat(entry.watch).isNotNull();
        assertThat(p.complete(entry.id, "reply")).isTrue();
        assertThat(entry.join()).isEqualTo("reply");
        assertThat(p.complete(entry.id, "again")).isFalse(); // a late duplicate: counted, not told
        assertThat(told).hasSize(1);
        Told t = told.get(0);
        assertThat(t.type()).isEqualTo("echo");
        assertThat(t.outcome()).isEqualTo(Outcome.REPLY);
        assertThat(t.failure()).isNull();
        assertThat(t.nanos()).isNotNegative();
        assertThat(t.futureDone()).as("told before the future completed").isFalse();
    }

    @Test
    void listenerIsToldOfATimeoutOnce() {
        record();
        PendingRequests p = pending(10);
        PendingRequests.Pending<String> entry = register(p, String.class, Duration.ofMillis(1));
        assertThatThrownBy(entry::join).hasCauseInstanceOf(TimeoutException.class);
        assertThat(p.complete(entry.id, "late")).isFalse();
        assertThat(told).singleElement().satisfies(t -> {
            assertThat(t.outcome()).isEqualTo(Outcome.TIMEOUT);
            assertThat(t.failure()).isInstanceOf(TimeoutException.class);
            assertThat(t.futureDone()).isFalse();
        });
    }

    @Test
    void listenerIsToldOfAnErrorReplyAWrongReplyALimitAndALoss() {
        record();
        PendingRequests p = pending(2);
        PendingRequests.Pending<String> remote = register(p, String.class, Duration.ofSeconds(10));
        p.fail(remote.id, new RemoteException(RemoteException.HANDLER_FAILED, "boom"), true);
        PendingRequests.Pending<String> wrong = register(p, String.class, Duration.ofSeconds(10));
        p.complete(wrong.id, 42);
        PendingRequests.Pending<String> first = register(p, String.class, Duration.ofSeconds(10));
        PendingRequests.Pending<String> second = register(p, String.class, Duration.ofSeconds(10));
        PendingRequests.Pending<String> overLimit = register(p, String.class, Duration.ofSeconds(10));
        p.failAll(null);

        for (CompletableFuture<String> f : List.of(remote, wrong, first, second,
                overLimit)) {
            assertThatThrownBy(f::join).isInstanceOf(CompletionException.class);
        }
        assertThat(told).extracting(Told::outcome).containsExactlyInAnyOrder(Outcome.REMOTE_ERROR, Outcome.FAILED,
                Outcome.REJECTED, Outcome.CONNECTION_LOST, Outcome.CONNECTION_LOST);
        assertThat(told).filteredOn(t -> t.outcome() == Outcome.REJECTED).singleElement()
                .satisfies(t -> assertThat(t.failure()).isInstanceOf(LimitExceededException.class));
        assertThat(told).filteredOn(t -> t.outcome() == Outcome.FAILED).singleElement()
                .satisfies(t -> assertThat(t.failure()).isInstanceOf(ProtocolException.class));
    }

    @Test
    void aListenerThatThrowsIsReportedAndTheOthersAndTheRequestCarryOn() {
        IllegalStateException bug = new IllegalStateException("listener bug");
        listeners.add((type, outcome, nanos, failure) -> {
            throw bug;
        });
        record();
        PendingRequests p = pending(10);
        PendingRequests.Pending<String> entry = register(p, String.class, Duration.ofSeconds(10));
        p.complete(entry.id, "reply");
        assertThat(entry.join()).isEqualTo("reply");
        assertThat(listenerErrors).containsExactly(bug);
        assertThat(told).hasSize(1);
    }

    @Test
    void aRemovedListenerIsNotToldOfLaterRequests() {
        RequestListener l = (type, outcome, nanos, failure) -> told.add(new Told(type, outcome, nanos, failure, false));
        listeners.add(l);
        assertThat(listeners.remove(l)).isTrue();
        assertThat(listeners.remove(l)).isFalse();
        PendingRequests p = pending(10);
        PendingRequests.Pending<String> entry = register(p, String.class, Duration.ofSeconds(10));
        p.complete(entry.id, "reply");
        entry.join();
        assertThat(entry.watch).isNull();
        assertThat(told).isEmpty();
    }

    @Test
    void outcomeClassifiesEachFailure() {
        assertThat(Outcome.of(null)).isEqualTo(Outcome.REPLY);
        assertThat(Outcome.of(new RemoteException(RemoteException.HANDLER_FAILED, "x"))).isEqualTo(Outcome.REMOTE_ERROR);
        assertThat(Outcome.of(new TimeoutException())).isEqualTo(Outcome.TIMEOUT);
        assertThat(Outcome.of(new ConnectionLostException("gone", null))).isEqualTo(Outcome.CONNECTION_LOST);
        assertThat(Outcome.of(new LimitExceededException("maxInFlightRequests", 1))).isEqualTo(Outcome.REJECTED);
        assertThat(Outcome.of(new BackpressureException("m", 1))).isEqualTo(Outcome.REJECTED);
        assertThat(Outcome.of(new ProtocolException("bad", null))).isEqualTo(Outcome.FAILED);
        assertThat(Outcome.of(new IllegalStateException())).isEqualTo(Outcome.FAILED);
    }

    @Test
    void addAndRemoveRejectNullsAndConnectionsOfOtherKinds() {
        RequestListener l = (type, outcome, nanos, failure) -> { };
        assertThatThrownBy(() -> RequestListener.add(null, l)).isInstanceOf(NullPointerException.class)
                .hasMessage("connection");
        assertThatThrownBy(() -> RequestListener.add(new RpcTest.NoConnection(), null))
                .isInstanceOf(NullPointerException.class).hasMessage("listener");
        assertThatThrownBy(() -> RequestListener.add(new RpcTest.NoConnection(), l))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("NoConnection");
        assertThatThrownBy(() -> RequestListener.remove(new RpcTest.NoConnection(), l))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
