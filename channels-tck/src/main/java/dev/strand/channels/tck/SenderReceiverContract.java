package dev.strand.channels.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strand.channels.DisconnectedException;
import dev.strand.channels.ReceiveInterruptedException;
import dev.strand.channels.Receiver;
import dev.strand.channels.SendException;
import dev.strand.channels.Sender;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The contract of {@link Sender} and {@link Receiver}, run over any pair of them (a TCK in the
 * style of JCTools' {@code QueueSanityTest}). A subclass opens one connected pair per test with
 * {@link #open(int, Consumer)}; every test uses the public API only, so a pair may be a local
 * channel, a remote channel over loopback, a pipeline's results or any other implementation.
 *
 * <p>Sends come from a producer thread wherever they might wait (a rendezvous or a remote send
 * waits for the receiver), and every wait is a join or a latch with a bound.
 *
 * <p>In the {@code strand-channels-tck} module so that the tests of other modules can extend it.
 */
@Timeout(60)
public abstract class SenderReceiverContract {

    /** How long a test waits for another thread at most (a bound, never a sleep). */
    protected static final long WAIT_SECONDS = 30;

    private final List<AutoCloseable> toClose = new ArrayList<>();

    /** For subclasses, which JUnit instantiates once per test. */
    protected SenderReceiverContract() {
    }

    /**
     * A connected pair: messages sent through {@code sender} (and its clones) arrive at
     * {@code receiver}.
     *
     * @param sender   the first sender handle
     * @param receiver the receiver
     */
    public record Ends(Sender<String> sender, Receiver<String> receiver) {

        /**
         * Checks the two ends are given.
         *
         * @param sender   the first sender handle
         * @param receiver the receiver
         */
        public Ends {
            Objects.requireNonNull(sender, "sender");
            Objects.requireNonNull(receiver, "receiver");
        }
    }

    /**
     * Opens a new connected pair.
     *
     * @param capacity      a capacity hint for flavours that have one (at least 1)
     * @param onUndelivered gets each message that was accepted by a send but not received
     *                      because the receiver closed
     * @return the pair
     * @throws Exception if the pair cannot be made
     */
    protected abstract Ends open(int capacity, Consumer<Object> onUndelivered) throws Exception;

    /**
     * Closes {@code resource} after the test (a server, a client, a pipeline).
     *
     * @param resource what to close
     * @param <C>      its type
     * @return {@code resource}
     */
    protected final <C extends AutoCloseable> C closeAfter(C resource) {
        toClose.add(resource);
        return resource;
    }

    /**
     * Closes what {@link #closeAfter} collected, last first.
     *
     * @throws Exception if a close fails
     */
    @AfterEach
    protected void closeResources() throws Exception {
        for (int i = toClose.size() - 1; i >= 0; i--) {
            toClose.get(i).close();
        }
        toClose.clear();
        Thread.interrupted(); // never leak a test's interrupt into the next test
    }

    /**
     * Tells whether every message a send accepted is either received or handed to the
     * {@code onUndelivered} of {@link #open} when the receiver closes. An implementation that
     * discards messages it holds at close (documented in its Javadoc) returns false; the
     * contract then still checks that nothing arrives twice and that the sender sees the close.
     *
     * @return true (the default) if nothing accepted is ever lost
     */
    protected boolean handsBackEveryAcceptedMessage() {
        return true;
    }

    private Ends open() throws Exception {
        return open(4, m -> { });
    }

    /** Runs body on a new thread; its failure comes back from join. */
    private static CompletableFuture<Void> async(ThrowingRunnable body) {
        CompletableFuture<Void> f = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            try {
                body.run();
                f.complete(null);
            } catch (Throwable e) {
                f.completeExceptionally(e);
            }
        }, "contract-producer");
        t.setDaemon(true);
        t.start();
        return f;
    }

    private static <V> V join(CompletableFuture<V> f) throws Exception {
        return f.get(WAIT_SECONDS, TimeUnit.SECONDS);
    }

    /** A body that may throw. */
    private interface ThrowingRunnable {
        void run() throws Exception;
    }

    private static CompletableFuture<Void> produce(Sender<String> tx, String tag, int n) {
        return async(() -> {
            try (tx) {
                for (int i = 0; i < n; i++) {
                    tx.send(tag + ":" + i);
                }
            }
        });
    }

    private static List<String> recvAll(Receiver<String> rx) throws InterruptedException {
        List<String> got = new ArrayList<>();
        while (true) {
            try {
                got.add(rx.recv());
            } catch (DisconnectedException end) {
                return got;
            }
        }
    }

    @Test
    void messagesOfEachProducerArriveInSendOrderThenTheReceiverDisconnects() throws Exception {
        Ends e = open();
        Sender<String> second = e.sender().clone();
        CompletableFuture<Void> a = produce(e.sender(), "a", 300);
        CompletableFuture<Void> b = produce(second, "b", 300);
        List<String> got = recvAll(e.receiver());
        join(a);
        join(b);
        Map<String, List<Integer>> byProducer = new HashMap<>();
        for (String m : got) {
            String[] parts = m.split(":");
            byProducer.computeIfAbsent(parts[0], k -> new ArrayList<>()).add(Integer.parseInt(parts[1]));
        }
        List<Integer> expected = java.util.stream.IntStream.range(0, 300).boxed().collect(Collectors.toList());
        assertThat(byProducer.get("a")).isEqualTo(expected);
        assertThat(byProducer.get("b")).isEqualTo(expected);
        assertThat(got).hasSize(600);
    }

    @Test
    void disconnectComesOnlyAfterTheLastHandleClosesAndEverythingIsReceived() throws Exception {
        Ends e = open();
        Sender<String> clone = e.sender().clone();
        e.sender().close();
        CompletableFuture<Void> p = produce(clone, "c", 3);
        assertThat(e.receiver().recv()).isEqualTo("c:0");
        assertThat(e.receiver().recv()).isEqualTo("c:1");
        assertThat(e.receiver().recv()).isEqualTo("c:2");
        join(p);
        Receiver<String> rx = e.receiver();
        assertThatThrownBy(rx::recv).isInstanceOf(DisconnectedException.class);
        assertThatThrownBy(rx::tryRecv).isInstanceOf(DisconnectedException.class);
        assertThatThrownBy(() -> rx.recv(Duration.ofSeconds(5))).isInstanceOf(DisconnectedException.class);
    }

    @Test
    void iteratorEndsAtDisconnect() throws Exception {
        Ends e = open();
        CompletableFuture<Void> p = produce(e.sender(), "i", 50);
        List<String> got = new ArrayList<>();
        for (String m : e.receiver()) {
            got.add(m);
        }
        join(p);
        assertThat(got).hasSize(50).startsWith("i:0").endsWith("i:49");
        Iterator<String> it = e.receiver().iterator();
        assertThat(it.hasNext()).isFalse();
    }

    @Test
    void streamEndsAtDisconnect() throws Exception {
        Ends e = open();
        CompletableFuture<Void> p = produce(e.sender(), "s", 50);
        assertThat(e.receiver().stream().count()).isEqualTo(50);
        join(p);
    }

    @Test
    void closeIsIdempotentAndASendThroughAClosedHandleThrowsSendExceptionCarryingTheMessage() throws Exception {
        Ends e = open();
        Sender<String> tx = e.sender();
        tx.close();
        tx.close();
        assertThatThrownBy(() -> tx.send("late")).isInstanceOfSatisfying(SendException.class,
                ex -> assertThat(ex.getUndelivered()).isEqualTo("late"));
        assertThatThrownBy(() -> tx.trySend("later")).isInstanceOfSatisfying(SendException.class,
                ex -> assertThat(ex.getUndelivered()).isEqualTo("later"));
        assertThatThrownBy(() -> tx.send("timed", Duration.ofSeconds(1))).isInstanceOfSatisfying(
                SendException.class, ex -> assertThat(ex.getUndelivered()).isEqualTo("timed"));
        assertThatThrownBy(tx::clone).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(e.receiver()::recv).isInstanceOf(DisconnectedException.class);
        e.receiver().close();
        e.receiver().close();
    }

    @Test
    void nothingIsLostAndNothingTwiceWhenTheReceiverClosesUnderASender() throws Exception {
        ConcurrentLinkedQueue<Object> undelivered = new ConcurrentLinkedQueue<>();
        Semaphore accounted = new Semaphore(0);
        Ends e = open(4, m -> {
            undelivered.add(m);
            accounted.release();
        });
        List<String> thrown = new ArrayList<>();
        int[] attempts = new int[1];
        CompletableFuture<Void> p = async(() -> {
            for (int i = 0; i < 1_000_000; i++) {
                String m = "m:" + i;
                attempts[0]++;
                try {
                    e.sender().send(m);
                } catch (SendException ex) {
                    assertThat(ex.getUndelivered()).isSameAs(m);
                    thrown.add(m);
                    accounted.release();
                    return;
                }
            }
        });
        List<String> received = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            received.add(e.receiver().recv());
            accounted.release();
        }
        e.receiver().close();
        join(p);
        assertThat(thrown).as("the sender sees the close").hasSize(1);
        assertThat(thrown).containsExactly("m:" + (attempts[0] - 1));
        if (handsBackEveryAcceptedMessage()) {
            // Messages accepted before the close may still be on their way to onUndelivered.
            assertThat(accounted.tryAcquire(attempts[0], WAIT_SECONDS, TimeUnit.SECONDS))
                    .as("every one of %s sends is accounted for", attempts[0]).isTrue();
        }
        List<Object> all = new ArrayList<>(received);
        all.addAll(undelivered);
        all.addAll(thrown);
        assertThat(all).doesNotHaveDuplicates().hasSizeLessThanOrEqualTo(attempts[0]);
        if (handsBackEveryAcceptedMessage()) {
            assertThat(all).hasSize(attempts[0]);
        }
        assertThat(e.sender().isDisconnected()).isTrue();
        assertThatThrownBy(() -> e.sender().trySend("after")).isInstanceOfSatisfying(SendException.class,
                ex -> assertThat(ex.getUndelivered()).isEqualTo("after"));
    }

    @Test
    void timeoutsSaturateAndANegativeTimeoutDoesNotWait() throws Exception {
        Ends e = open();
        Duration forever = Duration.ofSeconds(Long.MAX_VALUE, 999_999_999);
        CompletableFuture<Boolean> sent = new CompletableFuture<>();
        CompletableFuture<Void> p = async(() -> sent.complete(e.sender().send("huge", forever)));
        assertThat(e.receiver().recv(forever)).isEqualTo("huge");
        join(p);
        assertThat(join(sent)).isTrue();
        assertThat(e.receiver().recv(Duration.ofSeconds(-1))).isNull();
        assertThat(e.receiver().recv(Duration.ZERO)).isNull();
        e.sender().send("negative", Duration.ofSeconds(-1)); // no wait: true or false, never an exception
        e.sender().close();
    }

    @Test
    void nonBlockingCallsKeepTheInterruptStatus() throws Exception {
        Ends e = open();
        Thread.currentThread().interrupt();
        assertThat(e.receiver().tryRecv()).isNull();
        e.sender().trySend("x"); // accepted or not, it does not touch the flag
        assertThat(Thread.currentThread().isInterrupted()).isTrue();
        Thread.interrupted();
    }

    @Test
    void anInterruptedRecvThrowsAndTheIteratorEndsKeepingTheFlag() throws Exception {
        Ends e = open();
        Thread.currentThread().interrupt();
        assertThatThrownBy(e.receiver()::recv).isInstanceOf(InterruptedException.class);
        Thread.currentThread().interrupt();
        assertThatThrownBy(() -> e.receiver().iterator().hasNext()).isInstanceOfSatisfying(
                ReceiveInterruptedException.class, ex -> assertThat(ex).hasCauseInstanceOf(InterruptedException.class));
        assertThat(Thread.interrupted()).as("the iterator keeps the interrupt status").isTrue();
    }

    @Test
    void aBlockedRecvIsReleasedByInterrupt() throws Exception {
        Ends e = open();
        CountDownLatch entering = new CountDownLatch(1);
        CompletableFuture<Throwable> outcome = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            entering.countDown();
            try {
                outcome.complete(new AssertionError("recv returned " + e.receiver().recv()));
            } catch (Throwable ex) {
                outcome.complete(ex);
            }
        });
        t.start();
        assertThat(entering.await(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
        t.interrupt(); // before or during the wait: either way recv throws
        assertThat(join(outcome)).isInstanceOf(InterruptedException.class);
        t.join();
    }

    @Test
    void nullMessagesAreRejected() throws Exception {
        Ends e = open();
        assertThatThrownBy(() -> e.sender().send(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> e.sender().trySend(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> e.sender().send(null, Duration.ofSeconds(1)))
                .isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> e.sender().send("x", null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> e.receiver().recv(null)).isInstanceOf(NullPointerException.class);
    }
}
