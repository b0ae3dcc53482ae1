package io.github.ccecontract.nodepool.client.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ccecontract.nodepool.client.CceClientException;
import io.github.ccecontract.nodepool.client.CceNodePoolClient;
import io.github.ccecontract.nodepool.client.CceServiceException;
import io.github.ccecontract.nodepool.client.RetryPolicy;
import io.github.ccecontract.nodepool.client.auth.Credentials;
import io.github.ccecontract.nodepool.client.auth.TemporaryAkSkCredentials;
import io.github.ccecontract.nodepool.client.auth.TokenCredentials;
import io.github.ccecontract.nodepool.contract.CceJson;
import io.github.ccecontract.nodepool.contract.NodePoolContract.DocumentedExample;
import io.github.ccecontract.nodepool.contract.model.Login;
import io.github.ccecontract.nodepool.contract.model.NodePool;
import io.github.ccecontract.nodepool.contract.signing.Signature;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** HTTP logging: off by default; when on, no token, key, security token, signature or password is written. */
class RedactingHttpLoggerTest {
    private static final String TOKEN = "MIIPAgYJKoZIhvcNAQcCoIIO8zCCDu8CAQEx-log-token";
    private static final TemporaryAkSkCredentials TEMPORARY =
            new TemporaryAkSkCredentials("TEMPACCESSKEY", "temp-secret-key-value", "security-token-value-xyz");
    private static final String PASSWORD = "Node-Passw0rd!";

