package dev.strand.examples.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class RpcServiceExampleTest {

    @Test
    @Timeout(30)
    void callsTheServiceThroughAProxy() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
            new RpcServiceExample().run(out);
        }
        assertThat(bytes.toString(StandardCharsets.UTF_8).lines()).containsExactly(
                "hello(\"world\") = Hello, world!",
                "stats() = 1 greeted, the server saw a deadline within 2 s",
                "hello(\" \") failed remotely [handler-failed]: java.lang.IllegalArgumentException: who should I greet?");
    }
}
