package dev.strand.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.TextNode;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The RPC wire form of {@code docs/PROTOCOL.md} byte for byte, on raw sockets: what a proxy
 * writes, what a server answers, and calls a proxy would not send (fields in another order, no
 * signature, arguments that do not bind deep inside a structure, one too many), which a server
 * binding arguments straight from the frame must answer as the document says.
 */
@Timeout(30)
class RpcWireTest {

    static final JsonCodec CODEC = Rpc.register(JsonCodec.builder()).build();

    record Item(String name, int qty) {
    }

    interface Wire {
        String hello(String name);

        int add(int a, int b, String label);

        CompletableFuture<List<Item>> scale(List<Item> items, int factor);
    }

    static final class WireImpl implements Wire {
        @Override
        public String hello(String name) {
            return "Hello, " + name + "!";
        }

        @Override
        public int add(int a, int b, String label) {
            return label.length() * (a + b);
        }

        @Override
        public CompletableFuture<List<Item>> scale(List<Item> items, int factor) {
            return CompletableFuture.completedFuture(
                    items.stream().map(i -> new Item(i.name(), i.qty() * factor)).toList());
        }
    }

    private final List<Throwable> errors = Fixtures.errors();
    private NetServer server;
    private Socket socket;

    @AfterEach
    void stop() throws Exception {
        if (socket != null) {
            socket.close();
        }
        if (server != null) {
            server.close();
        }
        Fixtures.assertNoNetThreads();
    }

    private String call(String payload, int id) throws Exception {
        if (socket == null) {
            server = NetServer.builder().codec(CODEC).serve(Wire.class, new WireImpl())
                    .onError(Fixtures.recorder(errors)).bind(PatternFixtures.ANY);
            socket = Fixtures.raw(server);
        }
        Fixtures.writeFrame(socket.getOutputStream(), "{\"t\":\"strand.rpc.call\",\"id\":" + id + ",\"p\":" + payload
                + "}");
        return Fixtures.readFrame(socket.getInputStream());
    }

    private static String reply(int id, String value) {
        return "{\"t\":\"strand.rpc.reply\",\"re\":" + id + ",\"p\":{\"value\":" + value
                + ",\"error\":null,\"errorType\":null,\"errorMessage\":null}}";
    }

    @Test
    void aProxyWritesTheDocumentedCallAndReadsTheDocumentedReply() throws Exception {
        try (ServerSocket listener = new ServerSocket()) {
            listener.bind(new InetSocketAddress("127.0.0.1", 0));
            try (Connection conn = NetClient.builder().codec(CODEC)
                    .connect(new InetSocketAddress("127.0.0.1", listener.getLocalPort()));
                 Socket peer = listener.accept()) {
                peer.setSoTimeout(10_000);
                Wire wire = Rpc.client(conn).proxy(Wire.class);
                CompletableFuture<List<Item>> f = wire.scale(List.of(new Item("a", 1), new Item("b\"", 2)), 3);
                InputStream in = peer.getInputStream();
                OutputStream out = peer.getOutputStream();
                assertThat(Fixtures.readFrame(in)).isEqualTo("{\"t\":\"strand.rpc.call\",\"id\":1,\"p\":{"
                        + "\"method\":\"Wire.scale\",\"signature\":\"(List,int)\","
                        + "\"args\":[[{\"name\":\"a\",\"qty\":1},{\"name\":\"b\\\"\",\"qty\":2}],3],"
                        + "\"timeoutMillis\":30000}}");
                Fixtures.writeFrame(out, reply(1, "[{\"name\":\"a\",\"qty\":3},{\"name\":\"b\",\"qty\":6}]"));
                assertThat(f.get(10, TimeUnit.SECONDS)).containsExactly(new Item("a", 3), new Item("b", 6));

                CompletableFuture<String> nulls = CompletableFuture.supplyAsync(() -> wire.hello(null));
                assertThat(Fixtures.readFrame(in)).isEqualTo("{\"t\":\"strand.rpc.call\",\"id\":2,\"p\":{"
                        + "\"method\":\"Wire.hello\",\"signature\":\"(String)\",\"args\":[null],"
                        + "\"timeoutMillis\":30000}}");
                Fixtures.writeFrame(out, reply(2, "null"));
                assertThat(nulls.get(10, TimeUnit.SECONDS)).isNull();

                // a result of the wrong shape, deep inside: that call fails, the next reply is read
                CompletableFuture<List<Item>> bad = wire.scale(List.of(), 1);
                CompletableFuture<List<Item>> good = wire.scale(List.of(), 2);
                assertThat(Fixtures.readFrame(in)).contains("\"id\":3");
                assertThat(Fixtures.readFrame(in)).contains("\"id\":4");
                Fixtures.writeFrame(out, reply(3, "[{\"name\":\"a\",\"qty\":{\"deep\":[1,{\"x\":[]}]}}]"));
                Fixtures.writeFrame(out, reply(4, "[{\"name\":\"ok\",\"qty\":4}]"));
                assertThatThrownBy(() -> bad.get(10, TimeUnit.SECONDS)).hasCauseInstanceOf(ProtocolException.class)
                        .hasMessageContaining("reply of Wire.scale does not bind to");
                assertThat(good.get(10, TimeUnit.SECONDS)).containsExactly(new Item("ok", 4));
            }
        }
    }

