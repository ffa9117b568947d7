package dev.strand.net;

import com.fasterxml.jackson.databind.node.POJONode;

/**
 * A JSON value of an RPC call or reply held as the Java object it stands for, in place of a
 * tree: an argument a proxy sends, a result a server returns, or a value bound straight from
 * the frame to its Java type (an argument by {@link CallReader}, a result by
 * {@link ReplyReader}). Jackson writes it as
 * the object's own JSON (its serializer, run into the frame's generator), so the wire form is
 * the one a tree of the same value would give, without building the tree.
 *
 * <p>A value that did not bind is held as a failure: {@link ServiceRegistry} answers such an
 * argument with {@code bad-arguments}, a proxy such a result with a {@link ProtocolException}.
 * Immutable; thread-safe if the value is.
 */
final class BoundValue extends POJONode {

    private static final long serialVersionUID = 1L;

    private final boolean failed;

    /** Holds {@code value}; not null (a null goes on the wire as a {@code NullNode}). */
    BoundValue(Object value) {
        this(value, false);
    }

    private BoundValue(Object value, boolean failed) {
        super(value);
        this.failed = failed;
    }

    /** A value that could not be bound to its type; {@code why} (may be null) is held as its value. */
    static BoundValue failed(String why) {
        return new BoundValue(why, true);
    }

    /** Whether this is a value that could not be bound. */
    boolean isFailed() {
        return failed;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BoundValue b && b.failed == failed && super.equals(o);
    }

    @Override
    public int hashCode() {
        return super.hashCode() * 31 + (failed ? 1 : 0);
    }
}
