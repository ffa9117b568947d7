package dev.strand.examples;

import dev.strand.examples.channels.BlockingRecv;
import dev.strand.examples.channels.BoundedBackpressure;
import dev.strand.examples.channels.ChannelHello;
import dev.strand.examples.channels.ChannelsProducers;
import dev.strand.examples.channels.Rendezvous;
import dev.strand.examples.channels.SelectExample;
import java.util.List;

/** The tour's examples of the {@code channels} module, in the order they run. */
final class ChannelsExamples {

    /** Created once: the tour finds examples by identity ({@code Tour.find}). */
    private static final List<Example> ALL = List.of(
            new ChannelHello(),
            new ChannelsProducers(),
            new BlockingRecv(),
            new BoundedBackpressure(),
            new Rendezvous(),
            new SelectExample());

    private ChannelsExamples() {
    }

    static List<Example> all() {
        return ALL;
    }
}
