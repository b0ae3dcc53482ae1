package io.github.ccecontract.nodepool.client;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.ccecontract.nodepool.client.auth.AkSkCredentials;
import io.github.ccecontract.nodepool.client.auth.TokenCredentials;
import io.github.ccecontract.nodepool.contract.CceJson;
import io.github.ccecontract.nodepool.contract.NodePoolContract.DocumentedExample;
import io.github.ccecontract.nodepool.contract.cluster.Cluster;
import io.github.ccecontract.nodepool.contract.model.Login;
import io.github.ccecontract.nodepool.contract.model.NodePool;
import io.github.ccecontract.nodepool.contract.model.NodePoolResponse;
import io.github.ccecontract.nodepool.contract.model.NodePoolSpec;
import io.github.ccecontract.nodepool.contract.model.Violation;
import io.github.ccecontract.nodepool.contract.signing.SdkHmacSha256Signer;
import io.github.ccecontract.nodepool.contract.signing.SignableRequest;
import io.github.ccecontract.nodepool.contract.signing.Signature;
import io.github.ccecontract.nodepool.openapi.testing.Contract;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.Headers;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The client on the wire, against OkHttp's MockWebServer. */
class CceNodePoolClientTest {
    static final String TOKEN = "MIIPAgYJKoZIhvcNAQcCoIIO8zCCDu8CAQEx-test-token";
    static final AkSkCredentials AK_SK = new AkSkCredentials("EXAMPLEACCESSKEY0001", "example-secret-key-not-real");
    private static final ObjectMapper MAPPER = CceJson.newObjectMapper();

    private final MockWebServer server = new MockWebServer();
    private CceNodePoolClient client;

    @BeforeEach
    void start() throws Exception {
        server.start();
        client = tokenClient().build();
    }

    @AfterEach
    void stop() {
        client.close();
        server.close();
    }

    private CceNodePoolClient.Builder tokenClient() {
        return CceNodePoolClient.builder()
                .endpoint(server.url("/").toString())
                .projectId("project-1")
                .credentials(new TokenCredentials(TOKEN));
    }

    static NodePool documentedRequest(DocumentedExample example) {
        return MAPPER.convertValue(Contract.example(example), NodePool.class);
    }

    static MockResponse created(DocumentedExample response) {
        return new MockResponse.Builder()
                .code(201)
                .addHeader("Content-Type", "application/json")
                .addHeader("X-Request-Id", "req-201")
                .body(new String(response.bytes(), UTF_8))
                .build();
    }

    private static MockResponse error(int code, String contentType, String body) {
        return new MockResponse.Builder()
                .code(code)
                .addHeader("Content-Type", contentType)
                .addHeader("X-Request-Id", "req-" + code)
                .body(body)
                .build();
    }

    // ------------------------------------------------------------------ the request on the wire

    @ParameterizedTest
    @EnumSource(
            value = DocumentedExample.class,
            names = {"CCE_CLUSTER_REQUEST", "CCE_TURBO_CLUSTER_REQUEST"})
    void sendsTheDocumentedRequestAndReadsTheDocumentedResponse(DocumentedExample request) throws Exception {
        DocumentedExample response = request == DocumentedExample.CCE_CLUSTER_REQUEST
                ? DocumentedExample.CCE_CLUSTER_RESPONSE
                : DocumentedExample.CCE_TURBO_CLUSTER_RESPONSE;
        server.enqueue(created(response));
        NodePool pool = documentedRequest(request);

        NodePoolResponse created = client.createNodePool("cluster-1", pool);

        RecordedRequest recorded = server.takeRequest();
        assertEquals("POST", recorded.getMethod());
        assertEquals("/api/v3/projects/project-1/clusters/cluster-1/nodepools", recorded.getTarget());
        // Decision: exactly application/json, no charset parameter (JSON is UTF-8, RFC 8259; Table 2's value).
        assertEquals("application/json", recorded.getHeaders().get("Content-Type"));
        assertEquals(TOKEN, recorded.getHeaders().get("X-Auth-Token"));
        assertNull(recorded.getHeaders().get("Authorization"));
        assertArrayEquals(MAPPER.writeValueAsBytes(pool), recorded.getBody().toByteArray(), "body = JSON of the model");
        assertEquals(
                Contract.example(request),
                Contract.PLAIN_JSON.readTree(recorded.getBody().toByteArray()),
                "body = the documented request");
        assertEquals(MAPPER.treeToValue(Contract.example(response), NodePoolResponse.class), created);
    }

