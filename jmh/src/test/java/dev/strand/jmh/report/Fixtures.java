package dev.strand.jmh.report;

import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Objects;

/** The JMH JSON fixtures in {@code src/test/resources/report}. */
final class Fixtures {

    /** Hand-made results with round numbers (JMH 1.37's format), and a {@code .log} with LATENCY lines. */
    static final String HAND_MADE = "fixture-20261127T101500Z.json";

    private Fixtures() {
    }

    static Path path(String name) {
        URL url = Objects.requireNonNull(Fixtures.class.getResource("/report/" + name), name);
        try {
            return Paths.get(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
