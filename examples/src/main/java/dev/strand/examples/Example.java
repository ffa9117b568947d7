package dev.strand.examples;

import java.io.PrintStream;

/**
 * One runnable example of the tour: a small program that shows one pattern and prints what
 * it shows.
 */
public interface Example {

    /**
     * Returns the name the example is run by ({@code -Dexample=name}).
     *
     * @return a short lower-case name, unique in the tour, such as {@code "spawn-join"}
     */
    String name();

    /**
     * Returns one line saying what the example demonstrates.
     *
     * @return the description printed before the example runs
     */
    String description();

    /**
     * Runs the example to completion, printing what it demonstrates. It must leave no thread
     * running and must not depend on timing to be correct.
     *
     * @param out where to print; not null
     * @throws Exception if the example fails (the tour then fails)
     */
    void run(PrintStream out) throws Exception;
}
