package io.github.ccecontract.nodepool.stub;

import static io.github.ccecontract.nodepool.stub.StubHttp.assertCceShaped;
import static io.github.ccecontract.nodepool.stub.StubHttp.create;
import static io.github.ccecontract.nodepool.stub.StubHttp.example;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.dialect.Dialects;
import io.github.ccecontract.nodepool.contract.ContractDocument;
import io.github.ccecontract.nodepool.contract.NodePoolContract.DocumentedExample;
import io.github.ccecontract.nodepool.contract.cluster.ClusterType;
import io.github.ccecontract.nodepool.stub.config.StubConfig;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The page's two request/response pairs over HTTP: the documented request gets the documented
 * response, equal except the generated metadata.uid and extendParam.publicKey.
 */
class DocumentedPairsTest {

    static CceNodePoolStub configured;
    static CceNodePoolStub unconfigured;
    static Schema responseSchema;

    @BeforeAll
    static void start() {
        configured = CceNodePoolStub.builder()
                .config(StubConfig.builder()
                        .cluster("cce-cluster", ClusterType.CCE, 50)
                        .cluster("turbo-cluster", ClusterType.TURBO, 50)
                        .build())
                .start();
        unconfigured = CceNodePoolStub.builder().start();
        ContractDocument document = ContractDocument.bundled();
        SchemaRegistry registry = SchemaRegistry.withDefaultDialect(
                Dialects.getOpenApi30(), b -> b.schemas(Map.of("urn:test", document.jsonText())));
        responseSchema = registry.getSchema(SchemaLocation.of("urn:test#/components/schemas/NodePoolResponse"));
    }

    @AfterAll
    static void stop() {
        configured.close();
        unconfigured.close();
    }

    @BeforeEach
    void reset() {
        configured.reset();
        unconfigured.reset();
    }

    @Test
    void cceRequestGetsTheDocumentedCceResponse() {
        StubHttp.Answer answer = create(configured, "cce-cluster", example(DocumentedExample.CCE_CLUSTER_REQUEST));
        assertEquals(201, answer.status(), answer.text());
        assertCceShaped(answer);
        assertMatchesDocumented(DocumentedExample.CCE_CLUSTER_RESPONSE, answer.json(), true);
    }

    @Test
    void cceRequestToAnUnconfiguredCluster() {
        StubHttp.Answer answer = create(unconfigured, "any-cluster", example(DocumentedExample.CCE_CLUSTER_REQUEST));
        assertEquals(201, answer.status(), answer.text());
        assertMatchesDocumented(DocumentedExample.CCE_CLUSTER_RESPONSE, answer.json(), true);
    }

    @Test
    void turboRequestToATurboCluster() {
        StubHttp.Answer answer =
                create(configured, "turbo-cluster", example(DocumentedExample.CCE_TURBO_CLUSTER_REQUEST));
        assertEquals(201, answer.status(), answer.text());
        assertCceShaped(answer);
        assertMatchesDocumented(DocumentedExample.CCE_TURBO_CLUSTER_RESPONSE, answer.json(), false);
    }

    @Test
    void turboRequestToAnUnconfiguredCluster() {
        StubHttp.Answer answer =
                create(unconfigured, "some-cluster", example(DocumentedExample.CCE_TURBO_CLUSTER_REQUEST));
        assertEquals(201, answer.status(), answer.text());
        assertMatchesDocumented(DocumentedExample.CCE_TURBO_CLUSTER_RESPONSE, answer.json(), false);
    }

    @Test
    void turboRequestToACceClusterBreaksTheTurboOnlyRule() {
        StubHttp.Answer answer =
                create(configured, "cce-cluster", example(DocumentedExample.CCE_TURBO_CLUSTER_REQUEST));
        assertEquals(400, answer.status(), answer.text());
        assertTrue(answer.hasViolation("/spec/type", "elastic-bms-turbo-cluster-only"), answer.text());
    }

    @Test
    void everyCreationHasItsOwnUidAndKey() {
        ObjectNode request = example(DocumentedExample.CCE_CLUSTER_REQUEST);
        JsonNode first = create(unconfigured, "c", request).json();
        ((ObjectNode) request.get("metadata")).put("name", "second-pool");
        JsonNode second = create(unconfigured, "c", request).json();
        assertNotEquals(first.at("/metadata/uid"), second.at("/metadata/uid"));
        assertNotEquals(
                first.at("/spec/nodeTemplate/extendParam/publicKey"),
                second.at("/spec/nodeTemplate/extendParam/publicKey"));
        assertTrue(first.at("/metadata/uid")
                .asText()
                .matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"));
    }

    private static void assertMatchesDocumented(DocumentedExample documented, JsonNode actual, boolean publicKey) {
        List<Error> errors = responseSchema.validate(actual);
        assertTrue(errors.isEmpty(), "the 201 body is a NodePoolResponse of the document: " + errors);
        ObjectNode expected = example(documented);
        ObjectNode got = actual.deepCopy();
        assertTrue(got.at("/metadata/uid").isTextual(), "metadata.uid");
        ((ObjectNode) expected.get("metadata")).remove("uid");
        ((ObjectNode) got.get("metadata")).remove("uid");
        if (publicKey) {
            JsonNode key = got.at("/spec/nodeTemplate/extendParam/publicKey");
            assertTrue(
                    key.asText().startsWith("ssh-rsa AAAAB3NzaC1yc2E")
                            && key.asText().endsWith("\n"),
                    "publicKey has the documented form: " + key);
            ((ObjectNode) expected.at("/spec/nodeTemplate/extendParam")).remove("publicKey");
            ((ObjectNode) got.at("/spec/nodeTemplate/extendParam")).remove("publicKey");
        }
        assertEquals(
                expected,
                got,
                "the documented " + documented.fileName() + " (apart from uid" + (publicKey ? " and publicKey" : "")
                        + ")");
    }
}
