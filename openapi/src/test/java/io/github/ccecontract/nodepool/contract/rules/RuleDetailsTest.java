package io.github.ccecontract.nodepool.contract.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.ccecontract.nodepool.contract.NodePoolContract.DocumentedExample;
import io.github.ccecontract.nodepool.contract.cluster.Cluster;
import io.github.ccecontract.nodepool.contract.model.Violation;
import io.github.ccecontract.nodepool.openapi.testing.Contract;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * The short detail each violation of a rule ends with (why, in numbers and names, never a string of
 * the request), the rules looked up by id, the error code of a rejection, and how a rule reads from
 * the document.
 */
class RuleDetailsTest {

    private static final String FALLBACK = "CCE.01400001";

    /** "pointer [rule] (detail)" of the violations after {@code edit} of a documented request. */
    private static List<String> after(DocumentedExample example, Cluster cluster, Consumer<ObjectNode> edit) {
        ObjectNode request = Contract.example(example);
        edit.accept(request);
        List<String> out = new ArrayList<>();
        for (Violation v : ContractRules.check(request, cluster)) {
            String prefix = ContractRules.rule(v.getRule()).orElseThrow().message() + " (";
            assertTrue(v.getMessage().startsWith(prefix) && v.getMessage().endsWith(")"), v.getMessage());
            out.add(v.getPointer() + " [" + v.getRule() + "] "
                    + v.getMessage().substring(prefix.length(), v.getMessage().length() - 1));
        }
        return out;
    }

    private static ObjectNode at(ObjectNode request, String pointer) {
        return (ObjectNode) request.at(pointer);
    }

    private static List<String> withK8sTagKey(String key) {
        return after(
                DocumentedExample.CCE_CLUSTER_REQUEST,
                null,
                r -> at(r, "/spec/nodeTemplate/k8sTags").put(key, "v"));
    }

    @Test
    void k8sTagKeysSayWhatIsWrong() {
        String at = "/spec/nodeTemplate/k8sTags/";
        assertEquals(List.of(at + "~1abc [k8s-tag-key-format] the prefix before '/' is empty"), withK8sTagKey("/abc"));
        String longPrefix = "a".repeat(254);
        assertEquals(
                List.of(at + longPrefix + "~1abc [k8s-tag-key-format] the prefix has 254 characters"),
                withK8sTagKey(longPrefix + "/abc"));
        assertEquals(
                List.of(at + "A_b~1abc [k8s-tag-key-format] the prefix is not a DNS subdomain"),
                withK8sTagKey("A_b/abc"));
        assertEquals(List.of(at + "abc~1 [k8s-tag-key-format] the name is empty"), withK8sTagKey("abc/"));
        assertEquals(List.of(at + " [k8s-tag-key-format] the name is empty"), withK8sTagKey(""));
        String longName = "n".repeat(64);
        assertEquals(
                List.of(at + longName + " [k8s-tag-key-format] the name has 64 characters"), withK8sTagKey(longName));
        assertEquals(
                List.of(at + "-x [k8s-tag-key-format] the name does not start with a letter or digit or has"
                        + " other characters than letters, digits, '-', '_' and '.'"),
                withK8sTagKey("-x"));
        // The bounds themselves are allowed.
        assertEquals(List.of(), withK8sTagKey("a".repeat(253) + "/" + "n".repeat(63)));
        assertEquals(List.of(), withK8sTagKey("example.com/Name_1.x-y"));
    }

    private static List<String> withMultiqueue(String value) {
        return after(
                DocumentedExample.CCE_TURBO_CLUSTER_REQUEST,
                null,
                r -> at(r, "/spec/nodeTemplate/extendParam").put("nicMultiqueue", value));
    }

