/**
 * Strand channels: typed multi-producer channels (unbounded, bounded, rendezvous) and
 * {@code Select}, on JCTools queues.
 */
// The qualified export names modules built after this one: "module not found" is expected here.
@SuppressWarnings("module")
module dev.strand.channels {
    requires transitive dev.strand.core;
    requires org.jctools.core;

    exports dev.strand.channels;
    exports dev.strand.channels.internal to
            dev.strand.parallel,
            dev.strand.net;
}
