package io.github.ccecontract.nodepool.contract.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.ccecontract.nodepool.contract.CceJson;
import io.github.ccecontract.nodepool.contract.ContractDocument;
import io.github.ccecontract.nodepool.contract.NodePoolContract.DocumentedExample;
import io.github.ccecontract.nodepool.contract.cluster.Cluster;
import io.github.ccecontract.nodepool.contract.model.NodePool;
import io.github.ccecontract.nodepool.contract.model.Violation;
import io.github.ccecontract.nodepool.contract.rules.ContractRules;
import io.github.ccecontract.nodepool.openapi.testing.ConstraintCases;
import io.github.ccecontract.nodepool.openapi.testing.ConstraintCases.Case;
import io.github.ccecontract.nodepool.openapi.testing.Contract;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** The one validator: schema and rules, the messages the stub answers with, for JSON and for models alike. */
class NodePoolValidatorTest {

    private static final NodePoolValidator VALIDATOR = NodePoolValidator.shared();

    @Test
    void theDocumentedRequestsAreValid() {
        assertEquals(
                List.of(),
                VALIDATOR.validate(Contract.example(DocumentedExample.CCE_CLUSTER_REQUEST), Cluster.cce(50)));
        assertEquals(
                List.of(),
                VALIDATOR.validate(Contract.example(DocumentedExample.CCE_TURBO_CLUSTER_REQUEST), Cluster.turbo(50)));
    }

    /** Every case of the catalogue: accepted ones have no violation, rejected ones one at the case's pointer and rule. */
    @TestFactory
    Stream<DynamicTest> everyCaseOfTheCatalogue() {
        ConstraintCases.Catalogue catalogue = ConstraintCases.load();
        return Stream.concat(catalogue.constraints().values().stream(), catalogue.rules().values().stream())
                .flatMap(entry -> Stream.concat(
                        entry.accepted().stream()
                                .map(cs -> DynamicTest.dynamicTest(
                                        cs.toString(),
                                        () -> assertEquals(
                                                List.of(),
                                                VALIDATOR.validate(cs.request(), cs.cluster()),
                                                cs.toString()))),
                        entry.rejected().stream()
                                .map(cs -> DynamicTest.dynamicTest(cs.toString(), () -> rejected(cs)))));
    }

    private static void rejected(Case cs) {
        List<Violation> violations = VALIDATOR.validate(cs.request(), cs.cluster());
        assertFalse(violations.isEmpty(), cs + ": no violation");
        for (Violation v : violations) {
            assertTrue(v.getMessage() != null && !v.getMessage().isBlank(), cs + ": " + v);
            // The pointer names a value of the request, or a member its parent lacks (required, hw:passthrough).
            JsonPointer pointer = JsonPointer.compile(v.getPointer());
            assertTrue(
                    pointer.matches() || !cs.request().at(pointer.head()).isMissingNode(),
                    cs + ": the pointer resolves in the request: " + v);
        }
    }

    @Test
    void aModelIsValidatedAsTheJsonItWrites() throws Exception {
        JsonNode json = Contract.example(DocumentedExample.CCE_CLUSTER_REQUEST);
        ((ObjectNode) json.at("/spec/nodeTemplate/rootVolume")).put("size", 2000);
        NodePool model = CceJson.mapper().treeToValue(json, NodePool.class);
        assertEquals(VALIDATOR.validate(json, null), VALIDATOR.validate(model, null));
        assertEquals(
                List.of(new Violation()
                        .pointer("/spec/nodeTemplate/rootVolume/size")
                        .rule("maximum")
                        .message("spec.nodeTemplate.rootVolume.size must be at most 1024 (it is 2000).")),
                VALIDATOR.validate(model, null));
    }

    @Test
    void clusterRulesNeedTheCluster() {
        ObjectNode json = Contract.example(DocumentedExample.CCE_CLUSTER_REQUEST);
        json.with("spec").put("initialNodeCount", 60);
        assertEquals(List.of(), VALIDATOR.validate(json, null));
        List<Violation> violations = VALIDATOR.validate(json, Cluster.cce(50));
        assertEquals(
                List.of("node-count-within-cluster-limit"),
                violations.stream().map(Violation::getRule).toList());
    }

