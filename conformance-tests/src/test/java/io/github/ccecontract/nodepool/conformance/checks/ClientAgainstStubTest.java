package io.github.ccecontract.nodepool.conformance.checks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.ccecontract.nodepool.client.CceException;
import io.github.ccecontract.nodepool.client.CceNodePoolClient;
import io.github.ccecontract.nodepool.client.CceServiceException;
import io.github.ccecontract.nodepool.client.CceValidationException;
import io.github.ccecontract.nodepool.client.auth.AkSkCredentials;
import io.github.ccecontract.nodepool.client.auth.Credentials;
import io.github.ccecontract.nodepool.client.auth.TokenCredentials;
import io.github.ccecontract.nodepool.conformance.generate.NodePoolGenerator;
import io.github.ccecontract.nodepool.conformance.generate.PropertyRunner;
import io.github.ccecontract.nodepool.conformance.support.Checks;
import io.github.ccecontract.nodepool.conformance.support.Exchange;
import io.github.ccecontract.nodepool.conformance.support.RecordingInterceptor;
import io.github.ccecontract.nodepool.conformance.support.TestStub;
import io.github.ccecontract.nodepool.contract.CceJson;
import io.github.ccecontract.nodepool.contract.NodePoolContract.Direction;
import io.github.ccecontract.nodepool.contract.NodePoolContract.DocumentedExample;
import io.github.ccecontract.nodepool.contract.model.NodePool;
import io.github.ccecontract.nodepool.contract.model.NodePoolResponse;
import io.github.ccecontract.nodepool.contract.model.Violation;
import io.github.ccecontract.nodepool.openapi.testing.Contract;
import io.github.ccecontract.nodepool.openapi.testing.Json;
import io.github.ccecontract.nodepool.stub.junit.CceNodePoolStubExtension;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Check 2, the generated client against the stub over HTTP on loopback:
 * <ul>
 * <li>it creates node pools with a token and with AK/SK signing (the documented requests, and a sample of generated
 * ones, {@code conformance.clientTries}, half with each credential; the token client validates before sending and
 * must not refuse any of them), sends exactly the JSON of the model, and reads the 201 answer;</li>
 * <li>a rejected request surfaces as {@code CceServiceException} with CCE's code ({@code CCE.01400001}, or
 * {@code CCE.01400014} for the node limit rules), the violations (pointer and rule) and the request id;</li>
 * <li>a missing token (a raw request: the client cannot send without credentials), an invalid token, a wrong AK/SK
 * secret and an unknown access key give 401 {@code CCE.01401001}; an unknown cluster 404, a taken name 409.</li>
 * </ul>
 * Every answer is checked against the document as well (check 3).
 */
@Tag(Checks.CLIENT_AGAINST_STUB)
class ClientAgainstStubTest {

    static final int TRIES = Integer.getInteger("conformance.clientTries", 200);

    /** The stub, reset by the extension before each test. */
    @RegisterExtension
    static final CceNodePoolStubExtension STUB = TestStub.extension();

    static final TestStub stub = TestStub.of(STUB);
    static RecordingInterceptor recorder;
    static final ObjectMapper MAPPER = CceJson.newObjectMapper();

    @BeforeAll
    static void start() {
        recorder = RecordingInterceptor.checkingStubAnswers();
    }

    @AfterAll
    static void stop() {
        if (recorder != null) {
            recorder.close();
        }
    }

    @BeforeEach
    void clearRecorder() {
        recorder.clear();
    }

    static Credentials token() {
        return new TokenCredentials(TestStub.TOKEN);
    }

    static Credentials akSk() {
        return new AkSkCredentials(TestStub.ACCESS_KEY, TestStub.SECRET_KEY);
    }

    static NodePool model(JsonNode json) throws IOException {
        return MAPPER.treeToValue(json, NodePool.class);
    }

    /** Runs a call, returning its result; any exception fails with the recorded exchange. */
    static <T> T expectSuccess(String caseName, Supplier<T> call) {
        recorder.begin(caseName);
        T result;
        try {
            result = call.get();
        } catch (CceValidationException e) {
            throw new AssertionError(
                    "case: " + caseName + ": nothing was sent: the client's validateBeforeSend"
                            + " refuses the request: " + e.violations(),
                    e);
        } catch (CceException e) {
            throw failure("expected 201 and a node pool", e);
        }
        recorder.lastVerified();
        return result;
    }

