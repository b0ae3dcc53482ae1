package io.github.ccecontract.nodepool.conformance.checks;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.ccecontract.nodepool.conformance.support.Checks;
import io.github.ccecontract.nodepool.conformance.support.Exchange;
import io.github.ccecontract.nodepool.conformance.support.TestStub;
import io.github.ccecontract.nodepool.contract.NodePoolContract;
import io.github.ccecontract.nodepool.openapi.testing.ConstraintCases;
import io.github.ccecontract.nodepool.openapi.testing.ConstraintCases.Case;
import io.github.ccecontract.nodepool.openapi.testing.ConstraintCases.Catalogue;
import io.github.ccecontract.nodepool.openapi.testing.ConstraintWalker;
import io.github.ccecontract.nodepool.openapi.testing.Contract;
import io.github.ccecontract.nodepool.stub.junit.CceNodePoolStubExtension;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Check 4, the rule catalogue at the stub: every case of the contract's {@code cce-nodepool/constraint-cases.yaml}
 * (constraints of the schema and rules of {@code x-cce-rules}) is sent to the stub with a token, to the cluster the
 * case states ({@code cluster: {type, maxNodes}}) or, without one, to a CCE or Turbo cluster (by its base) of the
 * catalogue's {@code defaultMaxNodes}. The stub is reset before each case (case names repeat).
 * <ul>
 * <li>accepted: 201;</li>
 * <li>rejected constraint {@code <pointer>#<keyword>}: 400 {@code CCE.01400001} with a violation whose pointer is the
 * constraint's (for {@code required}: the member's) and whose rule is the keyword;</li>
 * <li>rejected rule: 400 with the rule's {@code errorCode} (else {@code CCE.01400001}) and a violation whose rule is the
 * rule id and whose pointer is one of the rule's {@code fields} ({@code *}: any member or index).</li>
 * </ul>
 * And the catalogue is complete: every constraint of the document (walked by {@link ConstraintWalker}) and every rule
 * of {@code x-cce-rules} has accepted and rejected cases (the walk the openapi module's catalogue test uses too), and the catalogue names nothing else.
 */
@Tag(Checks.RULE_CATALOGUE)
class RuleCatalogueTest {

    static final Catalogue CATALOGUE = ConstraintCases.load();

    @RegisterExtension
    static final CceNodePoolStubExtension STUB =
            TestStub.extension(CATALOGUE.cases().map(Case::cluster).toList());

    static final TestStub stub = TestStub.of(STUB);

    @TestFactory
    @DisplayName("the catalogue covers every constraint and rule of the document, with accepted and rejected cases")
    Stream<DynamicTest> complete() {
        return Stream.of(
                DynamicTest.dynamicTest("constraints: exactly the document's (walked from NodePool)", () -> {
                    Set<String> walked = ConstraintWalker.constraints(CATALOGUE.sampleMapKey())
                            .keySet();
                    assertCovered("constraint", walked, section(false));
                }),
                DynamicTest.dynamicTest("rules: exactly the document's x-cce-rules", () -> {
                    assertCovered("rule", new TreeSet<>(Contract.ruleIds()), section(true));
                }));
    }

    private static void assertCovered(String what, Set<String> document, List<Case> cases) {
        Set<String> accepted =
                cases.stream().filter(Case::accepted).map(Case::entryId).collect(Collectors.toCollection(TreeSet::new));
        Set<String> rejected = cases.stream()
                .filter(c -> !c.accepted())
                .map(Case::entryId)
                .collect(Collectors.toCollection(TreeSet::new));
        List<String> problems = new ArrayList<>();
        for (String id : document) {
            if (!accepted.contains(id)) {
                problems.add(what + " " + id + " of the document has no accepted case");
            }
            if (!rejected.contains(id)) {
                problems.add(what + " " + id + " of the document has no rejected case");
            }
        }
        Set<String> unknown = new TreeSet<>(accepted);
        unknown.addAll(rejected);
        unknown.removeAll(document);
        unknown.forEach(id -> problems.add(NodePoolContract.CONSTRAINT_CASES + " names " + what + " " + id
                + ", which the document does not have"));
        if (!problems.isEmpty()) {
            throw new AssertionError(problems.size() + " problems:\n  " + String.join("\n  ", problems));
        }
    }

    @TestFactory
    @DisplayName("constraints: accepted cases 201, rejected cases 400 naming the constraint's pointer and keyword")
    Stream<DynamicNode> constraints() {
        return tests(false);
    }

    @TestFactory
    @DisplayName("x-cce-rules: accepted cases 201, rejected cases 400 naming the rule and one of its fields")
    Stream<DynamicNode> rules() {
        return tests(true);
    }

    private static List<Case> section(boolean rules) {
        return CATALOGUE.cases().filter(c -> c.isRule() == rules).toList();
    }

    private Stream<DynamicNode> tests(boolean ofRules) {
        Map<String, JsonNode> rules = new LinkedHashMap<>();
        Contract.document()
                .path(NodePoolContract.RULES_EXTENSION)
                .forEach(r -> rules.put(r.path("id").asText(), r));
        return (ofRules ? CATALOGUE.rules() : CATALOGUE.constraints())
                .values().stream().map(e -> e.tests(c -> run(c, rules.get(c.entryId()))));
    }

    private static void run(Case c, JsonNode rule) {
        stub.stub().reset();
        Exchange exchange = stub.post(
                "catalogue case " + c.label() + " (" + c.cluster() + ", cluster " + TestStub.clusterId(c.cluster())
                        + ")",
                TestStub.clusterId(c.cluster()),
                c.request());
        int status = exchange.response().status();
        if (c.accepted()) {
            if (status != 201) {
                throw exchange.failure("expected 201: an accepted case");
            }
            return;
        }
        JsonNode body = exchange.response().json();
        if (status != 400 || body == null) {
            throw exchange.failure("expected 400 with a CceError: a rejected case");
        }
        String expectedCode = c.isRule() && rule != null && rule.hasNonNull("errorCode")
                ? rule.get("errorCode").asText()
                : "CCE.01400001";
        if (!expectedCode.equals(body.path("errorCode").asText())) {
            throw exchange.failure("expected errorCode " + expectedCode);
        }
        if (!c.isRule()) {
            String pointer = c.constraintPointer();
            String keyword = c.constraintKeyword();
            if (!hasViolation(
                    body,
                    v -> pointer.equals(v.path("pointer").asText())
                            && keyword.equals(v.path("rule").asText()))) {
                throw exchange.failure("expected a violation {pointer: \"" + pointer + "\", rule: " + keyword + "}");
            }
        } else {
            List<String> fields = new ArrayList<>();
            if (rule != null) {
                rule.path("fields").forEach(f -> fields.add(f.asText()));
            }
            if (!hasViolation(
                    body,
                    v -> c.entryId().equals(v.path("rule").asText())
                            && fields.stream()
                                    .anyMatch(f -> Contract.pointerMatchesField(
                                            v.path("pointer").asText(), f)))) {
                throw exchange.failure(
                        "expected a violation of rule " + c.entryId() + " at one of its fields " + fields);
            }
        }
    }

    private static boolean hasViolation(JsonNode body, java.util.function.Predicate<JsonNode> test) {
        for (JsonNode v : body.path("violations")) {
            if (test.test(v)) {
                return true;
            }
        }
        return false;
    }
}
