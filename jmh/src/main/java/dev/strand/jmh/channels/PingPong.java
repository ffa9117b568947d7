package dev.strand.jmh.channels;

import dev.strand.channels.Channel;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Round trip between two threads over two pipes that hold at most one message: the benchmark
 * thread sends a ping and waits for the pong that an echo thread sends back. Strand
 * {@code Channel.rendezvous()} and {@code Channel.bounded(1)} vs {@link SynchronousQueue}
 * (time per round trip: lower is better).
 *
 * <p>An invocation is one whole round trip, so JMH never ends an iteration with a thread
 * blocked halfway; the echo thread is interrupted at the end of the trial.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class PingPong {

    @Param({"strand-rendezvous", "strand-bounded1", "sq"})
    public String system;

    private Pipe ping;
    private Pipe pong;
    private Pipe.Inlet pingInlet;
    private Thread echo;
    private volatile Throwable failure;
    private final Msg msg = new Msg(42);

    @Setup(Level.Trial)
    public void setUp() {
        ping = open(system);
        pong = open(system);
        pingInlet = ping.inlet(0);
        Pipe.Inlet pongInlet = pong.inlet(0);
        echo = new Thread(() -> {
            try {
                for (;;) {
                    pongInlet.put(ping.take());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt(); // the trial is over
            } catch (Throwable t) {
                failure = t;
                t.printStackTrace();
            }
        }, "echo");
        echo.setDaemon(true);
        echo.start();
    }

    static Pipe open(String system) {
        switch (system) {
            case "strand-rendezvous":
                return Pipe.strand(Channel.rendezvous());
            case "strand-bounded1":
                return Pipe.strand(Channel.bounded(1));
            case "sq":
                return Pipe.blocking(new SynchronousQueue<>());
            default:
                throw new IllegalArgumentException("system: " + system);
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() throws InterruptedException {
        echo.interrupt();
        echo.join(TimeUnit.SECONDS.toMillis(10));
        ping.close();
        pong.close();
        if (echo.isAlive()) {
            throw new IllegalStateException("the echo thread did not stop");
        }
        if (failure != null) {
            throw new IllegalStateException("the echo thread failed", failure);
        }
    }

    /** One ping and its pong. */
    @Benchmark
    public Msg roundTrip() throws InterruptedException {
        pingInlet.put(msg);
        return pong.take();
    }
}
