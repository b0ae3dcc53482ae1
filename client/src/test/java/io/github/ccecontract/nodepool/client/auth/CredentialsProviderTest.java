package io.github.ccecontract.nodepool.client.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ccecontract.nodepool.client.CceClientException;
import io.github.ccecontract.nodepool.client.CceNodePoolClient;
import io.github.ccecontract.nodepool.client.CceServiceException;
import io.github.ccecontract.nodepool.contract.CceJson;
import io.github.ccecontract.nodepool.contract.NodePoolContract.DocumentedExample;
import io.github.ccecontract.nodepool.contract.model.NodePool;
import io.github.ccecontract.nodepool.contract.signing.SdkHmacSha256Signer;
import io.github.ccecontract.nodepool.contract.signing.SignableRequest;
import io.github.ccecontract.nodepool.contract.signing.Signature;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.Headers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Credentials that change: asked on every request, refreshed once on a 401; temporary AK/SK. */
class CredentialsProviderTest {
    private final MockWebServer server = new MockWebServer();
    private NodePool pool;

    @BeforeEach
    void start() throws Exception {
        server.start();
        pool = CceJson.newObjectMapper().readValue(DocumentedExample.CCE_CLUSTER_REQUEST.bytes(), NodePool.class);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    /** Hands out token-1, token-2, ...: a new one after each refresh. */
    static final class RotatingTokens implements CredentialsProvider {
        final AtomicInteger generation = new AtomicInteger(1);
        final AtomicInteger resolved = new AtomicInteger();
        final List<Credentials> rejected = new ArrayList<>();
        final boolean canRefresh;

        RotatingTokens(boolean canRefresh) {
            this.canRefresh = canRefresh;
        }

        @Override
        public Credentials resolveCredentials() {
            resolved.incrementAndGet();
            return new TokenCredentials("token-" + generation.get());
        }

        @Override
        public synchronized boolean refresh(Credentials credentials) {
            rejected.add(credentials);
            if (canRefresh) generation.incrementAndGet();
            return canRefresh;
        }
    }

    private CceNodePoolClient client(CredentialsProvider provider) {
        return CceNodePoolClient.builder()
                .endpoint(server.url("/").toString())
                .projectId("p1")
                .credentialsProvider(provider)
                .build();
    }

    private static MockResponse ok() {
        return new MockResponse.Builder()
                .code(201)
                .addHeader("Content-Type", "application/json")
                .body(new String(DocumentedExample.CCE_CLUSTER_RESPONSE.bytes(), StandardCharsets.UTF_8))
                .build();
    }

    private static MockResponse unauthorized() {
        return new MockResponse.Builder()
                .code(401)
                .body("{\"error_code\":\"APIG.1002\",\"error_msg\":\"Incorrect token or token resolution failed\"}")
                .build();
    }

    @Test
    void theProviderIsAskedOnEveryRequest() throws Exception {
        RotatingTokens tokens = new RotatingTokens(true);
        server.enqueue(ok());
        server.enqueue(ok());
        try (CceNodePoolClient c = client(tokens)) {
            c.createNodePool("c1", pool);
            tokens.generation.set(7); // the provider renewed its token by itself
            c.createNodePool("c1", pool);
        }
        assertEquals("token-1", server.takeRequest().getHeaders().get("X-Auth-Token"));
        assertEquals("token-7", server.takeRequest().getHeaders().get("X-Auth-Token"));
        assertEquals(2, tokens.resolved.get());
    }

    @Test
    void a401RefreshesOnceAndResendsOnce() throws Exception {
        RotatingTokens tokens = new RotatingTokens(true);
        server.enqueue(unauthorized());
        server.enqueue(ok());
        try (CceNodePoolClient c = client(tokens)) {
            c.createNodePool("c1", pool);
        }
        assertEquals("token-1", server.takeRequest().getHeaders().get("X-Auth-Token"));
        assertEquals("token-2", server.takeRequest().getHeaders().get("X-Auth-Token"));
        assertEquals(List.of(new TokenCredentials("token-1")), tokens.rejected);
    }

    @Test
    void aSecond401IsTheAnswer() {
        RotatingTokens tokens = new RotatingTokens(true);
        server.enqueue(unauthorized());
        server.enqueue(unauthorized());
        server.enqueue(ok());
        try (CceNodePoolClient c = client(tokens)) {
            assertEquals(
                    401,
                    assertThrows(CceServiceException.class, () -> c.createNodePool("c1", pool))
                            .statusCode());
        }
        assertEquals(2, server.getRequestCount(), "one refresh, one resend, no loop");
    }

    @Test
    void noResendWhenTheProviderCannotRefresh() {
        RotatingTokens tokens = new RotatingTokens(false);
        server.enqueue(unauthorized());
        try (CceNodePoolClient c = client(tokens)) {
            assertEquals(
                    401,
                    assertThrows(CceServiceException.class, () -> c.createNodePool("c1", pool))
                            .statusCode());
        }
        assertEquals(1, server.getRequestCount());
        assertEquals(1, tokens.rejected.size(), "asked");
    }

    @Test
    void staticCredentialsAreNotResentAfterA401() {
        server.enqueue(unauthorized());
        try (CceNodePoolClient c = CceNodePoolClient.builder()
                .endpoint(server.url("/").toString())
                .projectId("p1")
                .credentials(new TokenCredentials("fixed"))
                .build()) {
            assertThrows(CceServiceException.class, () -> c.createNodePool("c1", pool));
        }
        assertEquals(1, server.getRequestCount());
        assertFalse(CredentialsProvider.of(new TokenCredentials("fixed")).refresh(new TokenCredentials("fixed")));
    }

    @Test
    void aFailingProviderFailsTheCallWithoutSending() {
        try (CceNodePoolClient c = client(() -> {
            throw new IllegalStateException("IAM is down");
        })) {
            CceClientException e = assertThrows(CceClientException.class, () -> c.createNodePool("c1", pool));
            assertInstanceOf(IllegalStateException.class, e.getCause().getCause());
        }
        try (CceNodePoolClient c = client(() -> null)) {
            assertTrue(assertThrows(CceClientException.class, () -> c.createNodePool("c1", pool))
                    .getMessage()
                    .contains("returned null"));
        }
        assertEquals(0, server.getRequestCount());
    }

    @Test
    void temporaryAkSkSendsASignedSecurityToken() throws Exception {
        TemporaryAkSkCredentials temporary =
                new TemporaryAkSkCredentials("TEMPAK", "temp-secret", "security-token-value");
        server.enqueue(ok());
        try (CceNodePoolClient c = client(CredentialsProvider.of(temporary))) {
            c.createNodePool("c1", pool);
        }
        RecordedRequest recorded = server.takeRequest();
        assertEquals("security-token-value", recorded.getHeaders().get("X-Security-Token"));
        assertNull(recorded.getHeaders().get("X-Auth-Token"));
        Signature signature = Signature.parse(recorded.getHeaders().get("Authorization"));
        assertEquals("TEMPAK", signature.accessKey());
        assertTrue(
                signature.signedHeaders().contains("x-security-token"),
                signature.signedHeaders().toString());
        assertTrue(SdkHmacSha256Signer.verify(received(recorded, Map.of()), "temp-secret"));
        assertFalse(
                SdkHmacSha256Signer.verify(received(recorded, Map.of("X-Security-Token", "another")), "temp-secret"),
                "the token is covered by the signature");
    }

    @Test
    void permanentAkSkSendsNoSecurityToken() throws Exception {
        server.enqueue(ok());
        try (CceNodePoolClient c = client(CredentialsProvider.of(new AkSkCredentials("AK", "SK")))) {
            c.createNodePool("c1", pool);
        }
        RecordedRequest recorded = server.takeRequest();
        assertNull(recorded.getHeaders().get("X-Security-Token"));
        assertTrue(SdkHmacSha256Signer.verify(received(recorded, Map.of()), "SK"));
    }

    @Test
    void temporaryCredentialsAreChecked() {
        assertThrows(IllegalArgumentException.class, () -> new TemporaryAkSkCredentials("AK", "SK", " "));
        assertThrows(IllegalArgumentException.class, () -> new TemporaryAkSkCredentials("AK", "SK", "a\nb"));
        assertThrows(IllegalArgumentException.class, () -> new TemporaryAkSkCredentials("", "SK", "t"));
        assertThrows(NullPointerException.class, () -> new TemporaryAkSkCredentials("AK", null, "t"));
    }

    /** The request as the server saw it, some headers replaced. */
    private static SignableRequest received(RecordedRequest recorded, Map<String, String> replaced) {
        Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        Headers all = recorded.getHeaders();
        for (String name : all.names()) {
            if (all.values(name).size() == 1) headers.put(name, all.get(name));
        }
        headers.putAll(replaced);
        return new SignableRequest(
                recorded.getMethod(),
                recorded.getTarget(),
                null,
                headers,
                recorded.getBody().toByteArray());
    }
}