    /** Runs a call that must fail with a CceServiceException, which is returned. */
    static CceServiceException expectServiceException(String caseName, Runnable call) {
        recorder.begin(caseName);
        try {
            call.run();
        } catch (CceServiceException e) {
            recorder.lastVerified();
            return e;
        } catch (CceException e) {
            throw failure("expected a CceServiceException", e);
        }
        throw recorder.last().exchange().failure("expected a CceServiceException, the call succeeded");
    }

    private static AssertionError failure(String expectation, Throwable cause) {
        try {
            return recorder.last().exchange().failure(expectation, cause);
        } catch (AssertionError nothingSent) {
            return new AssertionError(expectation + ": " + nothingSent.getMessage() + " (" + cause + ")", cause);
        }
    }

    /** The recorded request's body equals the JSON the model was made from (the client writes what was set). */
    static void assertSentExactly(JsonNode expected) {
        Exchange exchange = recorder.last().exchange();
        JsonNode sent = exchange.request().json();
        List<String> differences = Json.differences(expected, sent, 20);
        if (!differences.isEmpty()) {
            throw exchange.failure(
                    "the client did not send the JSON its model was read from:\n  " + String.join("\n  ", differences));
        }
    }

    static void assertHeader(String name, String prefix) {
        Exchange exchange = recorder.last().exchange();
        String value = exchange.request().headers().entrySet().stream()
                .filter(e -> e.getKey().equalsIgnoreCase(name))
                .flatMap(e -> e.getValue().stream())
                .findFirst()
                .orElseThrow(() -> exchange.failure("expected the header " + name + " in the request"));
        if (!value.startsWith(prefix)) {
            throw exchange.failure("expected the header " + name + " to start with '" + prefix + "'");
        }
    }

    // ------------------------------------------------------------------------------ creating

    @Test
    @DisplayName("token: the documented requests create the documented node pools")
    void tokenCreatesTheDocumentedNodePools() throws IOException {
        createDocumented(token(), "X-Auth-Token", TestStub.TOKEN);
    }

    @Test
    @DisplayName("AK/SK: the documented requests, signed with SDK-HMAC-SHA256, create the documented node pools")
    void akSkCreatesTheDocumentedNodePools() throws IOException {
        createDocumented(akSk(), "Authorization", "SDK-HMAC-SHA256 Access=" + TestStub.ACCESS_KEY + ",");
        assertHeader("X-Sdk-Date", "20");
    }

    private void createDocumented(Credentials credentials, String header, String prefix) throws IOException {
        try (CceNodePoolClient client = stub.client(credentials, recorder)) {
            for (DocumentedExample request :
                    List.of(DocumentedExample.CCE_CLUSTER_REQUEST, DocumentedExample.CCE_TURBO_CLUSTER_REQUEST)) {
                String cluster = request == DocumentedExample.CCE_TURBO_CLUSTER_REQUEST
                        ? TestStub.turboCluster()
                        : TestStub.cceCluster();
                NodePool pool = model(Contract.example(request));
                NodePoolResponse created = expectSuccess(
                        "documented example " + request.resourcePath() + " with "
                                + credentials.getClass().getSimpleName() + " to " + cluster,
                        () -> client.createNodePool(cluster, pool));
                assertSentExactly(Contract.example(request));
                assertHeader(header, prefix);
                Exchange exchange = recorder.last().exchange();
                DocumentedExamplesTest.assertDocumentedResponse(
                        exchange, DocumentedExample.of(Direction.RESPONSE, request.exampleName()));
                // What the client read is what the stub sent (the client's models lose nothing of it).
                List<String> differences = Json.differences(
                        exchange.response().json(), Json.parse(MAPPER.writeValueAsString(created), "client model"), 20);
                if (!differences.isEmpty()) {
                    throw exchange.failure("the client's NodePoolResponse differs from the answer:\n  "
                            + String.join("\n  ", differences));
                }
            }
        }
    }