    @Test
    void fieldNamesReadAsPaths() {
        assertEquals("the request body", FieldNames.of(""));
        assertEquals("spec.nodeTemplate.dataVolumes[0].size", FieldNames.of("/spec/nodeTemplate/dataVolumes/0/size"));
        assertEquals(
                "spec.nodeTemplate.extendParam[\"alpha.cce/preInstall\"]",
                FieldNames.of("/spec/nodeTemplate/extendParam/alpha.cce~1preInstall"));
        assertEquals("spec.nodeTemplate.k8sTags[\"a~b\"]", FieldNames.of("/spec/nodeTemplate/k8sTags/a~0b"));
    }

    private static List<String> describe(List<Violation> violations) {
        return violations.stream()
                .map(v -> v.getPointer() + " [" + v.getRule() + "] " + v.getMessage())
                .toList();
    }

    private static String ruleMessage(String id, String detail) {
        return ContractRules.rule(id).orElseThrow().message() + " (" + detail + ")";
    }

    @Test
    void theSharedValidatorIsOneValidatorOfTheBundledDocument() {
        NodePoolValidator shared = NodePoolValidator.shared();
        assertSame(shared, NodePoolValidator.shared());
        assertSame(shared, shared.awaitReady());
        assertSame(ContractDocument.bundled(), shared.document());
        assertEquals(List.of(), shared.validate(Contract.example(DocumentedExample.CCE_CLUSTER_REQUEST), null));
    }

    @Test
    void aValidatorCompiledInTheBackgroundValidatesAsTheSharedOne() {
        NodePoolValidator fresh = NodePoolValidator.compileInBackground();
        assertNotSame(VALIDATOR, fresh);
        assertSame(fresh, fresh.awaitReady());
        assertSame(ContractDocument.bundled(), fresh.document());
        ObjectNode json = Contract.example(DocumentedExample.CCE_CLUSTER_REQUEST);
        ((ObjectNode) json.at("/spec/nodeTemplate/login")).removeAll();
        json.with("metadata").put("name", 5);
        assertEquals(VALIDATOR.validate(json, Cluster.cce(50)), fresh.validate(json, Cluster.cce(50)));
        assertEquals(
                List.of(
                        "/metadata/name [type] metadata.name must be a string, not an integer.",
                        "/spec/nodeTemplate/login [login-mode-required] "
                                + ruleMessage("login-mode-required", "neither sshKey nor userPassword is given")),
                describe(fresh.validate(json, null)));
    }

    /** login, publicIP and the NICs' fixedIps/ipBlock: the schema states these rules too; only the rule reports. */
    @Test
    void aSchemaKeywordThatStatesARuleIsLeftOutForTheRule() {
        ObjectNode login = Contract.example(DocumentedExample.CCE_CLUSTER_REQUEST);
        ((ObjectNode) login.at("/spec/nodeTemplate/login")).removeAll();
        assertEquals(
                List.of("/spec/nodeTemplate/login [login-mode-required] "
                        + ruleMessage("login-mode-required", "neither sshKey nor userPassword is given")),
                describe(VALIDATOR.validate(login, null)));

        ObjectNode publicIp = Contract.example(DocumentedExample.CCE_CLUSTER_REQUEST);
        publicIp.with("spec").with("nodeTemplate").putObject("publicIP").put("count", 1);
        assertEquals(
                List.of("/spec/nodeTemplate/publicIP/count [public-ip-count-and-eip-together] "
                        + ruleMessage("public-ip-count-and-eip-together", "count without eip")),
                describe(VALIDATOR.validate(publicIp, null)));

        ObjectNode nic = Contract.example(DocumentedExample.CCE_CLUSTER_REQUEST);
        nic.with("spec").put("initialNodeCount", 1);
        ((ObjectNode) nic.at("/spec/nodeTemplate/nodeNicSpec/primaryNic"))
                .put("ipBlock", "10.0.0.0/24")
                .putArray("fixedIps")
                .add("10.0.0.1");
        assertEquals(
                List.of("/spec/nodeTemplate/nodeNicSpec/primaryNic [fixed-ips-and-ip-block-exclusive] "
                        + ruleMessage("fixed-ips-and-ip-block-exclusive", "both are given")),
                describe(VALIDATOR.validate(nic, null)));
    }

