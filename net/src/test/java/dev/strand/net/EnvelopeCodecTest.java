package dev.strand.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strand.net.transport.Envelope;
import dev.strand.net.transport.EnvelopeCodec;
import dev.strand.net.transport.FrameDecodeException;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EnvelopeCodecTest {

    record Credit(int n) {
    }

    private final EnvelopeCodec codec = new EnvelopeCodec(Fixtures.CODEC.types(), 1 << 20, Map.of("$credit", Credit.class));

    private String encodeToString(Envelope e) {
        ByteBuf buf = codec.encode(e);
        try {
            assertThat(buf.getInt(0)).isEqualTo(buf.readableBytes() - 4);
            return buf.toString(4, buf.readableBytes() - 4, StandardCharsets.UTF_8);
        } finally {
            buf.release();
        }
    }

    private Envelope decode(String body) {
        ByteBuf buf = Unpooled.copiedBuffer(body, StandardCharsets.UTF_8);
        try {
            return codec.decode(buf);
        } finally {
            buf.release();
        }
    }

    @Test
    void shouldEncodeTheDocumentedExampleFrame() {
        // The example frame of docs/PROTOCOL.md: keep them identical.
        ByteBuf buf = codec.encode(Envelope.request(1, new Fixtures.Hello("world"), null));
        try {
            assertThat(ByteBufUtil.hexDump(buf)).isEqualTo("00000029"
                    + "7b2274223a2268656c6c6f222c226964223a312c2270223a7b226e616d65223a22776f726c64227d7d");
        } finally {
            buf.release();
        }
    }

    @Test
    void shouldEncodeEachKindWithItsFields() {
        assertThat(encodeToString(Envelope.message(new Fixtures.NodeMessage(1, "Hi"), null)))
                .isEqualTo("{\"t\":\"node-message\",\"p\":{\"id\":1,\"content\":\"Hi\"}}");
        assertThat(encodeToString(Envelope.message(new Fixtures.Echo("x"), "topic")))
                .isEqualTo("{\"t\":\"echo\",\"c\":\"topic\",\"p\":{\"text\":\"x\"}}");
        assertThat(encodeToString(Envelope.reply(7, new Fixtures.Greeting("Hello"))))
                .isEqualTo("{\"t\":\"greeting\",\"re\":7,\"p\":{\"text\":\"Hello\"}}");
        assertThat(encodeToString(Envelope.error(7, "handler-failed", "boom")))
                .isEqualTo("{\"re\":7,\"e\":{\"code\":\"handler-failed\",\"message\":\"boom\"}}");
        assertThat(encodeToString(Envelope.PING)).isEqualTo("{\"t\":\"$ping\"}");
        assertThat(encodeToString(Envelope.message(new Credit(3), null))).isEqualTo("{\"t\":\"$credit\",\"p\":{\"n\":3}}");
    }

    @Test
    void shouldDecodeWhatItEncodes() {
        Envelope request = Envelope.request(42, new Fixtures.Hello("w"), "route");
        Envelope decoded = decode(encodeToString(request));
        assertThat(decoded).isEqualTo(new Envelope(Envelope.Kind.REQUEST, "hello", 42, "route",
                new Fixtures.Hello("w"), null, null));
        assertThat(decode(encodeToString(Envelope.error(9, "unknown-type", "no"))))
                .isEqualTo(new Envelope(Envelope.Kind.ERROR, null, 9, null, null, "unknown-type", "no"));
        assertThat(decode("{\"t\":\"$ping\"}").kind()).isEqualTo(Envelope.Kind.PING);
        assertThat(decode("{\"t\":\"$credit\",\"p\":{\"n\":5}}").payload()).isEqualTo(new Credit(5));
    }

    @Test
    void shouldEncodeAndDecodeTheDocumentedCancel() {
        assertThat(encodeToString(Envelope.cancel(7))).isEqualTo("{\"t\":\"$cancel\",\"p\":7}");
        assertThat(decode("{\"t\":\"$cancel\",\"p\":7}")).isEqualTo(Envelope.cancel(7));
        assertThat(decode("{\"p\":9007199254740993,\"x\":1,\"t\":\"$cancel\"}")) // any order, unknown fields
                .isEqualTo(Envelope.cancel(9007199254740993L));
        for (String bad : new String[] {"{\"t\":\"$cancel\"}", "{\"t\":\"$cancel\",\"p\":\"7\"}",
                "{\"t\":\"$cancel\",\"p\":{\"id\":7}}", "{\"p\":1.5,\"t\":\"$cancel\"}"}) {
            assertThatThrownBy(() -> decode(bad)).as(bad).isInstanceOfSatisfying(FrameDecodeException.class, e -> {
                assertThat(e.code()).isEqualTo(EnvelopeCodec.MALFORMED);
                assertThat(e.kind()).isNull(); // no id to answer: the connection is closed
            });
        }
        assertThatThrownBy(() -> new EnvelopeCodec(Fixtures.CODEC.types(), 1024, Map.of("$cancel", Credit.class)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("$cancel");
    }

    @Test
    void shouldDecodeFieldsInAnyOrderAndSkipUnknownOnes() {
        Envelope e = decode("{\"p\":{\"name\":\"late\"},\"x\":[1,{\"y\":2}],\"id\":3,\"t\":\"hello\"}");
        assertThat(e.kind()).isEqualTo(Envelope.Kind.REQUEST);
        assertThat(e.id()).isEqualTo(3);
        assertThat(e.payload()).isEqualTo(new Fixtures.Hello("late"));
    }

    @Test
    void shouldRefuseAnUnknownTypeKeepingTheRequestId() {
        assertThatThrownBy(() -> decode("{\"t\":\"java.lang.Runtime\",\"id\":5,\"p\":{}}"))
                .isInstanceOfSatisfying(FrameDecodeException.class, e -> {
                    assertThat(e.code()).isEqualTo(RemoteException.UNKNOWN_TYPE);
                    assertThat(e.kind()).isEqualTo(Envelope.Kind.REQUEST);
                    assertThat(e.id()).isEqualTo(5);
                });
    }

    @Test
    void shouldRefuseAPayloadThatDoesNotBindKeepingTheRequestId() {
        assertThatThrownBy(() -> decode("{\"t\":\"node-message\",\"id\":6,\"p\":{\"id\":{\"nested\":true}}}"))
                .isInstanceOfSatisfying(FrameDecodeException.class, e -> {
                    assertThat(e.code()).isEqualTo(RemoteException.BAD_PAYLOAD);
                    assertThat(e.id()).isEqualTo(6);
                });
        assertThatThrownBy(() -> decode("{\"t\":\"hello\",\"id\":6,\"p\":null}"))
                .isInstanceOfSatisfying(FrameDecodeException.class,
                        e -> assertThat(e.code()).isEqualTo(RemoteException.BAD_PAYLOAD));
        assertThatThrownBy(() -> decode("{\"t\":\"hello\",\"id\":6}"))
                .isInstanceOfSatisfying(FrameDecodeException.class,
                        e -> assertThat(e.code()).isEqualTo(RemoteException.BAD_PAYLOAD));
    }

    @Test
    void shouldRefuseMalformedBodies() {
        for (String body : new String[] {"", "[]", "{", "{\"t\":1}", "{\"t\":\"hello\",\"id\":\"x\"}", "nope",
                "{\"t\":\"hello\",\"p\":{\"name\":\"a\"}} {}", "{\"re\":1,\"e\":\"text\"}", "{\"re\":1,\"e\":{}}",
                "{\"p\":{\"name\":\"a\"}}", "\u0000\u0001\u0002"}) {
            assertThatThrownBy(() -> decode(body)).as(body).isInstanceOf(FrameDecodeException.class);
        }
    }

    @Test
    void shouldRefuseNestingBeyondTheCodecLimit() {
        String deep = "{\"t\":\"hello\",\"id\":8,\"p\":{\"name\":\"a\",\"x\":" + "[".repeat(10_000) + "]".repeat(10_000)
                + "}}";
        assertThatThrownBy(() -> decode(deep)).isInstanceOfSatisfying(FrameDecodeException.class, e -> {
            assertThat(e).hasMessageContaining("nesting depth");
            assertThat(e.id()).isEqualTo(8);
        });
    }

    @Test
    void shouldRefuseToEncodeAFrameLongerThanTheLimit() {
        EnvelopeCodec small = new EnvelopeCodec(Fixtures.CODEC.types(), 64, Map.of());
        assertThatThrownBy(() -> small.encode(
                Envelope.message(new Fixtures.Echo("x".repeat(100)), null)))
                .isInstanceOfSatisfying(FrameTooLargeException.class, e -> {
                    assertThat(e.maxFrameLength()).isEqualTo(64);
                    assertThat(e.length()).isGreaterThan(100);
                });
    }

    @Test
    void shouldRejectAnUnregisteredPayloadTypeWhenEncoding() {
        assertThatThrownBy(() -> codec.encode(Envelope.message("text", null)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("java.lang.String");
    }

    @Test
    void shouldRejectSystemTypeNamesWithoutDollar() {
        assertThatThrownBy(() -> new EnvelopeCodec(Fixtures.CODEC.types(), 1024, Map.of("credit", Credit.class)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
