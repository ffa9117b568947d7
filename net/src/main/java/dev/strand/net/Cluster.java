package dev.strand.net;

import dev.strand.core.Ticker;
import dev.strand.core.internal.Checks;
import dev.strand.resilience.Backoff;
import dev.strand.resilience.CircuitBreaker;
import dev.strand.resilience.Jitter;
import java.lang.System.Logger.Level;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * A client over replicas that behaves as one {@link Connection}: each request goes to one of
 * several servers, chosen by load; a server that fails is ejected and probed back; an
 * idempotent request that fails on one server is retried on another.
 *
 * <pre>{@code
 * try (Cluster cluster = Cluster.builder()
 *         .client(NetClient.builder().codec(codec).build())
 *         .idempotent(Hello.class)                         // safe to send twice
 *         .hedge(Duration.ofMillis(20))                    // optional: a second copy after 20 ms
 *         .connect(List.of(addressA, addressB, addressC))) {
 *     Greeting g = cluster.request(new Hello("world"), Greeting.class, Duration.ofSeconds(2)).join();
 *     cluster.add(addressD);                               // endpoints change at runtime
 *     cluster.endpoints().forEach(System.out::println);    // in flight, latency, ejected
 * }
 * }</pre>
 *
 * <h2>Balancing</h2>
 * {@link Balancing#POWER_OF_TWO_CHOICES} (the default, as in Finagle and tower) draws two
 * endpoints at random and sends to the one with less load: its outstanding requests, weighted
 * by its latency estimate ({@code ewma * (inFlight + 1)}, tower's and Finagle's peak-EWMA cost;
 * with equal latencies it is plain least-outstanding). {@link Balancing#ROUND_ROBIN} takes the
 * endpoints in turn. Either way, only connected endpoints whose circuit breaker permits the
 * call are used.
 *
 * <h2>Endpoints</h2>
 * {@link #add} and {@link #remove} change the set at runtime. Each endpoint has its own
 * connection, made with the {@link NetClient} given to the builder; a connection that cannot be
 * made, or is lost, is made again after {@link Builder#reconnect} delays (attempt 1, 2, ...),
 * until it succeeds or the endpoint is removed. A removed endpoint takes no new requests and
 * is closed once its requests in flight have completed (or after the client's close timeout).
 *
 * <h2>Outlier ejection</h2>
 * Each endpoint has a {@link CircuitBreaker} (see {@link Builder#breakers}) that records every
 * attempt sent to it: its outcome and its latency. When the breaker opens, the endpoint is
 * ejected: no request goes to it. After the breaker's open duration a trial request is let
 * through (HALF_OPEN), and the endpoint is admitted again when the trials succeed, as in gRPC's
 * outlier detection (A50). A breaker with a slow-call rule ejects slow endpoints too.
 *
 * <p>Ejection is capped, as A50's {@code max_ejection_percent}: at most
 * {@link Builder#maxEjectionPercent} of the endpoints (50 % by default, rounded down) are
 * ejected at once, and never all of them. A breaker that opens beyond the cap is reset at once
 * (its endpoint stays in, with a fresh window), so a fault that hits most replicas, or a
 * breaker set too tight, cannot take the whole cluster out; the endpoints ejected first stay
 * out until their breakers admit them again.
 *
 * <h2>Failover, retry budget and hedging</h2>
 * A request is <em>idempotent</em> when {@link Builder#idempotent} says so, or when it is sent
 * with {@link #request(Object, Class, Duration, boolean)}. Only idempotent requests are ever
 * sent twice. When one fails with a retryable failure (a {@link ConnectionLostException}, a
 * {@link BackpressureException}, a {@link LimitExceededException}, a {@link RemoteException}
 * {@code shutting-down}, or what {@link Builder#retryOn} adds), it is sent again to an endpoint
 * it has not tried, up to {@link Builder#maxAttempts} in all and within the caller's one
 * deadline. Every retry and every hedged copy draws from a {@linkplain Builder#retryBudget
 * retry budget}: retries stay within a ratio of the requests (10 % by default) plus a small
 * reserve, so a total outage cannot multiply the load. With {@link Builder#hedge} (a fixed
 * delay) or {@link Builder#hedgeAtPercentile} (a percentile of recent latencies), an
 * idempotent request still unanswered after the hedge delay is sent a second time to another
 * endpoint; the first reply wins and the other attempt is cancelled: its endpoint is sent a
 * {@code $cancel} frame, so a copy still waiting there for a handler thread never runs (one
 * already running finishes, and its reply is dropped as late). Cancelling the caller's future
 * cancels every attempt the same way. A request that is not idempotent is sent once: its failure is the
 * caller's.
 *
 * <p>When the attempts are spent, the caller's future fails with the last attempt's failure,
 * the earlier ones attached as suppressed. With no endpoint to send to, it fails with
 * {@link NoEndpointAvailableException}, whose message counts the endpoints by state.
 *
 * <h2>Threads</h2>
 * Thread-safe; no method blocks except {@link Builder#connect} and {@link #close()}. A cluster
 * owns one timer thread (reconnect delays, hedges) and starts connect threads on demand
 * ({@code strand-net-cluster-*}); {@link #close()} stops them all. Futures complete on the
 * endpoints' I/O threads, as {@link Connection}'s do. Time (latencies, deadlines, the budget's
 * reserve) is read from the builder's {@link Builder#ticker ticker}; the endpoints' breakers
 * read their own.
 */
public final class Cluster implements Connection {

    /** How a cluster chooses the endpoint for each request. */
    public enum Balancing {
        /** Two endpoints drawn at random, the less loaded one used (the default). */
        POWER_OF_TWO_CHOICES,
        /** The endpoints in turn. */
        ROUND_ROBIN
    }

    /**
     * A snapshot of one endpoint. Each value is read separately, so a snapshot taken while
     * requests flow is not atomic across fields.
     *
     * <p>Immutable (a record of final values), so it may be shared between threads.
     *
     * @param address      the endpoint's address
     * @param connected    whether its connection is open
     * @param inFlight     attempts sent to it still waiting for their reply
     * @param latencyEwma  its latency estimate (see {@link Cluster}), zero until it has answered a
     *                     few (warm-up) requests
     * @param ejected      whether its circuit breaker keeps requests away (open or half-open)
     * @param breakerState its circuit breaker's state
     * @param attempts     attempts sent to it since it joined
     * @param failures     attempts that failed among them
     */
    public record EndpointStats(SocketAddress address, boolean connected, int inFlight, Duration latencyEwma,
                                boolean ejected, CircuitBreaker.State breakerState, long attempts,
                                long failures) {
    }

    /**
     * A snapshot of the cluster's request counters, since it was built.
     *
     * <p>Immutable (a record of final values), so it may be shared between threads.
     *
     * @param requests         requests made through {@link #request}
     * @param attempts         attempts sent to endpoints (first tries, retries and hedges)
     * @param retries          attempts made because an earlier one failed
     * @param hedges           second copies sent because the first was slow
     * @param budgetRefusals   retries or hedges not made because the retry budget was spent
     */
    public record CallStats(long requests, long attempts, long retries, long hedges, long budgetRefusals) {
    }

    private static final System.Logger LOG = System.getLogger("dev.strand.net");

    private final NetClient client;
    private final Balancing balancing;
    private final Backoff reconnect;
    private final Function<? super SocketAddress, CircuitBreaker> breakers;
    private final Predicate<Object> idempotent;
    private final Predicate<? super Throwable> retryOn;
    final int maxAttempts;
    /** The hedge delay, or null when requests are not hedged. */
    final LatencyWindow hedgeDelay;
    final Ticker ticker;
    final RetryBudget budget;
    private final Duration closeTimeout;
    private final EjectionCap ejectionCap;
    /** Whether the hedge delay is fixed (else it follows a percentile of recent latencies). */
    final boolean fixedHedge;

    private final Object lock = new Object();
    /** Replaced, never changed in place, under {@code lock}; read without it. */
    private volatile ClusterEndpoint[] endpoints = new ClusterEndpoint[0];
    private final Balancer balancer;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final CompletableFuture<Void> closeFuture = new CompletableFuture<>();
    private final Set<Thread> threads = ConcurrentHashMap.newKeySet();
    final ScheduledThreadPoolExecutor timer;
    private final ExecutorService connector;

    final LongAdder requests = new LongAdder();
    final LongAdder attempts = new LongAdder();
    final LongAdder retries = new LongAdder();
    final LongAdder hedges = new LongAdder();
    final LongAdder budgetRefusals = new LongAdder();

    private Cluster(Builder b) {
        this.client = Objects.requireNonNull(b.client, "client (call client(...))");
        this.balancing = b.balancing;
        this.balancer = new Balancer(b.balancing, b.ticker);
        this.reconnect = b.reconnect;
        this.ticker = b.ticker;
        this.breakers = b.breakers != null ? b.breakers : address -> defaultBreaker(address, b.ticker);
        this.idempotent = b.idempotent;
        this.retryOn = b.retryOn;
        this.maxAttempts = b.maxAttempts;
        this.hedgeDelay = b.hedgeNanos == 0 ? null
                : new LatencyWindow(b.hedgePercentile > 0 ? b.hedgePercentile : 1, b.hedgeNanos);
        this.fixedHedge = b.hedgePercentile == 0;
        this.budget = new RetryBudget(b.budgetRatio, b.budgetMinPerSecond, b.ticker);
        this.ejectionCap = new EjectionCap(lock, () -> endpoints, b.maxEjectionPercent);
        this.closeTimeout = client.closeTimeout();
        AtomicInteger ids = new AtomicInteger();
        this.timer = new ScheduledThreadPoolExecutor(1, r -> thread(r, "strand-net-cluster-timer-" + ids.incrementAndGet()));
        timer.setRemoveOnCancelPolicy(true);
        this.connector = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 10, TimeUnit.SECONDS, new SynchronousQueue<>(),
                r -> thread(r, "strand-net-cluster-connect-" + ids.incrementAndGet()));
    }

    private Thread thread(Runnable r, String name) {
        Thread t = new Thread(() -> {
            try {
                r.run();
            } finally {
                threads.remove(Thread.currentThread());
            }
        }, name);
        t.setDaemon(true);
        threads.add(t);
        return t;
    }

    /**
     * The breaker each endpoint gets unless {@link Builder#breakers} says otherwise: it opens
     * when half of the last 20 attempts (at least 10) failed, stays open 10 s, then lets one
     * trial through; a {@link NetException} or a timeout is a failure, a cancelled hedge is not
     * counted.
     */
    static CircuitBreaker defaultBreaker(SocketAddress address, Ticker ticker) {
        return CircuitBreaker.builder().name("endpoint " + address).slidingWindow(20).minimumCalls(10)
                .failureRateThreshold(0.5).openDuration(Duration.ofSeconds(10)).halfOpenPermits(1)
                .recordOn(NetException.class, TimeoutException.class).ticker(ticker).build();
    }

    /**
     * Returns a new builder.
     *
     * @return a builder with the defaults
     */
    public static Builder builder() {
        return new Builder();
    }

    // ------------------------------------------------------------------------------ endpoints

    /**
     * Adds an endpoint and starts connecting to it in the background; it takes requests once
     * connected.
     *
     * @param address the server's address; not null
     * @return false if the cluster already has this address
     * @throws NullPointerException  if {@code address} is null
     * @throws IllegalStateException if the cluster is closed
     */
    public boolean add(SocketAddress address) {
        return add(address, null) != null;
    }

    private ClusterEndpoint add(SocketAddress address, CountDownLatch firstAttempt) {
        Objects.requireNonNull(address, "address");
        ClusterEndpoint e;
        synchronized (lock) {
            if (closed.get()) {
                throw new IllegalStateException("cluster is closed");
            }
            for (ClusterEndpoint x : endpoints) {
                if (x.address.equals(address)) {
                    return null;
                }
            }
            CircuitBreaker breaker = Objects.requireNonNull(breakers.apply(address), "breakers returned null");
            e = new ClusterEndpoint(address, breaker, ticker);
            ClusterEndpoint[] grown = Arrays.copyOf(endpoints, endpoints.length + 1);
            grown[grown.length - 1] = e;
            endpoints = grown;
        }
        ejectionCap.watch(e);
        connectLater(e, firstAttempt);
        return e;
    }

    /**
     * Removes an endpoint: it takes no new request, and its connection is closed once the
     * requests in flight on it have completed (or after the client's close timeout).
     *
     * @param address the address given to {@link #add} or {@link Builder#connect}; not null
     * @return false if the cluster has no such endpoint
     * @throws NullPointerException if {@code address} is null
     */
    public boolean remove(SocketAddress address) {
        Objects.requireNonNull(address, "address");
        ClusterEndpoint gone = null;
        synchronized (lock) {
            List<ClusterEndpoint> kept = new ArrayList<>(endpoints.length);
            for (ClusterEndpoint x : endpoints) {
                if (gone == null && x.address.equals(address)) {
                    gone = x;
                } else {
                    kept.add(x);
                }
            }
            if (gone == null) {
                return false;
            }
            gone.removed = true;
            endpoints = kept.toArray(new ClusterEndpoint[0]);
        }
        ejectionCap.enforce(); // fewer endpoints, fewer may be out
        ClusterEndpoint e = gone;
        if (e.inFlight.get() == 0) {
            closeEndpoint(e);
        } else {
            schedule(() -> closeEndpoint(e), closeTimeout.toNanos());
        }
        return true;
    }

    /**
     * Returns a snapshot of every endpoint, in the order they were added.
     *
     * @return one entry per endpoint
     */
    public List<EndpointStats> endpoints() {
        long now = ticker.nanoTime();
        List<EndpointStats> out = new ArrayList<>();
        for (ClusterEndpoint e : endpoints) {
            out.add(new EndpointStats(e.address, e.usable(), e.inFlight.get(),
                    Duration.ofNanos((long) e.latencyNanos(now)), e.ejected(), e.breaker.state(),
                    e.attempts.sum(), e.failures.sum()));
        }
        return out;
    }

    /**
     * Returns the cluster's request counters.
     *
     * @return a snapshot
     */
    public CallStats callStats() {
        return new CallStats(requests.sum(), attempts.sum(), retries.sum(), hedges.sum(), budgetRefusals.sum());
    }

    private void connectLater(ClusterEndpoint e, CountDownLatch firstAttempt) {
        try {
            connector.execute(() -> connect(e, firstAttempt));
        } catch (RejectedExecutionException closing) {
            if (firstAttempt != null) {
                firstAttempt.countDown();
            }
        }
    }

    /** Runs on a connect thread: one blocking attempt, then the next one scheduled on failure. */
    private void connect(ClusterEndpoint e, CountDownLatch firstAttempt) {
        try {
            if (closed.get() || e.removed) {
                return;
            }
            Connection c;
            try {
                c = client.connect(e.address);
            } catch (NetException failed) {
                LOG.log(Level.DEBUG, () -> "strand-net: cluster cannot connect to " + e.address + ": "
                        + failed.getMessage());
                reconnectLater(e);
                return;
            } catch (InterruptedException interrupted) {
                return; // the cluster is closing: its threads are interrupted
            }
            boolean published = false;
            synchronized (lock) {
                if (!closed.get() && !e.removed) {
                    e.connection = c;
                    e.reconnectAttempt = 0;
                    published = true;
                }
            }
            if (!published) {
                c.close(); // closed or removed meanwhile
                return;
            }
            Connection opened = c;
            opened.closeFuture().thenRun(() -> lost(e, opened));
        } finally {
            if (firstAttempt != null) {
                firstAttempt.countDown();
            }
        }
    }

    /** The connection of {@code e} ended. */
    private void lost(ClusterEndpoint e, Connection c) {
        synchronized (lock) {
            if (e.connection != c) {
                return;
            }
            e.connection = null;
        }
        LOG.log(Level.DEBUG, () -> "strand-net: cluster lost " + e.address);
        try {
            connector.execute(c::close); // releases its resources; never on the I/O thread that ran this
        } catch (RejectedExecutionException closing) {
            return;
        }
        reconnectLater(e);
    }

    private void reconnectLater(ClusterEndpoint e) {
        if (closed.get() || e.removed) {
            return;
        }
        int attempt;
        synchronized (lock) {
            attempt = e.reconnectAttempt == Integer.MAX_VALUE ? Integer.MAX_VALUE : ++e.reconnectAttempt;
        }
        Duration delay = reconnect.delay(attempt, ThreadLocalRandom.current());
        schedule(() -> connectLater(e, null), delay.toNanos());
    }

    private void closeEndpoint(ClusterEndpoint e) {
        Connection c;
        synchronized (lock) {
            c = e.connection;
            e.connection = null;
        }
        if (c != null) {
            c.close();
        }
    }

    /** Runs {@code task} on the timer after {@code nanos}; nothing once closed. */
    void schedule(Runnable task, long nanos) {
        try {
            timer.schedule(task, nanos, TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException closing) {
            // closed: nothing more to do
        }
    }

    // ------------------------------------------------------------------------------ choosing

    /**
     * Chooses an endpoint not in {@code tried} whose breaker permits a call (the permit is
     * taken), or null.
     */
    ClusterEndpoint pick(List<ClusterEndpoint> tried) {
        return balancer.pick(endpoints, tried);
    }

    /** The exception for "nothing to send to", counting the endpoints by state. */
    NoEndpointAvailableException noEndpoint(Object undelivered, int tried) {
        int total = 0;
        int down = 0;
        int ejected = 0;
        for (ClusterEndpoint e : endpoints) {
            total++;
            if (!e.usable()) {
                down++;
            } else if (e.ejected()) {
                ejected++;
            }
        }
        String state = closed.get() ? "cluster closed" : "no endpoint available: " + total + " endpoint"
                + (total == 1 ? "" : "s") + ", " + down + " not connected, " + ejected + " ejected"
                + (tried > 0 ? ", " + tried + " already tried" : "");
        return new NoEndpointAvailableException(state, undelivered);
    }

    boolean retryable(Throwable failure) {
        if (failure instanceof ConnectionLostException || failure instanceof BackpressureException
                || failure instanceof LimitExceededException) {
            return true;
        }
        if (failure instanceof RemoteException r && RemoteException.SHUTTING_DOWN.equals(r.code())) {
            return true;
        }
        return retryOn != null && retryOn.test(failure);
    }

    void endpointDone(ClusterEndpoint e) {
        if (e.inFlight.decrementAndGet() == 0 && e.removed) {
            closeEndpoint(e);
        }
    }

    // ------------------------------------------------------------------------------ Connection

    /**
     * {@inheritDoc}
     *
     * <p>The message goes to one endpoint chosen as requests are; it is never sent twice.
     * With no endpoint to send to, the future fails with {@link NoEndpointAvailableException}.
     */
    @Override
    public CompletableFuture<Void> send(Object message) {
        Objects.requireNonNull(message, "message");
        ClusterEndpoint e = pick(null);
        if (e == null) {
            return CompletableFuture.failedFuture(noEndpoint(message, 0));
        }
        e.breaker.releasePermit(); // a message has no reply: nothing to record
        Connection c = e.connection;
        if (c == null) {
            return CompletableFuture.failedFuture(noEndpoint(message, 0));
        }
        return c.send(message);
    }

    /**
     * {@inheritDoc}
     *
     * <p>The request is idempotent (may be retried or hedged) when {@link Builder#idempotent}
     * says so. The deadline covers every attempt.
     */
    @Override
    public <R> CompletableFuture<R> request(Object request, Class<R> replyType, Duration timeout) {
        Objects.requireNonNull(request, "request");
        return request(request, replyType, timeout, idempotent.test(request));
    }

    /**
     * Sends a request, saying for this call whether it is idempotent: whether it may be retried
     * on another endpoint after a failure, and hedged. Otherwise as
     * {@link #request(Object, Class, Duration)}.
     *
     * @param request    an instance of a type registered with the codec; not null
     * @param replyType  the class the reply must be; not null
     * @param timeout    the deadline for all attempts, measured from now; positive
     * @param idempotent whether sending it twice is safe
     * @param <R>        the reply type
     * @return completes with the first reply; fails as described in {@link Cluster}
     * @throws NullPointerException     if an argument is null
     * @throws IllegalArgumentException if {@code timeout} is not positive or the request's type is
     *                                  not registered
     */
    public <R> CompletableFuture<R> request(Object request, Class<R> replyType, Duration timeout,
                                            boolean idempotent) {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(replyType, "replyType");
        Checks.positive(timeout, "timeout");
        requests.increment();
        budget.deposit();
        return new ClusterCall<>(this, request, replyType, timeout, idempotent).start();
    }

    /**
     * Returns whether the cluster is not closed and at least one endpoint is connected.
     *
     * @return true if a request now would be sent
     */
    @Override
    public boolean isOpen() {
        if (closed.get()) {
            return false;
        }
        for (ClusterEndpoint e : endpoints) {
            if (e.usable()) {
                return true;
            }
        }
        return false;
    }

    /**
     * A cluster has no single peer.
     *
     * @return null; see {@link #endpoints()}
     */
    @Override
    public SocketAddress remoteAddress() {
        return null;
    }

    /**
     * A cluster has no single local address.
     *
     * @return null
     */
    @Override
    public SocketAddress localAddress() {
        return null;
    }

    /**
     * Returns the counters of the endpoints' current connections, added up.
     *
     * @return the sums
     */
    @Override
    public ConnectionStats stats() {
        long sent = 0;
        long received = 0;
        long queued = 0;
        int inFlight = 0;
        long late = 0;
        for (ClusterEndpoint e : endpoints) {
            Connection c = e.connection;
            if (c != null) {
                ConnectionStats s = c.stats();
                sent += s.framesSent();
                received += s.framesReceived();
                queued += s.queuedBytes();
                inFlight += s.inFlightRequests();
                late += s.lateReplies();
            }
        }
        return new ConnectionStats(sent, received, queued, inFlight, late);
    }

    @Override
    public CompletableFuture<Void> closeFuture() {
        return closeFuture;
    }

    /**
     * Closes every endpoint's connection (requests still waiting fail with
     * {@link ConnectionLostException}), stops reconnecting and hedging, and waits up to the
     * client's close timeout for the cluster's threads to end (not when called from one of
     * them). Idempotent.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        ClusterEndpoint[] all;
        synchronized (lock) {
            all = endpoints;
            endpoints = new ClusterEndpoint[0];
        }
        timer.shutdownNow();
        connector.shutdownNow();
        for (ClusterEndpoint e : all) {
            e.removed = true;
            closeEndpoint(e);
        }
        if (!threads.contains(Thread.currentThread())) {
            Ticker clock = Ticker.system(); // bounds a wait; the cluster's ticker may be a test's frozen one
            long deadline = clock.nanoTime() + closeTimeout.toNanos();
            boolean interrupted = false;
            for (Thread t : threads) {
                long left = deadline - clock.nanoTime();
                if (left <= 0) {
                    break;
                }
                try {
                    t.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
                } catch (InterruptedException ie) {
                    interrupted = true;
                    break;
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
        closeFuture.complete(null);
    }

    @Override
    public String toString() {
        return "Cluster[" + endpoints.length + " endpoints, " + balancing + (closed.get() ? ", closed" : "") + "]";
    }

    /**
     * Configures a {@link Cluster}; not thread-safe. Only {@link #client} is required.
     */
    public static final class Builder {

        private NetClient client;
        private Balancing balancing = Balancing.POWER_OF_TWO_CHOICES;
        private Backoff reconnect = Backoff.exponential(Duration.ofMillis(100)).maxDelay(Duration.ofSeconds(5))
                .jitter(Jitter.EQUAL);
        private Function<? super SocketAddress, CircuitBreaker> breakers;
        private Predicate<Object> idempotent = request -> false;
        private Predicate<? super Throwable> retryOn;
        private int maxAttempts = 3;
        private long hedgeNanos;
        private double hedgePercentile;
        private double budgetRatio = 0.1;
        private int budgetMinPerSecond = 10;
        private int maxEjectionPercent = 50;
        private Ticker ticker = Ticker.system();

        private Builder() {
        }

        /**
         * Sets the client each endpoint's connection is made with (codec, TLS, limits,
         * timeouts, handlers of what the servers push); required. Build it without a reconnect
         * policy: the cluster reconnects lost endpoints itself, with {@link #reconnect}. (A
         * client with one reconnects its own socket instead, and the endpoint counts as down
         * meanwhile.)
         *
         * @param client not null
         * @return this builder
         */
        public Builder client(NetClient client) {
            this.client = Objects.requireNonNull(client, "client");
            return this;
        }

        /**
         * Sets how an endpoint is chosen (default {@link Balancing#POWER_OF_TWO_CHOICES}).
         *
         * @param balancing not null
         * @return this builder
         */
        public Builder balancing(Balancing balancing) {
            this.balancing = Objects.requireNonNull(balancing, "balancing");
            return this;
        }

        /**
         * Sets the delays before each new attempt to connect an endpoint that is down
         * (default: exponential from 100 ms, at most 5 s, equal jitter).
         *
         * @param backoff not null
         * @return this builder
         */
        public Builder reconnect(Backoff backoff) {
            this.reconnect = Objects.requireNonNull(backoff, "backoff");
            return this;
        }

        /**
         * Sets the factory of each endpoint's circuit breaker, called once per endpoint added.
         * Default: opens at a failure rate of 50 % over the last 20 attempts (at least 10),
         * stays open 10 s, one trial; {@link NetException}s and timeouts count as failures; it
         * reads the cluster's ticker. Give the breakers a slow-call rule to eject slow
         * endpoints too.
         *
         * @param breakers returns a new breaker for an address; not null
         * @return this builder
         */
        public Builder breakers(Function<? super SocketAddress, CircuitBreaker> breakers) {
            this.breakers = Objects.requireNonNull(breakers, "breakers");
            return this;
        }

        /**
         * Marks requests of these types as idempotent: safe to retry elsewhere and to hedge.
         * Adds to earlier calls. Default: no request is.
         *
         * @param types request types; not null, no null element
         * @return this builder
         */
        public Builder idempotent(Class<?>... types) {
            Objects.requireNonNull(types, "types");
            Set<Class<?>> set = new LinkedHashSet<>();
            for (Class<?> t : types) {
                set.add(Objects.requireNonNull(t, "types[i]"));
            }
            return idempotentIf(request -> set.contains(request.getClass()));
        }

        /**
         * Marks the requests {@code predicate} accepts as idempotent. Adds to earlier calls.
         *
         * @param predicate called with each request; not null
         * @return this builder
         */
        public Builder idempotentIf(Predicate<Object> predicate) {
            Objects.requireNonNull(predicate, "predicate");
            Predicate<Object> before = idempotent;
            this.idempotent = request -> before.test(request) || predicate.test(request);
            return this;
        }

        /**
         * Adds failures after which an idempotent request is retried on another endpoint,
         * besides the defaults (a lost connection, backpressure, a limit, a server shutting
         * down); e.g. {@code e -> e instanceof RemoteException}.
         *
         * @param predicate not null
         * @return this builder
         */
        public Builder retryOn(Predicate<? super Throwable> predicate) {
            this.retryOn = Objects.requireNonNull(predicate, "predicate");
            return this;
        }

        /**
         * Sets how many endpoints one idempotent request may be sent to, first try, retries
         * and hedge included (default 3).
         *
         * @param maxAttempts at least 1
         * @return this builder
         * @throws IllegalArgumentException if below 1
         */
        public Builder maxAttempts(int maxAttempts) {
            this.maxAttempts = Checks.positive(maxAttempts, "maxAttempts");
            return this;
        }

        /**
         * Sends an idempotent request a second time, to another endpoint, when it is still
         * unanswered after {@code delay} (pick about the p95 latency, or see
         * {@link #hedgeAtPercentile}); the first reply wins. Default: no hedging.
         *
         * @param delay positive
         * @return this builder
         * @throws IllegalArgumentException if not positive
         */
        public Builder hedge(Duration delay) {
            this.hedgeNanos = Checks.positive(delay, "delay").toNanos();
            this.hedgePercentile = 0;
            return this;
        }

        /**
         * Hedges idempotent requests (as {@link #hedge(Duration)}) after a delay that follows
         * the cluster's recent reply latencies: their {@code percentile} (e.g. 0.95 for the
         * p95), over the last 1024 replies, recomputed every 128; {@code initialDelay} until 128
         * replies are known.
         *
         * @param percentile   in (0, 1)
         * @param initialDelay positive
         * @return this builder
         * @throws IllegalArgumentException if out of range
         */
        public Builder hedgeAtPercentile(double percentile, Duration initialDelay) {
            if (!(percentile > 0 && percentile < 1)) {
                throw new IllegalArgumentException("percentile must be in (0, 1), was " + percentile);
            }
            this.hedgeNanos = Checks.positive(initialDelay, "initialDelay").toNanos();
            this.hedgePercentile = percentile;
            return this;
        }

        /**
         * Sets the retry budget: each request earns {@code ratio} of a retry (capped at
         * {@code ratio * 1000} saved), and a reserve of {@code minRetriesPerSecond}, refilled at
         * that rate, lets a quiet client retry too. Retries and hedges both spend it. Default
         * 0.1 and 10.
         *
         * @param ratio               in [0, 1]
         * @param minRetriesPerSecond not negative
         * @return this builder
         * @throws IllegalArgumentException if out of range
         */
        public Builder retryBudget(double ratio, int minRetriesPerSecond) {
            if (!(ratio >= 0 && ratio <= 1)) {
                throw new IllegalArgumentException("ratio must be in [0, 1], was " + ratio);
            }
            this.budgetMinPerSecond = Checks.nonNegative(minRetriesPerSecond, "minRetriesPerSecond");
            this.budgetRatio = ratio;
            return this;
        }

        /**
         * Caps outlier ejection, as gRPC's {@code max_ejection_percent}: at most
         * {@code percent} % of the endpoints (rounded down) are ejected at once, and never all
         * of them (default 50: with 2 or 3 endpoints one may be out, with 4 two). A breaker
         * that opens beyond the cap is reset at once, so its endpoint stays in. 0 turns
         * ejection off.
         *
         * @param percent in [0, 100]
         * @return this builder
         * @throws IllegalArgumentException if out of range
         */
        public Builder maxEjectionPercent(int percent) {
            this.maxEjectionPercent = Checks.inRange(percent, 0, 100, "maxEjectionPercent");
            return this;
        }

        /**
         * Sets the time source of latencies, deadlines and the budget's reserve (default the
         * system ticker).
         *
         * @param ticker not null
         * @return this builder
         */
        public Builder ticker(Ticker ticker) {
            this.ticker = Objects.requireNonNull(ticker, "ticker");
            return this;
        }

        /**
         * Builds the cluster and connects to every address at once, returning when each first
         * attempt has succeeded or failed. An endpoint that could not be reached keeps being
         * retried in the background.
         *
         * @param addresses the servers; not null, not empty, no null element
         * @return the cluster; the caller must close it
         * @throws NullPointerException     if no client was set, or an address is null
         * @throws IllegalArgumentException if {@code addresses} is empty
         * @throws NetException             if no endpoint could be connected (nothing is left open)
         * @throws InterruptedException     if interrupted while connecting (nothing is left open)
         */
        public Cluster connect(List<? extends SocketAddress> addresses) throws InterruptedException {
            Objects.requireNonNull(addresses, "addresses");
            if (addresses.isEmpty()) {
                throw new IllegalArgumentException("addresses must not be empty");
            }
            for (SocketAddress a : addresses) {
                Objects.requireNonNull(a, "addresses[i]");
            }
            Cluster cluster = new Cluster(this);
            CountDownLatch first = new CountDownLatch(addresses.size());
            try {
                for (SocketAddress a : addresses) {
                    if (cluster.add(a, first) == null) {
                        first.countDown(); // a duplicate
                    }
                }
                first.await();
            } catch (InterruptedException e) {
                cluster.close();
                Thread.currentThread().interrupt();
                throw e;
            }
            if (!cluster.isOpen()) {
                cluster.close();
                throw new NetException("cannot connect to any of " + addresses);
            }
            return cluster;
        }
    }
}
