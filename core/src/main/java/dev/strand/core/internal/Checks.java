package dev.strand.core.internal;

import java.time.Duration;
import java.util.Objects;

/**
 * Argument checks shared by every Strand module, with one wording for each kind of mistake:
 * {@code "<name> must be positive, was <value>"}, {@code "<name> must not be negative, was
 * <value>"}, {@code "<name> must be between <min> and <max>, was <value>"}. Each returns its
 * argument so a check reads as an assignment: {@code this.capacity = Checks.positive(capacity,
 * "capacity");}.
 *
 * <p>Null checks stay {@link Objects#requireNonNull(Object, String)} with the parameter's name;
 * the {@code Duration} checks here perform it too.
 *
 * <p>Not API: this package is exported only to the Strand modules.
 */
public final class Checks {

    private Checks() {
    }

    /**
     * Checks that {@code value > 0}.
     *
     * @param value the argument
     * @param name the parameter's name
     * @return {@code value}
     * @throws IllegalArgumentException if {@code value <= 0}
     */
    public static long positive(long value, String name) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be positive, was " + value);
        }
        return value;
    }

    /**
     * Checks that {@code value > 0}.
     *
     * @param value the argument
     * @param name the parameter's name
     * @return {@code value}
     * @throws IllegalArgumentException if {@code value <= 0}
     */
    public static int positive(int value, String name) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be positive, was " + value);
        }
        return value;
    }

    /**
     * Checks that {@code value >= 0}.
     *
     * @param value the argument
     * @param name the parameter's name
     * @return {@code value}
     * @throws IllegalArgumentException if {@code value < 0}
     */
    public static long nonNegative(long value, String name) {
        if (value < 0) {
            throw new IllegalArgumentException(name + " must not be negative, was " + value);
        }
        return value;
    }

    /**
     * Checks that {@code value >= 0}.
     *
     * @param value the argument
     * @param name the parameter's name
     * @return {@code value}
     * @throws IllegalArgumentException if {@code value < 0}
     */
    public static int nonNegative(int value, String name) {
        if (value < 0) {
            throw new IllegalArgumentException(name + " must not be negative, was " + value);
        }
        return value;
    }

    /**
     * Checks that {@code min <= value <= max}.
     *
     * @param value the argument
     * @param min the smallest accepted value
     * @param max the largest accepted value
     * @param name the parameter's name
     * @return {@code value}
     * @throws IllegalArgumentException if {@code value} is outside {@code [min, max]}
     */
    public static long inRange(long value, long min, long max, String name) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(
                    name + " must be between " + min + " and " + max + ", was " + value);
        }
        return value;
    }

    /**
     * Checks that {@code min <= value <= max}.
     *
     * @param value the argument
     * @param min the smallest accepted value
     * @param max the largest accepted value
     * @param name the parameter's name
     * @return {@code value}
     * @throws IllegalArgumentException if {@code value} is outside {@code [min, max]}
     */
    public static int inRange(int value, int min, int max, String name) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(
                    name + " must be between " + min + " and " + max + ", was " + value);
        }
        return value;
    }

    /**
     * Checks that a duration is not null and strictly positive.
     *
     * @param value the argument
     * @param name the parameter's name
     * @return {@code value}
     * @throws NullPointerException if {@code value} is null
     * @throws IllegalArgumentException if {@code value} is zero or negative
     */
    public static Duration positive(Duration value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, was " + value);
        }
        return value;
    }

    /**
     * Checks that a duration is not null and not negative.
     *
     * @param value the argument
     * @param name the parameter's name
     * @return {@code value}
     * @throws NullPointerException if {@code value} is null
     * @throws IllegalArgumentException if {@code value} is negative
     */
    public static Duration nonNegative(Duration value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isNegative()) {
            throw new IllegalArgumentException(name + " must not be negative, was " + value);
        }
        return value;
    }
}
