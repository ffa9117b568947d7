package dev.strand.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Runs every example of the tour, so that an example that breaks fails the build. */
class TourTest {

    static Stream<Example> examples() {
        return Tour.examples().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void exampleRunsAndPrintsWhatItShows(Example example) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
            example.run(out);
        }
        assertThat(bytes.toString(StandardCharsets.UTF_8)).isNotBlank();
    }

    @Test
    void namesAreUniqueAndDescribed() {
        List<Example> all = Tour.examples();
        Set<String> names = new HashSet<>();
        for (Example e : all) {
            assertThat(names.add(e.name())).as("duplicate example name %s", e.name()).isTrue();
            assertThat(e.name()).matches("[a-z0-9-]+");
            assertThat(e.description()).isNotBlank();
        }
    }

    @Test
    void findsAnExampleByName() {
        for (Example e : Tour.examples()) {
            assertThat(Tour.find(e.name())).containsSame(e);
        }
        assertThat(Tour.find("no-such-example")).isEmpty();
    }
}
