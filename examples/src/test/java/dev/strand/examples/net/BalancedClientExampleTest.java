package dev.strand.examples.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class BalancedClientExampleTest {

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void noRequestFailsWhenAServerIsKilledAndTheKilledOneTakesNoMore() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
            new BalancedClientExample().run(out);
        }
        String printed = bytes.toString(StandardCharsets.UTF_8);
        assertThat(printed).contains("all three up:", "b killed:", "c 20x slower:", "c still slow:");
        assertThat(printed.lines().filter(l -> l.contains("answered by")))
                .hasSize(4).allSatisfy(l -> assertThat(l).endsWith(", 0 failed"));
        String afterKill = printed.lines().filter(l -> l.startsWith("c still slow:")).findFirst().orElseThrow();
        assertThat(afterKill).doesNotContain("b=");
    }
}