    @Test
    void idsArePercentEncodedAsOnePathSegment() throws Exception {
        server.enqueue(created(DocumentedExample.CCE_CLUSTER_RESPONSE));
        try (CceNodePoolClient c = tokenClient().projectId("my project").build()) {
            c.createNodePool("a/b?c#d%e", documentedRequest(DocumentedExample.CCE_CLUSTER_REQUEST));
        }
        assertEquals(
                "/api/v3/projects/my%20project/clusters/a%2Fb%3Fc%23d%25e/nodepools",
                server.takeRequest().getTarget());
    }

    @Test
    void anEndpointPathIsAPrefix() throws Exception {
        server.enqueue(created(DocumentedExample.CCE_CLUSTER_RESPONSE));
        try (CceNodePoolClient c =
                tokenClient().endpoint(server.url("/gateway/cce").uri()).build()) {
            assertTrue(c.endpoint().encodedPath().endsWith("/"));
            c.createNodePool("c1", documentedRequest(DocumentedExample.CCE_CLUSTER_REQUEST));
        }
        assertEquals(
                "/gateway/cce/api/v3/projects/project-1/clusters/c1/nodepools",
                server.takeRequest().getTarget());
    }

    @Test
    void akSkSignsTheRequest() throws Exception {
        server.enqueue(created(DocumentedExample.CCE_TURBO_CLUSTER_RESPONSE));
        Clock clock = Clock.fixed(Instant.parse("2024-05-06T07:08:09Z"), ZoneOffset.UTC);
        try (CceNodePoolClient c = tokenClient().credentials(AK_SK).clock(clock).build()) {
            c.createNodePool("c1", documentedRequest(DocumentedExample.CCE_TURBO_CLUSTER_REQUEST));
        }
        RecordedRequest recorded = server.takeRequest();
        assertNull(recorded.getHeaders().get("X-Auth-Token"));
        assertEquals("20240506T070809Z", recorded.getHeaders().get("X-Sdk-Date"));
        Signature signature = Signature.parse(recorded.getHeaders().get("Authorization"));
        assertEquals(AK_SK.accessKey(), signature.accessKey());
        assertTrue(
                signature.signedHeaders().containsAll(List.of("content-type", "host", "x-sdk-date")),
                signature.signedHeaders().toString());
        assertEquals("application/json", recorded.getHeaders().get("Content-Type"));
        assertTrue(SdkHmacSha256Signer.verify(received(recorded), AK_SK.secretKey()), "the server can verify it");
        assertFalse(SdkHmacSha256Signer.verify(received(recorded), "another-secret"));
    }

    /** What a server sees: the request target as sent, every single-valued header, the body. */
    static SignableRequest received(RecordedRequest recorded) {
        Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        Headers all = recorded.getHeaders();
        for (String name : all.names()) {
            if (all.values(name).size() == 1) headers.put(name, all.get(name));
        }
        String target = recorded.getTarget();
        return new SignableRequest(
                recorded.getMethod(), target, null, headers, recorded.getBody().toByteArray());
    }

