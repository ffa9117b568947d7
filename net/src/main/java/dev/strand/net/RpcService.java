package dev.strand.net;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Names an RPC service interface on the wire. Without it the interface's simple name is used;
 * a method {@code hello} of service {@code Greeter} is called {@code Greeter.hello}.
 *
 * <p>A service is versioned by its name: an incompatible change (a parameter or return type
 * changed, a method removed) is published under a new name, e.g. {@code Greeter.v2}, served
 * beside the old one. Adding methods, or fields to records, is compatible (unknown JSON fields
 * are ignored). An annotation: immutable.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface RpcService {

    /**
     * The service's name on the wire: letters, digits, {@code _} and {@code .}, starting with a
     * letter.
     *
     * @return the name
     */
    String value();
}
