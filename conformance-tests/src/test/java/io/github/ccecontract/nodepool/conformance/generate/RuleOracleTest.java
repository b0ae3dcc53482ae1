package io.github.ccecontract.nodepool.conformance.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.ccecontract.nodepool.conformance.support.Checks;
import io.github.ccecontract.nodepool.contract.NodePoolContract;
import io.github.ccecontract.nodepool.contract.model.Violation;
import io.github.ccecontract.nodepool.openapi.testing.ConstraintCases;
import io.github.ccecontract.nodepool.openapi.testing.ConstraintCases.Case;
import io.github.ccecontract.nodepool.openapi.testing.Contract;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The rule oracle agrees with the constraint catalogue: accepted cases (of constraints and rules) break no rule,
 * rejected rule cases break their rule, at a pointer among the rule's {@code fields} in the document.
 */
@Tag(Checks.SUITE)
class RuleOracleTest {

    @Test
    @DisplayName("the oracle knows exactly the rules of the document's x-cce-rules")
    void rulesMatchTheDocument() {
        assertEquals(
                new TreeSet<>(Contract.ruleIds()),
                new TreeSet<>(RuleOracle.RULES),
                "x-cce-rules of the document vs RuleOracle.RULES: a rule was added or removed; teach RuleOracle");
    }

    @TestFactory
    @DisplayName("catalogue cases: accepted ones break no rule, rejected rule cases break their rule")
    Stream<DynamicTest> catalogueCases() {
        List<Case> cases = ConstraintCases.load()
                .cases()
                .filter(c -> c.accepted() || c.isRule())
                .toList();
        assertFalse(cases.isEmpty());
        return cases.stream()
                .map(c -> DynamicTest.dynamicTest(c.label(), () -> {
                    List<Violation> violations = RuleOracle.check(c.request(), c.cluster());
                    if (c.accepted()) {
                        assertTrue(
                                violations.isEmpty(),
                                c.label() + " (" + c.cluster() + "): the oracle finds " + violations);
                    } else {
                        List<Violation> own = violations.stream()
                                .filter(v -> v.getRule().equals(c.entryId()))
                                .toList();
                        assertFalse(
                                own.isEmpty(),
                                c.label() + " (" + c.cluster() + "): the oracle does not find rule " + c.entryId()
                                        + " (finds " + violations + ")");
                        for (Violation v : own) {
                            assertTrue(
                                    fields(c.entryId()).stream().anyMatch(f -> matches(f, v.getPointer())),
                                    c.label() + ": pointer " + v.getPointer() + " is not among the rule's fields "
                                            + fields(c.entryId()));
                        }
                    }
                }));
    }

    /** The fields of a rule in the document (pointers, '*' for any token). */
    static List<String> fields(String ruleId) {
        for (JsonNode rule : Contract.document().path(NodePoolContract.RULES_EXTENSION)) {
            if (rule.path("id").asText().equals(ruleId)) {
                List<String> out = new ArrayList<>();
                rule.path("fields").forEach(f -> out.add(f.asText()));
                return out;
            }
        }
        throw new AssertionError("no rule " + ruleId);
    }

    /** Whether a pointer matches a field pattern ('*' any one token; the pattern's tokens are not escaped). */
    static boolean matches(String field, String pointer) {
        String[] f = field.split("/", -1);
        String[] p = pointer.split("/", -1);
        if (f.length != p.length) {
            return false;
        }
        for (int i = 0; i < f.length; i++) {
            if (!f[i].equals("*") && !f[i].equals(p[i])) {
                return false;
            }
        }
        return true;
    }
}
