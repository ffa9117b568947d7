package dev.strand.parallel;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The int, long and double merge sorts are generated from one template; this test regenerates
 * them in memory and fails if a checked-in file differs (someone edited a copy instead of the
 * template, or the template without regenerating). To regenerate after editing the template:
 * {@code mvn -q -pl parallel -am test -Dtest=SortsGeneratorTest -Dsurefire.failIfNoSpecifiedTests=false
 * -Dstrand.regenerate=true}, then commit the template and the three files.
 */
class SortsGeneratorTest {

    static final Path TEMPLATE = Path.of("src/template/PrimitiveSorts.java.template");
    static final Path SOURCES = Path.of("src/main/java/dev/strand/parallel");

    /** One specialisation: the template's {@code $Type$}, {@code $type$} and {@code $less$}. */
    record Specialisation(String boxedName, String type, String less) {
        Path file() {
            return SOURCES.resolve(boxedName + "Sorts.java");
        }
    }

    static final List<Specialisation> SPECIALISATIONS = List.of(
            new Specialisation("Int", "int", "p < q;"),
            new Specialisation("Long", "long", "p < q;"),
            new Specialisation("Double", "double",
                    "Double.compare(p, q) < 0;   // Arrays.sort order: -0.0 < 0.0, NaN last"));

    static String generate(String template, Specialisation s) {
        return template.replace("$Type$", s.boxedName()).replace("$type$", s.type()).replace("$less$", s.less());
    }

    @Test
    void everySpecialisationIsExactlyTheTemplateFilledIn() throws IOException {
        String template = Files.readString(TEMPLATE, StandardCharsets.UTF_8);
        boolean regenerate = Boolean.getBoolean("strand.regenerate");
        for (Specialisation s : SPECIALISATIONS) {
            String expected = generate(template, s);
            if (regenerate) {
                Files.writeString(s.file(), expected, StandardCharsets.UTF_8);
            }
            assertThat(Files.readString(s.file(), StandardCharsets.UTF_8))
                    .as("%s must be generated from %s: edit the template and regenerate (see this test's Javadoc)",
                            s.file(), TEMPLATE)
                    .isEqualTo(expected);
        }
    }

    @Test
    void theTemplateHasNoPlaceholderLeftAfterFilling() throws IOException {
        String template = Files.readString(TEMPLATE, StandardCharsets.UTF_8);
        assertThat(template).contains("$type$", "$Type$", "$less$");
        for (Specialisation s : SPECIALISATIONS) {
            assertThat(generate(template, s)).doesNotContain("$");
        }
    }
}
