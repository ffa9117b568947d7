/**
 * A user's program, built as a named module against the published Strand jars: it compiles
 * only if each jar's module-info exports what a user needs. Its message records are read by
 * Jackson through reflection, so their package is opened to it.
 */
module dev.strand.consumer {
    requires dev.strand.core;
    requires dev.strand.channels;
    requires dev.strand.parallel;
    requires dev.strand.resilience;
    requires dev.strand.net;
    requires dev.strand.micrometer;
    requires jdk.jfr;

    opens dev.strand.consumer to com.fasterxml.jackson.databind;
}
