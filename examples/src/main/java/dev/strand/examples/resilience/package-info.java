/** Examples of the {@code resilience} module: retry with backoff, fallback, circuit breaker, timeout and bulkhead. */
package dev.strand.examples.resilience;
