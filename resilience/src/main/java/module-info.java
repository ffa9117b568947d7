/**
 * Strand resilience: retry, backoff with jitter, fallback, circuit breaker, timeout, bulkhead
 * and their composition.
 */
module dev.strand.resilience {
    requires transitive dev.strand.core;

    exports dev.strand.resilience;
}