    @Test
    void nicMultiqueueSaysWhatIsWrong() {
        String at = "/spec/nodeTemplate/extendParam/nicMultiqueue [nic-multiqueue-format] ";
        assertEquals(List.of(at + "not JSON"), withMultiqueue("[{queue:4}]"));
        assertEquals(List.of(at + "not a JSON array"), withMultiqueue("{\"queue\":4}"));
        assertEquals(List.of(at + "not a JSON array"), withMultiqueue(""));
        assertEquals(List.of(at + "an empty array"), withMultiqueue("[]"));
        assertEquals(List.of(at + "item 0 is not an object with the one member \"queue\""), withMultiqueue("[4]"));
        assertEquals(
                List.of(at + "item 1 is not an object with the one member \"queue\""),
                withMultiqueue("[{\"queue\":4},{\"queues\":4}]"));
        assertEquals(
                List.of(at + "item 1: queue is not one of 1, 2, 4, 8, 16, 28"),
                withMultiqueue("[{\"queue\":2},{\"queue\":3}]"));
        assertEquals(
                List.of(at + "item 0: queue is not one of 1, 2, 4, 8, 16, 28"),
                withMultiqueue("[{\"queue\":4294967300}]"));
        assertEquals(List.of(), withMultiqueue("[{\"queue\":1},{\"queue\":28}]"));
    }

    @Test
    void passthroughSaysWhetherItIsLeftOutFalseOrNoBoolean() {
        String root = "/spec/nodeTemplate/rootVolume/hw:passthrough [elastic-bms-volumes-passthrough] ";
        String data = "/spec/nodeTemplate/dataVolumes/0/hw:passthrough [elastic-bms-volumes-passthrough] ";
        assertEquals(
                List.of(root + "hw:passthrough is left out"),
                after(
                        DocumentedExample.CCE_TURBO_CLUSTER_REQUEST,
                        null,
                        r -> at(r, "/spec/nodeTemplate/rootVolume").remove("hw:passthrough")));
        assertEquals(
                List.of(data + "hw:passthrough is false"),
                after(
                        DocumentedExample.CCE_TURBO_CLUSTER_REQUEST,
                        null,
                        r -> at(r, "/spec/nodeTemplate/dataVolumes/0").put("hw:passthrough", false)));
        assertEquals(
                List.of(root + "hw:passthrough is not a boolean", data + "hw:passthrough is not a boolean"),
                after(DocumentedExample.CCE_TURBO_CLUSTER_REQUEST, null, r -> {
                    at(r, "/spec/nodeTemplate/rootVolume").put("hw:passthrough", "true");
                    at(r, "/spec/nodeTemplate/dataVolumes/0").put("hw:passthrough", 1);
                }));
    }

    @Test
    void nicThresholdOutsideElasticBmsSaysWhatTheTypeIs() {
        String at = "/spec/nodeTemplate/extendParam/nicThreshold [nic-threshold-elastic-bms-only] ";
        assertEquals(
                List.of(at + "spec.type is not ElasticBMS"),
                after(
                        DocumentedExample.CCE_CLUSTER_REQUEST,
                        null,
                        r -> at(r, "/spec/nodeTemplate/extendParam").put("nicThreshold", "0.3:0.8")));
        assertEquals(
                List.of(at + "spec.type is left out, which means vm"),
                after(DocumentedExample.CCE_CLUSTER_REQUEST, null, r -> {
                    at(r, "/spec").remove("type");
                    at(r, "/spec/nodeTemplate/extendParam").put("nicThreshold", "0.3:0.8");
                }));
    }

    @Test
    void checkWithoutAClusterSkipsTheClusterScopedRules() {
        ObjectNode request = Contract.example(DocumentedExample.CCE_TURBO_CLUSTER_REQUEST);
        request.with("spec").put("initialNodeCount", 60);
        at(request, "/spec/nodeTemplate/rootVolume").remove("hw:passthrough");
        assertEquals(
                List.of("elastic-bms-volumes-passthrough"),
                ContractRules.check(request).stream().map(Violation::getRule).toList());
        assertEquals(
                List.of(
                        "node-count-within-cluster-limit",
                        "elastic-bms-turbo-cluster-only",
                        "elastic-bms-volumes-passthrough"),
                ContractRules.check(request, Cluster.cce(50)).stream()
                        .map(Violation::getRule)
                        .toList());
    }