    @Test
    @DisplayName(
            "generated requests through the client, half with a token and half AK/SK-signed: 201, sent as generated")
    void generatedRequestsThroughTheClient(TestReporter reporter) {
        NodePoolGenerator generator = new NodePoolGenerator();
        // The token client validates before sending (the document's schema and x-cce-rules, as the stub does): it
        // must not refuse a valid request.
        try (CceNodePoolClient tokenClient = TestStub.clientOf(stub.baseUrl(), token(), recorder.httpClient())
                        .validateBeforeSend(true)
                        .build();
                CceNodePoolClient akSkClient = stub.client(akSk(), recorder)) {
            PropertyRunner.run(
                    PropertyRunner.Settings.fromSystemProperties().withTries(TRIES),
                    "the client creates generated node pools",
                    generator,
                    NodePoolGenerator.ValidRequest::describe,
                    c -> {
                        stub.stub().reset(); // generated names may repeat
                        boolean signed = c.index() % 2 == 1;
                        NodePool pool = model(c.value().body());
                        String cluster = TestStub.clusterId(c.value().cluster());
                        String caseName =
                                c.name() + (signed ? " AK/SK" : " token, validated before sending") + " to " + cluster;
                        NodePoolResponse created = expectSuccess(
                                caseName, () -> (signed ? akSkClient : tokenClient).createNodePool(cluster, pool));
                        assertSentExactly(c.value().body());
                        if (!c.value()
                                .body()
                                .at("/metadata/name")
                                .asText()
                                .equals(created.getMetadata().getName())) {
                            throw recorder.last()
                                    .exchange()
                                    .failure("the node pool read back has another name: "
                                            + created.getMetadata().getName());
                        }
                    },
                    reporter);
        }
    }

    // ------------------------------------------------------------------------------ errors

    @Test
    @DisplayName(
            "a request breaking the schema: CceServiceException 400 CCE.01400001 with the violation's pointer and rule")
    void rejectedRequestSurfacesAsServiceException() throws IOException {
        NodePool pool = model(Contract.example(DocumentedExample.CCE_CLUSTER_REQUEST));
        pool.getMetadata().setName("Not_A_Valid_Name");
        pool.getSpec().getNodeTemplate().getRootVolume().setSize(2);
        try (CceNodePoolClient client = stub.client(token(), recorder)) {
            CceServiceException e = expectServiceException(
                    "cce-cluster-request with name Not_A_Valid_Name and root" + " volume size 2",
                    () -> client.createNodePool(TestStub.cceCluster(), pool));
            assertService(e, 400, "CCE.01400001");
            assertViolation(e, "/metadata/name", "pattern");
            assertViolation(e, "/spec/nodeTemplate/rootVolume/size", "minimum");
            Exchange exchange = recorder.last().exchange();
            String header = exchange.response().header("X-Request-Id").orElse(null);
            if (header == null || !e.requestId().orElse("").equals(header)) {
                throw exchange.failure("expected requestId() " + e.requestId() + " to be the X-Request-Id " + header);
            }
        }
    }

    @Test
    @DisplayName("a request above the cluster's node limit: CceServiceException 400 CCE.01400014 naming the rule")
    void nodeLimitSurfacesAsServiceException() throws IOException {
        NodePool pool = model(Contract.example(DocumentedExample.CCE_CLUSTER_REQUEST));
        int limit = Integer.getInteger("conformance.maxNodes", 50);
        pool.getSpec().setInitialNodeCount(limit + 1);
        pool.getSpec().getAutoscaling().setMaxNodeCount(limit + 1);
        try (CceNodePoolClient client = stub.client(token(), recorder)) {
            CceServiceException e = expectServiceException(
                    "cce-cluster-request with initialNodeCount and" + " maxNodeCount " + (limit + 1)
                            + " in a cluster of " + limit + " nodes",
                    () -> client.createNodePool(TestStub.cceCluster(), pool));
            assertService(e, 400, "CCE.01400014");
            assertViolation(e, "/spec/initialNodeCount", "node-count-within-cluster-limit");
            assertViolation(e, "/spec/autoscaling/maxNodeCount", "max-node-count-within-cluster-limit");
        }
    }

    @Test
    @DisplayName("no X-Auth-Token (raw request, no credentials at all): 401 CCE.01401001")
    void missingTokenGives401() {
        Exchange exchange = stub.send(
                "cce-cluster-request without X-Auth-Token",
                "POST",
                TestStub.cceCluster(),
                Map.of("Content-Type", "application/json"),
                DocumentedExample.CCE_CLUSTER_REQUEST.text());
        assertError(exchange, 401, "CCE.01401001");
    }

