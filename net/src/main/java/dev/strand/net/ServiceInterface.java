package dev.strand.net;

import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.type.TypeFactory;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * An RPC service interface checked once: its wire name and, per abstract method, the wire
 * name, parameter types, result type and kind. Immutable and thread-safe.
 */
final class ServiceInterface {

    private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_.]{0,127}");
    private static final ClassValue<ServiceInterface> CACHE = new ClassValue<>() {
        @Override
        protected ServiceInterface computeValue(Class<?> type) {
            return new ServiceInterface(type);
        }
    };

    /** How a method's result comes back. */
    enum Kind { VALUE, FUTURE, ACKED_VOID, ONE_WAY }

    /**
     * One remote method.
     *
     * @param nameJson      {@code name} as a JSON string encoded once (a proxy writes it per call)
     * @param signatureJson {@code signature} likewise
     */
    record RemoteMethod(Method method, String name, String signature, JavaType[] params, JavaType result, Kind kind,
                        SerializableString nameJson, SerializableString signatureJson) {

        RemoteMethod(Method method, String name, String signature, JavaType[] params, JavaType result, Kind kind) {
            this(method, name, signature, params, result, kind, new SerializedString(name),
                    new SerializedString(signature));
        }
    }

    final Class<?> type;
    final String name;
    final Map<Method, RemoteMethod> byMethod;
    final Map<String, RemoteMethod> byName;

    private ServiceInterface(Class<?> type) {
        if (!type.isInterface() || type.isAnnotation()) {
            throw new IllegalArgumentException("service type must be an interface: " + type.getName());
        }
        if (type.getTypeParameters().length > 0) {
            throw new IllegalArgumentException("service interface " + type.getName()
                    + " must not be generic: its type parameters cannot travel on the wire");
        }
        RpcService ann = type.getAnnotation(RpcService.class);
        this.type = type;
        this.name = ann != null ? ann.value() : type.getSimpleName();
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("service name of " + type.getName() + " is not a valid wire name: '"
                    + name + "' (letters, digits, '_' and '.', starting with a letter)");
        }
        TypeFactory tf = TypeFactory.defaultInstance();
        Map<Method, RemoteMethod> methods = new HashMap<>();
        Map<String, RemoteMethod> names = new HashMap<>();
        for (Method m : type.getMethods()) {
            if (!Modifier.isAbstract(m.getModifiers())) {
                continue; // default and static methods run locally
            }
            String where = type.getSimpleName() + "." + m.getName();
            if (m.getTypeParameters().length > 0) {
                throw new IllegalArgumentException(where + " is a generic method: not supported in an RPC service");
            }
            if (names.containsKey(name + "." + m.getName())) {
                throw new IllegalArgumentException(where + " is overloaded: RPC methods are called by name,"
                        + " give each overload its own name");
            }
            for (Type p : m.getGenericParameterTypes()) {
                checkConcrete(where, p);
            }
            Kind kind;
            JavaType result;
            Class<?> rt = m.getReturnType();
            boolean oneWay = m.isAnnotationPresent(OneWay.class);
            if (oneWay && rt != void.class) {
                throw new IllegalArgumentException(where + " is @OneWay but returns " + rt.getSimpleName()
                        + ": only void methods can be one-way");
            }
            if (rt == void.class) {
                kind = oneWay ? Kind.ONE_WAY : Kind.ACKED_VOID;
                result = null;
            } else if (rt == CompletableFuture.class) {
                Type g = m.getGenericReturnType();
                if (!(g instanceof ParameterizedType pt)) {
                    throw new IllegalArgumentException(where + " returns a raw CompletableFuture: say its value type");
                }
                checkConcrete(where, pt.getActualTypeArguments()[0]);
                kind = Kind.FUTURE;
                result = tf.constructType(pt.getActualTypeArguments()[0]);
            } else if (java.util.concurrent.Future.class.isAssignableFrom(rt)
                    || java.util.concurrent.CompletionStage.class.isAssignableFrom(rt)) {
                throw new IllegalArgumentException(where + " returns " + rt.getSimpleName()
                        + ": an async method must return CompletableFuture");
            } else {
                checkConcrete(where, m.getGenericReturnType());
                kind = Kind.VALUE;
                result = tf.constructType(m.getGenericReturnType());
            }
            JavaType[] params = Arrays.stream(m.getGenericParameterTypes()).map(tf::constructType)
                    .toArray(JavaType[]::new);
            String wire = name + "." + m.getName();
            RemoteMethod rm = new RemoteMethod(m, wire, signature(m), params, result, kind);
            methods.put(m, rm);
            names.put(wire, rm);
        }
        this.byMethod = Collections.unmodifiableMap(methods);
        this.byName = Collections.unmodifiableMap(names);
    }

    /** Returns the checked form of {@code type}, made once per class. */
    static ServiceInterface of(Class<?> type) {
        Objects.requireNonNull(type, "service");
        return CACHE.get(type);
    }

    /** The erased parameter types, e.g. {@code (String,int)}: checked by the server. */
    static String signature(Method m) {
        return Arrays.stream(m.getParameterTypes()).map(Class::getSimpleName)
                .collect(Collectors.joining(",", "(", ")"));
    }

    private static void checkConcrete(String where, Type t) {
        if (t instanceof TypeVariable<?> || t instanceof WildcardType) {
            throw new IllegalArgumentException(where + " uses type " + t.getTypeName()
                    + ": RPC types must be concrete to be encoded as JSON");
        }
        if (t instanceof ParameterizedType pt) {
            for (Type a : pt.getActualTypeArguments()) {
                checkConcrete(where, a);
            }
        }
        if (t instanceof Class<?> c && (c == Object.class || java.util.concurrent.Future.class.isAssignableFrom(c))) {
            throw new IllegalArgumentException(where + " uses type " + c.getSimpleName()
                    + ": not supported as an RPC parameter or value");
        }
    }
}
