package dev.strand.resilience;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/** Finds the {@link VarHandle}s of this package's atomic fields, once, in static initialisers. */
final class Handles {

    private Handles() {
    }

    /**
     * The handle of field {@code name} of {@code lookup}'s class (pass {@code MethodHandles.lookup()}
     * from that class, which grants access to its private fields).
     *
     * @throws ExceptionInInitializerError if the field does not exist (a bug of this package)
     */
    static VarHandle field(MethodHandles.Lookup lookup, String name, Class<?> type) {
        try {
            return lookup.findVarHandle(lookup.lookupClass(), name, type);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }
}
