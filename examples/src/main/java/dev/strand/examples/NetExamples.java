package dev.strand.examples;

import dev.strand.examples.net.BalancedClientExample;
import dev.strand.examples.net.HelloRpcExample;
import dev.strand.examples.net.NodeMessageExample;
import dev.strand.examples.net.PubSubExample;
import dev.strand.examples.net.PushPullExample;
import dev.strand.examples.net.RemoteChannelExample;
import dev.strand.examples.net.RpcServiceExample;
import dev.strand.examples.net.TcpEchoExample;
import dev.strand.examples.net.ThreeNodesExample;
import java.util.List;

/** The tour's examples of the {@code net} module, in the order they run. */
final class NetExamples {

    private static final List<Example> ALL = List.of(new TcpEchoExample(), new NodeMessageExample(),
            new HelloRpcExample(), new RpcServiceExample(), new ThreeNodesExample(), new PubSubExample(),
            new PushPullExample(), new RemoteChannelExample(), new BalancedClientExample());

    private NetExamples() {
    }

    static List<Example> all() {
        return ALL;
    }
}
