package io.github.ccecontract.nodepool.contract.rules;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.ccecontract.nodepool.contract.NodePoolContract.DocumentedExample;
import io.github.ccecontract.nodepool.contract.cluster.Cluster;
import io.github.ccecontract.nodepool.contract.model.Violation;
import io.github.ccecontract.nodepool.openapi.testing.ConstraintCases;
import io.github.ccecontract.nodepool.openapi.testing.ConstraintCases.Case;
import io.github.ccecontract.nodepool.openapi.testing.Contract;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * ContractRules implements exactly the document's x-cce-rules (ids, scopes, messages) and decides
 * every case of the constraint catalogue as the catalogue says.
 */
class ContractRulesTest {

    private static Map<String, JsonNode> documentRules() {
        Map<String, JsonNode> rules = new LinkedHashMap<>();
        Contract.rules().forEach(rule -> rules.put(rule.path("id").asText(), rule));
        return rules;
    }

    @Test
    void checksExactlyTheRulesOfTheDocumentInItsOrder() {
        assertEquals(
                List.copyOf(documentRules().keySet()),
                ContractRules.rules().stream().map(Rule::id).toList(),
                "rule ids of ContractRules vs x-cce-rules of the bundled document");
        assertEquals(
                documentRules().keySet(),
                Stream.of(RuleCheck.values()).map(RuleCheck::ruleId).collect(Collectors.toSet()),
                "one check per rule of the document, and none without a rule");
    }

    @Test
    void idsScopesMessagesTablesFieldsAndCodesAreTheDocumentsOwn() {
        Map<String, JsonNode> rules = documentRules();
        for (Rule rule : ContractRules.rules()) {
            JsonNode documented = rules.get(rule.id());
            assertEquals(
                    documented.path("scope").asText("request"),
                    rule.scope().name().toLowerCase(),
                    rule.id() + ": scope");
            assertEquals(documented.path("message").asText(), rule.message(), rule.id() + ": message");
            assertEquals(
                    documented.path("tables").toString(),
                    rule.tables().toString().replace(" ", ""),
                    rule.id() + ": tables");
            List<String> fields = new ArrayList<>();
            documented.path("fields").forEach(f -> fields.add(f.asText()));
            assertEquals(fields, rule.fields(), rule.id() + ": fields");
            assertEquals(
                    java.util.Optional.ofNullable(documented.path("errorCode").textValue()),
                    rule.errorCode(),
                    rule.id() + ": errorCode");
            List<String> keywords = new ArrayList<>();
            documented.path("schemaKeywords").forEach(k -> keywords.add(k.asText()));
            assertEquals(keywords, rule.schemaKeywords(), rule.id() + ": schemaKeywords");
        }
    }

    @Test
    void aRuleWithoutACheckOrACheckWithoutARuleFailsTheBinding() {
        List<Rule> documented = ContractRules.rules();
        IllegalStateException missingCheck = org.junit.jupiter.api.Assertions.assertThrows(
                IllegalStateException.class,
                () -> ContractRules.bind(Stream.concat(
                                documented.stream(),
                                Stream.of(new Rule(
                                        "no-such-rule",
                                        Rule.Scope.REQUEST,
                                        "m",
                                        List.of(),
                                        List.of(),
                                        java.util.Optional.empty(),
                                        List.of())))
                        .toList()));
        assertTrue(
                missingCheck.getMessage().contains("rules without a check [no-such-rule]"), missingCheck.getMessage());
        IllegalStateException missingRule = org.junit.jupiter.api.Assertions.assertThrows(
                IllegalStateException.class, () -> ContractRules.bind(documented.subList(1, documented.size())));
        assertTrue(
                missingRule
                        .getMessage()
                        .contains("checks without a rule [" + documented.get(0).id() + "]"),
                missingRule.getMessage());
    }

    @Test
    void theDocumentedRequestsBreakNoRule() {
        assertEquals(
                List.of(),
                ContractRules.check(Contract.example(DocumentedExample.CCE_CLUSTER_REQUEST), Cluster.cce(50)));
        assertEquals(
                List.of(),
                ContractRules.check(Contract.example(DocumentedExample.CCE_TURBO_CLUSTER_REQUEST), Cluster.turbo(50)));
    }

    /** Every rule case of the catalogue: accepted ones break no rule, rejected ones break theirs at one of its fields. */
    @TestFactory
    Stream<DynamicNode> ruleCasesOfTheCatalogue() {
        Map<String, JsonNode> rules = documentRules();
        Map<String, ConstraintCases.Entry> cases = ConstraintCases.load().rules();
        assertEquals(rules.keySet(), cases.keySet(), "the catalogue has cases for exactly the document's rules");
        return cases.values().stream()
                .map(c -> c.tests(cs -> {
                    if (cs.accepted()) {
                        accepted(cs);
                    } else {
                        rejected(cs, rules.get(c.id()));
                    }
                }));
    }

    private static void accepted(Case cs) {
        // The catalogue's accepted cases obey every rule (its header says so), in the cluster they state.
        assertEquals(List.of(), describe(ContractRules.check(cs.request(), cs.cluster())), cs.toString());
    }

