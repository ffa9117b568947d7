package dev.strand.jmh.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ReadmeRegionTest {

    private static final String BEFORE = "# Title\n\nintro ✓ with `code`\n\n## Results\n\n";
    private static final String AFTER = "\n\n## channels\n\nhand-written | table\n";

    @Test
    void shouldReplaceOnlyTheTextBetweenTheMarkers() {
        String doc = BEFORE + ReadmeRegion.BEGIN + "\nold line 1\nold line 2\n" + ReadmeRegion.END + AFTER;

        String out = ReadmeRegion.replace(doc, "new table");

        assertThat(out).isEqualTo(BEFORE + ReadmeRegion.BEGIN + "\nnew table\n" + ReadmeRegion.END + AFTER);
    }

    @Test
    void shouldBeIdempotentForTheSameBody() {
        String doc = BEFORE + ReadmeRegion.BEGIN + "\n" + ReadmeRegion.END + AFTER;

        String once = ReadmeRegion.replace(doc, "body\n");

        assertThat(ReadmeRegion.replace(once, "body\n")).isEqualTo(once);
    }

    @Test
    void shouldRejectADocumentWithoutMarkers() {
        assertThatThrownBy(() -> ReadmeRegion.replace(BEFORE + AFTER, "x"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(ReadmeRegion.BEGIN).hasMessageContaining(ReadmeRegion.END);
        assertThatThrownBy(() -> ReadmeRegion.replace(BEFORE + ReadmeRegion.BEGIN + AFTER, "x"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no generated region");
    }

    @Test
    void shouldRejectRepeatedOrReversedMarkers() {
        String twice = ReadmeRegion.BEGIN + "\n" + ReadmeRegion.END + "\n" + ReadmeRegion.BEGIN + "\n"
                + ReadmeRegion.END;
        assertThatThrownBy(() -> ReadmeRegion.replace(twice, "x")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("exactly once");
        String reversed = ReadmeRegion.END + "\n" + ReadmeRegion.BEGIN;
        assertThatThrownBy(() -> ReadmeRegion.replace(reversed, "x")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("before");
    }
}
