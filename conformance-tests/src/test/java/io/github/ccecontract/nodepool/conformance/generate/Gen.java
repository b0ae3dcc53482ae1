package io.github.ccecontract.nodepool.conformance.generate;

import java.util.Random;
import java.util.function.Function;

/**
 * A generator of values from a source of randomness. Deterministic: the same seed gives the same value, so that a
 * case is named by its seed and replayed from it.
 *
 * <p>It is a plain function so that it adapts to any property-based framework in one line (for example jqwik's
 * {@code Arbitraries.randomValue(gen::generate)}, or QuickTheories' {@code Gen}).
 */
@FunctionalInterface
public interface Gen<T> {

    T generate(Random random);

    /** A generator of f applied to this generator's values. */
    default <R> Gen<R> map(Function<? super T, ? extends R> f) {
        return random -> f.apply(generate(random));
    }
}
