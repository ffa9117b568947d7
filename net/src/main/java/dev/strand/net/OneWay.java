package dev.strand.net;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a {@code void} method of an RPC service interface as fire-and-forget: the proxy sends
 * the call as a message and returns at once, without waiting for the server. An unmarked
 * {@code void} method waits for the server's acknowledgement (and its failure is thrown).
 *
 * <p>Only valid on methods returning {@code void}; {@link Rpc.Client#proxy} and
 * {@link NetServer.Builder#serve} refuse it elsewhere. An annotation: immutable.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface OneWay {
}
