/**
 * Strand parallel: fork-join {@code join}, map-reduce, parallel sorts, pipelines and worker
 * pools.
 */
module dev.strand.parallel {
    requires transitive dev.strand.core;
    requires transitive dev.strand.channels;

    exports dev.strand.parallel;
}
