package dev.strand.parallel;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PairTest {

    @Test
    void shouldHoldBothValuesAndCompareByValue() {
        Pair<String, Integer> p = new Pair<>("a", 1);
        assertThat(p.first()).isEqualTo("a");
        assertThat(p.second()).isEqualTo(1);
        assertThat(p).isEqualTo(new Pair<>("a", 1)).isNotEqualTo(new Pair<>("a", 2));
        assertThat(new Pair<>(null, null).first()).isNull();
    }
}