    private static void rejected(Case cs, JsonNode rule) {
        List<String> fields = new ArrayList<>();
        rule.path("fields").forEach(f -> fields.add(f.asText()));
        List<Violation> violations = ContractRules.check(cs.request(), cs.cluster());
        List<Violation> own = violations.stream()
                .filter(v -> v.getRule().equals(cs.entryId()))
                .toList();
        assertFalse(own.isEmpty(), cs + ": expected a violation of " + cs.entryId() + ", got " + describe(violations));
        for (Violation v : own) {
            assertTrue(
                    fields.stream().anyMatch(f -> Contract.pointerMatchesField(v.getPointer(), f)),
                    cs + ": pointer " + v.getPointer() + " is none of the rule's fields " + fields);
            assertTrue(v.getMessage().startsWith(rule.path("message").asText()), cs + ": message " + v.getMessage());
        }
        if ("cluster".equals(rule.path("scope").asText())) {
            // Without the cluster, a cluster-scoped rule cannot decide: it stays silent.
            assertTrue(
                    ContractRules.check(cs.request()).stream()
                            .noneMatch(v -> v.getRule().equals(cs.entryId())),
                    cs + ": a cluster-scoped rule reported without a cluster");
        }
    }

    /** The constraint cases: accepted ones obey every rule too; rejected ones (schema-invalid JSON) never make a rule throw. */
    @TestFactory
    Stream<DynamicNode> constraintCasesOfTheCatalogue() {
        return ConstraintCases.load().constraints().values().stream()
                .map(c -> c.tests(cs -> {
                    if (cs.accepted()) {
                        accepted(cs);
                    } else {
                        assertDoesNotThrow(() -> ContractRules.check(cs.request(), cs.cluster()), cs.toString());
                    }
                }));
    }

    @Test
    void keysWithSlashAndTildeAreEscapedInPointers() {
        ObjectNode request = Contract.example(DocumentedExample.CCE_CLUSTER_REQUEST);
        ((ObjectNode) request.at("/spec/nodeTemplate/k8sTags")).put("bad~prefix/-x", "v");
        List<Violation> violations = ContractRules.check(request);
        assertEquals(
                List.of("/spec/nodeTemplate/k8sTags/bad~0prefix~1-x [k8s-tag-key-format]"),
                violations.stream()
                        .map(v -> v.getPointer() + " [" + v.getRule() + "]")
                        .toList());
        assertTrue(request.at(violations.get(0).getPointer()).isTextual(), "the pointer resolves in the request");
    }

    @Test
    void nicMultiqueueIsParsedStrictly() {
        for (String bad : List.of(
                "[]",
                "[{\"queue\":4}] x",
                "[{\"queue\":4,\"queue\":8}]",
                "[{\"queue\":4.0}]",
                "[{\"queue\":4,\"extra\":1}]",
                "[4]",
                "null")) {
            assertEquals(Set.of(RuleCheck.NIC_MULTIQUEUE_FORMAT.ruleId()), ruleIds(withMultiqueue(bad)), bad);
        }
        for (String good : List.of("[{\"queue\":16}]", "[{\"queue\":2},{\"queue\":8}]")) {
            assertEquals(Set.of(), ruleIds(withMultiqueue(good)), good);
        }
    }

    @Test
    void valuesOfTheWrongTypeAreLeftToTheSchema() {
        ObjectNode request = Contract.example(DocumentedExample.CCE_TURBO_CLUSTER_REQUEST);
        ((ObjectNode) request.at("/spec/nodeTemplate/extendParam")).put("nicMultiqueue", 4);
        ((ObjectNode) request.at("/spec/nodeTemplate/extendParam")).put("nicThreshold", 0.3);
        ((ObjectNode) request.at("/spec")).put("initialNodeCount", "5");
        ((ObjectNode) request.at("/spec/nodeTemplate")).put("dataVolumes", "none");
        // Only nic-threshold-elastic-bms-only looks at presence alone, and the request is ElasticBMS.
        assertEquals(List.of(), ContractRules.check(request, Cluster.turbo(1)));
        assertEquals(
                List.of(),
                ContractRules.check(Contract.PLAIN_JSON.getNodeFactory().textNode("x"), Cluster.cce(1)));
    }

    @Test
    void messagesShowNoStringValueOfTheRequest() {
        ObjectNode request = Contract.example(DocumentedExample.CCE_CLUSTER_REQUEST);
        ((ObjectNode) request.at("/spec/nodeTemplate/login")).removeAll();
        ((ObjectNode) request.at("/spec/nodeTemplate/login")).put("password", "S3cret-in-wrong-member");
        ((ObjectNode) request.at("/spec/nodeTemplate/extendParam")).put("nicMultiqueue", "S3cret-in-multiqueue");
        List<Violation> violations = ContractRules.check(request);
        assertEquals(
                Set.of(RuleCheck.LOGIN_MODE_REQUIRED.ruleId(), RuleCheck.NIC_MULTIQUEUE_FORMAT.ruleId()),
                violations.stream().map(Violation::getRule).collect(Collectors.toSet()));
        violations.forEach(v -> assertFalse(v.getMessage().contains("S3cret"), v.getMessage()));
    }

    private static JsonNode withMultiqueue(String value) {
        ObjectNode request = Contract.example(DocumentedExample.CCE_TURBO_CLUSTER_REQUEST);
        ((ObjectNode) request.at("/spec/nodeTemplate/extendParam")).put("nicMultiqueue", value);
        return request;
    }

    private static Set<String> ruleIds(JsonNode request) {
        return ContractRules.check(request).stream()
                .map(Violation::getRule)
                .collect(Collectors.toCollection(LinkedHashSet::new));
    }

    private static List<String> describe(List<Violation> violations) {
        return violations.stream()
                .map(v -> v.getPointer() + " [" + v.getRule() + "] " + v.getMessage())
                .toList();
    }
}
