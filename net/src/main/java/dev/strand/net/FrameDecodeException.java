package dev.strand.net;

/**
 * A frame body that could not be decoded into an {@link Envelope}. Carries what was learnt
 * before the failure so that the receiver can answer a request with an error reply instead
 * of dropping the connection.
 */
final class FrameDecodeException extends ProtocolException {

    private static final long serialVersionUID = 1L;

    /** The error code an error reply would carry ({@link RemoteException} codes, or "malformed"). */
    private final String code;
    /** The kind of frame, if it could be told; null otherwise. */
    private final transient Envelope.Kind kind;
    /** The request id or the id replied to, if read before the failure; 0 otherwise. */
    private final long id;

    FrameDecodeException(String code, Envelope.Kind kind, long id, String message, Throwable cause) {
        super(message, cause);
        this.code = code;
        this.kind = kind;
        this.id = id;
    }

    String code() {
        return code;
    }

    Envelope.Kind kind() {
        return kind;
    }

    long id() {
        return id;
    }
}
