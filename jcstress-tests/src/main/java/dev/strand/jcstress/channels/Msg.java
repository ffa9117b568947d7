package dev.strand.jcstress.channels;

/**
 * The message the channel tests send: two plain (non-final, non-volatile) fields, so that
 * only the channel's own ordering can make the sender's writes visible to the receiver.
 */
final class Msg {
    int a;
    int b;

    /** A message whose fields the sender has not written yet (both 0). */
    Msg() {
    }

    /** A message with both fields already set (for prefilling, outside any race). */
    Msg(int a, int b) {
        this.a = a;
        this.b = b;
    }
}