    @Test
    void aUserSuppliedOkHttpClientIsExtendedNotChanged() throws Exception {
        OkHttpClient own = new OkHttpClient.Builder()
                .addInterceptor(chain -> chain.proceed(
                        chain.request().newBuilder().header("X-Trace", "t1").build()))
                .readTimeout(Duration.ofSeconds(7))
                .build();
        server.enqueue(created(DocumentedExample.CCE_CLUSTER_RESPONSE));
        try (CceNodePoolClient c = tokenClient()
                .okHttpClient(own)
                .connectTimeout(Duration.ofSeconds(3))
                .build()) {
            c.createNodePool("c1", documentedRequest(DocumentedExample.CCE_CLUSTER_REQUEST));
            assertEquals(3, c.httpClient().interceptors().size(), "the given one, retries, authentication");
            assertEquals(1, c.httpClient().networkInterceptors().size(), "what the retry policy needs, no logging");
            assertEquals(7_000, c.httpClient().readTimeoutMillis(), "kept from the given client");
            assertEquals(3_000, c.httpClient().connectTimeoutMillis(), "set on the builder");
            assertEquals(own.connectionPool(), c.httpClient().connectionPool(), "shares the connection pool");
        }
        RecordedRequest recorded = server.takeRequest();
        assertEquals("t1", recorded.getHeaders().get("X-Trace"));
        assertEquals(TOKEN, recorded.getHeaders().get("X-Auth-Token"));
        assertEquals(1, own.interceptors().size(), "the given client is unchanged");
        assertFalse(own.dispatcher().executorService().isShutdown(), "close() leaves the given client open");
    }

    @Test
    void closeShutsDownAnOwnHttpClient() {
        CceNodePoolClient c = tokenClient().build();
        c.close();
        assertTrue(c.httpClient().dispatcher().executorService().isShutdown());
    }

    // ------------------------------------------------------------------ answers

    @Test
    void aResponseWithUnknownMembersIsRead() {
        server.enqueue(error(
                201,
                "application/json",
                "{\"kind\":\"NodePool\",\"apiVersion\":\"v3\",\"newTopLevel\":[1,2],"
                        + "\"metadata\":{\"name\":\"p\",\"uid\":\"u\",\"creationTimestamp\":\"2024-01-01T00:00:00Z\"},"
                        + "\"spec\":{\"nodeTemplate\":{\"flavor\":\"f\",\"az\":\"a\",\"login\":{\"sshKey\":\"k\"},"
                        + "\"rootVolume\":{\"size\":40},\"dataVolumes\":[],\"hostNetwork\":{\"x\":1}}},"
                        + "\"status\":{\"phase\":\"\",\"conditions\":[{\"type\":\"Scalable\"}]}}"));
        NodePoolResponse created =
                client.createNodePool("c1", documentedRequest(DocumentedExample.CCE_CLUSTER_REQUEST));
        assertEquals("u", created.getMetadata().getUid());
        assertEquals("f", created.getSpec().getNodeTemplate().getFlavor());
    }

    @Test
    void badRequestWithViolations() {
        server.enqueue(
                error(
                        400,
                        "application/json",
                        "{\"errorCode\":\"CCE.01400001\",\"errorMessage\":\"Invalid request.\","
                                + "\"violations\":[{\"pointer\":\"/metadata/name\",\"rule\":\"pattern\",\"message\":\"bad name\"},"
                                + "{\"pointer\":\"/spec/nodeTemplate/login\",\"rule\":\"login-mode-required\",\"message\":\"no login\"}]}"));
        CceServiceException e = assertThrows(
                CceServiceException.class,
                () -> client.createNodePool("c1", documentedRequest(DocumentedExample.CCE_CLUSTER_REQUEST)));
        assertEquals(400, e.statusCode());
        assertEquals("CCE.01400001", e.errorCode());
        assertEquals("Invalid request.", e.errorMessage());
        assertFalse(e.isGatewayError());
        assertEquals(
                List.of("/metadata/name", "/spec/nodeTemplate/login"),
                e.violations().stream().map(Violation::getPointer).toList());
        assertEquals(
                List.of("pattern", "login-mode-required"),
                e.violations().stream().map(Violation::getRule).toList());
        assertEquals("req-400", e.requestId().orElseThrow());
        assertEquals(
                "HTTP 400 Client Error: CCE.01400001 Invalid request. [X-Request-Id: req-400]; violations:"
                        + " /metadata/name [pattern] bad name; /spec/nodeTemplate/login [login-mode-required] no login",
                e.getMessage());
    }

