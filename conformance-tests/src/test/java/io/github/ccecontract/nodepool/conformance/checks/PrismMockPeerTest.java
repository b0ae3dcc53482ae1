package io.github.ccecontract.nodepool.conformance.checks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.ccecontract.nodepool.client.CceException;
import io.github.ccecontract.nodepool.client.CceNodePoolClient;
import io.github.ccecontract.nodepool.client.CceServiceException;
import io.github.ccecontract.nodepool.client.auth.TokenCredentials;
import io.github.ccecontract.nodepool.conformance.generate.NodePoolGenerator;
import io.github.ccecontract.nodepool.conformance.generate.PropertyRunner;
import io.github.ccecontract.nodepool.conformance.prism.PrismProcess;
import io.github.ccecontract.nodepool.conformance.prism.PrismViolations;
import io.github.ccecontract.nodepool.conformance.support.Checks;
import io.github.ccecontract.nodepool.conformance.support.DocumentFiles;
import io.github.ccecontract.nodepool.conformance.support.Exchange;
import io.github.ccecontract.nodepool.conformance.support.RecordingInterceptor;
import io.github.ccecontract.nodepool.conformance.support.TestStub;
import io.github.ccecontract.nodepool.contract.CceJson;
import io.github.ccecontract.nodepool.contract.NodePoolContract;
import io.github.ccecontract.nodepool.contract.NodePoolContract.Direction;
import io.github.ccecontract.nodepool.contract.NodePoolContract.DocumentedExample;
import io.github.ccecontract.nodepool.contract.model.NodePool;
import io.github.ccecontract.nodepool.contract.model.NodePoolResponse;
import io.github.ccecontract.nodepool.contract.model.Violation;
import io.github.ccecontract.nodepool.openapi.testing.Contract;
import io.github.ccecontract.nodepool.openapi.testing.Json;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestReporter;
import org.junit.jupiter.api.io.TempDir;

/**
 * Check 7, an outside peer serving the client: Stoplight Prism's mock of the bundled document (one Prism for the
 * class) answers the generated {@code CceNodePoolClient} (pointed at Prism's URL, with a user-supplied OkHttpClient
 * whose network interceptor records every exchange and adds {@code Prefer} headers to pick Prism's answer). The client
 * must parse every answer:
 * <ul>
 * <li>the documented requests, each with {@code Prefer: example=<its name>}: 201, read as a NodePoolResponse equal to
 * the documented response;</li>
 * <li>{@code conformance.prismTries} generated valid requests sent by the client: Prism validates them (AJV) and
 * answers 201, which the client reads;</li>
 * <li>every documented error answer, each example of each error status ({@code Prefer: code=<status>,
 * example=<name>}): a CceServiceException with the status, the example's code (CCE's or the gateway's), message and
 * violations;</li>
 * <li>Prism's own judgement: no credentials (the token removed on the wire) gives 401 with the first documented
 * example, CCE.01401001; an invalid request 400 with the documented violations.</li>
 * </ul>
 */
@Tag(Checks.OUTSIDE_PEER)
class PrismMockPeerTest {

    static final int SAMPLE = Integer.getInteger("conformance.prismTries", 100);
    static final ObjectMapper MAPPER = CceJson.newObjectMapper();

    @TempDir
    static Path tmp;

    static PrismProcess prism;
    static RecordingInterceptor recorder;
    static CceNodePoolClient client;

    @BeforeAll
    static void start() {
        prism = PrismProcess.mock(DocumentFiles.extractBundledDocument(tmp, false));
        recorder = RecordingInterceptor.recordingOnly();
        client = TestStub.clientOf(
                        prism.baseUri().toString(), new TokenCredentials(TestStub.TOKEN), recorder.httpClient())
                .build();
    }

    @AfterAll
    static void stop() {
        if (client != null) {
            client.close();
        }
        if (recorder != null) {
            recorder.close();
        }
        if (prism != null) {
            prism.close();
        }
    }

    static NodePool model(JsonNode json) throws IOException {
        return MAPPER.treeToValue(json, NodePool.class);
    }

    /** A call that must succeed; a failure shows the recorded exchange and Prism's violations. */
    static <T> T expectSuccess(Supplier<T> call) {
        try {
            return call.get();
        } catch (CceException e) {
            Exchange last = recorder.last().exchange();
            throw last.failure(
                    "expected the client to read a 201 from Prism's mock; Prism says: "
                            + (last.response() == null ? "nothing" : PrismViolations.of(last.response())),
                    e);
        }
    }

