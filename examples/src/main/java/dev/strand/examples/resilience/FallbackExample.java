package dev.strand.examples.resilience;

import dev.strand.examples.Example;
import dev.strand.resilience.Fallback;
import java.io.IOException;
import java.io.PrintStream;

/**
 * The Rust original's {@code primary_service().or_else(|_| fallback_service())}: when the primary
 * service fails, ask the secondary one.
 */
public final class FallbackExample implements Example {

    @Override
    public String name() {
        return "fallback";
    }

    @Override
    public String description() {
        return "fall back from a failing primary service to a secondary one";
    }

    @Override
    public void run(PrintStream out) throws Exception {
        Fallback<String> toSecondary = Fallback.<String>builder()
                .handle(IOException.class)
                .to(e -> {
                    out.println("  primary failed (" + e.getMessage() + "), asking the secondary");
                    return secondaryService();
                })
                .build();

        out.println("primary up:   " + toSecondary.call(() -> primaryService(true)));
        out.println("primary down:");
        out.println("  got: " + toSecondary.call(() -> primaryService(false)));
    }

    private static String primaryService(boolean up) throws IOException {
        if (!up) {
            throw new IOException("primary unreachable");
        }
        return "data from primary";
    }

    private static String secondaryService() {
        return "data from secondary";
    }
}