    @Test
    void unauthorizedInTheGatewaysFormat() {
        server.enqueue(error(
                401,
                "application/json",
                "{\"error_code\":\"APIG.1002\",\"error_msg\":\"Incorrect token or token resolution failed\"}"));
        CceServiceException e = assertThrows(
                CceServiceException.class,
                () -> client.createNodePool("c1", documentedRequest(DocumentedExample.CCE_CLUSTER_REQUEST)));
        assertEquals(401, e.statusCode());
        assertEquals("APIG.1002", e.errorCode());
        assertEquals("Incorrect token or token resolution failed", e.errorMessage());
        assertTrue(e.isGatewayError());
        assertEquals("APIG.1002", e.gatewayError().orElseThrow().getErrorCode());
        assertTrue(e.error().isEmpty(), "no CCE error body");
        assertEquals(List.of(), e.violations());
        assertEquals(
                "HTTP 401 Client Error: APIG.1002 Incorrect token or token resolution failed (API gateway)"
                        + " [X-Request-Id: req-401]",
                e.getMessage());
    }

    @Test
    void conflict() {
        server.enqueue(error(
                409,
                "application/json",
                "{\"errorCode\":\"CCE.01409001\",\"errorMessage\":\"The resource already exists\"}"));
        CceServiceException e = assertThrows(
                CceServiceException.class,
                () -> client.createNodePool("c1", documentedRequest(DocumentedExample.CCE_CLUSTER_REQUEST)));
        assertEquals(409, e.statusCode());
        assertEquals("CCE.01409001", e.errorCode());
        assertEquals("The resource already exists", e.errorMessage());
    }

    @Test
    void serverErrorWithAnHtmlBody() {
        String html = "<html>\r\n<head><title>500 Internal Server Error</title></head>\n<body>" + "x".repeat(500)
                + "</body></html>";
        server.enqueue(error(500, "text/html", html));
        CceServiceException e = assertThrows(
                CceServiceException.class,
                () -> client.createNodePool("c1", documentedRequest(DocumentedExample.CCE_CLUSTER_REQUEST)));
        assertEquals(500, e.statusCode());
        assertNull(e.errorCode());
        assertTrue(e.error().isEmpty());
        assertTrue(
                e.bodyPrefix().startsWith("<html> <head><title>500 Internal Server Error</title></head> <body>xxx"),
                e.bodyPrefix());
        assertEquals(
                ErrorMapper.BODY_PREFIX_CHARS + "...".length(), e.bodyPrefix().length());
        assertTrue(
                e.getMessage().startsWith("HTTP 500 Server Error: body is not a CCE error: <html> <head>"),
                e.getMessage());
        assertTrue(e.getMessage().endsWith("... [X-Request-Id: req-500]"), e.getMessage());
    }

    @Test
    void otherBodiesThatAreNoCceError() {
        server.enqueue(new MockResponse.Builder().code(502).build());
        server.enqueue(error(503, "application/json", "[\"not\", \"an object\"]"));
        server.enqueue(error(404, "application/json", "{\"message\":\"no such route\"}"));
        NodePool pool = documentedRequest(DocumentedExample.CCE_CLUSTER_REQUEST);
        CceServiceException empty = assertThrows(CceServiceException.class, () -> client.createNodePool("c1", pool));
        assertEquals("HTTP 502 Server Error: empty body", empty.getMessage());
        CceServiceException array = assertThrows(CceServiceException.class, () -> client.createNodePool("c1", pool));
        assertEquals(
                "HTTP 503 Server Error: body is not a CCE error: [\"not\", \"an object\"] [X-Request-Id: req-503]",
                array.getMessage());
        CceServiceException other = assertThrows(CceServiceException.class, () -> client.createNodePool("c1", pool));
        assertTrue(other.error().isEmpty());
        assertTrue(other.getMessage().contains("{\"message\":\"no such route\"}"), other.getMessage());
    }