    @Test
    void rulesAreLookedUpById() {
        for (Rule rule : ContractRules.rules()) {
            assertEquals(Optional.of(rule), ContractRules.rule(rule.id()));
        }
        assertEquals(Optional.empty(), ContractRules.rule("no-such-rule"));
        assertEquals(Optional.empty(), ContractRules.rule("maximum"));
    }

    @Test
    void bindingPairsEachRuleWithTheCheckOfItsId() {
        Map<Rule, RuleCheck> bound = ContractRules.bind(ContractRules.rules());
        assertEquals(ContractRules.rules(), List.copyOf(bound.keySet()));
        bound.forEach((rule, check) -> assertEquals(rule.id(), check.ruleId()));
    }

    private static Violation of(String rule) {
        return new Violation().pointer("").rule(rule).message("m");
    }

    @Test
    void errorCodeIsTheRulesOwnWhenEveryViolationSharesIt() {
        String nodeLimit = ContractRules.rule("node-count-within-cluster-limit")
                .orElseThrow()
                .errorCode()
                .orElseThrow();
        assertEquals("CCE.01400014", nodeLimit);
        assertEquals(nodeLimit, ContractRules.errorCode(List.of(of("node-count-within-cluster-limit")), FALLBACK));
        assertEquals(
                nodeLimit,
                ContractRules.errorCode(
                        List.of(
                                of("node-count-within-cluster-limit"),
                                of("max-node-count-within-cluster-limit"),
                                of("node-count-within-cluster-limit")),
                        FALLBACK));
    }

    @Test
    void errorCodeFallsBackForMixedUncodedOrNoViolations() {
        assertEquals(FALLBACK, ContractRules.errorCode(List.of(), FALLBACK));
        assertEquals(FALLBACK, ContractRules.errorCode(List.of(of("login-mode-required")), FALLBACK));
        assertEquals(FALLBACK, ContractRules.errorCode(List.of(of("maximum")), FALLBACK));
        assertEquals(
                FALLBACK,
                ContractRules.errorCode(
                        List.of(of("node-count-within-cluster-limit"), of("login-mode-required")), FALLBACK));
        assertEquals(
                FALLBACK,
                ContractRules.errorCode(
                        List.of(of("login-mode-required"), of("node-count-within-cluster-limit")), FALLBACK));
        assertEquals(
                FALLBACK,
                ContractRules.errorCode(List.of(of("node-count-within-cluster-limit"), of("type")), FALLBACK));
    }

    @Test
    void aRuleReadsItsDefaultsFromAShortEntry() throws Exception {
        JsonNode entry = Contract.PLAIN_JSON.readTree("{\"id\": \"r\", \"message\": \"m\"}");
        assertEquals(
                new Rule("r", Rule.Scope.REQUEST, "m", List.of(), List.of(), Optional.empty(), List.of()),
                Rule.fromDocument(entry));
        assertEquals(false, Rule.fromDocument(entry).clusterScoped());
    }

    @Test
    void aRuleReadsEveryMemberOfAFullEntry() throws Exception {
        JsonNode entry = Contract.PLAIN_JSON.readTree("""
                {"id": "r", "scope": "cluster", "message": "m", "tables": [3, 7], "fields": ["/spec/a", "/spec/*/b"],
                 "errorCode": "CCE.1", "schemaKeywords": ["/components/schemas/X/anyOf"]}""");
        Rule rule = Rule.fromDocument(entry);
        assertEquals(
                new Rule(
                        "r",
                        Rule.Scope.CLUSTER,
                        "m",
                        List.of(3, 7),
                        List.of("/spec/a", "/spec/*/b"),
                        Optional.of("CCE.1"),
                        List.of("/components/schemas/X/anyOf")),
                rule);
        assertEquals(true, rule.clusterScoped());
    }
}
