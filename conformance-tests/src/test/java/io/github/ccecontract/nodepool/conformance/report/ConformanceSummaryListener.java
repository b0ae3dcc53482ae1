package io.github.ccecontract.nodepool.conformance.report;

import io.github.ccecontract.nodepool.conformance.support.Checks;
import io.github.ccecontract.nodepool.conformance.support.Checks.Check;
import io.github.ccecontract.nodepool.conformance.support.ResponseConformance;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.TestTag;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

/**
 * Prints a short summary at the end of a test run: per check of issue 5 (the {@code check-N} tag of the test or of
 * an enclosing class, see {@link Checks}), the tests, the cases (a property counts its tries, reported through
 * {@link Checks#CASES}), how many passed, failed and were skipped; then every failure with its message, which names
 * the case, the request sent and the answer received (see
 * {@link io.github.ccecontract.nodepool.conformance.support.Exchange}).
 *
 * <p>Registered through {@code META-INF/services/org.junit.platform.launcher.TestExecutionListener}.
 */
public class ConformanceSummaryListener implements TestExecutionListener {

    /** Longest failure message the summary prints (the full one is in the test report). */
    static final int MAX_FAILURE_CHARS = 3000;

    private final Supplier<PrintStream> out;
    private volatile TestPlan plan;
    private final Map<String, Integer> cases = new ConcurrentHashMap<>();
    private final Map<String, Integer> failedCases = new ConcurrentHashMap<>();
    private final Map<String, Stats> groups = new LinkedHashMap<>();
    private final List<String> failures = new LinkedList<>();
    private final List<String> skips = new LinkedList<>();

    /** Counts of one check. */
    static final class Stats {
        int tests;
        int cases;
        int passed;
        int failed;
        int skipped;
        int failedContainers;
    }

    /** Prints to System.out (looked up when printing). */
    public ConformanceSummaryListener() {
        this(() -> System.out);
    }

    /** Prints to the given stream. */
    public ConformanceSummaryListener(PrintStream out) {
        this(() -> out);
    }

    private ConformanceSummaryListener(Supplier<PrintStream> out) {
        this.out = out;
    }

    @Override
    public void testPlanExecutionStarted(TestPlan testPlan) {
        plan = testPlan;
        synchronized (groups) {
            groups.clear();
            failures.clear();
            skips.clear();
        }
        cases.clear();
        failedCases.clear();
    }

    @Override
    public void reportingEntryPublished(TestIdentifier id, ReportEntry entry) {
        Map<String, String> pairs = entry.getKeyValuePairs();
        parse(pairs.get(Checks.CASES)).ifPresent(n -> cases.merge(id.getUniqueId(), n, Integer::sum));
        parse(pairs.get(Checks.FAILED_CASES)).ifPresent(n -> failedCases.merge(id.getUniqueId(), n, Integer::sum));
    }

    @Override
    public void executionSkipped(TestIdentifier id, String reason) {
        synchronized (groups) {
            Stats stats = stats(group(id));
            if (id.isTest()) {
                stats.skipped++;
            } else if (plan != null) {
                stats.skipped += (int) plan.getDescendants(id).stream()
                        .filter(TestIdentifier::isTest)
                        .count();
            }
            skips.add("[" + group(id) + "] " + path(id) + ": " + reason);
        }
    }

    @Override
    public void executionFinished(TestIdentifier id, TestExecutionResult result) {
        boolean failed = result.getStatus() == TestExecutionResult.Status.FAILED;
        synchronized (groups) {
            String group = group(id);
            if (id.isTest()) {
                Stats stats = stats(group);
                int n = cases.getOrDefault(id.getUniqueId(), 1);
                int bad = failedCases.getOrDefault(id.getUniqueId(), 0);
                if (failed && bad == 0) {
                    bad = 1;
                }
                bad = Math.min(bad, n);
                stats.tests++;
                if (result.getStatus() == TestExecutionResult.Status.ABORTED) {
                    stats.skipped++;
                    skips.add("[" + group + "] " + path(id) + ": "
                            + result.getThrowable().map(Throwable::getMessage).orElse("(no reason given)"));
                } else {
                    stats.cases += n;
                    stats.passed += n - bad;
                    stats.failed += bad;
                }
            } else if (failed) {
                stats(group).failedContainers++;
            }
            if (failed) {
                String message = result.getThrowable()
                        .map(ConformanceSummaryListener::message)
                        .orElse("(no message)");
                failures.add(
                        "[" + group + "] " + path(id) + (id.isTest() ? "" : " (container)") + "\n" + indent(message));
            }
        }
    }

