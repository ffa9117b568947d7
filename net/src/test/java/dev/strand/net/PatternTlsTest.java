package dev.strand.net;

import static dev.strand.net.PatternFixtures.ANY;
import static dev.strand.net.PatternFixtures.CODEC;
import static dev.strand.net.PatternFixtures.local;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strand.channels.Receiver;
import dev.strand.channels.Sender;
import dev.strand.net.PatternFixtures.Job;
import dev.strand.net.PatternFixtures.Tick;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.pkitesting.X509Bundle;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** TLS on the messaging patterns (pub-sub, push-pull, remote channels) with a certificate the test makes. */
@Timeout(60)
class PatternTlsTest {

    private static SslContext server;
    private static SslContext client;

    @BeforeAll
    static void makeContexts() throws Exception {
        X509Bundle cert = Fixtures.localhostCertificate();
        server = SslContextBuilder.forServer(cert.toKeyManagerFactory()).build();
        client = SslContextBuilder.forClient().trustManager(cert.toTrustManagerFactory()).build();
    }

    @AfterEach
    void noThreadLeft() {
        Fixtures.assertNoNetThreads();
    }

    @Test
    void shouldPublishAndSubscribeOverTls() throws Exception {
        int n = 500;
        try (Publisher pub = Net.publisher(CODEC).tls(server).bind(ANY);
             Subscriber sub = Net.subscriber(CODEC).tls(client).connect(local(pub.port()))) {
            List<Integer> got = new CopyOnWriteArrayList<>();
            CountDownLatch all = new CountDownLatch(n);
            sub.subscribe("prices", Tick.class, t -> {
                got.add(t.seq());
                all.countDown();
            });
            for (int i = 0; i < n; i++) {
                assertThat(pub.publish("prices", new Tick("prices", i))).isEqualTo(1);
            }
            assertThat(all.await(30, TimeUnit.SECONDS)).isTrue();
            assertThat(got).hasSize(n).isSorted();
            // And the publisher really speaks TLS: a plain-TCP subscriber gets nowhere.
            assertThatThrownBy(() -> {
                try (Subscriber plain = Net.subscriber(CODEC).onError((remote, e) -> { })
                        .subscribeTimeout(java.time.Duration.ofSeconds(5)).connect(local(pub.port()))) {
                    plain.subscribe("prices", Tick.class, t -> { });
                }
            }).isInstanceOf(NetException.class);
            assertThat(pub.subscribers("prices")).isEqualTo(1);
        }
    }

    @Test
    void shouldPushAndPullOverTls() throws Exception {
        int n = 500;
        try (Pusher pusher = Net.pusher(CODEC).tls(server).bind(ANY);
             Puller puller = Net.puller(CODEC).tls(client).connect(local(pusher.port()))) {
            Receiver<Job> jobs = puller.receiver(Job.class);
            for (int i = 0; i < n; i++) {
                pusher.push(new Job(i));
            }
            for (int i = 0; i < n; i++) {
                assertThat(jobs.recv()).isEqualTo(new Job(i));
            }
        }
    }

    @Test
    void shouldCarryARemoteChannelOverTls() throws Exception {
        int n = 500;
        try (ChannelServer srv = Net.channelServer(CODEC).tls(server).bind(ANY);
             ChannelClient cli = Net.channelClient(CODEC).tls(client).connect(local(srv.port()))) {
            Receiver<Job> rx = srv.receiver("jobs", Job.class, 16);
            Sender<Job> tx = cli.sender("jobs", Job.class);
            Thread producer = new Thread(() -> {
                try {
                    for (int i = 0; i < n; i++) {
                        tx.send(new Job(i));
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    tx.close();
                }
            });
            producer.start();
            for (int i = 0; i < n; i++) {
                assertThat(rx.recv()).isEqualTo(new Job(i));
            }
            producer.join();
        }
    }

    @Test
    void shouldNotLetAPlainPullerIntoATlsPusher() throws Exception {
        List<Throwable> errors = new CopyOnWriteArrayList<>();
        try (Pusher pusher = Net.pusher(CODEC).tls(server).onError((remote, e) -> errors.add(e)).bind(ANY)) {
            assertThatThrownBy(() -> Net.puller(CODEC).onError((remote, e) -> errors.add(e))
                    .connect(local(pusher.port())))
                    .isInstanceOf(NetException.class);
            assertThat(pusher.queued()).isZero();
        }
    }

    @Test
    void shouldRejectAContextOfTheWrongSide() {
        assertThatThrownBy(() -> Net.publisher(CODEC).tls(client))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("server context");
        assertThatThrownBy(() -> Net.subscriber(CODEC).tls(server))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("client context");
        assertThatThrownBy(() -> Net.pusher(CODEC).tls(null)).isInstanceOf(NullPointerException.class);
    }
}
