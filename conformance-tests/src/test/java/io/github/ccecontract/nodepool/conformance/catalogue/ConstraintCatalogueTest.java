package io.github.ccecontract.nodepool.conformance.catalogue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.networknt.schema.Error;
import io.github.ccecontract.nodepool.conformance.catalogue.ConstraintCatalogue.Case;
import io.github.ccecontract.nodepool.conformance.catalogue.ConstraintCatalogue.Catalogue;
import io.github.ccecontract.nodepool.conformance.catalogue.ConstraintCatalogue.Section;
import io.github.ccecontract.nodepool.conformance.support.Checks;
import io.github.ccecontract.nodepool.conformance.support.Contract;
import io.github.ccecontract.nodepool.conformance.support.Json;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The suite's reading of the constraint catalogue builds the requests the catalogue means: accepted constraint cases
 * and all rule cases are schema-valid, rejected constraint cases break their keyword at their pointer, every rule of
 * the document has cases, names are unique.
 */
@Tag(Checks.SUITE)
class ConstraintCatalogueTest {

    private static final Catalogue CATALOGUE = ConstraintCatalogue.load();

    @Test
    @DisplayName("every rule of x-cce-rules has accepted and rejected cases; case names are unique")
    void everyRuleHasCases() {
        Set<String> accepted = CATALOGUE.section(Section.RULE).stream().filter(Case::accepted).map(Case::id)
                .collect(Collectors.toCollection(TreeSet::new));
        Set<String> rejected = CATALOGUE.section(Section.RULE).stream().filter(c -> !c.accepted()).map(Case::id)
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(new TreeSet<>(Contract.ruleIds()), accepted, "rules with accepted cases");
        assertEquals(new TreeSet<>(Contract.ruleIds()), rejected, "rules with rejected cases");
        Set<String> names = new HashSet<>();
        for (Case c : CATALOGUE.cases()) {
            assertTrue(names.add(c.section() + " " + c.name()), "duplicate case " + c.name());
        }
        assertTrue(CATALOGUE.section(Section.CONSTRAINT).size() > 100, "constraint cases: "
                + CATALOGUE.section(Section.CONSTRAINT).size());
    }

    @TestFactory
    @DisplayName("each case builds the request it claims (networknt)")
    Stream<DynamicTest> casesBuildWhatTheyClaim() {
        List<Case> cases = CATALOGUE.cases();
        assertFalse(cases.isEmpty());
        return cases.stream().map(c -> DynamicTest.dynamicTest(c.section() + " " + c.name(), () -> {
            List<Error> errors = Contract.validate(Contract.REQUEST_SCHEMA, c.body());
            List<String> stated = new java.util.ArrayList<>();
            Contract.document().path("x-cce-rules").forEach(rule -> {
                if (rule.path("id").asText().equals(c.id())) {
                    rule.path("schemaKeywords").forEach(k -> stated.add(k.asText()));
                }
            });
            if (c.section() == Section.RULE && !c.accepted() && !stated.isEmpty()) {
                // The schema states this rule as well (schemaKeywords): rejected there, and nowhere else.
                List<Error> elsewhere = errors.stream().filter(e -> stated.stream().noneMatch(k -> {
                    String fragment = e.getSchemaLocation() == null || e.getSchemaLocation().getFragment() == null
                            ? "" : e.getSchemaLocation().getFragment().toString();
                    return fragment.equals(k) || fragment.startsWith(k + "/");
                })).toList();
                assertTrue(!errors.isEmpty() && elsewhere.isEmpty(), c.name() + ": expected errors at " + stated
                        + " only, networknt says:\n" + Contract.describe(errors));
            } else if (c.accepted() || c.section() == Section.RULE) {
                assertTrue(errors.isEmpty(), c.name() + ": expected schema-valid, networknt says:\n"
                        + Contract.describe(errors) + "\n" + Json.pretty(c.body()));
            } else {
                boolean required = c.constraintKeyword().equals("required");
                String at = required ? Json.parent(c.constraintPointer()) : c.constraintPointer();
                String member = required ? Json.lastToken(c.constraintPointer()) : null;
                assertTrue(errors.stream().anyMatch(e -> c.constraintKeyword().equals(e.getKeyword())
                        && at.equals(Contract.pointer(e.getInstanceLocation()))
                        && (member == null || member.equals(e.getProperty()))),
                        c.name() + ": expected '" + c.constraintKeyword() + "' at '" + at + "', networknt says:\n"
                                + Contract.describe(errors));
            }
        }));
    }
}
