package dev.strand.net;

import dev.strand.core.Ticker;
import java.util.concurrent.atomic.AtomicLong;

/**
 * How many retries and hedged copies a {@link Cluster} may still send: a token bucket in the
 * manner of Finagle's retry budget and gRPC's retry throttling.
 *
 * <p>Each request deposits {@code ratio} of a token (deposits are capped at
 * {@code ratio * 1000} tokens, so a long healthy spell does not save up a storm for the next
 * outage); each retry or hedge withdraws one whole token. When the deposits are spent, a
 * reserve of {@code minPerSecond} tokens, refilled at {@code minPerSecond} per second of the
 * ticker, lets a quiet client still retry. So over any stretch of time, retries and hedges are
 * at most {@code ratio * requests + ratio * 1000 + minPerSecond * (1 + seconds)}: a total outage
 * cannot multiply the load.
 *
 * <p>Thread-safe: deposits are a lock-free add with a cap; the reserve, used only when the
 * deposits are spent, is guarded by this object's lock.
 */
final class RetryBudget {

    /** Tokens are counted in thousandths, so that a ratio of 0.1 deposits exactly 100. */
    private static final long UNIT = 1000;

    private final long perRequest;
    private final long cap;
    private final long reservePerSecond;
    private final Ticker ticker;
    private final AtomicLong deposits = new AtomicLong();
    /** Guarded by this. In thousandths of a token. */
    private long reserve;
    /** Guarded by this. The ticker's reading when the reserve was last refilled. */
    private long refilledAt;

    RetryBudget(double ratio, int minPerSecond, Ticker ticker) {
        this.perRequest = Math.round(ratio * UNIT);
        this.cap = Math.round(ratio * 1000 * UNIT);
        this.reservePerSecond = minPerSecond * UNIT;
        this.ticker = ticker;
        this.reserve = reservePerSecond;
        this.refilledAt = ticker.nanoTime();
    }

    /** One request was made: it earns {@code ratio} of a retry. */
    void deposit() {
        if (perRequest == 0) {
            return;
        }
        long d;
        do {
            d = deposits.get();
            if (d >= cap) {
                return;
            }
        } while (!deposits.compareAndSet(d, Math.min(cap, d + perRequest)));
    }

    /**
     * Takes one token for a retry or a hedge.
     *
     * @return false if the budget is spent (the retry must not be made)
     */
    boolean tryWithdraw() {
        long d;
        while ((d = deposits.get()) >= UNIT) {
            if (deposits.compareAndSet(d, d - UNIT)) {
                return true;
            }
        }
        return fromReserve();
    }

    private synchronized boolean fromReserve() {
        long now = ticker.nanoTime();
        long elapsed = now - refilledAt;
        if (elapsed > 0 && reservePerSecond > 0) {
            // elapsed nanos * (tokens per second) / 1e9, without overflow for any sane elapsed time
            long refill = (long) (elapsed * (reservePerSecond / 1e9));
            if (refill > 0) {
                reserve = Math.min(reservePerSecond, reserve + refill);
                refilledAt = now;
            }
        }
        if (reserve >= UNIT) {
            reserve -= UNIT;
            return true;
        }
        return false;
    }
}
