/**
 * Strand net: framed TCP messaging with JSON codecs on Netty and Jackson: request-reply RPC,
 * publish-subscribe, push-pull and remote channels.
 *
 * <p>Only {@code dev.strand.net} is exported. Message types registered with a {@code JsonCodec}
 * are read and written by Jackson through reflection: a module that declares them must open
 * their package to {@code com.fasterxml.jackson.databind}.
 */
module dev.strand.net {
    requires transitive dev.strand.core;
    requires transitive dev.strand.channels;
    requires transitive dev.strand.resilience;
    requires transitive io.netty.handler;
    requires transitive com.fasterxml.jackson.databind;
    requires jdk.jfr;
    requires io.netty.buffer;
    requires io.netty.codec;
    requires io.netty.common;
    requires io.netty.transport;
    requires io.netty.transport.classes.epoll;
    requires org.jctools.core;

    exports dev.strand.net;
}
