package io.github.ccecontract.nodepool.contract.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.ccecontract.nodepool.contract.CceJson;
import io.github.ccecontract.nodepool.contract.NodePoolContract.DocumentedExample;
import io.github.ccecontract.nodepool.contract.cluster.Cluster;
import io.github.ccecontract.nodepool.contract.model.NodePool;
import io.github.ccecontract.nodepool.contract.model.Violation;
import io.github.ccecontract.nodepool.openapi.testing.ConstraintCases;
import io.github.ccecontract.nodepool.openapi.testing.ConstraintCases.Case;
import io.github.ccecontract.nodepool.openapi.testing.Contract;
import java.util.List;
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
}
