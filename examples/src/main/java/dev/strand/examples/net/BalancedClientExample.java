package dev.strand.examples.net;

import dev.strand.examples.Example;
import dev.strand.net.Cluster;
import dev.strand.net.Codec;
import dev.strand.net.JsonCodec;
import dev.strand.net.NetClient;
import dev.strand.net.NetServer;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A client over three replicas ({@link Cluster}): requests spread by power of two choices; one
 * server is killed and its idempotent requests fail over; another is slowed and the balancer
 * moves away from it. Prints, round by round, where the requests went.
 */
public final class BalancedClientExample implements Example {

    /** The request: safe to send twice. */
    public record Lookup(String key) {
    }

    /** The reply, naming the server that answered. */
    public record Found(String key, String server) {
    }

    @Override
    public String name() {
        return "balanced-client";
    }

    @Override
    public String description() {
        return "a client over three replicas: one killed (failover), one slowed (p2c moves away)";
    }

    @Override
    public void run(PrintStream out) throws Exception {
        Codec codec = JsonCodec.builder().register("lookup", Lookup.class).register("found", Found.class).build();
        Map<String, AtomicLong> delayMillis = new TreeMap<>();
        List<NetServer> servers = new ArrayList<>();
        List<SocketAddress> addresses = new ArrayList<>();
        for (String name : List.of("a", "b", "c")) {
            AtomicLong delay = new AtomicLong(1);
            delayMillis.put(name, delay);
            NetServer server = NetServer.builder().codec(codec)
                    .onRequest(Lookup.class, (conn, req) -> {
                        Thread.sleep(delay.get()); // the server's own work: 1 ms, or 20 ms once slowed
                        return new Found(req.key(), name);
                    })
                    .bind(new InetSocketAddress("127.0.0.1", 0));
            servers.add(server);
            addresses.add(new InetSocketAddress("127.0.0.1", server.port()));
        }
        try (Cluster cluster = Cluster.builder()
                .client(NetClient.builder().codec(codec).build())
                .idempotent(Lookup.class)                     // a failed lookup may be retried elsewhere
                .connect(addresses)) {
            round(out, cluster, "all three up", () -> { });
            round(out, cluster, "b killed", servers.get(1)::close); // mid-round, requests in flight
            delayMillis.get("c").set(20);
            round(out, cluster, "c 20x slower", () -> { });
            round(out, cluster, "c still slow", () -> { });
            for (Cluster.EndpointStats s : cluster.endpoints()) {
                out.printf("  %s connected=%s in-flight=%d latency-ewma=%.1f ms ejected=%s%n", s.address(),
                        s.connected(), s.inFlight(), s.latencyEwma().toNanos() / 1e6, s.ejected());
            }
            out.println("  " + cluster.callStats());
        } finally {
            for (NetServer s : servers) {
                s.close();
            }
        }
    }

    /**
     * Sends 240 lookups, 8 at a time, runs {@code midway} while the 11th batch is in flight, and
     * prints which server answered how many.
     */
    private static void round(PrintStream out, Cluster cluster, String title, Runnable midway) {
        Map<String, Integer> byServer = new TreeMap<>();
        int failed = 0;
        for (int batch = 0; batch < 30; batch++) {
            List<CompletableFuture<Found>> window = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                window.add(cluster.request(new Lookup("k" + i), Found.class, Duration.ofSeconds(5)));
            }
            if (batch == 10) {
                midway.run();
            }
            for (CompletableFuture<Found> f : window) {
                try {
                    byServer.merge(f.join().server(), 1, Integer::sum);
                } catch (CompletionException e) {
                    failed++;
                }
            }
        }
        out.printf("%-15s answered by %s, %d failed%n", title + ":", byServer, failed);
    }
}
