package dev.strand.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A program that closes its endpoints exits at once: after close, no thread of ours that would
 * hold the JVM and no JDK delay-scheduler thread (started by {@code orTimeout}) is left. Runs
 * {@link ExitProgram} in a JVM of its own, where no other test can have started either.
 */
class ExitTest {

    @Test
    @Timeout(120)
    void shouldLeaveNoThreadBehindOnceEveryEndpointClosed() throws Exception {
        String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
        Process p = new ProcessBuilder(List.of(java, "-cp", System.getProperty("java.class.path"),
                ExitProgram.class.getName()))
                .redirectErrorStream(true)
                .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as(out).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        assertThat(out).contains("left=[]");
    }
}
