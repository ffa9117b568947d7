/**
 * Strand's channel contract suite: JUnit 5 tests that hold any {@code Sender}/{@code Receiver}
 * pair to the documented channel guarantees. Extend {@code SenderReceiverContract} in a test.
 */
module dev.strand.channels.tck {
    requires transitive dev.strand.channels;
    requires transitive org.junit.jupiter.api;
    requires org.assertj.core;

    exports dev.strand.channels.tck;
    // JUnit discovers and calls the contract's test methods reflectively.
    opens dev.strand.channels.tck to org.junit.platform.commons;
}
