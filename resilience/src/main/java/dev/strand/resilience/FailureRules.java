package dev.strand.resilience;

import java.util.function.Predicate;

/**
 * Which failures a policy acts on: the one place where Retry, CircuitBreaker and Fallback
 * match a throwable against the rules of their {@link FailurePolicyBuilder}. Immutable.
 *
 * <ul>
 *   <li>A failure outside the policy's failure type ({@code Exception} for Retry and Fallback,
 *       any {@code Throwable} for CircuitBreaker) matches nothing.</li>
 *   <li>{@link #ignores}: an {@code ignoreOn} type or the {@code ignoreIf} predicate matches;
 *       ignoring wins over recording.</li>
 *   <li>{@link #records}: not ignored, and either no record rule was given (every failure of
 *       the failure type is recorded) or a {@code recordOn} type or the {@code recordIf}
 *       predicate matches.</li>
 * </ul>
 */
final class FailureRules {

    private final Class<? extends Throwable> failureType;
    private final Class<?>[] recordOn;
    private final Predicate<? super Throwable> recordIf;
    private final Class<?>[] ignoreOn;
    private final Predicate<? super Throwable> ignoreIf;

    FailureRules(Class<? extends Throwable> failureType, Class<?>[] recordOn, Predicate<? super Throwable> recordIf,
                 Class<?>[] ignoreOn, Predicate<? super Throwable> ignoreIf) {
        this.failureType = failureType;
        this.recordOn = recordOn;
        this.recordIf = recordIf;
        this.ignoreOn = ignoreOn;
        this.ignoreIf = ignoreIf;
    }

    /** Whether {@code t} is ignored: an {@code ignoreOn} type or {@code ignoreIf} matches it. */
    boolean ignores(Throwable t) {
        return failureType.isInstance(t) && (isAny(t, ignoreOn) || (ignoreIf != null && ignoreIf.test(t)));
    }

    /** Whether {@code t} is a failure the policy acts on (retries, records, handles). */
    boolean records(Throwable t) {
        if (!failureType.isInstance(t) || ignores(t)) {
            return false;
        }
        if (recordOn.length == 0 && recordIf == null) {
            return true;
        }
        return isAny(t, recordOn) || (recordIf != null && recordIf.test(t));
    }

    private static boolean isAny(Throwable t, Class<?>[] types) {
        for (Class<?> c : types) {
            if (c.isInstance(t)) {
                return true;
            }
        }
        return false;
    }
}
