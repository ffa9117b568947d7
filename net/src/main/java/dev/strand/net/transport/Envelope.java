package dev.strand.net.transport;

import java.util.Objects;

/**
 * One decoded or to-be-encoded frame body: the JSON envelope of {@code docs/PROTOCOL.md}.
 *
 * <pre>
 *   MESSAGE  {"t": type, ["c": route,] "p": payload}
 *   REQUEST  {"t": type, "id": n, ["c": route,] "p": payload}
 *   REPLY    {"t": type, "re": n, "p": payload}
 *   ERROR    {"re": n, "e": {"code": code, "message": text}}
 *   PING     {"t": "$ping"}
 *   CANCEL   {"t": "$cancel", "p": n}
 * </pre>
 *
 * <p>{@code route} ("c") is an optional routing key for the messaging patterns built on this
 * transport (a topic, a channel name); request-reply leaves it null. {@code payload} is an
 * instance of a registered type (of the user's codec, or a system type whose name starts
 * with '$').
 *
 * @param kind         what the frame is
 * @param type         the registered type name of the payload; null for ERROR
 * @param id           the request id (REQUEST), the id replied to (REPLY, ERROR) or cancelled
 *                     (CANCEL); 0 otherwise
 * @param route        the routing key, or null
 * @param payload      the message, or null for ERROR, PING and CANCEL
 * @param errorCode    the error code of an ERROR, else null
 * @param errorMessage the error message of an ERROR, else null
 */
public record Envelope(Kind kind, String type, long id, String route, Object payload, String errorCode,
                String errorMessage) {

    /** What a frame is. */
    public enum Kind { MESSAGE, REQUEST, REPLY, ERROR, PING, CANCEL }

    /** The type name of a keepalive frame. */
    public static final String PING_TYPE = "$ping";

    public static final Envelope PING = new Envelope(Kind.PING, PING_TYPE, 0, null, null, null, null);

    /** The type name of a cancel frame: the requester gave up on the request whose id is its payload. */
    public static final String CANCEL_TYPE = "$cancel";

    public Envelope {
        Objects.requireNonNull(kind, "kind");
    }

    /** A fire-and-forget message; its type name is resolved from the codec when encoded. */
    public static Envelope message(Object payload, String route) {
        return new Envelope(Kind.MESSAGE, null, 0, route, Objects.requireNonNull(payload, "message"), null, null);
    }

    public static Envelope request(long id, Object payload, String route) {
        return new Envelope(Kind.REQUEST, null, id, route, Objects.requireNonNull(payload, "request"), null, null);
    }

    public static Envelope reply(long id, Object payload) {
        return new Envelope(Kind.REPLY, null, id, null, Objects.requireNonNull(payload, "reply"), null, null);
    }

    public static Envelope error(long id, String code, String message) {
        return new Envelope(Kind.ERROR, null, id, null, null, code, message);
    }

    /** A cancel of this side's request {@code id} (fire-and-forget: nothing answers it). */
    public static Envelope cancel(long id) {
        return new Envelope(Kind.CANCEL, CANCEL_TYPE, id, null, null, null, null);
    }
}
