package io.github.ccecontract.nodepool.stub;

import static io.github.ccecontract.nodepool.stub.StubHttp.create;
import static io.github.ccecontract.nodepool.stub.StubHttp.example;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.ccecontract.nodepool.contract.NodePoolContract.DocumentedExample;
import io.github.ccecontract.nodepool.contract.cluster.ClusterType;
import io.github.ccecontract.nodepool.stub.config.StubConfig;
import io.github.ccecontract.nodepool.stub.errors.CceErrors;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A rejected request gets every violation, each with pointer, rule and a message naming the field. */
class ViolationsTest {

    static CceNodePoolStub stub;

    @BeforeAll
    static void start() {
        stub = CceNodePoolStub.builder()
                .config(StubConfig.builder().cluster("c50", ClusterType.CCE, 50).build())
                .start();
    }

    @AfterAll
    static void stop() {
        stub.close();
    }

    @BeforeEach
    void reset() {
        stub.reset();
    }

    static Map<String, JsonNode> byPointerAndRule(JsonNode body) {
        Map<String, JsonNode> map = new HashMap<>();
        body.path("violations")
                .forEach(v -> map.put(
                        v.path("pointer").asText() + "#" + v.path("rule").asText(), v));
        return map;
    }

    /**
     * A rule the schema states as well (not: the rule's schemaKeywords) is reported once, as the rule with its
     * id and message at the field, not also as the schema keyword's generic error.
     */
    @Test
    void aRuleTheSchemaStatesIsReportedOnceAsTheRule() {
        ObjectNode request = example(DocumentedExample.CCE_CLUSTER_REQUEST);
        ((ObjectNode) request.get("spec")).put("initialNodeCount", 1);
        ObjectNode template = (ObjectNode) request.at("/spec/nodeTemplate");
        template.putObject("login");
        template.putObject("publicIP").put("count", 1);
        ((ObjectNode) template.at("/nodeNicSpec/primaryNic"))
                .put("ipBlock", "10.0.0.0/24")
                .putArray("fixedIps")
                .add("10.0.0.5");
        StubHttp.Answer answer = create(stub, "c50", request);
        assertEquals(400, answer.status(), answer.text());
        Map<String, JsonNode> v = byPointerAndRule(answer.json());
        assertEquals(
                java.util.Set.of(
                        "/spec/nodeTemplate/login#login-mode-required",
                        "/spec/nodeTemplate/publicIP/count#public-ip-count-and-eip-together",
                        "/spec/nodeTemplate/nodeNicSpec/primaryNic#fixed-ips-and-ip-block-exclusive"),
                v.keySet(),
                answer.text());
        assertTrue(v.get("/spec/nodeTemplate/login#login-mode-required")
                .path("message")
                .asText()
                .startsWith("spec.nodeTemplate.login must give a key pair (sshKey) or a password (userPassword)."));
    }

    @Test
    void everyViolationIsReportedWithAMessageNamingTheField() {
        ObjectNode request = example(DocumentedExample.CCE_CLUSTER_REQUEST);
        request.put("kind", "Cluster");
        ((ObjectNode) request.get("metadata")).put("name", "Bad_Name");
        ObjectNode template = (ObjectNode) request.at("/spec/nodeTemplate");
        template.remove("flavor");
        ((ObjectNode) template.at("/rootVolume")).put("size", 20);
        ((ObjectNode) template.at("/dataVolumes/0")).put("volumetype", "NVME");
        template.put("count", "three");
        ((ObjectNode) request.at("/spec/autoscaling")).put("minNodeCount", 3).put("maxNodeCount", 2);
        StubHttp.Answer answer = create(stub, "c50", request);
        assertEquals(400, answer.status());
        assertEquals(CceErrors.INVALID_REQUEST, answer.errorCode());
        Map<String, JsonNode> v = byPointerAndRule(answer.json());
        assertEquals(7, v.size(), answer.text());
        assertEquals(
                "kind must be \"NodePool\".",
                v.get("/kind#enum").path("message").asText());
        assertTrue(v.get("/metadata/name#pattern")
                .path("message")
                .asText()
                .startsWith("metadata.name does not have" + " the required form"));
        assertTrue(v.get("/metadata/name#pattern").path("message").asText().contains("Node pool name: 1 to 50"));
        assertEquals(
                "spec.nodeTemplate.flavor is required.",
                v.get("/spec/nodeTemplate/flavor#required").path("message").asText());
        assertEquals(
                "spec.nodeTemplate.rootVolume.size must be at least 40 (it is 20).",
                v.get("/spec/nodeTemplate/rootVolume/size#minimum")
                        .path("message")
                        .asText());
        assertEquals(
                "spec.nodeTemplate.dataVolumes[0].volumetype must be one of \"SATA\", \"SAS\", \"SSD\".",
                v.get("/spec/nodeTemplate/dataVolumes/0/volumetype#enum")
                        .path("message")
                        .asText());
        assertEquals(
                "spec.nodeTemplate.count must be an integer, not a string.",
                v.get("/spec/nodeTemplate/count#type").path("message").asText());
        assertTrue(v.get("/spec/autoscaling/maxNodeCount#autoscaling-max-not-below-min")
                .path("message")
                .asText()
                .startsWith("spec.autoscaling.maxNodeCount must be greater than or equal to"));
        assertFalse(answer.text().contains("Bad_Name"), "messages do not repeat strings of the request");
        assertFalse(answer.text().contains("NVME"));
    }

