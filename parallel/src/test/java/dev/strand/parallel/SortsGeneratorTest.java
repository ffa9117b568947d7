package dev.strand.parallel;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * IntSorts, LongSorts and DoubleSorts are generated at build time from
 * {@code src/template/PrimitiveSorts.java.template} by {@code src/template/GenerateSorts.java}
 * (the exec plugin runs it in generate-sources). Nothing generated is checked in, so the three
 * cannot drift from the template; these tests check that what was compiled is what the template
 * gives today, and that the three differ only where the element type or the order does.
 */
class SortsGeneratorTest {

    private static final Path GENERATED = Path.of("target/generated-sources/sorts/dev/strand/parallel");
    private static final List<String> TYPES = List.of("Int", "Long", "Double");

    private static String read(Path p) throws IOException {
        return Files.readString(p, StandardCharsets.UTF_8);
    }

    @Test
    @Timeout(60)
    void theCompiledSortsAreWhatTheTemplateGivesNow(@TempDir Path out) throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process p = new ProcessBuilder(java.toString(), "src/template/GenerateSorts.java",
                "src/template/PrimitiveSorts.java.template", out.toString())
                .redirectErrorStream(true).start();
        assertThat(p.waitFor(50, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8)).isZero();
        for (String t : TYPES) {
            String fresh = read(out.resolve("dev/strand/parallel/" + t + "Sorts.java"));
            assertThat(read(GENERATED.resolve(t + "Sorts.java"))).as(t + "Sorts").isEqualTo(fresh);
            assertThat(fresh).doesNotContain("$").contains("final class " + t + "Sorts");
        }
    }

    @Test
    void theSpecialisationsDifferOnlyInTheElementTypeTheKeyAndTheOrder() throws IOException {
        List<String> ints = read(GENERATED.resolve("IntSorts.java")).lines().toList();
        for (String t : List.of("Long", "Double")) {
            List<String> other = read(GENERATED.resolve(t + "Sorts.java")).lines().toList();
            assertThat(other).hasSameSizeAs(ints);
            String type = t.toLowerCase(java.util.Locale.ROOT);
            for (int i = 0; i < ints.size(); i++) {
                if (!ints.get(i).equals(other.get(i))) {
                    // the element type, or the radix key's type (long for both long and double)
                    assertThat(other.get(i).toLowerCase(java.util.Locale.ROOT))
                            .as("line %d of %sSorts", i + 1, t).containsAnyOf(type, "long");
                }
            }
        }
        // The differences in behaviour: double keeps Arrays.sort's order of -0.0 and NaN, in the
        // merge order and in the radix key.
        String doubles = read(GENERATED.resolve("DoubleSorts.java"));
        assertThat(doubles).contains("return Double.compare(p, q) < 0;")
                .contains("return Radix.orderedBits(Double.doubleToLongBits(v));")
                .contains("private static long key(double v)");
        String ints2 = read(GENERATED.resolve("IntSorts.java"));
        assertThat(ints2).contains("return p < q;").contains("return v ^ Integer.MIN_VALUE;")
                .contains("private static int key(int v)");
    }
}