    @Test
    void aSuccessBodyThatIsNoNodePoolIsAClientException() {
        server.enqueue(error(201, "application/json", "[1, 2]"));
        server.enqueue(new MockResponse.Builder().code(204).build());
        NodePool pool = documentedRequest(DocumentedExample.CCE_CLUSTER_REQUEST);
        CceClientException unreadable = assertThrows(CceClientException.class, () -> client.createNodePool("c1", pool));
        assertInstanceOf(com.fasterxml.jackson.core.JsonProcessingException.class, unreadable.getCause());
        CceClientException none = assertThrows(CceClientException.class, () -> client.createNodePool("c1", pool));
        assertEquals("HTTP 204 without a body: no node pool to return", none.getMessage());
    }

    // ------------------------------------------------------------------ async, failures, timeouts

    @Test
    void asyncSuccessAndFailure() throws Exception {
        server.enqueue(created(DocumentedExample.CCE_TURBO_CLUSTER_RESPONSE));
        server.enqueue(error(
                409,
                "application/json",
                "{\"errorCode\":\"CCE.01409001\",\"errorMessage\":\"The resource already exists\"}"));
        NodePool pool = documentedRequest(DocumentedExample.CCE_TURBO_CLUSTER_REQUEST);

        NodePoolResponse created = client.createNodePoolAsync("c1", pool).get(10, TimeUnit.SECONDS);
        assertEquals(
                "99addaa2-69eb-11ea-a592-0255ac1001bb", created.getMetadata().getUid());
        assertEquals(
                "/api/v3/projects/project-1/clusters/c1/nodepools",
                server.takeRequest().getTarget());

        CompletableFuture<NodePoolResponse> conflict = client.createNodePoolAsync("c1", pool);
        ExecutionException e = assertThrows(ExecutionException.class, () -> conflict.get(10, TimeUnit.SECONDS));
        CceServiceException cause = assertInstanceOf(CceServiceException.class, e.getCause());
        assertEquals(409, cause.statusCode());
        assertEquals("CCE.01409001", cause.errorCode());
    }

    @Test
    void asyncCancelCancelsTheCall() throws Exception {
        server.enqueue(new MockResponse.Builder()
                .code(201)
                .headersDelay(10, TimeUnit.SECONDS)
                .build());
        CompletableFuture<NodePoolResponse> future =
                client.createNodePoolAsync("c1", documentedRequest(DocumentedExample.CCE_CLUSTER_REQUEST));
        server.takeRequest(5, TimeUnit.SECONDS);
        assertTrue(future.cancel(true));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (client.httpClient().dispatcher().runningCallsCount() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertEquals(0, client.httpClient().dispatcher().runningCallsCount(), "the HTTP call was cancelled");
    }

    @Test
    void connectionFailureIsAClientException() throws Exception {
        String endpoint = server.url("/").toString();
        server.close();
        try (CceNodePoolClient c = tokenClient().endpoint(endpoint).build()) {
            NodePool pool = documentedRequest(DocumentedExample.CCE_CLUSTER_REQUEST);
            CceClientException e = assertThrows(CceClientException.class, () -> c.createNodePool("c1", pool));
            assertInstanceOf(ConnectException.class, e.getCause());
            ExecutionException async = assertThrows(
                    ExecutionException.class,
                    () -> c.createNodePoolAsync("c1", pool).get(10, TimeUnit.SECONDS));
            assertInstanceOf(
                    ConnectException.class,
                    assertInstanceOf(CceClientException.class, async.getCause()).getCause());
        }
    }

    @Test
    void readTimeout() {
        server.enqueue(new MockResponse.Builder()
                .code(201)
                .headersDelay(3, TimeUnit.SECONDS)
                .build());
        try (CceNodePoolClient c =
                tokenClient().readTimeout(Duration.ofMillis(200)).build()) {
            long start = System.nanoTime();
            CceClientException e = assertThrows(
                    CceClientException.class,
                    () -> c.createNodePool("c1", documentedRequest(DocumentedExample.CCE_CLUSTER_REQUEST)));
            assertInstanceOf(SocketTimeoutException.class, e.getCause());
            assertTrue(e.getMessage().startsWith("The call timed out or was cancelled"), e.getMessage());
            assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(2), "gave up after the read timeout");
        }
    }

