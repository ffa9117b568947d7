package dev.strand.net;

import static dev.strand.net.PatternFixtures.ANY;
import static dev.strand.net.PatternFixtures.local;

import dev.strand.channels.tck.SenderReceiverContract;
import java.util.function.Consumer;

/**
 * The sender/receiver contract over a remote channel on loopback: a {@link ChannelClient}
 * sender feeding a {@link ChannelServer} receiver.
 */
class RemoteChannelContractTest extends SenderReceiverContract {

    private static final JsonCodec CODEC = JsonCodec.builder().register("text", String.class).build();

    @Override
    protected Ends open(int capacity, Consumer<Object> onUndelivered) throws Exception {
        ChannelServer server = closeAfter(Net.channelServer(CODEC).onUndelivered(onUndelivered).bind(ANY));
        ChannelClient client = closeAfter(Net.channelClient(CODEC).connect(local(server.port())));
        var rx = server.receiver("contract", String.class, capacity);
        return new Ends(client.sender("contract", String.class), rx);
    }
}
