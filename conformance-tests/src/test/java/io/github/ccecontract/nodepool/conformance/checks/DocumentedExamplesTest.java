package io.github.ccecontract.nodepool.conformance.checks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.ccecontract.nodepool.conformance.support.Checks;
import io.github.ccecontract.nodepool.conformance.support.Exchange;
import io.github.ccecontract.nodepool.conformance.support.TestStub;
import io.github.ccecontract.nodepool.contract.CceJson;
import io.github.ccecontract.nodepool.contract.NodePoolContract.Direction;
import io.github.ccecontract.nodepool.contract.NodePoolContract.DocumentedExample;
import io.github.ccecontract.nodepool.contract.model.NodePool;
import io.github.ccecontract.nodepool.contract.model.NodePoolResponse;
import io.github.ccecontract.nodepool.openapi.testing.Contract;
import io.github.ccecontract.nodepool.openapi.testing.Json;
import io.github.ccecontract.nodepool.stub.junit.CceNodePoolStubExtension;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Check 1, the documented examples (the four of the openapi jar, {@code cce-nodepool/examples/*.json}, verbatim from
 * the page):
 * <ul>
 * <li>the client's models read each example (requests as {@code NodePool}, responses as {@code NodePoolResponse}, with
 * {@code CceJson.newObjectMapper()}) and write it back to an equal JSON tree;</li>
 * <li>the stub, sent each documented request with a token (the CCE request to a CCE cluster, the Turbo request to a
 * TURBO cluster), answers 201 with the documented response, equal except {@code /metadata/uid} and
 * {@code /spec/nodeTemplate/extendParam/publicKey} (which the stub makes up; each must be there where the documented
 * response has it). The answers are
 * checked against the document too (check 3).</li>
 * </ul>
 */
@Tag(Checks.DOCUMENTED_EXAMPLES)
class DocumentedExamplesTest {

    /** Members of the 201 body whose values the stub makes up (the documented ones are CCE's). */
    static final List<String> MADE_UP = List.of("/metadata/uid", "/spec/nodeTemplate/extendParam/publicKey");

    @RegisterExtension
    static final CceNodePoolStubExtension STUB = TestStub.extension();

    static final TestStub stub = TestStub.of(STUB);

    @TestFactory
    @DisplayName("client models: every documented example reads and writes back to an equal JSON tree")
    Stream<DynamicTest> clientRoundTrip() {
        ObjectMapper mapper = CceJson.newObjectMapper();
        return Stream.of(DocumentedExample.values())
                .map(example -> DynamicTest.dynamicTest(example.fileName() + ": client round trip", () -> {
                    Class<?> model = example.direction() == Direction.REQUEST ? NodePool.class : NodePoolResponse.class;
                    JsonNode documented = Contract.example(example);
                    Object read = mapper.readValue(example.text(), model);
                    String written = mapper.writeValueAsString(read);
                    JsonNode back = Json.parse(written, "the client's JSON of " + example.fileName());
                    List<String> differences = Json.differences(documented, back, 20);
                    if (!differences.isEmpty()) {
                        throw new AssertionError("case: documented example " + example.resourcePath() + " read as "
                                + model.getSimpleName() + " and written back differs from the document:\n  "
                                + String.join("\n  ", differences) + "\nwritten back:\n" + Json.pretty(back));
                    }
                }));
    }

    @TestFactory
    @DisplayName("stub: each documented request gets 201 and the documented response (but uid and publicKey)")
    Stream<DynamicTest> stubAnswersTheDocumentedResponses() {
        return Stream.of(DocumentedExample.CCE_CLUSTER_REQUEST, DocumentedExample.CCE_TURBO_CLUSTER_REQUEST)
                .map(request ->
                        DynamicTest.dynamicTest(request.fileName() + ": 201 with the documented response", () -> {
                            stub.stub().reset();
                            String cluster = request == DocumentedExample.CCE_TURBO_CLUSTER_REQUEST
                                    ? TestStub.turboCluster()
                                    : TestStub.cceCluster();
                            Exchange exchange = stub.post(
                                    "documented example " + request.resourcePath() + " to " + cluster,
                                    cluster,
                                    request.text());
                            assertDocumentedResponse(
                                    exchange, DocumentedExample.of(Direction.RESPONSE, request.exampleName()));
                        }));
    }

    /** 201, the documented response but the made-up members, which must be there. */
    static void assertDocumentedResponse(Exchange exchange, DocumentedExample response) {
        if (exchange.response().status() != 201) {
            throw exchange.failure("expected 201");
        }
        JsonNode answer = exchange.response().json();
        if (!(answer instanceof ObjectNode actual)) {
            throw exchange.failure("expected a JSON object");
        }
        ObjectNode expected = Contract.example(response);
        ObjectNode got = actual.deepCopy();
        for (String pointer : MADE_UP) {
            if (Json.at(expected, pointer).isMissingNode()) {
                continue; // the documented response has none (the Turbo one has no publicKey): compared as is
            }
            if (!Json.at(got, pointer).isTextual()
                    || Json.at(got, pointer).asText().isEmpty()) {
                throw exchange.failure(
                        "expected a non-empty string at " + pointer + " (the documented response has one)");
            }
            ((ObjectNode) Json.at(expected, Json.parent(pointer))).remove(Json.lastToken(pointer));
            ((ObjectNode) Json.at(got, Json.parent(pointer))).remove(Json.lastToken(pointer));
        }
        List<String> differences = Json.differences(expected, got, 30);
        if (!differences.isEmpty()) {
            throw exchange.failure("expected the documented response " + response.resourcePath() + " (but "
                    + String.join(" and ", MADE_UP) + "); differences:\n  " + String.join("\n  ", differences));
        }
    }
}
