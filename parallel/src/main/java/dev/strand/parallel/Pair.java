package dev.strand.parallel;

/**
 * The two results of {@link Parallel#join}: {@code first} from the first supplier,
 * {@code second} from the second. Either may be {@code null} if its supplier returned null.
 *
 * <p>Shallowly immutable (a record of final references), so it may be shared between threads;
 * the results themselves are as thread-safe as their own types.
 *
 * @param <A> the first result's type
 * @param <B> the second result's type
 * @param first the first supplier's result
 * @param second the second supplier's result
 */
public record Pair<A, B>(A first, B second) {
}