    @Test
    void nodeCountAboveTheClusterLimitIsCce01400014() {
        ObjectNode request = example(DocumentedExample.CCE_CLUSTER_REQUEST);
        ((ObjectNode) request.get("spec")).put("initialNodeCount", 51);
        ((ObjectNode) request.at("/spec/autoscaling")).put("maxNodeCount", 60);
        StubHttp.Answer answer = create(stub, "c50", request);
        assertEquals(400, answer.status());
        assertEquals(CceErrors.NODE_LIMIT, answer.errorCode(), answer.text());
        assertTrue(answer.hasViolation("/spec/initialNodeCount", "node-count-within-cluster-limit"));
        assertTrue(answer.hasViolation("/spec/autoscaling/maxNodeCount", "max-node-count-within-cluster-limit"));
        assertTrue(answer.json().path("errorMessage").asText().contains("50"), answer.text());
    }

    @Test
    void aLimitTogetherWithOtherViolationsIsCce01400001() {
        ObjectNode request = example(DocumentedExample.CCE_CLUSTER_REQUEST);
        ((ObjectNode) request.get("spec")).put("initialNodeCount", 51);
        request.put("apiVersion", "v2");
        StubHttp.Answer answer = create(stub, "c50", request);
        assertEquals(CceErrors.INVALID_REQUEST, answer.errorCode());
        assertEquals(2, answer.json().path("violations").size(), answer.text());
    }

    @Test
    void unconfiguredClustersAllowUpTo2000Nodes() {
        try (CceNodePoolStub open = CceNodePoolStub.builder().start()) {
            ObjectNode request = example(DocumentedExample.CCE_CLUSTER_REQUEST);
            ((ObjectNode) request.get("spec")).put("initialNodeCount", 2000);
            ((ObjectNode) request.at("/spec/autoscaling")).put("maxNodeCount", 2000);
            assertEquals(201, create(open, "any", request).status());
            ((ObjectNode) request.get("metadata")).put("name", "other");
            ((ObjectNode) request.get("spec")).put("initialNodeCount", 2001);
            StubHttp.Answer answer = create(open, "any", request);
            assertEquals(CceErrors.NODE_LIMIT, answer.errorCode(), answer.text());
        }
    }

    @Test
    void aPasswordIsNeverEchoed() {
        ObjectNode request = example(DocumentedExample.CCE_CLUSTER_REQUEST);
        ((ObjectNode) request.at("/spec/nodeTemplate/login")).put("userPassword", 12345);
        ((ObjectNode) request.at("/spec/nodeTemplate/login")).put("userPassword", "hunter2-but-an-object?");
        ((ObjectNode) request.at("/spec/nodeTemplate/login"))
                .putObject("userPassword")
                .put("secret", "hunter2");
        StubHttp.Answer answer = create(stub, "c50", request);
        assertEquals(400, answer.status());
        assertTrue(answer.hasViolation("/spec/nodeTemplate/login/userPassword", "type"), answer.text());
        assertFalse(answer.text().contains("hunter2"));
    }
}
