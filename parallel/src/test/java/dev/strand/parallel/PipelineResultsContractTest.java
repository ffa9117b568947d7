package dev.strand.parallel;

import dev.strand.channels.Channel;
import dev.strand.channels.tck.SenderReceiverContract;
import java.util.function.Consumer;

/**
 * The sender/receiver contract over {@link Pipeline#results()}: a channel's sender feeds a
 * one-stage ordered pipeline, whose results receiver is under test.
 */
class PipelineResultsContractTest extends SenderReceiverContract {

    /** Closing the results cancels the pipeline, which discards items in flight (see results()). */
    @Override
    protected boolean handsBackEveryAcceptedMessage() {
        return false;
    }

    @Override
    protected Ends open(int capacity, Consumer<Object> onUndelivered) {
        Channel<String> input = Channel.<String>builder().capacity(capacity).onUndelivered(onUndelivered::accept).build();
        Pipeline<String, String> p = closeAfter(Pipeline.from(input.receiver())
                .stage("identity", 2, s -> s).ordered(true).capacity(capacity).build());
        return new Ends(input.sender(), p.results());
    }
}