    @Test
    void theServerAnswersWithTheDocumentedReply() throws Exception {
        assertThat(call("{\"method\":\"Wire.hello\",\"signature\":\"(String)\",\"args\":[\"x\"],"
                + "\"timeoutMillis\":1000}", 1)).isEqualTo(reply(1, "\"Hello, x!\""));
        assertThat(call("{\"method\":\"Wire.scale\",\"signature\":\"(List,int)\","
                + "\"args\":[[{\"name\":\"a\",\"qty\":2,\"new\":[1,{\"x\":2}]}],5],\"timeoutMillis\":1000}", 2))
                .isEqualTo(reply(2, "[{\"name\":\"a\",\"qty\":10}]"));
    }

    @Test
    void aHandMadeCallGetsItsReplyValueAsATree() throws Exception {
        server = NetServer.builder().codec(CODEC).serve(Wire.class, new WireImpl()).bind(PatternFixtures.ANY);
        try (Connection conn = NetClient.builder().codec(CODEC).connect(Fixtures.address(server))) {
            Rpc.Reply r = conn.request(new Rpc.Call("Wire.hello", "(String)", List.of(TextNode.valueOf("x")), 1000),
                    Rpc.Reply.class, Fixtures.SECONDS_5).get(10, TimeUnit.SECONDS);
            assertThat(r.value()).isEqualTo(TextNode.valueOf("Hello, x!"));
            assertThat(r.error()).isNull();
        }
    }

    @Test
    void fieldsInAnyOrderAndNoSignatureAreAccepted() throws Exception {
        assertThat(call("{\"args\":[\"x\"],\"timeoutMillis\":1000,\"method\":\"Wire.hello\"}", 1))
                .isEqualTo(reply(1, "\"Hello, x!\""));
        assertThat(call("{\"method\":\"Wire.add\",\"args\":[1,2,\"abc\"],\"extra\":{\"a\":[1]}}", 2))
                .isEqualTo(reply(2, "9"));
        assertThat(call("{\"timeoutMillis\":1000,\"args\":[[{\"qty\":1,\"name\":\"n\"}],2],"
                + "\"signature\":\"(List,int)\",\"method\":\"Wire.scale\"}", 3))
                .isEqualTo(reply(3, "[{\"name\":\"n\",\"qty\":2}]"));
    }

    @Test
    void anArgumentThatDoesNotBindIsBadArgumentsWhereverItFailsAndTheNextCallIsRead() throws Exception {
        String[] calls = {
            // an object where an int goes: refused at its first token
            "{\"method\":\"Wire.add\",\"args\":[{\"x\":[1,{\"y\":2}]},2,\"abc\"]}",
            // null for a primitive
            "{\"method\":\"Wire.add\",\"args\":[null,2,\"abc\"]}",
            // deep inside the first element of a list
            "{\"method\":\"Wire.scale\",\"args\":[[{\"name\":\"a\",\"qty\":{\"deep\":[1,{\"x\":2}]}},"
                    + "{\"name\":\"b\",\"qty\":1}],2]}",
            // the second argument, after a good first one
            "{\"method\":\"Wire.scale\",\"args\":[[{\"name\":\"a\",\"qty\":1}],[3]]}",
        };
        int[] failing = {0, 0, 0, 1};
        String[] types = {"int", "int", "java.util.List<dev.strand.net.RpcWireTest$Item>", "int"};
        for (int i = 0; i < calls.length; i++) {
            String answer = call(calls[i], 10 + i);
            assertThat(answer).as(calls[i]).startsWith("{\"t\":\"strand.rpc.reply\",\"re\":" + (10 + i) + ",")
                    .contains("\"error\":\"bad-arguments\"")
                    .contains("argument " + failing[i] + " does not bind to " + types[i]);
        }
        assertThat(call("{\"method\":\"Wire.hello\",\"args\":[\"x\",\"one too many\"]}", 20))
                .contains("\"error\":\"bad-arguments\"").contains("Wire.hello takes (String), called with 2 arguments");
        assertThat(call("{\"method\":\"Wire.hello\",\"signature\":\"(int)\",\"args\":[1]}", 21))
                .contains("\"error\":\"bad-arguments\"").contains("Wire.hello takes (String), called with (int)");
        assertThat(call("{\"method\":\"Wire.nope\",\"args\":[1]}", 22)).contains("\"error\":\"unknown-method\"");
        assertThat(call("{\"method\":\"Wire.hello\",\"args\":[\"still read\"]}", 23))
                .isEqualTo(reply(23, "\"Hello, still read!\""));
    }

    @Test
    void anArgumentBreakingAParseLimitFailsTheFrameAsMalformed() throws Exception {
        String deep = "[".repeat(100) + "]".repeat(100);
        assertThat(call("{\"method\":\"Wire.scale\",\"args\":[" + deep + ",1]}", 1))
                .startsWith("{\"re\":1,\"e\":{\"code\":\"malformed\"");
        assertThat(call("{\"method\":\"Wire.hello\",\"args\":[\"x\"]}", 2)).isEqualTo(reply(2, "\"Hello, x!\""));
        assertThat(errors).singleElement().satisfies(e -> assertThat(e).hasMessageContaining("parse constraints"));
    }
}
