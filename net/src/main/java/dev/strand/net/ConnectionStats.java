package dev.strand.net;

/**
 * A snapshot of one connection's counters. Each value is read separately, so a snapshot
 * taken while traffic flows is not atomic across fields.
 *
 * <p>Immutable (a record of final values), so it may be shared between threads.
 *
 * @param framesSent       frames written to the socket since the connection opened
 * @param framesReceived   frames read from the socket since the connection opened
 * @param queuedBytes      bytes encoded but not yet written to the socket
 * @param inFlightRequests requests sent on this connection still waiting for their reply
 * @param lateReplies      replies (or error replies) that arrived for no request waiting:
 *                         its deadline had passed, its caller cancelled it, or the id was never
 *                         sent; they were dropped
 */
public record ConnectionStats(long framesSent, long framesReceived, long queuedBytes, int inFlightRequests,
                              long lateReplies) {
}