    @Test
    void callTimeout() {
        // The body trickles in: each read is within the read timeout, the whole call is not.
        server.enqueue(created(DocumentedExample.CCE_CLUSTER_RESPONSE)
                .newBuilder()
                .throttleBody(64, 100, TimeUnit.MILLISECONDS)
                .build());
        try (CceNodePoolClient c = tokenClient()
                .readTimeout(Duration.ofSeconds(5))
                .callTimeout(Duration.ofMillis(400))
                .build()) {
            CceClientException e = assertThrows(
                    CceClientException.class,
                    () -> c.createNodePool("c1", documentedRequest(DocumentedExample.CCE_CLUSTER_REQUEST)));
            assertInstanceOf(InterruptedIOException.class, e.getCause());
        }
    }

    // ------------------------------------------------------------------ validation before sending

    @Test
    void validateBeforeSendRejectsWithoutSending() throws Exception {
        NodePool pool = documentedRequest(DocumentedExample.CCE_CLUSTER_REQUEST);
        pool.getMetadata().setName("Invalid Name");
        pool.getSpec().getNodeTemplate().setLogin(new Login());
        try (CceNodePoolClient c = tokenClient().validateBeforeSend(true).build()) {
            CceValidationException e = assertThrows(CceValidationException.class, () -> c.createNodePool("c1", pool));
            assertEquals(
                    List.of("/metadata/name", "/spec/nodeTemplate/login"),
                    e.violations().stream().map(Violation::getPointer).toList());
            assertTrue(
                    e.getMessage()
                            .startsWith("The node pool breaks 2 rule(s) of the contract; nothing was sent:"
                                    + " /metadata/name [pattern] metadata.name does not have the required form"),
                    e.getMessage());
            ExecutionException async = assertThrows(
                    ExecutionException.class,
                    () -> c.createNodePoolAsync("c1", pool).get(10, TimeUnit.SECONDS));
            assertInstanceOf(CceValidationException.class, async.getCause());
        }
        assertEquals(0, server.getRequestCount(), "nothing was sent");

        // Without the flag the same node pool is sent as it is: the service decides.
        server.enqueue(error(
                400, "application/json", "{\"errorCode\":\"CCE.01400001\",\"errorMessage\":\"Invalid request.\"}"));
        assertThrows(CceServiceException.class, () -> client.createNodePool("c1", pool));
        assertEquals(1, server.getRequestCount());
    }

    @Test
    void validateBeforeSendLetsAValidNodePoolThrough() throws Exception {
        server.enqueue(created(DocumentedExample.CCE_CLUSTER_RESPONSE));
        try (CceNodePoolClient c = tokenClient().validateBeforeSend(true).build()) {
            c.createNodePool("c1", documentedRequest(DocumentedExample.CCE_CLUSTER_REQUEST));
        }
        assertEquals(1, server.getRequestCount());
    }

