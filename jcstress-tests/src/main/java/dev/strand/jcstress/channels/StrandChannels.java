package dev.strand.jcstress.channels;

import dev.strand.channels.Channel;
import dev.strand.channels.DisconnectedException;
import dev.strand.channels.Receiver;
import dev.strand.channels.SendException;
import dev.strand.channels.Sender;
import java.time.Duration;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Opens Strand channels for the tests and adapts {@link Sender}/{@link Receiver} to
 * {@link TestChannel}: a {@link SendException} becomes the message it hands back, a
 * {@link DisconnectedException} becomes {@link TestChannel#DISCONNECTED}.
 */
final class StrandChannels {

    private StrandChannels() {
    }

    /** A fresh Strand channel of the given flavour whose undelivered messages are recorded. */
    static TestChannel open(Flavour flavour) {
        return open(flavour, false);
    }

    /** A channel of the flavour whose receiver many threads may use at once. */
    static TestChannel openMultiConsumer(Flavour flavour) {
        return open(flavour, true);
    }

    private static TestChannel open(Flavour flavour, boolean multiConsumer) {
        ConcurrentLinkedQueue<Msg> undelivered = new ConcurrentLinkedQueue<>();
        Channel<Msg> channel = build(flavour, multiConsumer, undelivered);
        return new TestChannel(new Tx(channel.sender()), new Rx(channel.receiver()), undelivered,
                TestChannel.PATIENCE_NANOS);
    }

    /** A fresh Strand channel of the given flavour, for tests that need its own API (Select). */
    static Channel<Msg> build(Flavour flavour, boolean multiConsumer, ConcurrentLinkedQueue<Msg> undelivered) {
        Channel.Builder<Msg> builder = Channel.<Msg>builder().onUndelivered(undelivered::add);
        if (multiConsumer) {
            builder.multiConsumer();
        }
        switch (flavour) {
            case BOUNDED:
                builder.capacity(1);
                break;
            case RENDEZVOUS:
                builder.capacity(0);
                break;
            default:
                break;
        }
        return builder.build();
    }

    private static final class Tx implements TestChannel.Tx {
        private final Sender<Msg> sender;

        Tx(Sender<Msg> sender) {
            this.sender = sender;
        }

        @Override
        public Object send(Msg msg) {
            try {
                sender.send(msg);
                return TestChannel.SENT;
            } catch (SendException e) {
                return e.getUndelivered();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("no test interrupts its actors", e);
            }
        }

        @Override
        public Object send(Msg msg, long timeoutNanos) {
            try {
                return sender.send(msg, Duration.ofNanos(timeoutNanos))
                        ? TestChannel.SENT : TestChannel.TIMED_OUT;
            } catch (SendException e) {
                return e.getUndelivered();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("no test interrupts its actors", e);
            }
        }

        @Override
        public Object trySend(Msg msg) {
            try {
                return sender.trySend(msg) ? TestChannel.SENT : TestChannel.FULL;
            } catch (SendException e) {
                return e.getUndelivered();
            }
        }

        @Override
        public TestChannel.Tx copy() {
            return new Tx(sender.clone());
        }

        @Override
        public void close() {
            sender.close();
        }
    }

    private static final class Rx implements TestChannel.Rx {
        private final Receiver<Msg> receiver;

        Rx(Receiver<Msg> receiver) {
            this.receiver = receiver;
        }

        @Override
        public Object recv(long timeoutNanos) {
            try {
                return receiver.recv(Duration.ofNanos(timeoutNanos));
            } catch (DisconnectedException e) {
                return TestChannel.DISCONNECTED;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("no test interrupts its actors", e);
            }
        }

        @Override
        public Object tryRecv() {
            try {
                return receiver.tryRecv();
            } catch (DisconnectedException e) {
                return TestChannel.DISCONNECTED;
            }
        }

        @Override
        public void close() {
            receiver.close();
        }
    }
}
