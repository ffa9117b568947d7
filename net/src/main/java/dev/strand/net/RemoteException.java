package dev.strand.net;

/**
 * The peer answered a request with an error instead of a reply.
 *
 * <p>{@link #code()} says what kind of error (see {@code docs/PROTOCOL.md}):
 * <ul>
 *   <li>{@code "handler-failed"}: the remote handler threw; {@link #remoteMessage()} is the
 *       message of what it threw;</li>
 *   <li>{@code "unknown-type"}: the peer has no handler, or no registered type, for the
 *       request's type name;</li>
 *   <li>{@code "bad-payload"}: the request's payload did not bind to the registered type;</li>
 *   <li>{@code "shutting-down"}: the server is closing and takes no new requests.</li>
 * </ul>
 * The connection stays open after a remote error.
 *
 * <p>Its own fields are final and set when it is created, so it may be handed between
 * threads.
 */
public class RemoteException extends NetException {

    private static final long serialVersionUID = 1L;

    /** The remote handler threw. */
    public static final String HANDLER_FAILED = "handler-failed";
    /** The peer does not know the request's type name, or has no handler for it. */
    public static final String UNKNOWN_TYPE = "unknown-type";
    /** The request's payload did not bind to the registered type. */
    public static final String BAD_PAYLOAD = "bad-payload";
    /** The server is closing and takes no new requests. */
    public static final String SHUTTING_DOWN = "shutting-down";

    /** The error code sent by the peer (serialized). */
    private final String code;
    /** The message sent by the peer, or null (serialized). */
    private final String remoteMessage;

    /**
     * Creates an exception from an error reply.
     *
     * @param code          the error code sent by the peer; not null
     * @param remoteMessage the message sent by the peer; may be null
     */
    public RemoteException(String code, String remoteMessage) {
        super("remote error [" + code + "]: " + remoteMessage);
        this.code = code;
        this.remoteMessage = remoteMessage;
    }

    /**
     * Returns the error code sent by the peer.
     *
     * @return a code such as {@link #HANDLER_FAILED}
     */
    public String code() {
        return code;
    }

    /**
     * Returns the error message sent by the peer, such as the message of the exception its
     * handler threw.
     *
     * @return the message, or null if the peer sent none
     */
    public String remoteMessage() {
        return remoteMessage;
    }
}
