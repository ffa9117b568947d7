package dev.strand.consumer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Runs the program as a user would: in its own JVM, which must print every line and exit 0.
 * It runs twice: on the class path, and on the module path as the named module
 * {@code dev.strand.consumer} reading Strand's named modules.
 */
class ConsumerAppTest {

    /** The test tooling's own jars, which the program does not use. */
    private static final Pattern TEST_TOOLING =
            Pattern.compile(".*(junit|assertj|opentest4j|apiguardian|surefire|byte-buddy).*");

    @ParameterizedTest(name = "on the {0}")
    @ValueSource(strings = {"class path", "module path"})
    @Timeout(120)
    void programUsesEveryModuleThenExitsZeroLeavingNoThreadBehind(String path, @TempDir Path dir)
            throws IOException, InterruptedException {
        Path log = dir.resolve("output.txt");
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> command = new ArrayList<>(List.of(java.toString()));
        if (path.equals("class path")) {
            command.addAll(List.of("-cp", System.getProperty("java.class.path"), ConsumerApp.class.getName()));
        } else {
            String modulePath = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                    .filter(entry -> !TEST_TOOLING.matcher(entry).matches() && !entry.endsWith("test-classes"))
                    .collect(Collectors.joining(File.pathSeparator));
            command.addAll(List.of("--module-path", modulePath,
                    "--module", "dev.strand.consumer/" + ConsumerApp.class.getName()));
        }
        Process p = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        // A thread left running (a non-daemon event loop, say) would keep the JVM alive.
        boolean exited = p.waitFor(60, TimeUnit.SECONDS);
        if (!exited) {
            p.destroyForcibly().waitFor();
        }
        String output = Files.readString(log);
        assertThat(exited).as("the program exited by itself; output:%n%s", output).isTrue();
        assertThat(p.exitValue()).as("exit code; output:%n%s", output).isZero();
        assertThat(output.lines())
                .containsSubsequence(
                        "channels: sum received = 5050",
                        "core: mutex counter = 4000",
                        "parallel: sum of squares 1..1000 = 333833500",
                        "resilience: ok after 3 attempts",
                        "net: Hello, consumer!",
                        "micrometer: channel depth = 2, breaker closed = 1",
                        "jfr: breaker transitions = 1, retries = 2, connections opened = 2, closed = 2",
                        "done");
    }
}
