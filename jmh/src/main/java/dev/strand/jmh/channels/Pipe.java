package dev.strand.jmh.channels;

import dev.strand.channels.Channel;
import dev.strand.channels.Receiver;
import dev.strand.channels.Sender;
import java.util.Queue;
import java.util.concurrent.BlockingQueue;

/**
 * One system under test, seen as a pipe from several producers to one consumer: Strand
 * channels (blocking {@code send}/{@code recv}), a JDK {@link BlockingQueue}
 * ({@code put}/{@code take}), or a raw JCTools queue driven by busy-spin
 * ({@code offer}/{@code poll} in a loop, the ceiling a blocking design can approach).
 */
interface Pipe {

    /** The sending end for producer {@code index} (0, 1, ...), created before measuring. */
    Inlet inlet(int index);

    /** The next message; blocks (or spins, for a raw queue) until there is one. */
    Msg take() throws InterruptedException;

    /** Releases the pipe at the end of the trial. */
    void close();

    /** One producer's sending end. */
    interface Inlet {
        /** Sends {@code msg}; blocks (or spins) while a bounded pipe is full. */
        void put(Msg msg) throws InterruptedException;
    }

    /** A Strand channel; producer 0 uses the first sender, the others clones of it. */
    static Pipe strand(Channel<Msg> channel) {
        Sender<Msg> first = channel.sender();
        Receiver<Msg> receiver = channel.receiver();
        return new Pipe() {
            @Override
            public Inlet inlet(int index) {
                Sender<Msg> sender = index == 0 ? first : first.clone();
                return sender::send;
            }

            @Override
            public Msg take() throws InterruptedException {
                return receiver.recv();
            }

            @Override
            public void close() {
                first.close();
                receiver.close();
            }
        };
    }

    /** A JDK blocking queue: {@code put} and {@code take}. */
    static Pipe blocking(BlockingQueue<Msg> queue) {
        return new Pipe() {
            @Override
            public Inlet inlet(int index) {
                return queue::put;
            }

            @Override
            public Msg take() throws InterruptedException {
                return queue.take();
            }

            @Override
            public void close() {
                queue.clear();
            }
        };
    }

    /** A raw queue (JCTools) that never blocks: both sides spin on failure. */
    static Pipe spinning(Queue<Msg> queue) {
        return new Pipe() {
            @Override
            public Inlet inlet(int index) {
                return msg -> {
                    while (!queue.offer(msg)) {
                        Thread.onSpinWait();
                    }
                };
            }

            @Override
            public Msg take() {
                Msg msg;
                while ((msg = queue.poll()) == null) {
                    Thread.onSpinWait();
                }
                return msg;
            }

            @Override
            public void close() {
                queue.clear();
            }
        };
    }
}