    static CceServiceException expectServiceException(Runnable call) {
        try {
            call.run();
        } catch (CceServiceException e) {
            return e;
        } catch (CceException e) {
            throw recorder.last().exchange().failure("expected a CceServiceException", e);
        }
        throw recorder.last().exchange().failure("expected a CceServiceException, the call succeeded");
    }

    @TestFactory
    @DisplayName("documented requests with Prefer: example=<name>: 201, read as the documented response")
    Stream<DynamicTest> documentedRequests() {
        return Stream.of(DocumentedExample.CCE_CLUSTER_REQUEST, DocumentedExample.CCE_TURBO_CLUSTER_REQUEST)
                .map(request -> DynamicTest.dynamicTest(request.fileName(), () -> {
                    recorder.begin("documented example " + request.resourcePath() + ", Prefer: example="
                                    + request.exampleName())
                            .rewrite(r -> r.newBuilder()
                                    .header("Prefer", "example=" + request.exampleName())
                                    .build());
                    NodePool pool = model(Contract.example(request));
                    NodePoolResponse created = expectSuccess(() -> client.createNodePool("c-4567", pool));
                    Exchange exchange = recorder.last().exchange();
                    JsonNode read = Json.parse(MAPPER.writeValueAsString(created), "the client's NodePoolResponse");
                    DocumentedExample response = DocumentedExample.of(Direction.RESPONSE, request.exampleName());
                    List<String> differences = Json.differences(Contract.example(response), read, 20);
                    if (!differences.isEmpty()) {
                        throw exchange.failure("the client read something else than the documented response "
                                + response.resourcePath() + ":\n  " + String.join("\n  ", differences));
                    }
                    if (!PrismViolations.isClean(exchange.response())) {
                        throw exchange.failure("Prism reports violations of the client's request: "
                                + PrismViolations.of(exchange.response()));
                    }
                }));
    }

    @Test
    @DisplayName("generated valid requests sent by the client: Prism accepts them, the client reads the 201")
    void generatedRequests(TestReporter reporter) {
        PropertyRunner.run(
                PropertyRunner.Settings.fromSystemProperties().withTries(SAMPLE),
                "the client's generated requests through Prism's mock",
                new NodePoolGenerator(),
                NodePoolGenerator.ValidRequest::describe,
                c -> {
                    recorder.begin(c.name());
                    NodePool pool = model(c.value().body());
                    NodePoolResponse created = expectSuccess(() ->
                            client.createNodePool(TestStub.clusterId(c.value().cluster()), pool));
                    Exchange exchange = recorder.last().exchange();
                    if (!PrismViolations.isClean(exchange.response())) {
                        throw exchange.failure("Prism reports violations of the client's request: "
                                + PrismViolations.of(exchange.response()));
                    }
                    if (created.getMetadata() == null || created.getMetadata().getName() == null) {
                        throw exchange.failure("the client read no metadata.name");
                    }
                },
                reporter);
    }

    /** One documented error example: status, example name (null if the response has a single example), value. */
    record ErrorExample(String status, String name, JsonNode value) {
        String prefer() {
            return "code=" + status + (name == null ? "" : ", example=" + name);
        }
    }

    static List<ErrorExample> errorExamples() {
        List<ErrorExample> out = new ArrayList<>();
        JsonNode responses = Contract.at("/paths/" + Json.escape(NodePoolContract.PATH) + "/post/responses");
        for (Iterator<Map.Entry<String, JsonNode>> it = responses.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            if (entry.getKey().startsWith("2")) {
                continue;
            }
            JsonNode media = Contract.deref(entry.getValue()).path("content").path("application/json");
            if (media.has("example")) {
                out.add(new ErrorExample(entry.getKey(), null, media.get("example")));
            }
            media.path("examples")
                    .fields()
                    .forEachRemaining(e -> out.add(new ErrorExample(
                            entry.getKey(),
                            e.getKey(),
                            Contract.deref(e.getValue()).path("value"))));
        }
        return out;
    }

