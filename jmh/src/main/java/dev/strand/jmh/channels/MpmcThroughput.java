package dev.strand.jmh.channels;

import dev.strand.channels.Channel;
import dev.strand.channels.Receiver;
import dev.strand.channels.Sender;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Group;
import org.openjdk.jmh.annotations.GroupThreads;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Throughput of a bounded pipe of capacity 1024 shared by 2 producers and 2 consumers (a
 * worker pool): Strand {@code Channel.builder().capacity(1024).multiConsumer()} vs
 * {@link ArrayBlockingQueue} and {@link LinkedBlockingQueue} of the same capacity.
 *
 * <p>A JMH group of 2 producer and 2 consumer threads; the score is operations per
 * microsecond summed over the group (each message counts once sent and once received). Sends
 * and receives are timed (10 ms) only so that a thread blocked when an iteration ends returns;
 * in steady state they never time out.
 */
@State(Scope.Group)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class MpmcThroughput {

    private static final long PATIENCE_NANOS = TimeUnit.MILLISECONDS.toNanos(10);
    private static final Duration PATIENCE = Duration.ofNanos(PATIENCE_NANOS);
    private static final Msg MSG = new Msg(1);

    @Param({"strand", "abq", "lbq"})
    public String system;

    private Sender<Msg> tx;
    private Receiver<Msg> rx;
    private BlockingQueue<Msg> queue;

    @Setup(Level.Trial)
    public void setUp() {
        switch (system) {
            case "strand":
                Channel<Msg> ch = Channel.<Msg>builder().capacity(1024).multiConsumer().build();
                tx = ch.sender();
                rx = ch.receiver();
                break;
            case "abq":
                queue = new ArrayBlockingQueue<>(1024);
                break;
            case "lbq":
                queue = new LinkedBlockingQueue<>(1024);
                break;
            default:
                throw new IllegalArgumentException("system: " + system);
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        if (tx != null) {
            tx.close();
            rx.close();
        }
    }

    /** One of 2 producers: sends one message. */
    @Benchmark
    @Group("mpmc")
    @GroupThreads(2)
    public boolean produce() throws InterruptedException {
        return queue == null ? tx.send(MSG, PATIENCE) : queue.offer(MSG, PATIENCE_NANOS, TimeUnit.NANOSECONDS);
    }

    /** One of 2 consumers: receives one message. */
    @Benchmark
    @Group("mpmc")
    @GroupThreads(2)
    public Msg consume() throws InterruptedException {
        return queue == null ? rx.recv(PATIENCE) : queue.poll(PATIENCE_NANOS, TimeUnit.NANOSECONDS);
    }
}
