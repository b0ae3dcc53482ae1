package io.github.ccecontract.nodepool.client;

import static io.github.ccecontract.nodepool.client.CceNodePoolClientTest.created;
import static io.github.ccecontract.nodepool.client.CceNodePoolClientTest.documentedRequest;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ccecontract.nodepool.client.auth.TokenCredentials;
import io.github.ccecontract.nodepool.contract.NodePoolContract.DocumentedExample;
import io.github.ccecontract.nodepool.contract.model.NodePool;
import io.github.ccecontract.nodepool.contract.model.NodePoolResponse;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import okhttp3.Headers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** createNodePoolWithResponse: status, headers and body; the headers of errors. */
class RawResponseTest {
    private final MockWebServer server = new MockWebServer();
    private CceNodePoolClient client;
    private final NodePool pool = documentedRequest(DocumentedExample.CCE_CLUSTER_REQUEST);

    @BeforeEach
    void start() throws Exception {
        server.start();
        client = CceNodePoolClient.builder()
                .endpoint(server.url("/").toString())
                .projectId("p1")
                .credentials(new TokenCredentials("t0ken"))
                .build();
    }

    @AfterEach
    void stop() {
        client.close();
        server.close();
    }

    @Test
    void statusHeadersAndBody() {
        server.enqueue(created(DocumentedExample.CCE_CLUSTER_RESPONSE)
                .newBuilder()
                .addHeader("X-Other", "a")
                .addHeader("X-Other", "b")
                .build());
        CceResponse<NodePoolResponse> response = client.createNodePoolWithResponse("c1", pool);
        assertEquals(201, response.statusCode());
        assertEquals(Optional.of("req-201"), response.requestId());
        assertEquals(Optional.of("application/json"), response.header("content-type"), "names are case-insensitive");
        assertEquals(List.of("a", "b"), response.headers().values("X-Other"));
        assertEquals(
                "feec6013-cd7e-11ea-8c7a-0255ac100be7",
                response.body().getMetadata().getUid());
    }

    @Test
    void async() throws Exception {
        server.enqueue(created(DocumentedExample.CCE_CLUSTER_RESPONSE));
        server.enqueue(new MockResponse.Builder()
                .code(403)
                .addHeader("X-Request-Id", "req-403")
                .body("{}")
                .build());
        CceResponse<NodePoolResponse> response =
                client.createNodePoolWithResponseAsync("c1", pool).get(10, TimeUnit.SECONDS);
        assertEquals(201, response.statusCode());
        assertEquals("req-201", response.requestId().orElseThrow());
        ExecutionException e = assertThrows(
                ExecutionException.class,
                () -> client.createNodePoolWithResponseAsync("c1", pool).get(10, TimeUnit.SECONDS));
        assertEquals(
                "req-403",
                assertInstanceOf(CceServiceException.class, e.getCause())
                        .headers()
                        .get("X-Request-Id"));
    }

    @Test
    void errorsCarryTheHeaders() {
        server.enqueue(new MockResponse.Builder()
                .code(429)
                .addHeader("X-Request-Id", "req-429")
                .addHeader("Retry-After", "30")
                .body("{\"errorCode\":\"CCE.01429001\",\"errorMessage\":\"slow down\"}")
                .build());
        try (CceNodePoolClient c = CceNodePoolClient.builder()
                .endpoint(server.url("/").toString())
                .projectId("p1")
                .credentials(new TokenCredentials("t0ken"))
                .retryPolicy(RetryPolicy.none())
                .build()) {
            CceServiceException e =
                    assertThrows(CceServiceException.class, () -> c.createNodePoolWithResponse("c1", pool));
            Headers headers = e.headers();
            assertEquals("30", headers.get("retry-after"));
            assertEquals("req-429", headers.get("X-Request-Id"));
            assertEquals("req-429", e.requestId().orElseThrow());
        }
    }

    @Test
    void theRecordChecksItsParts() {
        assertThrows(NullPointerException.class, () -> new CceResponse<>(201, null, "x"));
        assertThrows(NullPointerException.class, () -> new CceResponse<>(201, Headers.of(), null));
        assertTrue(new CceResponse<>(201, Headers.of(), "x").requestId().isEmpty());
    }
}
