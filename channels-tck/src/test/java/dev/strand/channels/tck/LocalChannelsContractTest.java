package dev.strand.channels.tck;

import dev.strand.channels.Channel;
import java.util.function.Consumer;
import org.junit.jupiter.api.Nested;

/** The sender/receiver contract over every local flavour. */
class LocalChannelsContractTest {

    private static SenderReceiverContract.Ends ends(Channel<String> ch) {
        return new SenderReceiverContract.Ends(ch.sender(), ch.receiver());
    }

    @Nested
    class Unbounded extends SenderReceiverContract {
        @Override
        protected Ends open(int capacity, Consumer<Object> onUndelivered) {
            return ends(Channel.<String>builder().onUndelivered(onUndelivered::accept).build());
        }
    }

    @Nested
    class Bounded extends SenderReceiverContract {
        @Override
        protected Ends open(int capacity, Consumer<Object> onUndelivered) {
            return ends(Channel.<String>builder().capacity(capacity).onUndelivered(onUndelivered::accept).build());
        }
    }

    @Nested
    class BoundedOne extends SenderReceiverContract {
        @Override
        protected Ends open(int capacity, Consumer<Object> onUndelivered) {
            return ends(Channel.<String>builder().capacity(1).onUndelivered(onUndelivered::accept).build());
        }
    }

    @Nested
    class Rendezvous extends SenderReceiverContract {
        @Override
        protected Ends open(int capacity, Consumer<Object> onUndelivered) {
            return ends(Channel.<String>builder().capacity(0).onUndelivered(onUndelivered::accept).build());
        }
    }

    @Nested
    class MultiConsumerBounded extends SenderReceiverContract {
        @Override
        protected Ends open(int capacity, Consumer<Object> onUndelivered) {
            return ends(Channel.<String>builder().capacity(capacity).multiConsumer()
                    .onUndelivered(onUndelivered::accept).build());
        }
    }

    @Nested
    class MultiConsumerUnbounded extends SenderReceiverContract {
        @Override
        protected Ends open(int capacity, Consumer<Object> onUndelivered) {
            return ends(Channel.<String>builder().multiConsumer().onUndelivered(onUndelivered::accept).build());
        }
    }

    @Nested
    class MultiConsumerRendezvous extends SenderReceiverContract {
        @Override
        protected Ends open(int capacity, Consumer<Object> onUndelivered) {
            return ends(Channel.<String>builder().capacity(0).multiConsumer()
                    .onUndelivered(onUndelivered::accept).build());
        }
    }
}
