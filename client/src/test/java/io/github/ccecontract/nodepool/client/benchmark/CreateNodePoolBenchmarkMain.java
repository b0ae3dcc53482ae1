package io.github.ccecontract.nodepool.client.benchmark;

import java.lang.management.ManagementFactory;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Collection;
import java.util.Locale;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Runs {@link CreateNodePoolBenchmark} and prints the ratio of the client's time per call to the raw
 * call's, with its error. Takes JMH's command-line options ({@code -f 2 -wi 5 -i 10 -rf json -rff
 * file ...}); the {@code benchmark} profile of client/pom.xml passes them. Exits with status 1 if
 * the ratio is above the limit ({@code -Dbenchmark.maxRatio}, default 1.10), 2 on a usage error.
 */
public final class CreateNodePoolBenchmarkMain {
    static final String GENERATED = "generatedClient";
    static final String RAW = "rawOkHttpJackson";

    private CreateNodePoolBenchmarkMain() {}

    public static void main(String[] args) throws RunnerException {
        CommandLineOptions cli;
        try {
            cli = new CommandLineOptions(args);
        } catch (CommandLineOptionException e) {
            System.err.println("Usage error: " + e.getMessage());
            System.exit(2);
            return;
        }
        double maxRatio = Double.parseDouble(System.getProperty("benchmark.maxRatio", "1.10"));
        ChainedOptionsBuilder options = new OptionsBuilder().parent(cli);
        if (cli.getIncludes().isEmpty()) {
            options.include("^" + CreateNodePoolBenchmark.class.getName().replace(".", "\\.") + "\\.");
        }

        String before = environment();
        Collection<RunResult> results = new Runner(options.build()).run();
        System.out.println();
        System.out.println("Machine:      " + before);
        System.out.println("Load after:   " + loadAverage());

        Result<?> generated = find(results, GENERATED);
        Result<?> raw = find(results, RAW);
        if (generated == null || raw == null) {
            System.out.println("Ratio: not computed (" + GENERATED + " and " + RAW + " did not both complete)");
            System.exit(cli.getIncludes().isEmpty() ? 1 : 0); // a failed trial, unless only one was asked for
        }
        Mode mode = results.iterator().next().getParams().getMode();
        Ratio ratio = Ratio.of(generated, raw, mode == Mode.Throughput);
        System.out.println(line(GENERATED, generated));
        System.out.println(line(RAW, raw));
        System.out.printf(
                Locale.ROOT,
                "Ratio generatedClient / rawOkHttpJackson (time per call): %.3f ± %.3f"
                        + "  (bounds from the 99.9%% intervals: %.3f .. %.3f)  limit %.2f: %s%n",
                ratio.value(),
                ratio.error(),
                ratio.lower(),
                ratio.upper(),
                maxRatio,
                ratio.value() <= maxRatio ? "PASS" : "FAIL");
        if (ratio.value() > maxRatio) System.exit(1);
    }

    private static Result<?> find(Collection<RunResult> results, String method) {
        for (RunResult r : results) {
            if (r.getParams().getBenchmark().endsWith("." + method)) return r.getPrimaryResult();
        }
        return null;
    }

    private static String line(String name, Result<?> r) {
        return String.format(
                Locale.ROOT,
                "%-17s %10.3f ± %.3f %s (99.9%% CI, %d iterations)",
                name,
                r.getScore(),
                r.getScoreError(),
                r.getScoreUnit(),
                r.getSampleCount());
    }

    static String environment() {
        return Runtime.getRuntime().availableProcessors() + " cores, " + System.getProperty("java.vm.name") + " "
                + System.getProperty("java.runtime.version") + ", " + System.getProperty("os.name") + " "
                + System.getProperty("os.arch") + ", "
                + DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(ZonedDateTime.now())
                + ", load before: " + loadAverage();
    }

    private static String loadAverage() {
        try {
            return java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg"))
                    .trim();
        } catch (Exception e) {
            return String.format(
                    Locale.ROOT,
                    "%.2f (1 min)",
                    ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        }
    }

    /**
     * The ratio of two times per call, with the first-order propagated error of the two scores' errors,
     * and the extreme ratios their intervals allow.
     */
    record Ratio(double value, double error, double lower, double upper) {
        static Ratio of(Result<?> generated, Result<?> raw, boolean throughput) {
            // Throughput is calls per time: the time ratio is its inverse.
            double g = throughput ? raw.getScore() : generated.getScore();
            double eg = throughput ? raw.getScoreError() : generated.getScoreError();
            double r = throughput ? generated.getScore() : raw.getScore();
            double er = throughput ? generated.getScoreError() : raw.getScoreError();
            return of(g, finite(eg), r, finite(er));
        }

        static Ratio of(double numerator, double numeratorError, double denominator, double denominatorError) {
            double value = numerator / denominator;
            double error = value * Math.hypot(numeratorError / numerator, denominatorError / denominator);
            double lower = (numerator - numeratorError) / (denominator + denominatorError);
            double upper = denominator > denominatorError
                    ? (numerator + numeratorError) / (denominator - denominatorError)
                    : Double.POSITIVE_INFINITY;
            return new Ratio(value, error, lower, upper);
        }

        private static double finite(double error) {
            return Double.isNaN(error) ? 0 : error; // JMH reports NaN for a single iteration
        }
    }
}
