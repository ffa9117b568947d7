package dev.strand.net;

/**
 * A frame is longer than the configured maximum frame length.
 *
 * <p>On receipt the frame is refused as soon as its length prefix is read, before its body
 * is buffered, and the connection that sent it is closed (the exception is reported to the
 * error listener; every other connection is unaffected). On send, a message whose encoded
 * envelope is too long is never written: the returned future fails with this exception and
 * the connection stays open.
 *
 * <p>Its own fields are final and set when it is created, so it may be handed between
 * threads.
 */
public class FrameTooLargeException extends NetException {

    private static final long serialVersionUID = 1L;

    /** The length the frame declared or would have had, or -1 if unknown (serialized). */
    private final long length;
    /** The configured maximum that was exceeded (serialized). */
    private final int maxFrameLength;

    /**
     * Creates an exception for a frame of {@code length} bytes.
     *
     * @param length         the length the frame declared or would have had, or -1 if unknown
     * @param maxFrameLength the configured maximum
     */
    public FrameTooLargeException(long length, int maxFrameLength) {
        super(length >= 0
                ? "frame of " + length + " bytes exceeds maxFrameLength " + maxFrameLength
                : "frame exceeds maxFrameLength " + maxFrameLength);
        this.length = length;
        this.maxFrameLength = maxFrameLength;
    }

    /**
     * Returns the length the frame declared, or -1 if it is not known.
     *
     * @return the length in bytes of the frame body
     */
    public long length() {
        return length;
    }

    /**
     * Returns the maximum frame length that was exceeded.
     *
     * @return the limit in bytes
     */
    public int maxFrameLength() {
        return maxFrameLength;
    }
}
