/**
 * Micrometer meters for Strand: bind a policy, a channel or a net endpoint to a
 * {@code MeterRegistry} and scrape it as any other meter.
 *
 * <ul>
 *   <li>{@link dev.strand.micrometer.ResilienceMetrics}: circuit breakers, retries,
 *       bulkheads.</li>
 *   <li>{@link dev.strand.micrometer.NetMetrics}: servers (connections) and connections
 *       (frames, queued bytes, requests in flight, request latency).</li>
 *   <li>{@link dev.strand.micrometer.ChannelMetrics}: channels (sent, received, depth).</li>
 * </ul>
 *
 * <p>Every Strand module is optional for this one: bind only what the application has. The
 * other Strand modules depend on no metrics library; without this module they pay nothing.
 */
package dev.strand.micrometer;
