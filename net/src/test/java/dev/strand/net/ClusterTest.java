package dev.strand.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strand.core.ManualTicker;
import dev.strand.net.Fixtures.Greeting;
import dev.strand.net.Fixtures.Hello;
import dev.strand.resilience.Backoff;
import dev.strand.resilience.CircuitBreaker;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@link Cluster} against real servers on loopback. */
class ClusterTest {

    private static final Duration SECONDS_10 = Duration.ofSeconds(10);

    private ScheduledExecutorService delays;
    private final List<Replica> replicas = new ArrayList<>();

    @BeforeEach
    void setUp() {
        delays = Executors.newScheduledThreadPool(2);
    }

    @AfterEach
    void tearDown() throws InterruptedException {
        for (Replica r : replicas) {
            r.close();
        }
        delays.shutdownNow();
        assertThat(delays.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
    }

    private Replica replica(String name) {
        Replica r = new Replica(name, delays);
        replicas.add(r);
        return r;
    }

    private List<SocketAddress> addresses(Replica... rs) {
        List<SocketAddress> out = new ArrayList<>();
        for (Replica r : rs) {
            out.add(r.address());
        }
        return out;
    }

    private static NetClient client() {
        return Fixtures.client().closeTimeout(Duration.ofSeconds(5)).build();
    }

    /** A breaker that never opens: the budget alone bounds the attempts. */
    private static CircuitBreaker neverOpens(SocketAddress address) {
        return CircuitBreaker.builder().slidingWindow(1000).minimumCalls(1000).failureRateThreshold(1.0).build();
    }

    // ---- Done means 1: a replica killed under load, zero failed idempotent requests ----------

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void killingOneOfThreeServersUnderLoadFailsNoIdempotentRequest() throws Exception {
        Replica a = replica("a");
        Replica b = replica("b");
        Replica c = replica("c");
        a.delayMillis.set(1);
        b.delayMillis.set(1);
        c.delayMillis.set(1);
        try (Cluster cluster = Cluster.builder().client(client()).idempotent(Hello.class)
                .connect(addresses(a, b, c))) {
            CompletableFuture<Void> killed = new CompletableFuture<>();
            Load load = Load.run(cluster, 3000, 16, done -> {
                if (done == 1000) {
                    // Kill b mid-run, from another thread (closing waits for its connections).
                    CompletableFuture.runAsync(() -> {
                        b.close();
                        killed.complete(null);
                    }, Executors.newSingleThreadExecutor(r -> {
                        Thread t = new Thread(r, "killer");
                        t.setDaemon(true);
                        return t;
                    }));
                }
            });
            killed.get(30, TimeUnit.SECONDS);
            System.out.printf("kill one of three: handled a=%d b=%d c=%d, %s%n", a.handled.get(), b.handled.get(),
                    c.handled.get(), cluster.callStats());
            assertThat(load.failures).isEmpty();
            assertThat(a.handled.get() + c.handled.get()).isGreaterThan(2000); // the others took over
            assertThat(b.handled.get()).isLessThan(1500);
        }
    }

    // ---- Done means 2: one server 10x slower, p2c against round-robin -------------------------

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void powerOfTwoChoicesAvoidsTheSlowServerAndBeatsRoundRobinAtP99() throws Exception {
        Replica fast1 = replica("fast1");
        Replica fast2 = replica("fast2");
        Replica slow = replica("slow");
        // Large delays, so that a loaded machine's scheduling noise (tens of ms) is small beside them.
        fast1.delayMillis.set(30);
        fast2.delayMillis.set(30);
        slow.delayMillis.set(300); // 10x slower
        double[] p99 = new double[2];
        double fastShareP2c = 0;
        for (Cluster.Balancing balancing : List.of(Cluster.Balancing.POWER_OF_TWO_CHOICES,
                Cluster.Balancing.ROUND_ROBIN)) {
            try (Cluster cluster = Cluster.builder().client(client()).balancing(balancing)
                    .connect(addresses(fast1, fast2, slow))) {
                Load.run(cluster, 150, 8); // warm up: latency estimates settle
                int fastBefore = fast1.handled.get() + fast2.handled.get();
                int slowBefore = slow.handled.get();
                Load load = Load.run(cluster, 600, 8);
                assertThat(load.failures).isEmpty();
                int toFast = fast1.handled.get() + fast2.handled.get() - fastBefore;
                int toSlow = slow.handled.get() - slowBefore;
                double share = (double) toFast / (toFast + toSlow);
                int i = balancing == Cluster.Balancing.POWER_OF_TWO_CHOICES ? 0 : 1;
                p99[i] = load.percentileMillis(99);
                if (i == 0) {
                    fastShareP2c = share;
                }
                System.out.printf("%s: %.1f %% to the fast servers (%d fast, %d slow), p50 %.1f ms, p99 %.1f ms%n",
                        balancing, 100 * share, toFast, toSlow, load.percentileMillis(50), p99[i]);
            }
        }
        System.out.printf("p99 round-robin / p2c = %.1fx%n", p99[1] / p99[0]);
        assertThat(fastShareP2c).isGreaterThanOrEqualTo(0.8);
        assertThat(p99[1]).isGreaterThanOrEqualTo(3 * p99[0]);
    }

    // ---- Done means 3: an erroring endpoint ejected, then admitted again ---------------------

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void anEndpointThatAlwaysFailsIsEjectedWithinTheWindowAndReadmittedAfterItRecovers() throws Exception {
        Replica good = replica("good");
        Replica bad = replica("bad");
        bad.failing = true;
        ManualTicker ticker = new ManualTicker();
        int window = 10;
        try (Cluster cluster = Cluster.builder().client(client()).balancing(Cluster.Balancing.ROUND_ROBIN)
                .ticker(ticker)
                .breakers(address -> CircuitBreaker.builder().slidingWindow(window).minimumCalls(5)
                        .failureRateThreshold(0.5).openDuration(Duration.ofSeconds(30)).halfOpenPermits(1)
                        .recordOn(NetException.class).ticker(ticker).build())
                .connect(addresses(good, bad))) {
            int failed = 0;
            for (int i = 0; i < 4 * window; i++) {
                try {
                    cluster.request(new Hello("x"), Greeting.class, SECONDS_10).join();
                } catch (CompletionException e) {
                    assertThat(e.getCause()).isInstanceOf(RemoteException.class);
                    failed++;
                }
            }
            Cluster.EndpointStats badStats = stats(cluster, bad);
            assertThat(bad.handled.get()).as("calls that reached the bad endpoint").isLessThanOrEqualTo(window);
            assertThat(failed).isEqualTo(bad.handled.get());
            assertThat(badStats.ejected()).isTrue();
            assertThat(badStats.breakerState()).isEqualTo(CircuitBreaker.State.OPEN);
            int ejectedAt = bad.handled.get();
            for (int i = 0; i < 10; i++) {
                cluster.request(new Hello("x"), Greeting.class, SECONDS_10).join(); // all to the good one
            }
            assertThat(bad.handled.get()).isEqualTo(ejectedAt);

            bad.failing = false; // it recovers; after the open duration a trial is let through
            ticker.advance(Duration.ofSeconds(30));
            for (int i = 0; i < 10; i++) {
                cluster.request(new Hello("x"), Greeting.class, SECONDS_10).join();
            }
            assertThat(bad.handled.get()).isGreaterThan(ejectedAt + 1); // the trial, then ordinary traffic
            assertThat(stats(cluster, bad).ejected()).isFalse();
            assertThat(stats(cluster, bad).breakerState()).isEqualTo(CircuitBreaker.State.CLOSED);
        }
    }

    // ---- ejection cap, as A50's max_ejection_percent -----------------------------------------

    /** A tight breaker on the test's ticker: opens after 5 failures of the last 10, stays open 30 s. */
    private static CircuitBreaker tight(ManualTicker ticker) {
        return CircuitBreaker.builder().slidingWindow(10).minimumCalls(5).failureRateThreshold(0.5)
                .openDuration(Duration.ofSeconds(30)).halfOpenPermits(1).recordOn(NetException.class)
                .ticker(ticker).build();
    }

    private static long ejected(Cluster cluster) {
        return cluster.endpoints().stream().filter(Cluster.EndpointStats::ejected).count();
    }

    /** Sends {@code n} requests one after the other; each may fail only as a remote failure. */
    private static void requests(Cluster cluster, int n, int maxEjected) {
        for (int i = 0; i < n; i++) {
            try {
                cluster.request(new Hello("x"), Greeting.class, SECONDS_10).join();
            } catch (CompletionException e) {
                assertThat(e.getCause()).isInstanceOf(RemoteException.class);
            }
            // The breaker's transition, and a reset by the cap, happen before the future completes.
            assertThat(ejected(cluster)).as("ejected after request " + i).isLessThanOrEqualTo(maxEjected);
        }
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void ejectionNeverPassesTheCapAndTheEndpointsEjectedFirstStayOut() throws Exception {
        Replica good = replica("good");
        Replica[] bad = {replica("bad1"), replica("bad2"), replica("bad3")};
        for (Replica r : bad) {
            r.failing = true;
        }
        ManualTicker ticker = new ManualTicker(); // no breaker reaches its open duration
        try (Cluster cluster = Cluster.builder().client(client()).balancing(Cluster.Balancing.ROUND_ROBIN)
                .ticker(ticker).breakers(address -> tight(ticker)).maxEjectionPercent(50)
                .connect(addresses(good, bad[0], bad[1], bad[2]))) {
            requests(cluster, 100, 2); // 50 % of 4
            assertThat(ejected(cluster)).isEqualTo(2);
            int[] before = new int[bad.length];
            for (int i = 0; i < bad.length; i++) {
                before[i] = bad[i].handled.get();
            }
            requests(cluster, 100, 2);
            int kept = 0;
            for (int i = 0; i < bad.length; i++) {
                boolean grew = bad[i].handled.get() > before[i];
                assertThat(grew).as(bad[i].name + " takes traffic iff it is in")
                        .isEqualTo(!stats(cluster, bad[i]).ejected());
                kept += grew ? 1 : 0;
            }
            assertThat(kept).as("failing endpoints the cap keeps in").isEqualTo(1);

            // many at once: breakers opening together on several threads still leave two out
            Load load = Load.run(cluster, 400, 8);
            assertThat(load.failures).allSatisfy(e -> assertThat(e).isInstanceOf(RemoteException.class));
            assertThat(ejected(cluster)).isEqualTo(2);

            assertThat(cluster.remove(good.address())).isTrue(); // 3 endpoints: 1 may be out
            assertThat(ejected(cluster)).isEqualTo(1);
            requests(cluster, 50, 1);
        }
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void byDefaultAtMostHalfTheEndpointsAreEjectedAndOneAlwaysStaysIn() throws Exception {
        Replica a = replica("a");
        Replica b = replica("b");
        a.failing = true;
        b.failing = true;
        ManualTicker ticker = new ManualTicker();
        try (Cluster two = Cluster.builder().client(client()).ticker(ticker).breakers(address -> tight(ticker))
                .connect(addresses(a, b))) {
            requests(two, 60, 1); // every request reaches a server and fails there; none finds no endpoint
            assertThat(ejected(two)).isEqualTo(1);
        }
        Replica c = replica("c");
        c.failing = true;
        try (Cluster one = Cluster.builder().client(client()).ticker(ticker).breakers(address -> tight(ticker))
                .connect(addresses(c))) {
            int before = c.handled.get();
            requests(one, 30, 0);
            assertThat(c.handled.get() - before).isEqualTo(30);
        }
    }

    @Test
    void theCapIsAShareOfTheEndpointsRoundedDownAndNeverAll() {
        assertThat(EjectionCap.maxEjected(1, 50)).isZero();
        assertThat(EjectionCap.maxEjected(2, 50)).isEqualTo(1);
        assertThat(EjectionCap.maxEjected(3, 50)).isEqualTo(1);
        assertThat(EjectionCap.maxEjected(4, 50)).isEqualTo(2);
        assertThat(EjectionCap.maxEjected(4, 100)).isEqualTo(3);
        assertThat(EjectionCap.maxEjected(10, 10)).isEqualTo(1);
        assertThat(EjectionCap.maxEjected(9, 10)).isZero();
        assertThat(EjectionCap.maxEjected(5, 0)).isZero();
        assertThat(EjectionCap.maxEjected(0, 50)).isZero();
        assertThatThrownBy(() -> Cluster.builder().maxEjectionPercent(-1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxEjectionPercent");
        assertThatThrownBy(() -> Cluster.builder().maxEjectionPercent(101))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxEjectionPercent");
    }

    private static Cluster.EndpointStats stats(Cluster cluster, Replica r) {
        return cluster.endpoints().stream().filter(s -> s.address().equals(r.address())).findFirst().orElseThrow();
    }

    // ---- Done means 4: every endpoint down, the retry budget holds ---------------------------

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void whenEveryEndpointFailsTheRetryBudgetBoundsTheAttempts() throws Exception {
        Replica a = replica("a");
        Replica b = replica("b");
        Replica c = replica("c");
        a.failing = true;
        b.failing = true;
        c.failing = true;
        int floor = 10;
        int requests = 600;
        ManualTicker ticker = new ManualTicker(); // the reserve never refills: a fixed floor
        try (Cluster cluster = Cluster.builder().client(client()).idempotent(Hello.class).ticker(ticker)
                .retryOn(e -> e instanceof RemoteException).retryBudget(0.1, floor)
                .breakers(ClusterTest::neverOpens).connect(addresses(a, b, c))) {
            Load load = Load.run(cluster, requests, 8);
            int attempts = a.handled.get() + b.handled.get() + c.handled.get();
            System.out.printf("all failing: %d requests, %d attempts reached the servers, %s%n", requests, attempts,
                    cluster.callStats());
            assertThat(attempts).isLessThanOrEqualTo((int) (1.1 * requests) + floor);
            assertThat(attempts).isGreaterThan(requests); // retries were made while the budget lasted
            assertThat(cluster.callStats().attempts()).isEqualTo(attempts);
            assertThat(load.failures).hasSize(requests).allSatisfy(e -> {
                assertThat(e).isInstanceOf(RemoteException.class);
                assertThat(((RemoteException) e).remoteMessage()).endsWith("is broken");
            });
        }
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void whenEveryServerIsGoneTheCallerGetsAClearErrorAndTheBudgetHolds() throws Exception {
        Replica a = replica("a");
        Replica b = replica("b");
        int floor = 10;
        ManualTicker ticker = new ManualTicker();
        try (Cluster cluster = Cluster.builder().client(client()).idempotent(Hello.class).ticker(ticker)
                .retryBudget(0.1, floor).reconnect(Backoff.fixed(Duration.ofMinutes(1)))
                .connect(addresses(a, b))) {
            cluster.request(new Hello("x"), Greeting.class, SECONDS_10).join();
            long before = cluster.callStats().attempts();
            long requestsBefore = cluster.callStats().requests();
            a.close();
            b.close();
            // Until the client has seen both sockets close, requests fail as lost; then at once.
            Throwable last;
            int requests = 0;
            do {
                requests++;
                CompletableFuture<Greeting> f = cluster.request(new Hello("x"), Greeting.class, SECONDS_10);
                last = f.handle((g, e) -> e instanceof CompletionException ? e.getCause() : e).join();
                assertThat(last).isInstanceOf(ConnectionLostException.class);
            } while (!(last instanceof NoEndpointAvailableException));
            assertThat(last).hasMessage("no endpoint available: 2 endpoints, 2 not connected, 0 ejected");
            assertThat(((NoEndpointAvailableException) last).undelivered()).isEqualTo(new Hello("x"));
            assertThat(cluster.isOpen()).isFalse();
            long attempts = cluster.callStats().attempts() - before;
            assertThat(cluster.callStats().requests() - requestsBefore).isEqualTo(requests);
            assertThat(attempts).isLessThanOrEqualTo((long) (1.1 * requests) + floor + 1);
        }
    }

    // ---- Done means 5: hedging cuts p99 ------------------------------------------------------

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void hedgingCutsP99WhenOneReplicaHasLatencySpikes() throws Exception {
        Replica a = replica("a");
        Replica b = replica("b");
        Replica spiky = replica("spiky");
        spiky.spikeMillis = 400;
        spiky.spikeEvery = 8; // 1 request in 24 is a spike: well above the 1 % a p99 shows
        List<String> modes = List.of("not hedged", "hedged after 40 ms", "hedged at the p95");
        double[] p99 = new double[modes.size()];
        long[] hedges = new long[modes.size()];
        for (int m = 0; m < modes.size(); m++) {
            Cluster.Builder builder = Cluster.builder().client(client()).idempotent(Hello.class)
                    .balancing(Cluster.Balancing.ROUND_ROBIN); // the spiky replica keeps its share
            if (m == 1) {
                builder.hedge(Duration.ofMillis(40));
            } else if (m == 2) {
                builder.hedgeAtPercentile(0.95, Duration.ofMillis(40));
            }
            try (Cluster cluster = builder.connect(addresses(a, b, spiky))) {
                Load load = Load.run(cluster, 720, 4);
                assertThat(load.failures).isEmpty();
                p99[m] = load.percentileMillis(99);
                hedges[m] = cluster.callStats().hedges();
                System.out.printf("%s: p50 %.1f ms, p99 %.1f ms, %s%n", modes.get(m), load.percentileMillis(50),
                        p99[m], cluster.callStats());
            }
        }
        assertThat(hedges[0]).isZero();
        assertThat(hedges[1]).isPositive();
        assertThat(hedges[2]).isPositive();
        assertThat(p99[1]).as("p99 hedged after 40 ms vs not").isLessThan(p99[0] / 2);
        assertThat(p99[2]).as("p99 hedged at the p95 vs not").isLessThan(p99[0] / 2);
    }

    // ---- endpoints at runtime, reconnect, snapshots, bad input -------------------------------

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void endpointsAddedAndRemovedAtRuntimeTakeAndLeaveTheTraffic() throws Exception {
        Replica a = replica("a");
        Replica b = replica("b");
        try (Cluster cluster = Cluster.builder().client(client()).balancing(Cluster.Balancing.ROUND_ROBIN)
                .connect(addresses(a))) {
            assertThat(cluster.add(b.address())).isTrue();
            assertThat(cluster.add(b.address())).isFalse();
            // Until b's connection is published, requests go to a; bounded by the test's timeout.
            while (b.handled.get() == 0) {
                cluster.request(new Hello("x"), Greeting.class, SECONDS_10).join();
            }
            assertThat(cluster.endpoints()).extracting(Cluster.EndpointStats::address)
                    .containsExactly(a.address(), b.address());
            assertThat(cluster.remove(a.address())).isTrue();
            assertThat(cluster.remove(a.address())).isFalse();
            int atA = a.handled.get();
            for (int i = 0; i < 10; i++) {
                assertThat(cluster.request(new Hello("x"), Greeting.class, SECONDS_10).join().text()).isEqualTo("b");
            }
            assertThat(a.handled.get()).isEqualTo(atA);
            assertThat(cluster.endpoints()).extracting(Cluster.EndpointStats::address).containsExactly(b.address());
        }
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void anEndpointNotYetUpIsConnectedWithBackoffOnceItStarts() throws Exception {
        Replica a = replica("a");
        InetSocketAddress later;
        try (ServerSocket probe = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            later = new InetSocketAddress("127.0.0.1", probe.getLocalPort()); // free once closed
        }
        try (Cluster cluster = Cluster.builder().client(client()).balancing(Cluster.Balancing.ROUND_ROBIN)
                .reconnect(Backoff.fixed(Duration.ofMillis(20))).connect(List.of(a.address(), later))) {
            assertThat(cluster.endpoints()).extracting(Cluster.EndpointStats::connected).containsExactly(true, false);
            Replica b = new Replica("b", delays, later);
            replicas.add(b);
            while (b.handled.get() == 0) { // bounded by the test's timeout: b is reconnected with backoff
                cluster.request(new Hello("x"), Greeting.class, SECONDS_10).join();
            }
            assertThat(cluster.endpoints()).extracting(Cluster.EndpointStats::connected).containsExactly(true, true);
        }
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void snapshotsReportInFlightLatencyAndEjection() throws Exception {
        Replica a = replica("a");
        try (Cluster cluster = client().connect(addresses(a))) {
            for (int i = 0; i < 5; i++) {
                cluster.request(new Hello("x"), Greeting.class, SECONDS_10).join();
            }
            Cluster.EndpointStats s = cluster.endpoints().get(0);
            assertThat(s.connected()).isTrue();
            assertThat(s.inFlight()).isZero();
            assertThat(s.latencyEwma()).isZero(); // the first replies only warm it up
            assertThat(s.ejected()).isFalse();
            assertThat(s.attempts()).isEqualTo(5);
            assertThat(s.failures()).isZero();
            assertThat(cluster.callStats().requests()).isEqualTo(5);
            assertThat(cluster.stats().framesReceived()).isGreaterThanOrEqualTo(5);
            assertThat(cluster.isOpen()).isTrue();
            assertThat(cluster.send(new Hello("fire-and-forget")).get(10, TimeUnit.SECONDS)).isNull();
        }
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void aRequestNotMarkedIdempotentIsNeverSentTwice() throws Exception {
        Replica a = replica("a");
        Replica b = replica("b");
        a.failing = true;
        b.failing = true;
        try (Cluster cluster = Cluster.builder().client(client()).retryOn(e -> true)
                .breakers(ClusterTest::neverOpens).connect(addresses(a, b))) {
            for (int i = 0; i < 20; i++) {
                CompletableFuture<Greeting> f = cluster.request(new Hello("x"), Greeting.class, SECONDS_10);
                assertThatThrownBy(f::join).hasCauseInstanceOf(RemoteException.class);
            }
            assertThat(a.handled.get() + b.handled.get()).isEqualTo(20);
            CompletableFuture<Greeting> once = cluster.request(new Hello("x"), Greeting.class, SECONDS_10, true);
            assertThatThrownBy(once::join).hasCauseInstanceOf(RemoteException.class);
            assertThat(a.handled.get() + b.handled.get()).isEqualTo(22); // marked per call: tried on both
        }
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void badInputIsRejectedNamingTheParameter() throws Exception {
        assertThatThrownBy(() -> Cluster.builder().connect(List.of(new InetSocketAddress(1))))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("client");
        assertThatThrownBy(() -> Cluster.builder().client(client()).connect(List.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("addresses");
        assertThatThrownBy(() -> Cluster.builder().maxAttempts(0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxAttempts");
        assertThatThrownBy(() -> Cluster.builder().retryBudget(1.5, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ratio");
        assertThatThrownBy(() -> Cluster.builder().hedge(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("delay");
        assertThatThrownBy(() -> Cluster.builder().hedgeAtPercentile(1.0, SECONDS_10))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("percentile");
        assertThatThrownBy(() -> Cluster.builder().hedgeAtPercentile(0.95, Duration.ofMillis(-1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("initialDelay");
        Replica a = replica("a");
        try (Cluster cluster = client().connect(addresses(a))) {
            assertThatThrownBy(() -> cluster.request(null, Greeting.class, SECONDS_10))
                    .isInstanceOf(NullPointerException.class).hasMessageContaining("request");
            assertThatThrownBy(() -> cluster.request(new Hello("x"), Greeting.class, Duration.ZERO))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("timeout");
            assertThatThrownBy(() -> cluster.request(new Object(), Greeting.class, SECONDS_10))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThat(cluster.endpoints().get(0).attempts()).isZero(); // nothing was sent
        }
        InetSocketAddress nobody;
        try (ServerSocket free = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            nobody = new InetSocketAddress("127.0.0.1", free.getLocalPort()); // nobody listens once closed
        }
        assertThatThrownBy(() -> client().connect(List.of(nobody))).isInstanceOf(NetException.class)
                .hasMessageContaining("cannot connect to any of");
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void closeLeavesNoClusterThreadRunning() throws Exception {
        Replica a = replica("a");
        Cluster cluster = Cluster.builder().client(client()).hedge(Duration.ofMillis(5)).connect(addresses(a));
        cluster.request(new Hello("x"), Greeting.class, SECONDS_10).join();
        cluster.close();
        assertThat(cluster.closeFuture()).isDone();
        assertThat(cluster.isOpen()).isFalse();
        assertThat(Thread.getAllStackTraces().keySet().stream().map(Thread::getName)
                .filter(n -> n.startsWith("strand-net-cluster")).collect(Collectors.toList())).isEmpty();
        assertThatThrownBy(() -> cluster.add(new InetSocketAddress("127.0.0.1", 1)))
                .isInstanceOf(IllegalStateException.class);
        CompletableFuture<Greeting> f = cluster.request(new Hello("x"), Greeting.class, SECONDS_10);
        assertThatThrownBy(f::join).hasCauseInstanceOf(NoEndpointAvailableException.class)
                .hasMessageContaining("cluster closed");
    }
}
