package dev.strand.jmh.channels;

import dev.strand.channels.Channel;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.jctools.queues.MpscArrayQueue;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Throughput of a bounded pipe of capacity {@value #CAPACITY}, 1 or 2 producers (blocking
 * when it is full) to one consumer (blocking when it is empty): Strand
 * {@code Channel.bounded(1024)} vs {@link ArrayBlockingQueue} ({@code put}/{@code take}), and
 * vs the raw {@link MpscArrayQueue} driven by busy-spin (the ceiling).
 *
 * <p>Each invocation moves one batch of {@value #BATCH} messages (see {@link ProducerCrew});
 * the score is messages per microsecond, {@code gc.alloc.rate.norm} bytes per message.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class BoundedThroughput {

    /** Messages per invocation (divisible by every producer count). */
    static final int BATCH = 1 << 16;
    /** Capacity of every bounded pipe. */
    static final int CAPACITY = 1024;

    @Param({"strand", "abq", "jctools"})
    public String system;

    @Param({"1", "2"})
    public int producers;

    private Pipe pipe;
    private ProducerCrew crew;

    @Setup(Level.Trial)
    public void setUp() {
        pipe = open(system);
        crew = new ProducerCrew(pipe, producers, BATCH / producers);
    }

    static Pipe open(String system) {
        switch (system) {
            case "strand":
                return Pipe.strand(Channel.bounded(CAPACITY));
            case "abq":
                return Pipe.blocking(new ArrayBlockingQueue<>(CAPACITY));
            case "jctools":
                return Pipe.spinning(new MpscArrayQueue<>(CAPACITY));
            default:
                throw new IllegalArgumentException("system: " + system);
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() throws InterruptedException {
        crew.stop();
        pipe.close();
    }

    /** Lets the producers send one batch and receives all of it. */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public long transfer() throws InterruptedException {
        crew.go();
        long sum = 0;
        for (int i = 0; i < BATCH; i++) {
            sum += pipe.take().value;
        }
        return sum;
    }
}