    @Override
    public void testPlanExecutionFinished(TestPlan testPlan) {
        PrintStream ps = out.get();
        StringBuilder sb = new StringBuilder();
        String rule = "=".repeat(104);
        sb.append(rule).append('\n');
        sb.append("Conformance summary: seed ")
                .append(System.getProperty("conformance.seed", "20221110"))
                .append(", ")
                .append(System.getProperty("conformance.tries", "1000"))
                .append(" tries per property (-Dconformance.seed, -Dconformance.tries)\n");
        sb.append(
                String.format("%-70s %6s %7s %7s %7s %8s%n", "check", "tests", "cases", "passed", "failed", "skipped"));
        synchronized (groups) {
            for (Check check : Check.values()) {
                Stats s = groups.get(check.title());
                if (s == null) {
                    sb.append(String.format("%-70s %6s%n", check.title(), "-   (no tests in this run)"));
                } else {
                    row(sb, check.title(), s);
                }
            }
            groups.forEach((name, s) -> {
                if (Check.values().length > 0
                        && java.util.Arrays.stream(Check.values())
                                .noneMatch(c -> c.title().equals(name))) {
                    row(sb, name, s);
                }
            });
            int checked = ResponseConformance.checked();
            if (checked > 0) {
                sb.append("Check 3: ")
                        .append(checked)
                        .append(" answers of the stub checked against the document")
                        .append(" (by status ");
                StringBuilder byStatus = new StringBuilder();
                ResponseConformance.checkedByStatus()
                        .forEach((status, n) -> byStatus.append(byStatus.length() == 0 ? "" : ", ")
                                .append(status)
                                .append(": ")
                                .append(n));
                sb.append(byStatus)
                        .append("), ")
                        .append(ResponseConformance.violations().size())
                        .append(" with problems\n");
            }
            if (!skips.isEmpty()) {
                sb.append("Skipped (").append(skips.size()).append("):\n");
                skips.forEach(s -> sb.append(" - ").append(s).append('\n'));
            }
            if (failures.isEmpty()) {
                sb.append("No failures.\n");
            } else {
                sb.append("Failures (").append(failures.size()).append("):\n");
                failures.forEach(f -> sb.append(" - ").append(f).append('\n'));
            }
        }
        sb.append(rule).append('\n');
        ps.print(sb);
        ps.flush();
    }

    // ------------------------------------------------------------------------------ helpers

    private static void row(StringBuilder sb, String name, Stats s) {
        String title = name.length() > 70 ? name.substring(0, 67) + "..." : name;
        sb.append(String.format(
                "%-70s %6d %7d %7d %7d %8d%s%n",
                title,
                s.tests,
                s.cases,
                s.passed,
                s.failed,
                s.skipped,
                s.failedContainers > 0 ? "   + " + s.failedContainers + " failed container(s)" : ""));
    }

    private Stats stats(String group) {
        return groups.computeIfAbsent(group, g -> new Stats());
    }

    /** The check title of the nearest check tag on the identifier or its ancestors, else "untagged: <class>". */
    private String group(TestIdentifier id) {
        TestPlan p = plan;
        for (TestIdentifier current = id;
                current != null;
                current = p == null ? null : p.getParent(current).orElse(null)) {
            for (TestTag tag : current.getTags()) {
                Optional<Check> check = Check.ofTag(tag.getName());
                if (check.isPresent()) {
                    return check.get().title();
                }
            }
        }
        return "untagged: " + className(id);
    }

    private String className(TestIdentifier id) {
        TestPlan p = plan;
        for (TestIdentifier current = id;
                current != null;
                current = p == null ? null : p.getParent(current).orElse(null)) {
            Optional<String> name = current.getSource()
                    .map(s -> s instanceof ClassSource c
                            ? c.getClassName()
                            : s instanceof MethodSource m ? m.getClassName() : null);
            if (name.isPresent()) {
                String n = name.get();
                return n.substring(n.lastIndexOf('.') + 1);
            }
        }
        return id.getDisplayName();
    }

    /** Display names from the class down: "ValidRequestsPropertyTest > every generated request is valid". */
    private String path(TestIdentifier id) {
        List<String> names = new ArrayList<>();
        TestPlan p = plan;
        for (TestIdentifier current = id;
                current != null;
                current = p == null ? null : p.getParent(current).orElse(null)) {
            if (current.getParentId().isPresent()) {
                names.add(0, current.getDisplayName());
            }
        }
        return String.join(" > ", names);
    }

    private static String message(Throwable t) {
        String message = t.getMessage() == null ? t.toString() : t.getClass().getSimpleName() + ": " + t.getMessage();
        if (message.length() > MAX_FAILURE_CHARS) {
            message = message.substring(0, MAX_FAILURE_CHARS) + "\n... (" + (message.length() - MAX_FAILURE_CHARS)
                    + " more characters: see the test report)";
        }
        return message;
    }

    private static String indent(String text) {
        return "     " + text.replace("\n", "\n     ");
    }

    private static Optional<Integer> parse(String value) {
        if (value == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(Integer.parseInt(value.trim()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
