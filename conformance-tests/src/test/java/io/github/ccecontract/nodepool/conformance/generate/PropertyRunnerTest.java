package io.github.ccecontract.nodepool.conformance.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ccecontract.nodepool.conformance.support.Checks;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;

/** The property runner: counts, failure messages that name and replay the case, single-case replay. */
@Tag(Checks.SUITE)
class PropertyRunnerTest {

    private final Map<String, String> published = new HashMap<>();
    private final TestReporter reporter = published::putAll;

    @Test
    @DisplayName("a passing property runs every try and reports the count")
    void passing() {
        PropertyRunner.Result result = PropertyRunner.run(
                new PropertyRunner.Settings(1, 250, OptionalInt.empty()),
                "always",
                random -> random.nextInt(10),
                String::valueOf,
                c -> {},
                reporter);
        assertEquals(new PropertyRunner.Result(250, 0), result);
        assertEquals("250", published.get(Checks.CASES));
        assertEquals("0", published.get(Checks.FAILED_CASES));
    }

    @Test
    @DisplayName("a failing property names the case, its seed and how to replay it, and shows the value")
    void failing() {
        PropertyRunner.Settings settings = new PropertyRunner.Settings(42, 100, OptionalInt.empty());
        AssertionError error = assertThrows(
                AssertionError.class,
                () -> PropertyRunner.run(
                        settings,
                        "small numbers",
                        random -> random.nextInt(100),
                        v -> "value " + v,
                        c -> {
                            if (c.value() >= 90) {
                                throw new AssertionError("too big: " + c.value());
                            }
                        },
                        reporter));
        String message = error.getMessage();
        assertTrue(message.startsWith("Property 'small numbers' failed for "), message);
        assertTrue(
                message.contains("generated #")
                        && message.contains("case seed")
                        && message.contains("-Dconformance.seed=42 -Dconformance.case=")
                        && message.contains("too big: ")
                        && message.contains("value 9"),
                message);
        assertEquals("100", published.get(Checks.CASES));
        assertTrue(Integer.parseInt(published.get(Checks.FAILED_CASES)) > 0);
    }

    @Test
    @DisplayName("conformance.case replays one case: the same value as in the full run")
    void replay() {
        List<Integer> full = new ArrayList<>();
        PropertyRunner.run(
                new PropertyRunner.Settings(5, 30, OptionalInt.empty()),
                "collect",
                random -> random.nextInt(),
                String::valueOf,
                c -> full.add(c.value()),
                null);
        List<Integer> one = new ArrayList<>();
        PropertyRunner.Result result = PropertyRunner.run(
                new PropertyRunner.Settings(5, 30, OptionalInt.of(17)),
                "collect",
                random -> random.nextInt(),
                String::valueOf,
                c -> one.add(c.value()),
                null);
        assertEquals(1, result.cases());
        assertEquals(List.of(full.get(17)), one);
    }

    @Test
    @DisplayName("case seeds differ per index and per run seed")
    void caseSeeds() {
        PropertyRunner.Settings a = new PropertyRunner.Settings(1, 10, OptionalInt.empty());
        PropertyRunner.Settings b = new PropertyRunner.Settings(2, 10, OptionalInt.empty());
        assertNotEquals(a.caseSeed(0), a.caseSeed(1));
        assertNotEquals(a.caseSeed(0), b.caseSeed(0));
        assertEquals(a.caseSeed(3), new PropertyRunner.Settings(1, 99, OptionalInt.empty()).caseSeed(3));
    }
}
