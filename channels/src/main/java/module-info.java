/**
 * Strand channels: typed multi-producer channels (unbounded, bounded, rendezvous) and
 * {@code Select}, on JCTools queues.
 */
module dev.strand.channels {
    requires transitive dev.strand.core;
    requires org.jctools.core;

    exports dev.strand.channels;
}
