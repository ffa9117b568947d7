package dev.strand.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class JsonCodecTest {

    record Point(int x, int y) {
    }

    record Named(String name, List<Point> points) {
    }

    record Holder(Object value) {
    }

    static class Base {
        public int a;
    }

    static final class Derived extends Base {
    }

    private final JsonCodec codec = JsonCodec.builder()
            .register("point", Point.class)
            .register("named", Named.class)
            .register("base", Base.class)
            .build();

    @Test
    void shouldRoundTripRecords() {
        Named n = new Named("path", List.of(new Point(1, 2), new Point(3, 4)));
        byte[] json = codec.encode(n);
        assertThat(new String(json, StandardCharsets.UTF_8))
                .isEqualTo("{\"name\":\"path\",\"points\":[{\"x\":1,\"y\":2},{\"x\":3,\"y\":4}]}");
        assertThat(codec.decode(json, Named.class)).isEqualTo(n);
    }

    @Test
    void shouldMapNamesAndTypesBothWays() {
        assertThat(codec.typeName(Point.class)).isEqualTo("point");
        assertThat(codec.type("named")).isEqualTo(Named.class);
        assertThat(codec.typeNames()).containsExactly("point", "named", "base");
    }

    @Test
    void shouldNameASubclassByItsRegisteredSuperclass() {
        assertThat(codec.typeName(Derived.class)).isEqualTo("base");
    }

    @Test
    void shouldRejectUnregisteredTypesAndNames() {
        assertThatThrownBy(() -> codec.typeName(String.class))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("java.lang.String");
        assertThatThrownBy(() -> codec.type("java.lang.Runtime"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not registered");
        assertThatThrownBy(() -> codec.encode("text")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> codec.decode(new byte[0], String.class)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldRejectBadRegistrations() {
        JsonCodec.Builder b = JsonCodec.builder().register("point", Point.class);
        assertThatThrownBy(() -> b.register("point", Named.class))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("name already registered");
        assertThatThrownBy(() -> b.register("other", Point.class))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("type already registered");
        assertThatThrownBy(() -> b.register("$system", Named.class))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("name");
        assertThatThrownBy(() -> b.register("", Named.class)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> b.register("has space", Named.class)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> b.register("x".repeat(129), Named.class)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> b.register("ints", int[].class)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> b.register(null, Named.class)).isInstanceOf(NullPointerException.class)
                .hasMessage("name");
        assertThatThrownBy(() -> b.register("n", null)).isInstanceOf(NullPointerException.class).hasMessage("type");
        assertThatThrownBy(() -> b.maxNestingDepth(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("maxNestingDepth");
        assertThatThrownBy(() -> b.maxStringLength(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("maxStringLength");
        assertThatThrownBy(() -> b.maxNumberLength(-1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("maxNumberLength");
        assertThatThrownBy(() -> b.maxNameLength(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("maxNameLength");
    }

    @Test
    void shouldNeverReadClassNamesFromTheWire() {
        JsonCodec c = JsonCodec.builder().register("holder", Holder.class).build();
        byte[] attack = "{\"value\":[\"java.lang.ProcessBuilder\",{\"command\":[\"true\"]}]}"
                .getBytes(StandardCharsets.UTF_8);
        Holder h = c.decode(attack, Holder.class);
        // Without default typing the array stays plain JSON data: no class was instantiated.
        assertThat(h.value()).isInstanceOf(List.class);
        assertThat(((List<?>) h.value()).get(0)).isEqualTo("java.lang.ProcessBuilder");
    }

    @Test
    void shouldRefuseNestingDeeperThanTheLimit() {
        JsonCodec c = JsonCodec.builder().register("holder", Holder.class).maxNestingDepth(16).build();
        String deep = "{\"value\":" + "[".repeat(100) + "]".repeat(100) + "}";
        assertThatThrownBy(() -> c.decode(deep.getBytes(StandardCharsets.UTF_8), Holder.class))
                .isInstanceOf(ProtocolException.class).hasMessageContaining("nesting depth");
    }

    @Test
    void shouldRefuseStringsLongerThanTheLimit() {
        JsonCodec c = JsonCodec.builder().register("named", Named.class).maxStringLength(1000).build();
        String big = "{\"name\":\"" + "a".repeat(5000) + "\"}";
        assertThatThrownBy(() -> c.decode(big.getBytes(StandardCharsets.UTF_8), Named.class))
                .isInstanceOf(ProtocolException.class).hasMessageContaining("String value length");
    }

    @Test
    void shouldRefuseNumbersLongerThanTheLimit() {
        String longNumber = "{\"x\":" + "9".repeat(JsonCodec.DEFAULT_MAX_NUMBER_LENGTH + 1) + ",\"y\":1}";
        assertThatThrownBy(() -> codec.decode(longNumber.getBytes(StandardCharsets.UTF_8), Point.class))
                .isInstanceOf(ProtocolException.class).hasMessageContaining("Number value length");
    }

    @Test
    void shouldRefuseMalformedJsonAndTrailingContent() {
        assertThatThrownBy(() -> codec.decode("{\"x\":1,".getBytes(StandardCharsets.UTF_8), Point.class))
                .isInstanceOf(ProtocolException.class);
        assertThatThrownBy(() -> codec.decode("{\"x\":1,\"y\":2} []".getBytes(StandardCharsets.UTF_8), Point.class))
                .isInstanceOf(ProtocolException.class);
    }

    @Test
    void shouldIgnoreUnknownPropertiesButRefuseMissingPrimitives() {
        assertThat(codec.decode("{\"x\":1,\"y\":2,\"z\":3}".getBytes(StandardCharsets.UTF_8), Point.class))
                .isEqualTo(new Point(1, 2));
        assertThatThrownBy(() -> codec.decode("{\"x\":null,\"y\":2}".getBytes(StandardCharsets.UTF_8), Point.class))
                .isInstanceOf(ProtocolException.class);
    }
}
