package dev.strand.net;

/**
 * A frame broke the protocol: its body is not one well-formed JSON envelope, names a type
 * that is not registered, carries a payload that does not bind to the registered type, or
 * exceeds the codec's {@link JsonCodec.Builder#maxNestingDepth parse constraints}.
 *
 * <p>Reported to the error listener of the side that received the frame. Where the frame was
 * a request whose id could be read, the sender gets an error reply ({@link RemoteException})
 * and the connection stays open; otherwise the connection that sent it is closed. No other
 * connection is affected.
 *
 * <p>Its own fields are final and set when it is created, so it may be handed between
 * threads.
 */
public class ProtocolException extends NetException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates an exception with a message.
     *
     * @param message what was wrong with the frame
     */
    public ProtocolException(String message) {
        super(message);
    }

    /**
     * Creates an exception with a message and a cause.
     *
     * @param message what was wrong with the frame
     * @param cause   the parse or binding failure; may be null
     */
    public ProtocolException(String message, Throwable cause) {
        super(message, cause);
    }
}