    @Test
    @DisplayName("an invalid token: CceServiceException 401 CCE.01401001")
    void invalidTokenGives401() throws IOException {
        assertUnauthorized(
                "cce-cluster-request with a token the stub does not accept",
                new TokenCredentials("not-" + TestStub.TOKEN));
    }

    @Test
    @DisplayName("AK/SK with a wrong secret key: CceServiceException 401 CCE.01401001")
    void wrongSecretGives401() throws IOException {
        assertUnauthorized(
                "cce-cluster-request signed with a wrong secret key",
                new AkSkCredentials(TestStub.ACCESS_KEY, "wrong-" + TestStub.SECRET_KEY));
    }

    @Test
    @DisplayName("AK/SK with an unknown access key: CceServiceException 401 CCE.01401001")
    void unknownAccessKeyGives401() throws IOException {
        assertUnauthorized(
                "cce-cluster-request signed by an unknown access key",
                new AkSkCredentials("UNKNOWN" + TestStub.ACCESS_KEY, TestStub.SECRET_KEY));
    }

    private void assertUnauthorized(String caseName, Credentials credentials) throws IOException {
        NodePool pool = model(Contract.example(DocumentedExample.CCE_CLUSTER_REQUEST));
        try (CceNodePoolClient client = stub.client(credentials, recorder)) {
            CceServiceException e =
                    expectServiceException(caseName, () -> client.createNodePool(TestStub.cceCluster(), pool));
            assertService(e, 401, "CCE.01401001");
        }
        if (!stub.stub().nodePools().isEmpty()) {
            throw recorder.last().exchange().failure("a node pool was created without valid credentials");
        }
    }

    @Test
    @DisplayName("an unknown cluster: CceServiceException 404 CCE.01404001; a taken name: 409 CCE.01409001")
    void unknownClusterAndTakenName() throws IOException {
        NodePool pool = model(Contract.example(DocumentedExample.CCE_CLUSTER_REQUEST));
        try (CceNodePoolClient client = stub.client(token(), recorder)) {
            CceServiceException notFound = expectServiceException(
                    "cce-cluster-request to cluster no-such-cluster",
                    () -> client.createNodePool("no-such-cluster", pool));
            assertService(notFound, 404, "CCE.01404001");
            expectSuccess("cce-cluster-request, first", () -> client.createNodePool(TestStub.cceCluster(), pool));
            CceServiceException conflict = expectServiceException(
                    "cce-cluster-request, again (same name)", () -> client.createNodePool(TestStub.cceCluster(), pool));
            assertService(conflict, 409, "CCE.01409001");
        }
    }

    // ------------------------------------------------------------------------------ helpers

    static void assertService(CceServiceException e, int status, String code) {
        Exchange exchange = recorder.last().exchange();
        if (e.statusCode() != status || !code.equals(e.errorCode()) || e.isGatewayError()) {
            throw exchange.failure(
                    "expected CceServiceException " + status + " " + code + ", got statusCode " + e.statusCode()
                            + " errorCode " + e.errorCode() + " (gateway error: " + e.isGatewayError() + ")",
                    e);
        }
        if (e.requestId().isEmpty()) {
            throw exchange.failure("expected requestId() from X-Request-Id", e);
        }
    }

    static void assertViolation(CceServiceException e, String pointer, String rule) {
        List<Violation> violations = e.violations();
        if (violations.stream().noneMatch(v -> pointer.equals(v.getPointer()) && rule.equals(v.getRule()))) {
            throw recorder.last()
                    .exchange()
                    .failure(
                            "expected violations() to have {pointer: " + pointer + ", rule: "
                                    + rule + "}; it has "
                                    + violations.stream()
                                            .map(v -> v.getPointer() + " " + v.getRule())
                                            .collect(Collectors.joining(", ", "[", "]")),
                            e);
        }
    }

    static void assertError(Exchange exchange, int status, String code) {
        JsonNode body = exchange.response().json();
        if (exchange.response().status() != status
                || body == null
                || !code.equals(body.path("errorCode").asText())) {
            throw exchange.failure("expected " + status + " with errorCode " + code);
        }
    }
}
