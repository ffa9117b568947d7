package dev.strand.net;

import static dev.strand.net.PatternFixtures.ANY;
import static dev.strand.net.PatternFixtures.CODEC;
import static dev.strand.net.PatternFixtures.local;
import static org.assertj.core.api.Assertions.assertThat;

import dev.strand.net.PatternFixtures.Job;
import dev.strand.net.PatternFixtures.Tick;
import dev.strand.net.transport.EventLoops;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.ToIntFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code close()} called on one of the endpoint's own threads (a handler, an I/O-thread
 * callback) returns without waiting for the caller itself: the patterns, {@code NetServer} and a
 * {@code NetClient} connection. The close timeout is 10 s and every
 * test is bounded well below it, so a close that waited for its own thread fails here.
 */
@Timeout(8)
class CloseFromOwnThreadTest {

    @Test
    void shouldCloseASubscriberFromItsOwnHandler() throws Exception {
        try (Publisher pub = Net.publisher(CODEC).bind(ANY)) {
            Subscriber sub = Net.subscriber(CODEC).connect(local(pub.port()));
            CountDownLatch closed = new CountDownLatch(1);
            sub.subscribe("t", Tick.class, t -> {
                sub.close();
                closed.countDown();
            });
            pub.publish("t", new Tick("t", 1));
            closed.await();
            assertThat(sub.isConnected()).isFalse();
        }
    }

    @Test
    void shouldCloseAPusherFromAnIoThreadCallback() throws Exception {
        Pusher pusher = Net.pusher(CODEC).bind(ANY);
        CompletableFuture<Void> pushed = pusher.push(new Job(1)); // no puller yet: it waits
        AtomicReference<String> closer = new AtomicReference<>();
        CountDownLatch closed = new CountDownLatch(1);
        pushed.whenComplete((v, e) -> {
            closer.set(Thread.currentThread().getName());
            pusher.close();
            closed.countDown();
        });
        Puller puller = null;
        try {
            puller = Net.puller(CODEC).onError((remote, e) -> { }).connect(local(pusher.port()));
        } catch (NetException e) {
            // the pusher may close before it confirmed this puller: that is the close under test
        }
        closed.await();
        assertThat(closer.get()).startsWith(EventLoops.THREAD_PREFIX);
        if (puller != null) {
            puller.close();
        }
    }

    @Test
    void shouldCloseAChannelClientFromOneOfItsIoThreads() throws Exception {
        try (ChannelServer server = Net.channelServer(CODEC).bind(ANY)) {
            ChannelClient client = Net.channelClient(CODEC).connect(local(server.port()));
            dev.strand.channels.Receiver<Job> jobs = server.receiver("jobs", Job.class, 16);
            client.sender("jobs", Job.class).send(new Job(1));
            assertThat(jobs.recv()).isEqualTo(new Job(1));
            CountDownLatch closed = new CountDownLatch(1);
            // The shared client group runs this task: close from one of the client's own I/O threads.
            io.netty.channel.EventLoopGroup group = EventLoops.acquireClientGroup();
            try {
                group.next().execute(() -> {
                    client.close();
                    closed.countDown();
                });
                closed.await();
            } finally {
                EventLoops.releaseClientGroup(group, java.time.Duration.ofSeconds(5));
            }
        }
    }

    @Test
    void shouldCloseANetServerFromItsOnConnectCallbackOnAnIoThread() throws Exception {
        CompletableFuture<NetServer> self = new CompletableFuture<>();
        AtomicReference<String> closer = new AtomicReference<>();
        CountDownLatch closed = new CountDownLatch(1);
        NetServer server = NetServer.builder().codec(Fixtures.CODEC)
                .closeTimeout(Duration.ofSeconds(60)) // waiting for itself would outlast @Timeout
                .onConnect(conn -> {
                    closer.set(Thread.currentThread().getName());
                    self.join().close(); // on an I/O thread of the server being closed
                    closed.countDown();
                }).bind(ANY);
        self.complete(server);
        Connection conn = null;
        try {
            conn = NetClient.builder().codec(Fixtures.CODEC).onError((remote, e) -> { })
                    .connect(local(server.port()));
        } catch (NetException e) {
            // the server may close before the client saw its connection open: that is the close under test
        }
        closed.await();
        assertThat(closer.get()).startsWith(EventLoops.THREAD_PREFIX + "server");
        if (conn != null) {
            conn.closeFuture().get(); // the server closed it
            conn.close();
        }
        server.close(); // idempotent: returns at once
    }

    @Test
    void shouldCloseANetClientConnectionFromItsOwnHandler() throws Exception {
        CompletableFuture<Thread> closer = new CompletableFuture<>();
        CountDownLatch closed = new CountDownLatch(1);
        try (NetServer server = NetServer.builder().codec(Fixtures.CODEC)
                .onConnect(conn -> conn.send(new Fixtures.NodeMessage(1, "close yourself"))).bind(ANY)) {
            Connection conn = NetClient.builder().codec(Fixtures.CODEC)
                    .closeTimeout(Duration.ofSeconds(60)) // waiting for itself would outlast @Timeout
                    .onMessage(Fixtures.NodeMessage.class, (self, m) -> {
                        closer.complete(Thread.currentThread());
                        self.close(); // on a handler thread of the connection being closed
                        closed.countDown();
                    }).connect(local(server.port()));
            closed.await();
            assertThat(conn.isOpen()).isFalse();
            conn.closeFuture().get();
            Thread handler = closer.get();
            assertThat(handler.getName()).startsWith(EventLoops.THREAD_PREFIX + "client-handler");
            handler.join(); // its pool is shut down: it ends once the handler returned
        }
    }

    @Test
    void shouldCloseEveryListeningEndpointFromItsErrorListenerOnAnIoThread() throws Exception {
        closeFromErrorListener(l -> Net.publisher(CODEC).onError(l).bind(ANY), e -> ((Publisher) e).port());
        closeFromErrorListener(l -> Net.pusher(CODEC).onError(l).bind(ANY), e -> ((Pusher) e).port());
        closeFromErrorListener(l -> Net.channelServer(CODEC).onError(l).bind(ANY), e -> ((ChannelServer) e).port());
        closeFromErrorListener(l -> NetServer.builder().codec(CODEC).onError(l).bind(ANY), e -> ((NetServer) e).port());
    }

    /**
     * Binds an endpoint whose error listener closes it, and sends it a frame that does not
     * decode: the listener runs on the endpoint's I/O thread that read the frame.
     */
    private static void closeFromErrorListener(Function<ErrorListener, AutoCloseable> bind,
                                               ToIntFunction<AutoCloseable> port) throws Exception {
        CompletableFuture<AutoCloseable> self = new CompletableFuture<>();
        AtomicReference<String> closer = new AtomicReference<>();
        CountDownLatch closed = new CountDownLatch(1);
        AutoCloseable endpoint = bind.apply((remote, error) -> {
            if (closer.compareAndSet(null, Thread.currentThread().getName())) {
                try {
                    self.join().close(); // on an I/O thread of the endpoint being closed
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
                closed.countDown();
            }
        });
        self.complete(endpoint);
        try (Socket raw = new Socket("127.0.0.1", port.applyAsInt(endpoint))) {
            Fixtures.writeFrame(raw.getOutputStream(), "garbage");
            closed.await();
            Fixtures.awaitClosedByPeer(raw);
        }
        assertThat(closer.get()).as(endpoint.toString()).startsWith(EventLoops.THREAD_PREFIX);
        endpoint.close(); // idempotent: returns at once
    }
}
