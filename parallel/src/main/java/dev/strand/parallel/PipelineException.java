package dev.strand.parallel;

import java.util.Objects;

/**
 * A {@link Pipeline} failed: a stage's function (or the source) threw. Thrown to the consumer
 * by the pipeline's {@link Pipeline#results() results}; the message names the stage and the
 * cause is the original failure, unchanged.
 *
 * <p>Its own fields are final and set when it is created, so it may be handed between
 * threads.
 */
public class PipelineException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** The name of the stage that failed. */
    private final String stage;

    /**
     * Creates an exception for a failure in {@code stage}.
     *
     * @param stage the name of the stage that failed ({@code "source"} for the source); not null
     * @param cause what the stage threw
     */
    public PipelineException(String stage, Throwable cause) {
        super("pipeline stage '" + Objects.requireNonNull(stage, "stage") + "' failed: " + cause, cause);
        this.stage = stage;
    }

    /**
     * Returns the name of the stage that failed.
     *
     * @return the stage name given to {@link Pipeline.Builder#stage}, or {@code "source"}
     */
    public String stage() {
        return stage;
    }
}
