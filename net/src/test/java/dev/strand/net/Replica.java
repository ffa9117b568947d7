package dev.strand.net;

import dev.strand.net.Fixtures.Greeting;
import dev.strand.net.Fixtures.Hello;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A real server on loopback for the cluster tests, answering {@link Hello} with a
 * {@link Greeting}: after a settable delay (its reply completed by a scheduled task, the
 * handler waiting for it, as a slow backend would), with an error when told to fail, and with
 * a spike of latency every n-th request when told to. Counts the requests it handled.
 */
final class Replica implements AutoCloseable {

    final String name;
    final NetServer server;
    final AtomicInteger handled = new AtomicInteger();
    final AtomicLong delayMillis = new AtomicLong();
    volatile boolean failing;
    volatile int spikeEvery;
    volatile long spikeMillis;
    private final ExecutorService handlers = Executors.newFixedThreadPool(24);
    private final ScheduledExecutorService delays;

    Replica(String name, ScheduledExecutorService delays) {
        this(name, delays, new InetSocketAddress("127.0.0.1", 0));
    }

    Replica(String name, ScheduledExecutorService delays, InetSocketAddress bind) {
        this.name = name;
        this.delays = delays;
        this.server = NetServer.builder().codec(Fixtures.CODEC).executor(handlers)
                .onError((conn, e) -> { })
                .onRequest(Hello.class, (conn, req) -> handle(req)).bind(bind);
    }

    private Greeting handle(Hello req) throws Exception {
        int n = handled.incrementAndGet();
        long delay = delayMillis.get();
        int every = spikeEvery;
        if (every > 0 && n % every == 0) {
            delay = spikeMillis;
        }
        if (delay > 0) {
            // The backend's own latency: the reply is ready when a scheduled task says so.
            delays.schedule(() -> null, delay, TimeUnit.MILLISECONDS).get();
        }
        if (failing) {
            throw new IllegalStateException(name + " is broken");
        }
        return new Greeting(name);
    }

    InetSocketAddress address() {
        return new InetSocketAddress("127.0.0.1", server.port());
    }

    @Override
    public void close() {
        server.close();
        handlers.shutdownNow();
        try {
            handlers.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
