package dev.strand.net.transport;

import dev.strand.net.ProtocolException;
import dev.strand.net.RemoteException;

/**
 * A frame body that could not be decoded into an {@link Envelope}. Carries what was learnt
 * before the failure so that the receiver can answer a request with an error reply instead
 * of dropping the connection.
 */
public final class FrameDecodeException extends ProtocolException {

    private static final long serialVersionUID = 1L;

    /** The error code an error reply would carry ({@link RemoteException} codes, or "malformed"). */
    private final String code;
    /** The kind of frame, if it could be told; null otherwise. */
    private final transient Envelope.Kind kind;
    /** The request id or the id replied to, if read before the failure; 0 otherwise. */
    private final long id;

    public FrameDecodeException(String code, Envelope.Kind kind, long id, String message, Throwable cause) {
        super(message, cause);
        this.code = code;
        this.kind = kind;
        this.id = id;
    }

    public String code() {
        return code;
    }

    public Envelope.Kind kind() {
        return kind;
    }

    public long id() {
        return id;
    }
}
