package dev.strand.net;

import java.util.Map;

/**
 * The control messages of the messaging patterns (system types, names starting with '$', see
 * {@code docs/PROTOCOL.md}). They travel as ordinary MESSAGE envelopes; data messages of the
 * patterns are MESSAGE envelopes of the user's types whose route ("c") is the topic (pub-sub)
 * or the link id (remote channels).
 */
final class PatternMessages {

    private PatternMessages() {
    }

    /** Subscriber → publisher: count one more subscription to {@code topic}; answered by {@link Ack}. */
    record Sub(String topic, long id) {
    }

    /** Subscriber → publisher: one subscription to {@code topic} ended. */
    record Unsub(String topic) {
    }

    /** Confirms {@link Sub} (id) or a puller's first {@link Credit} (id 0). */
    record Ack(long id) {
    }

    /**
     * Grants {@code n} more messages: puller → pusher (link 0), channel server → channel client
     * (the link id).
     */
    record Credit(long link, int n) {
    }

    /** Channel client → server: open link {@code link} to the receiver named {@code name}. */
    record Open(long link, String name) {
    }

    /** Channel client → server: link {@code link} has no credit left and waits for some. */
    record Want(long link) {
    }

    /** Channel client → server: link {@code link} (one Sender handle) is closed. */
    record CloseLink(long link) {
    }

    /** Channel server → client: link {@code link} is refused or its receiver closed. */
    record Closed(long link, String reason) {
    }

    /** The system types every pattern endpoint registers beside the user's codec. */
    static final Map<String, Class<?>> TYPES = Map.of(
            "$sub", Sub.class,
            "$unsub", Unsub.class,
            "$ack", Ack.class,
            "$credit", Credit.class,
            "$open", Open.class,
            "$want", Want.class,
            "$close", CloseLink.class,
            "$closed", Closed.class);
}
