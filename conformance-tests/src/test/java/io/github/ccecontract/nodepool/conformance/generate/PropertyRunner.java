package io.github.ccecontract.nodepool.conformance.generate;

import io.github.ccecontract.nodepool.conformance.support.Checks;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.api.TestReporter;

/**
 * Runs a property over generated cases: a fixed seed (CI reproducible), a number of tries, every case from its own
 * seed derived from the run's seed and the case's index, so that one case can be replayed alone.
 *
 * <p>System properties (set by the module's pom from Maven properties of the same name):
 * <ul>
 * <li>{@code conformance.seed}: the run's seed, default {@value #DEFAULT_SEED};</li>
 * <li>{@code conformance.tries}: cases per property, default {@value #DEFAULT_TRIES};</li>
 * <li>{@code conformance.case}: run only the case of this index (replay a failure).</li>
 * </ul>
 *
 * <p>No shrinking: a failure names the case by index and seed, and shows the value. The runner reports the number of
 * cases run and failed to the end-of-run summary ({@link Checks#CASES}).
 */
public final class PropertyRunner {

    public static final long DEFAULT_SEED = 20221110L;
    public static final int DEFAULT_TRIES = 1000;

    /** Failures described in full in the assertion message; the rest are counted. */
    static final int DESCRIBED_FAILURES = 3;
    /** A run stops after this many failures (a broken property need not run 5000 times). */
    static final int MAX_FAILURES = 25;

    private PropertyRunner() {}

    /** Seed, tries and an optional single case. */
    public record Settings(long seed, int tries, OptionalInt onlyCase) {

        public Settings {
            if (tries < 1) {
                throw new IllegalArgumentException("tries < 1: " + tries);
            }
        }

        /** From the system properties conformance.seed, conformance.tries, conformance.case. */
        public static Settings fromSystemProperties() {
            long seed = parseLong("conformance.seed", DEFAULT_SEED);
            int tries = (int) parseLong("conformance.tries", DEFAULT_TRIES);
            String only = System.getProperty("conformance.case", "").trim();
            return new Settings(
                    seed, tries, only.isEmpty() ? OptionalInt.empty() : OptionalInt.of(Integer.parseInt(only)));
        }

        /** The same settings with another number of tries (for example a smaller sample for slow peers). */
        public Settings withTries(int otherTries) {
            return new Settings(seed, otherTries, onlyCase);
        }

        /** The seed of the case of an index: SplitMix64 of the run's seed and the index. */
        public long caseSeed(int index) {
            long z = seed + 0x9E3779B97F4A7C15L * (index + 1L);
            z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
            z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
            return z ^ (z >>> 31);
        }

        /** How to replay a case on the command line. */
        public String replay(int index) {
            return "-Dconformance.seed=" + seed + " -Dconformance.case=" + index;
        }

        private static long parseLong(String property, long fallback) {
            String value = System.getProperty(property, "").trim();
            return value.isEmpty() ? fallback : Long.parseLong(value);
        }
    }

    /** One generated case: index in the run, its seed, the value. */
    public record Case<T>(int index, long seed, T value) {
        /** For example {@code generated #17 (case seed -4122...)}. */
        public String name() {
            return "generated #" + index + " (case seed " + seed + ")";
        }
    }

    /** The check of a property; throws (AssertionError or anything) when the case fails. */
    @FunctionalInterface
    public interface Check<T> {
        void check(Case<T> c) throws Throwable;
    }

    /** What a run did. */
    public record Result(int cases, int failed) {}

    /**
     * Runs a property with the settings of the system properties.
     *
     * @param property name shown in failures
     * @param gen      the cases
     * @param describe how a value is shown in a failure (an {@link io.github.ccecontract.nodepool.conformance.support.Exchange}
     *                 check describes its exchange itself in its assertion message)
     * @param check    the property
     * @param reporter where the case counts go (the summary reads them); may be null
     */
    public static <T> Result run(
            String property, Gen<T> gen, Function<? super T, String> describe, Check<T> check, TestReporter reporter) {
        return run(Settings.fromSystemProperties(), property, gen, describe, check, reporter);
    }

    /** Runs a property with explicit settings. */
    public static <T> Result run(
            Settings settings,
            String property,
            Gen<T> gen,
            Function<? super T, String> describe,
            Check<T> check,
            TestReporter reporter) {
        int first = settings.onlyCase().orElse(0);
        int last = settings.onlyCase().isPresent() ? first + 1 : settings.tries();
        int cases = 0;
        int failed = 0;
        List<String> described = new ArrayList<>();
        AssertionError firstError = null;
        for (int index = first; index < last && failed < MAX_FAILURES; index++) {
            long seed = settings.caseSeed(index);
            cases++;
            T value = null;
            try {
                value = gen.generate(new Random(seed));
                check.check(new Case<>(index, seed, value));
            } catch (Throwable t) {
                if (t instanceof VirtualMachineError vme) {
                    throw vme;
                }
                failed++;
                if (described.size() < DESCRIBED_FAILURES) {
                    String shown;
                    try {
                        shown = value == null ? "(the generator itself failed)" : describe.apply(value);
                    } catch (RuntimeException e) {
                        shown = "(cannot describe the value: " + e + ")";
                    }
                    described.add("--- case " + new Case<>(index, seed, value).name() + ", replay with "
                            + settings.replay(index) + "\n" + shown + "\n" + messageOf(t));
                }
                if (firstError == null) {
                    firstError = t instanceof AssertionError ae ? ae : new AssertionError(t);
                }
            }
        }
        if (reporter != null) {
            reporter.publishEntry(Checks.CASES, Integer.toString(cases));
            reporter.publishEntry(Checks.FAILED_CASES, Integer.toString(failed));
        }
        if (failed > 0) {
            AssertionError error =
                    new AssertionError("Property '" + property + "' failed for " + failed + " of " + cases
                            + " cases (seed " + settings.seed()
                            + (failed >= MAX_FAILURES ? ", stopped after " + MAX_FAILURES + " failures" : "") + ")\n"
                            + String.join("\n", described));
            error.addSuppressed(firstError);
            throw error;
        }
        return new Result(cases, failed);
    }

    private static String messageOf(Throwable t) {
        String message = t.getMessage();
        if (t instanceof AssertionError && message != null) {
            return message;
        }
        StackTraceElement[] trace = t.getStackTrace();
        return t + (trace.length > 0 ? "\n  at " + trace[0] : "");
    }
}