    private final MockWebServer server = new MockWebServer();
    private final Logger jul = Logger.getLogger(RedactingHttpLogger.LOGGER_NAME);
    private final List<String> records = new CopyOnWriteArrayList<>();
    private final Handler handler = new Handler() {
        @Override
        public void publish(LogRecord record) {
            records.add(record.getMessage());
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
    };
    private NodePool pool;

    @BeforeEach
    void start() throws Exception {
        server.start();
        jul.addHandler(handler);
        jul.setLevel(Level.ALL);
        pool = CceJson.newObjectMapper().readValue(DocumentedExample.CCE_CLUSTER_REQUEST.bytes(), NodePool.class);
        pool.getSpec().getNodeTemplate().setLogin(new Login().userPassword(PASSWORD));
    }

    @AfterEach
    void stop() {
        jul.removeHandler(handler);
        jul.setLevel(null);
        server.close();
    }

    private CceNodePoolClient.Builder client(Credentials credentials) {
        return CceNodePoolClient.builder()
                .endpoint(server.url("/").toString())
                .projectId("p1")
                .credentials(credentials)
                .retryPolicy(RetryPolicy.none());
    }

    private MockResponse created() {
        String body = new String(DocumentedExample.CCE_CLUSTER_RESPONSE.bytes(), StandardCharsets.UTF_8)
                .replace("\"userPassword\" : { }", "\"userPassword\" : {\"password\": \"" + PASSWORD + "\"}")
                .replace("\"userPassword\": {}", "\"userPassword\": {\"password\": \"" + PASSWORD + "\"}");
        return new MockResponse.Builder()
                .code(201)
                .addHeader("Content-Type", "application/json")
                .addHeader("X-Request-Id", "req-1")
                .addHeader("X-Subject-Token", TOKEN)
                .body(body)
                .build();
    }

    @Test
    void offByDefault() {
        server.enqueue(created());
        try (CceNodePoolClient c = client(new TokenCredentials(TOKEN)).build()) {
            c.createNodePool("c1", pool);
            assertEquals(1, c.httpClient().networkInterceptors().size(), "no logger installed");
        }
        assertEquals(List.of(), records);
    }

    @Test
    void bodiesAndHeadersWithoutSecrets() throws Exception {
        server.enqueue(created());
        server.enqueue(created());
        List<String> signatures = new ArrayList<>();
        try (CceNodePoolClient token = client(new TokenCredentials(TOKEN))
                        .httpLogging(HttpLogDetail.BODY)
                        .build();
                CceNodePoolClient signed =
                        client(TEMPORARY).httpLogging(HttpLogDetail.BODY).build()) {
            token.createNodePool("c1", pool);
            signed.createNodePool("c1", pool);
        }
        server.takeRequest();
        signatures.add(Signature.parse(server.takeRequest().getHeaders().get("Authorization"))
                .signature());

        String log = String.join("\n", records);
        assertEquals(4, records.size(), log);
        assertTrue(log.contains("--> POST " + server.url("/api/v3/projects/p1/clusters/c1/nodepools")), log);
        assertTrue(log.contains("<-- 201"), log);
        assertTrue(log.contains("X-Auth-Token: ***"), log);
        assertTrue(log.contains("X-Security-Token: ***"), log);
        assertTrue(log.contains("X-Subject-Token: ***"), log);
        assertTrue(log.contains("Authorization: SDK-HMAC-SHA256 Access=TEMPACCESSKEY, SignedHeaders="), log);
        assertTrue(log.contains("Signature=***"), log);
        assertTrue(log.contains("X-Request-Id: req-1"), log);
        assertTrue(log.contains("\"userPassword\":\"***\""), log);
        assertTrue(log.contains("\"flavor\":\"s6.large.2\""), "the rest of the body is there: " + log);
        for (String secret :
                List.of(TOKEN, TEMPORARY.secretKey(), TEMPORARY.securityToken(), PASSWORD, signatures.get(0))) {
            assertFalse(log.contains(secret), "the log shows a secret: " + log);
        }
    }

    @Test
    void basicAndHeadersLevels() {
        server.enqueue(created());
        server.enqueue(
                new MockResponse.Builder().code(400).body("<html>bad</html>").build());
        try (CceNodePoolClient basic = client(new TokenCredentials(TOKEN))
                        .httpLogging(HttpLogDetail.BASIC)
                        .build();
                CceNodePoolClient headers = client(new TokenCredentials(TOKEN))
                        .httpLogging(HttpLogDetail.HEADERS)
                        .build()) {
            basic.createNodePool("c1", pool);
            String first = String.join("\n", records);
            assertFalse(first.contains("X-Auth-Token"), first);
            assertFalse(first.contains("flavor"), first);
            records.clear();
            assertThrows(CceServiceException.class, () -> headers.createNodePool("c1", pool));
        }
        String log = String.join("\n", records);
        assertTrue(log.contains("X-Auth-Token: ***"), log);
        assertTrue(log.contains("<-- 400"), log);
        assertFalse(log.contains("flavor"), "no body: " + log);
        assertFalse(log.contains(TOKEN), log);
    }

    @Test
    void failuresAreLogged() {
        server.close();
        try (CceNodePoolClient c = client(new TokenCredentials(TOKEN))
                .endpoint("http://127.0.0.1:1")
                .httpLogging(HttpLogDetail.BODY)
                .build()) {
            assertThrows(CceClientException.class, () -> c.createNodePool("c1", pool));
        }
        // A refused connection never reaches the network interceptor: nothing was sent, nothing logged.
        assertFalse(String.join("\n", records).contains(TOKEN));
    }

    @Test
    void headerRedaction() {
        assertEquals("***", RedactingHttpLogger.redactHeader("x-auth-token", TOKEN));
        assertEquals("***", RedactingHttpLogger.redactHeader("Authorization", "Bearer abc"));
        assertEquals(
                "SDK-HMAC-SHA256 Access=AK, SignedHeaders=host;x-sdk-date, Signature=***",
                RedactingHttpLogger.redactHeader(
                        "Authorization",
                        "SDK-HMAC-SHA256 Access=AK, SignedHeaders=host;x-sdk-date, Signature=0123abcd"));
        assertEquals("application/json", RedactingHttpLogger.redactHeader("Content-Type", "application/json"));
    }
}
