package dev.strand.consumer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Runs the program as a user would: in its own JVM, which must print every line and exit 0. */
class ConsumerAppTest {

    @Test
    @Timeout(120)
    void programUsesEveryModuleThenExitsZeroLeavingNoThreadBehind(@TempDir Path dir)
            throws IOException, InterruptedException {
        Path log = dir.resolve("output.txt");
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process p = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                ConsumerApp.class.getName())
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
                        "done");
    }
}