    @Test
    void schemaViolationsComeFirstThenRuleViolationsInTheDocumentsOrder() {
        ObjectNode json = Contract.example(DocumentedExample.CCE_CLUSTER_REQUEST);
        ((ObjectNode) json.at("/spec/nodeTemplate/login")).removeAll();
        ((ObjectNode) json.at("/spec/autoscaling")).put("maxNodeCount", 0);
        json.with("metadata").put("name", 5);
        json.with("spec").put("initialNodeCount", 60);
        assertEquals(
                List.of(
                        "/metadata/name [type] metadata.name must be a string, not an integer.",
                        "/spec/autoscaling/maxNodeCount [autoscaling-max-not-below-min] "
                                + ruleMessage("autoscaling-max-not-below-min", "maxNodeCount 0 < minNodeCount 1"),
                        "/spec/initialNodeCount [node-count-within-cluster-limit] "
                                + ruleMessage(
                                        "node-count-within-cluster-limit", "initialNodeCount 60 > cluster maximum 50"),
                        "/spec/nodeTemplate/login [login-mode-required] "
                                + ruleMessage("login-mode-required", "neither sshKey nor userPassword is given")),
                describe(VALIDATOR.validate(json, Cluster.cce(50))));
    }

    @Test
    void nullArgumentsAreRejected() {
        assertThrows(NullPointerException.class, () -> VALIDATOR.validate((JsonNode) null, null));
        assertThrows(NullPointerException.class, () -> VALIDATOR.validate((NodePool) null, null));
    }

    /** A taint key of 1 MB of "a.": the JDK's regular expressions recurse once per repetition. */
    private static ObjectNode withHugeTaintKey() {
        ObjectNode json = Contract.example(DocumentedExample.CCE_CLUSTER_REQUEST);
        ((ObjectNode) json.at("/spec/nodeTemplate/taints/0")).put("key", "a.".repeat(500_000) + "!");
        return json;
    }

    /** Runs {@code task} on a thread with a stack of 256 KiB, which the patterns overflow. */
    private static <T> T onASmallStack(Callable<T> task) throws Exception {
        CompletableFuture<T> result = new CompletableFuture<>();
        Thread thread = new Thread(
                null,
                () -> {
                    try {
                        result.complete(task.call());
                    } catch (Throwable t) {
                        result.completeExceptionally(t);
                    }
                },
                "small-stack",
                256 * 1024);
        thread.start();
        return result.get(2, TimeUnit.MINUTES);
    }

    @Test
    void aStringThatOverflowsTheCallersStackIsValidatedOnADeepStack() throws Exception {
        ObjectNode json = withHugeTaintKey();
        // Twice: the deep stack is taken one at a time, and given back.
        for (int i = 0; i < 2; i++) {
            List<Violation> violations = onASmallStack(() -> VALIDATOR.validate(json, null));
            assertEquals(
                    List.of("/spec/nodeTemplate/taints/0/key [maxLength]", "/spec/nodeTemplate/taints/0/key [pattern]"),
                    violations.stream()
                            .map(v -> v.getPointer() + " [" + v.getRule() + "]")
                            .toList());
            assertEquals(
                    "spec.nodeTemplate.taints[0].key must have at most 317 characters (it has 1000001).",
                    violations.get(0).getMessage());
        }
    }

    @Test
    void anInterruptedCallerGetsOneViolationForTheLongStringAndKeepsItsInterrupt() throws Exception {
        ObjectNode json = withHugeTaintKey();
        List<Object> outcome = onASmallStack(() -> {
            Thread.currentThread().interrupt();
            List<Violation> violations = VALIDATOR.validate(json, null);
            return List.of(describe(violations), Thread.currentThread().isInterrupted());
        });
        assertEquals(
                List.of(
                        List.of(" [pattern] The request holds a string too long to be checked against the"
                                + " document's patterns (the regular expressions ran out of stack); shorten it."),
                        true),
                outcome);
    }
}