    @TestFactory
    @DisplayName("every documented error example (Prefer: code=..., example=...): a CceServiceException carrying it")
    Stream<DynamicTest> documentedErrors() throws IOException {
        NodePool pool = model(Contract.example(DocumentedExample.CCE_CLUSTER_REQUEST));
        List<ErrorExample> examples = errorExamples();
        if (examples.isEmpty()) {
            throw new AssertionError("the document has no error examples");
        }
        return examples.stream()
                .map(example -> DynamicTest.dynamicTest(
                        example.status() + " " + (example.name() == null ? "example" : example.name()), () -> {
                            recorder.begin("cce-cluster-request, Prefer: " + example.prefer())
                                    .rewrite(r -> r.newBuilder()
                                            .header("Prefer", example.prefer())
                                            .build());
                            CceServiceException e = expectServiceException(() -> client.createNodePool("c-4567", pool));
                            assertCarries(e, Integer.parseInt(example.status()), example.value());
                        }));
    }

    @Test
    @DisplayName("no credentials on the wire: Prism's 401, the client's CceServiceException with CCE.01401001")
    void missingCredentials() throws IOException {
        NodePool pool = model(Contract.example(DocumentedExample.CCE_CLUSTER_REQUEST));
        recorder.begin("cce-cluster-request, X-Auth-Token removed on the wire")
                .rewrite(r -> r.newBuilder().removeHeader("X-Auth-Token").build());
        CceServiceException e = expectServiceException(() -> client.createNodePool("c-4567", pool));
        JsonNode first = Contract.deref(Contract.at("/components/responses/Unauthorized"))
                .at("/content/application~1json/examples")
                .elements()
                .next()
                .path("value");
        assertCarries(e, 401, first);
        if (!"CCE.01401001".equals(e.errorCode())) {
            throw recorder.last().exchange().failure("expected CCE.01401001", e);
        }
    }

    @Test
    @DisplayName(
            "an invalid request (name Not_Valid): Prism's 400, the client's CceServiceException with the violations")
    void invalidRequest() throws IOException {
        NodePool pool = model(Contract.example(DocumentedExample.CCE_CLUSTER_REQUEST));
        pool.getMetadata().setName("Not_Valid");
        recorder.begin("cce-cluster-request with name Not_Valid");
        CceServiceException e = expectServiceException(() -> client.createNodePool("c-4567", pool));
        JsonNode documented = Contract.at("/components/responses/BadRequest/content/application~1json/examples")
                .elements()
                .next()
                .path("value");
        assertCarries(e, 400, documented);
    }

    /** The exception carries the status and exactly the example's error. */
    static void assertCarries(CceServiceException e, int status, JsonNode example) {
        Exchange exchange = recorder.last().exchange();
        String cceCode = example.path("errorCode").asText(null);
        String gatewayCode = example.path("error_code").asText(null);
        String expectedCode = cceCode != null ? cceCode : gatewayCode;
        String expectedMessage = cceCode != null || example.has("errorMessage")
                ? example.path("errorMessage").asText(null)
                : example.path("error_msg").asText(null);
        List<String> problems = new ArrayList<>();
        if (e.statusCode() != status) {
            problems.add("statusCode() " + e.statusCode() + ", expected " + status);
        }
        if (expectedCode == null || !expectedCode.equals(e.errorCode())) {
            problems.add("errorCode() " + e.errorCode() + ", expected " + expectedCode);
        }
        if (expectedMessage != null && !expectedMessage.equals(e.errorMessage())) {
            problems.add("errorMessage() " + e.errorMessage() + ", expected " + expectedMessage);
        }
        if (e.isGatewayError() != (cceCode == null && gatewayCode != null)) {
            problems.add("isGatewayError() " + e.isGatewayError());
        }
        List<String> expectedViolations = new ArrayList<>();
        example.path("violations")
                .forEach(v -> expectedViolations.add(v.path("pointer").asText() + " "
                        + v.path("rule").asText() + " " + v.path("message").asText()));
        List<String> violations = new ArrayList<>();
        for (Violation v : e.violations()) {
            violations.add(v.getPointer() + " " + v.getRule() + " " + v.getMessage());
        }
        if (!expectedViolations.equals(violations)) {
            problems.add("violations() " + violations + ", expected " + expectedViolations);
        }
        if (!problems.isEmpty()) {
            throw exchange.failure(
                    "the client's CceServiceException does not carry the documented answer: "
                            + String.join("; ", problems),
                    e);
        }
    }
}
