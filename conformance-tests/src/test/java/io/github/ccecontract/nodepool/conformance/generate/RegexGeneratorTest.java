package io.github.ccecontract.nodepool.conformance.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.ccecontract.nodepool.conformance.support.Checks;
import io.github.ccecontract.nodepool.openapi.testing.Contract;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** The regex generator produces matching strings for every pattern of the document, and reaches the bounds. */
@Tag(Checks.SUITE)
class RegexGeneratorTest {

    /** Every "pattern" of a schema in the bundled document. */
    static List<String> documentPatterns() {
        Set<String> out = new HashSet<>();
        collect(Contract.document().path("components").path("schemas"), out);
        collect(Contract.document().path("components").path("parameters"), out);
        return new ArrayList<>(out);
    }

    private static void collect(JsonNode node, Set<String> out) {
        if (node.isObject()) {
            if (node.path("pattern").isTextual()) {
                out.add(node.get("pattern").asText());
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                collect(it.next().getValue(), out);
            }
        } else if (node.isArray()) {
            node.forEach(n -> collect(n, out));
        }
    }

    @TestFactory
    @DisplayName("every pattern of the document: 300 generated strings match it")
    Stream<DynamicTest> everyDocumentPattern() {
        List<String> patterns = documentPatterns();
        assertTrue(patterns.size() >= 10, "expected the document's patterns, found " + patterns);
        return patterns.stream()
                .map(pattern -> DynamicTest.dynamicTest("/" + pattern + "/", () -> {
                    RegexGenerator generator = RegexGenerator.of(pattern);
                    Random random = new Random(pattern.hashCode());
                    for (int i = 0; i < 300; i++) {
                        String s = generator.generate(random);
                        assertTrue(generator.matches(s), "'" + s + "' does not match /" + pattern + "/");
                    }
                }));
    }

    @Test
    @DisplayName("bounded repetition reaches both ends: {0,62} gives 0 and 62 extra characters")
    void boundsAreReached() {
        RegexGenerator generator = RegexGenerator.of("^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$");
        Random random = new Random(1);
        Set<Integer> lengths = new HashSet<>();
        for (int i = 0; i < 2000; i++) {
            lengths.add(generator.generate(random).length());
        }
        assertTrue(lengths.contains(1) && lengths.contains(63), "lengths seen: " + lengths);
    }

    @Test
    @DisplayName("negated classes leave the excluded characters out; length bounds are kept")
    void negatedClassAndLength() {
        RegexGenerator generator = RegexGenerator.of("^a[^;=]+$");
        Random random = new Random(2);
        for (int i = 0; i < 500; i++) {
            String s = generator.generate(random, 3, 5, 6);
            assertFalse(s.contains(";") || s.contains("="), s);
            assertTrue(s.length() >= 3 && s.length() <= 5, s);
        }
    }

    @Test
    @DisplayName("the same seed gives the same strings")
    void deterministic() {
        RegexGenerator generator = RegexGenerator.of("^((25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])\\.){3}"
                + "(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])/(3[0-2]|[12]?[0-9])$");
        Random a = new Random(7);
        Random b = new Random(7);
        for (int i = 0; i < 50; i++) {
            assertEquals(generator.generate(a), generator.generate(b));
        }
    }

    @Test
    @DisplayName("syntax outside the supported subset fails with the pattern named")
    void unsupportedSyntax() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RegexGenerator.of("^(?=a)b$"));
        assertTrue(e.getMessage().contains("(?=a)b"), e.getMessage());
    }
}
