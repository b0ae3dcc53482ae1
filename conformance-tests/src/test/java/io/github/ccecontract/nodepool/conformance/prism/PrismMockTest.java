package io.github.ccecontract.nodepool.conformance.prism;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import io.github.ccecontract.nodepool.conformance.support.Checks;
import io.github.ccecontract.nodepool.conformance.support.DocumentFiles;
import io.github.ccecontract.nodepool.conformance.support.Exchange;
import io.github.ccecontract.nodepool.conformance.support.HttpExchanges;
import io.github.ccecontract.nodepool.contract.NodePoolContract.DocumentedExample;
import io.github.ccecontract.nodepool.openapi.testing.Contract;
import io.github.ccecontract.nodepool.openapi.testing.Json;
import io.github.ccecontract.nodepool.openapi.testing.Schemas;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Prism's mock from the bundled document (examples inlined) starts on a free loopback port and answers with the
 * document's examples: the documented CCE request gets 201 and the documented CCE response (valid against
 * NodePoolResponse for networknt too), {@code Prefer: example=...} picks another example, a request without
 * credentials gets 401 and an invalid one 400, each with a documented CceError body.
 */
@Tag(Checks.SUITE)
class PrismMockTest {

    static final String PATH = "/api/v3/projects/p-0123/clusters/c-4567/nodepools";
    static final Map<String, String> TOKEN = Map.of("X-Auth-Token", "conformance-test-token");

    @TempDir
    static Path tmp;

    static PrismProcess prism;

    @BeforeAll
    static void start() {
        prism = PrismProcess.mock(DocumentFiles.extractBundledDocument(tmp, false));
    }

    @AfterAll
    static void stop() {
        if (prism != null) {
            prism.close();
        }
    }

    private static Exchange post(String caseName, Map<String, String> headers, String body) {
        return HttpExchanges.post(caseName, URI.create(prism.baseUri() + PATH), headers, body);
    }

    private static void assertValid(Exchange exchange, String schemaPointer) {
        JsonNode body = exchange.response().json();
        if (body == null) {
            throw exchange.failure("the answer is not JSON");
        }
        List<Error> errors = Schemas.validate(schemaPointer, body);
        if (!errors.isEmpty()) {
            throw exchange.failure("the answer is invalid against " + schemaPointer + ":\n" + Schemas.describe(errors));
        }
    }

    @Test
    @DisplayName("cce-cluster-request: 201 with the documented cce-cluster response, valid against NodePoolResponse")
    void documentedRequestGets201() {
        Exchange exchange = post("cce-cluster-request", TOKEN, DocumentedExample.CCE_CLUSTER_REQUEST.text());
        if (exchange.response().status() != 201) {
            throw exchange.failure("expected 201\n" + prism.logText());
        }
        assertEquals("application/json", exchange.response().mediaType(), exchange.describe());
        assertValid(exchange, Contract.RESPONSE_SCHEMA);
        assertEquals(
                Contract.example(DocumentedExample.CCE_CLUSTER_RESPONSE),
                exchange.response().json(),
                "Prism answers with the first example of the 201 response\n" + exchange.describe());
    }

    @Test
    @DisplayName("cce-turbo-cluster-request: 201; Prism answers with the FIRST 201 example unless Prefer names another")
    void preferPicksTheExample() {
        Exchange plain = post("cce-turbo-cluster-request", TOKEN, DocumentedExample.CCE_TURBO_CLUSTER_REQUEST.text());
        assertEquals(201, plain.response().status(), plain.describe());
        assertEquals(
                Contract.example(DocumentedExample.CCE_CLUSTER_RESPONSE),
                plain.response().json(),
                "Prism does not match request examples to response examples\n" + plain.describe());

        Exchange preferred = post(
                "cce-turbo-cluster-request, Prefer: example=cce-turbo-cluster",
                Map.of("X-Auth-Token", "conformance-test-token", "Prefer", "example=cce-turbo-cluster"),
                DocumentedExample.CCE_TURBO_CLUSTER_REQUEST.text());
        assertEquals(201, preferred.response().status(), preferred.describe());
        assertValid(preferred, Contract.RESPONSE_SCHEMA);
        assertEquals(
                Contract.example(DocumentedExample.CCE_TURBO_CLUSTER_RESPONSE),
                preferred.response().json(),
                preferred.describe());
    }

    @Test
    @DisplayName("no credentials: 401 with a CceError body and an sl-violations header")
    void missingCredentialsGet401() {
        Exchange exchange =
                post("cce-cluster-request without credentials", Map.of(), DocumentedExample.CCE_CLUSTER_REQUEST.text());
        assertEquals(401, exchange.response().status(), exchange.describe());
        assertValid(exchange, Contract.ERROR_SCHEMA);
        assertFalse(PrismViolations.of(exchange.response()).isEmpty(), exchange.describe());
    }

    @Test
    @DisplayName("invalid request (kind Cluster): 400 with the documented BadRequest example and the violation named")
    void invalidRequestGets400() {
        JsonNode request =
                Contract.example(DocumentedExample.CCE_CLUSTER_REQUEST).put("kind", "Cluster");
        Exchange exchange = post("cce-cluster-request with kind Cluster", TOKEN, Json.compact(request));
        assertEquals(400, exchange.response().status(), exchange.describe());
        assertValid(exchange, Contract.ERROR_SCHEMA);
        List<PrismViolations.Violation> violations = PrismViolations.of(exchange.response());
        assertTrue(
                violations.stream()
                        .anyMatch(v -> v.location().contains("kind") && v.code().equals("enum")),
                "expected Prism to name kind/enum: " + violations + "\n" + exchange.describe());
    }

    @Test
    @DisplayName("close() stops Prism and its process tree")
    void closeStopsTheTree(@TempDir Path dir) {
        PrismProcess second = PrismProcess.mock(DocumentFiles.extractBundledDocument(dir, true));
        ProcessHandle handle = second.handle();
        List<ProcessHandle> tree = handle.descendants().toList();
        second.close();
        assertFalse(handle.isAlive(), "Prism still runs after close()");
        tree.forEach(child -> assertFalse(child.isAlive(), "a child of Prism still runs: " + child.pid()));
    }

    @Test
    @DisplayName(
            "the source document's value: {$ref} examples make Prism fail at start when the files are not beside it")
    void sourceDocumentNeedsItsExampleFiles(@TempDir Path dir) throws Exception {
        // The source document's form of the examples, without the example files next to it.
        Path lone = dir.resolve("openapi.yaml");
        String bundled = java.nio.file.Files.readString(DocumentFiles.extractBundledDocument(dir.resolve("b"), true));
        JsonNode doc = Json.YAML.readTree(bundled);
        JsonNode examples = Json.at(
                doc,
                "/paths/" + Json.escape("/api/v3/projects/{project_id}/clusters/{cluster_id}/nodepools")
                        + "/post/requestBody/content/application~1json/examples/cce-cluster");
        ((com.fasterxml.jackson.databind.node.ObjectNode) examples)
                .set("value", Json.JSON.createObjectNode().put("$ref", "./examples/cce-cluster-request.json"));
        java.nio.file.Files.writeString(lone, Json.YAML.writeValueAsString(doc));
        IllegalStateException e = org.junit.jupiter.api.Assertions.assertThrows(
                IllegalStateException.class, () -> PrismProcess.mock(lone).close());
        assertTrue(e.getMessage().contains("cce-cluster-request.json"), e.getMessage());
    }
}
