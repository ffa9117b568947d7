/**
 * Strand Micrometer: meters for Strand's circuit breakers, retries, bulkheads, channels and net
 * endpoints. Optional: the other Strand modules depend on no metrics library. Each Strand
 * module is a static dependency here, so only the modules an application uses need be present.
 */
// micrometer.core is an automatic module (its jar has no descriptor): expected, not a defect.
@SuppressWarnings({"requires-automatic", "requires-transitive-automatic"})
module dev.strand.micrometer {
    requires transitive micrometer.core;
    requires static transitive dev.strand.channels;
    requires static transitive dev.strand.resilience;
    requires static transitive dev.strand.net;

    exports dev.strand.micrometer;
}
