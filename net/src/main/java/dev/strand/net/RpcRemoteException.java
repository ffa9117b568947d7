package dev.strand.net;

/**
 * An RPC call failed on the server: the service method threw, the method is unknown there, or
 * the arguments did not match its signature.
 *
 * <p>{@link #code()} is one of {@link #HANDLER_FAILED}, {@link #UNKNOWN_METHOD},
 * {@link #BAD_ARGUMENTS} or {@link #DEADLINE_EXCEEDED}; {@link #remoteType()} names the class
 * of the exception thrown on the server (for {@code handler-failed}) and
 * {@link #remoteMessage()} carries its message. The connection stays open.
 *
 * <p>Its fields are final and set when it is created, so it may be handed between threads.
 */
public class RpcRemoteException extends RemoteException {

    private static final long serialVersionUID = 1L;

    /** The server has no service or method of the called name. */
    public static final String UNKNOWN_METHOD = "unknown-method";
    /** The arguments did not bind to the server method's parameters. */
    public static final String BAD_ARGUMENTS = "bad-arguments";
    /** The call's deadline had passed when the server came to run it. */
    public static final String DEADLINE_EXCEEDED = "deadline-exceeded";

    /** The class name of the exception thrown remotely, or null (serialized). */
    private final String remoteType;

    /**
     * Creates an exception from an RPC error reply.
     *
     * @param code          the error code; not null
     * @param remoteType    the class name of the remote exception; may be null
     * @param remoteMessage the remote message; may be null
     */
    public RpcRemoteException(String code, String remoteType, String remoteMessage) {
        super(code, remoteMessage);
        this.remoteType = remoteType;
    }

    /**
     * Returns the code, the remote type (if any) and the remote message.
     *
     * @return e.g. {@code remote error [handler-failed]: java.lang.IllegalStateException: boom}
     */
    @Override
    public String getMessage() {
        return remoteType == null ? super.getMessage()
                : "remote error [" + code() + "]: " + remoteType + ": " + remoteMessage();
    }

    /**
     * Returns the class name of the exception the remote method threw.
     *
     * @return a class name such as {@code java.lang.IllegalStateException}, or null when the
     *         error was not thrown by the method
     */
    public String remoteType() {
        return remoteType;
    }
}
