package dev.strand.resilience;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * The failure rules every failure-handling policy's builder shares ({@link Retry.Builder},
 * {@link CircuitBreaker.Builder}, {@link Fallback.Builder}): which failures the policy
 * <em>records</em> (retries, counts as failures, replaces) and which it <em>ignores</em> (lets
 * pass untouched), by type or by predicate. Self-typed, so each method returns the concrete
 * builder.
 *
 * <ul>
 *   <li>With no record rule, every failure of the policy's failure type is recorded;
 *       {@code recordOn} and {@code recordIf} narrow that, and add to each other.</li>
 *   <li>{@code ignoreOn} and {@code ignoreIf} win over the record rules.</li>
 *   <li>Each call adds to the earlier ones; a second {@code recordIf} or {@code ignoreIf} is
 *       or-ed with the first.</li>
 * </ul>
 *
 * <p>Like every builder of Strand, it mutates in place and is not thread-safe; the policy's
 * {@code build()} takes a snapshot of the rules.
 *
 * @param <B> the concrete builder
 * @param <X> the failures the policy handles: {@code Exception} for Retry and Fallback (an
 *            {@code Error} or an {@code InterruptedException} always propagates), any
 *            {@code Throwable} for CircuitBreaker
 */
abstract class FailurePolicyBuilder<B extends FailurePolicyBuilder<B, X>, X extends Throwable> {

    private final Class<X> failureType;
    private final List<Class<? extends X>> recordOn = new ArrayList<>();
    private Predicate<X> recordIf;
    private final List<Class<? extends X>> ignoreOn = new ArrayList<>();
    private Predicate<X> ignoreIf;

    FailurePolicyBuilder(Class<X> failureType) {
        this.failureType = failureType;
    }

    @SuppressWarnings("unchecked")
    private B self() {
        return (B) this;
    }

    /**
     * Records failures of these types (and their subtypes). Adds to earlier calls.
     *
     * @param types not null, no null element
     * @return this builder
     * @throws NullPointerException if {@code types} or an element is null
     */
    @SafeVarargs
    @SuppressWarnings("varargs") // the array is only read, never stored or exposed
    public final B recordOn(Class<? extends X>... types) {
        addAll(recordOn, types);
        return self();
    }

    /**
     * Records failures that {@code predicate} accepts (besides the {@code recordOn} types).
     *
     * @param predicate not null
     * @return this builder
     * @throws NullPointerException if {@code predicate} is null
     */
    public final B recordIf(Predicate<? super X> predicate) {
        recordIf = or(recordIf, Objects.requireNonNull(predicate, "predicate"));
        return self();
    }

    /**
     * Ignores failures of these types (and their subtypes), whatever the record rules say:
     * the policy lets them pass untouched. Adds to earlier calls.
     *
     * @param types not null, no null element
     * @return this builder
     * @throws NullPointerException if {@code types} or an element is null
     */
    @SafeVarargs
    @SuppressWarnings("varargs") // the array is only read, never stored or exposed
    public final B ignoreOn(Class<? extends X>... types) {
        addAll(ignoreOn, types);
        return self();
    }

    /**
     * Ignores failures that {@code predicate} accepts, whatever the record rules say.
     *
     * @param predicate not null
     * @return this builder
     * @throws NullPointerException if {@code predicate} is null
     */
    public final B ignoreIf(Predicate<? super X> predicate) {
        ignoreIf = or(ignoreIf, Objects.requireNonNull(predicate, "predicate"));
        return self();
    }

    /** A snapshot of the rules, for {@code build()}. */
    final FailureRules rules() {
        return new FailureRules(failureType, recordOn.toArray(new Class<?>[0]), widen(recordIf),
                ignoreOn.toArray(new Class<?>[0]), widen(ignoreIf));
    }

    private Predicate<? super Throwable> widen(Predicate<X> p) {
        // FailureRules tests only throwables that are instances of failureType.
        return p == null ? null : t -> p.test(failureType.cast(t));
    }

    private static <T> Predicate<T> or(Predicate<T> first, Predicate<? super T> second) {
        return first == null ? second::test : t -> first.test(t) || second.test(t);
    }

    private static <C> void addAll(List<C> to, C[] types) {
        Objects.requireNonNull(types, "types");
        for (C t : types) {
            to.add(Objects.requireNonNull(t, "types[i]"));
        }
    }
}
