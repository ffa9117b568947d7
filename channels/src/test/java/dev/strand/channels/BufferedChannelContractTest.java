package dev.strand.channels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strand.core.Ticker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The contract of channels that buffer messages (unbounded and bounded with room for at least
 * 8): messages can be sent before anyone receives.
 */
abstract class BufferedChannelContractTest extends ChannelContractTest {

    @Test
    void timedSendAndReceiveThatNeedNotWaitReadNoClock() throws Exception {
        // A clock read can be a system call; ArrayBlockingQueue reads none when it need not wait.
        AtomicInteger reads = new AtomicInteger();
        Ticker counting = () -> {
            reads.incrementAndGet();
            return 0L;
        };
        Channel<String> ch = flavour(Channel.<String>builder()).ticker(counting).build();
        assertThat(ch.sender().send("a", Duration.ofSeconds(1))).isTrue();
        assertThat(ch.receiver().recv(Duration.ofSeconds(1))).isEqualTo("a");
        assertThat(reads).as("clock reads").hasValue(0);
    }

    @Test
    void drainTakesAvailableMessagesUpToMaxWithoutWaiting() throws Exception {
        Channel<Integer> ch = newChannel();
        for (int i = 0; i < 5; i++) {
            ch.sender().send(i);
        }
        List<Integer> got = new ArrayList<>();
        assertThat(ch.receiver().drain(got::add, 3)).isEqualTo(3);
        assertThat(got).containsExactly(0, 1, 2);
        assertThat(ch.receiver().drain(got::add, 0)).isZero();
        assertThat(ch.receiver().drain(got::add, 10)).isEqualTo(2);
        assertThat(ch.receiver().drain(got::add, 10)).isZero();
        assertThat(got).containsExactly(0, 1, 2, 3, 4);
        ch.sender().close();
        assertThat(ch.receiver().drain(got::add, 10)).isZero(); // disconnected: 0, no exception
    }

    @Test
    void drainStopsWhereTheSinkThrowsAndKeepsTheRest() throws Exception {
        Channel<Integer> ch = newChannel();
        for (int i = 0; i < 4; i++) {
            ch.sender().send(i);
        }
        List<Integer> got = new ArrayList<>();
        assertThatThrownBy(() -> ch.receiver().drain(m -> {
            got.add(m);
            if (m == 1) {
                throw new IllegalArgumentException("sink failed");
            }
        }, 10)).hasMessage("sink failed");
        assertThat(got).containsExactly(0, 1);
        assertThat(ch.receiver().tryRecv()).isEqualTo(2);
        assertThat(ch.receiver().tryRecv()).isEqualTo(3);
    }

    @Test
    void messagesBufferedAtReceiverCloseGoToOnUndelivered() throws Exception {
        List<String> undelivered = new CopyOnWriteArrayList<>();
        Channel<String> ch = flavour(Channel.<String>builder()).onUndelivered(undelivered::add).build();
        ch.sender().send("a");
        ch.sender().send("b");
        ch.sender().send("c");
        assertThat(ch.receiver().recv()).isEqualTo("a");
        ch.receiver().close();
        assertThat(undelivered).containsExactly("b", "c");
        ch.receiver().close();
        assertThat(undelivered).containsExactly("b", "c"); // once
    }

    @Test
    void bufferedMessagesAreDroppedAtCloseWithoutAHandler() throws Exception {
        Channel<String> ch = newChannel();
        ch.sender().send("a");
        ch.receiver().close();
        assertThatThrownBy(() -> ch.receiver().tryRecv()).isInstanceOf(DisconnectedException.class);
    }

    @Test
    void anExceptionFromOnUndeliveredGoesToTheUncaughtHandlerAndDrainingGoesOn() throws Exception {
        List<String> seen = new ArrayList<>();
        Channel<String> ch = flavour(Channel.<String>builder()).onUndelivered(m -> {
            seen.add(m);
            throw new IllegalStateException("handler failed on " + m);
        }).build();
        ch.sender().send("a");
        ch.sender().send("b");
        List<Throwable> reported = new CopyOnWriteArrayList<>();
        Async<Void> closer = Async.start(() -> {
            Thread.currentThread().setUncaughtExceptionHandler((t, e) -> reported.add(e));
            ch.receiver().close();
            return null;
        });
        closer.join();
        assertThat(seen).containsExactly("a", "b");
        assertThat(reported).hasSize(2);
    }

    @Test
    void aMessageSentBeforeTheLastCloseIsReceivedBeforeDisconnect() throws Exception {
        Channel<String> ch = newChannel();
        Sender<String> tx2 = ch.sender().clone();
        tx2.send("from tx2");
        tx2.close();
        ch.sender().send("from tx");
        ch.sender().close();
        assertThat(ch.receiver().recv()).isEqualTo("from tx2");
        assertThat(ch.receiver().recv()).isEqualTo("from tx");
        assertThatThrownBy(() -> ch.receiver().recv()).isInstanceOf(DisconnectedException.class);
    }
}