    @Test
    void validateBeforeSendChecksTheClusterScopedRulesWhenTheClusterIsGiven() throws Exception {
        NodePool pool = documentedRequest(DocumentedExample.CCE_CLUSTER_REQUEST);
        pool.getSpec().setInitialNodeCount(11);
        try (CceNodePoolClient c =
                tokenClient().validateBeforeSend(true).cluster(Cluster.cce(10)).build()) {
            CceValidationException e = assertThrows(CceValidationException.class, () -> c.createNodePool("c1", pool));
            assertTrue(
                    e.violations().stream()
                            .anyMatch(v -> v.getRule().equals("node-count-within-cluster-limit")
                                    && v.getPointer().equals("/spec/initialNodeCount")),
                    e.getMessage());
        }
        pool.getSpec().setInitialNodeCount(1);
        pool.getSpec().setType(NodePoolSpec.TypeEnum.ELASTIC_BMS);
        try (CceNodePoolClient c =
                tokenClient().validateBeforeSend(true).cluster(Cluster.cce(10)).build()) {
            CceValidationException e = assertThrows(CceValidationException.class, () -> c.createNodePool("c1", pool));
            assertTrue(
                    e.violations().stream().anyMatch(v -> v.getRule().equals("elastic-bms-turbo-cluster-only")),
                    e.getMessage());
        }
        assertEquals(0, server.getRequestCount(), "nothing was sent");

        // Without the cluster the cluster-scoped rules are not checked: 11 nodes are sent.
        pool.getSpec().setType(null);
        pool.getSpec().setInitialNodeCount(11);
        server.enqueue(created(DocumentedExample.CCE_CLUSTER_RESPONSE));
        try (CceNodePoolClient c = tokenClient().validateBeforeSend(true).build()) {
            c.createNodePool("c1", pool);
        }
        assertEquals(1, server.getRequestCount());
    }

    // ------------------------------------------------------------------ JSON

    /** Models with a tolerant reader ({@code @JsonAnySetter}) keep unknown members: the mapper drops none. */
    static final class OpenModel {
        public String name;
        final Map<String, Object> unknown = new java.util.LinkedHashMap<>();

        @com.fasterxml.jackson.annotation.JsonAnySetter
        void set(String key, Object value) {
            unknown.put(key, value);
        }
    }

    @Test
    void theClientsMapperHandsUnknownMembersToTheModel() throws Exception {
        for (ObjectMapper mapper : List.of(CceJson.newObjectMapper(), CceJson.mapper())) {
            OpenModel read = mapper.readValue("{\"name\":\"a\",\"future\":{\"x\":1},\"later\":[2]}", OpenModel.class);
            assertEquals("a", read.name);
            assertEquals(Map.of("future", Map.of("x", 1), "later", List.of(2)), read.unknown);
        }
    }

    // ------------------------------------------------------------------ arguments

    @Test
    void argumentsAndBuilder() {
        NodePool pool = documentedRequest(DocumentedExample.CCE_CLUSTER_REQUEST);
        assertThrows(NullPointerException.class, () -> client.createNodePool(null, pool));
        assertThrows(NullPointerException.class, () -> client.createNodePool("c1", null));
        assertThrows(IllegalArgumentException.class, () -> client.createNodePool("", pool));
        assertThrows(NullPointerException.class, () -> client.createNodePoolAsync("c1", null));
        assertThrows(
                IllegalArgumentException.class,
                () -> CceNodePoolClient.builder().endpoint("ftp://x"));
        assertThrows(
                IllegalArgumentException.class,
                () -> CceNodePoolClient.builder().endpoint("https://x/?a=b"));
        assertThrows(
                IllegalArgumentException.class,
                () -> CceNodePoolClient.builder().readTimeout(Duration.ofSeconds(-1)));
        assertThrows(
                IllegalArgumentException.class,
                () -> CceNodePoolClient.builder().projectId(""));
        assertThrows(
                NullPointerException.class,
                () -> CceNodePoolClient.builder()
                        .endpoint("https://x")
                        .projectId("p")
                        .build(),
                "credentials are required");
        assertEquals(0, server.getRequestCount());
    }
}
