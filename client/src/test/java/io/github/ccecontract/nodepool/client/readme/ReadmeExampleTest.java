package io.github.ccecontract.nodepool.client.readme;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ccecontract.nodepool.client.CceNodePoolClient;
import io.github.ccecontract.nodepool.client.CceServiceException;
import io.github.ccecontract.nodepool.client.auth.AkSkCredentials;
import io.github.ccecontract.nodepool.client.auth.TokenCredentials;
import io.github.ccecontract.nodepool.contract.CceJson;
import io.github.ccecontract.nodepool.contract.NodePoolContract.DocumentedExample;
import io.github.ccecontract.nodepool.contract.model.NodePool;
import io.github.ccecontract.nodepool.openapi.testing.Contract;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every Java block of client/README.md is a source file compiled with the tests, character for
 * character: the line before the block names it ({@code <!-- example: PATH -->}, PATH relative to
 * client/), and the examples work.
 */
class ReadmeExampleTest {
    static final Pattern MARKER = Pattern.compile("<!-- example: (\\S+)[^\\n]*-->\\n\\s*```java\\n");
    static final String EXAMPLE =
            "src/test/java/io/github/ccecontract/nodepool/client/readme/CreateNodePoolExample.java";

    private final MockWebServer server = new MockWebServer();

    @BeforeEach
    void start() throws Exception {
        server.start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private static Path readme() {
        String readmePath = System.getProperty("client.readme");
        assertNotNull(readmePath, "system property client.readme (set by the client's pom)");
        return Path.of(readmePath);
    }

    @Test
    void everyJavaBlockOfTheReadmeIsACompiledFile() throws Exception {
        String readme = Files.readString(readme(), StandardCharsets.UTF_8).replace("\r\n", "\n");
        int blocks = 0;
        for (int i = readme.indexOf("```java\n"); i >= 0; i = readme.indexOf("```java\n", i + 1)) blocks++;
        List<String> files = new ArrayList<>();
        Matcher marker = MARKER.matcher(readme);
        while (marker.find()) {
            int end = readme.indexOf("\n```", marker.end());
            assertTrue(end >= 0, "the ```java block after " + marker.group() + " is closed");
            String block = readme.substring(marker.end(), end + 1);
            Path example = readme().getParent().resolve(marker.group(1)).normalize();
            assertTrue(Files.isRegularFile(example), "no such file: " + example);
            String file = Files.readString(example, StandardCharsets.UTF_8).replace("\r\n", "\n");
            assertEquals(
                    file,
                    block,
                    "client/README.md's block differs from " + marker.group(1) + ": copy the file into the README");
            files.add(marker.group(1));
        }
        assertEquals(
                blocks, files.size(), "every ```java block follows an <!-- example: PATH --> line; found " + files);
        assertTrue(files.contains(EXAMPLE), files.toString());
        assertTrue(
                files.size() >= 5, "the usage, retry, raw response, credentials provider and stub examples: " + files);
    }

    @Test
    void theExampleCreatesANodePool() throws Exception {
        server.enqueue(new MockResponse.Builder()
                .code(201)
                .addHeader("Content-Type", "application/json")
                .body(new String(DocumentedExample.CCE_CLUSTER_RESPONSE.bytes(), StandardCharsets.UTF_8))
                .build());

        String result =
                CreateNodePoolExample.run(server.url("/").toString(), "p1", "c1", new TokenCredentials("t0ken"));

        assertEquals("created wyr-17-nodepool-53042 (uid feec6013-cd7e-11ea-8c7a-0255ac100be7)", result);
        RecordedRequest request = server.takeRequest();
        assertEquals("/api/v3/projects/p1/clusters/c1/nodepools", request.getTarget());
        assertEquals("t0ken", request.getHeaders().get("X-Auth-Token"));
        assertEquals(
                Contract.PLAIN_JSON.readTree("""
        {"kind": "NodePool", "apiVersion": "v3", "metadata": {"name": "app-pool"},
         "spec": {"initialNodeCount": 2, "nodeTemplate": {
           "flavor": "s6.large.2", "az": "eu-de-01", "os": "EulerOS 2.9", "login": {"sshKey": "KeyPair-nodepool"},
           "rootVolume": {"volumetype": "SATA", "size": 40}, "dataVolumes": [{"volumetype": "SATA", "size": 100}],
           "k8sTags": {"team": "payments"},
           "taints": [{"key": "dedicated", "value": "payments", "effect": "NoSchedule"}]}}}
        """),
                Contract.PLAIN_JSON.readTree(request.getBody().toByteArray()));
    }

    @Test
    void theExampleReportsAnError() throws Exception {
        server.enqueue(new MockResponse.Builder()
                .code(400)
                .addHeader("X-Request-Id", "r-1")
                .body(
                        "{\"errorCode\":\"CCE.01400001\",\"errorMessage\":\"Invalid request.\",\"violations\":"
                                + "[{\"pointer\":\"/spec/nodeTemplate/flavor\",\"rule\":\"flavor-exists\",\"message\":\"unknown\"}]}")
                .build());
        assertEquals(
                "HTTP 400 CCE.01400001: Invalid request. (request r-1, 1 violations)",
                CreateNodePoolExample.run(server.url("/").toString(), "p1", "c1", new AkSkCredentials("AK", "SK")));
        assertTrue(server.takeRequest().getHeaders().get("Authorization").startsWith("SDK-HMAC-SHA256 Access=AK, "));
    }

    private static NodePool documentedPool() throws Exception {
        return CceJson.newObjectMapper().readValue(DocumentedExample.CCE_CLUSTER_REQUEST.bytes(), NodePool.class);
    }

    private static MockResponse created() {
        return new MockResponse.Builder()
                .code(201)
                .addHeader("Content-Type", "application/json")
                .addHeader("X-Request-Id", "req-201")
                .body(new String(DocumentedExample.CCE_CLUSTER_RESPONSE.bytes(), StandardCharsets.UTF_8))
                .build();
    }

    @Test
    void theRetryExampleRetriesA500AndReadsA409AsPossiblyCreated() throws Exception {
        String endpoint = server.url("/").toString();
        server.enqueue(new MockResponse.Builder().code(500).build());
        server.enqueue(created());
        assertEquals(
                Optional.of("feec6013-cd7e-11ea-8c7a-0255ac100be7"),
                RetryPolicyExample.create(endpoint, "p1", new TokenCredentials("t"), "c1", documentedPool()));
        server.enqueue(new MockResponse.Builder().code(502).build());
        server.enqueue(new MockResponse.Builder()
                .code(409)
                .body("{\"errorCode\":\"CCE.01409001\",\"errorMessage\":\"The resource already exists\"}")
                .build());
        assertEquals(
                Optional.empty(),
                RetryPolicyExample.create(endpoint, "p1", new TokenCredentials("t"), "c1", documentedPool()));
        assertEquals(4, server.getRequestCount());
    }

    @Test
    void theRawResponseExampleShowsTheRequestId() throws Exception {
        String endpoint = server.url("/").toString();
        server.enqueue(created());
        server.enqueue(new MockResponse.Builder()
                .code(403)
                .addHeader("X-Request-Id", "req-403")
                .addHeader("Retry-After", "60")
                .body("{}")
                .build());
        assertEquals(
                "201 wyr-17-nodepool-53042 (request req-201)",
                RawResponseExample.create(endpoint, "p1", new TokenCredentials("t"), "c1", documentedPool()));
        assertEquals(
                "403 (request req-403, retry after 60)",
                RawResponseExample.create(endpoint, "p1", new TokenCredentials("t"), "c1", documentedPool()));
    }

    @Test
    void theTokenProviderRenewsBeforeExpiryAndAfterA401() throws Exception {
        AtomicInteger issued = new AtomicInteger();
        Instant now = Instant.parse("2026-06-01T00:00:00Z");
        Clock[] clock = {Clock.fixed(now, ZoneOffset.UTC)};
        Clock delegating = new Clock() {
            @Override
            public Instant instant() {
                return clock[0].instant();
            }

            @Override
            public java.time.ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }
        };
        ExpiringTokenProvider provider = new ExpiringTokenProvider(
                () -> new ExpiringTokenProvider.IamToken(
                        "token-" + issued.incrementAndGet(), clock[0].instant().plus(Duration.ofHours(24))),
                delegating);
        try (CceNodePoolClient client = CceNodePoolClient.builder()
                .endpoint(server.url("/").toString())
                .projectId("p1")
                .credentialsProvider(provider)
                .build()) {
            server.enqueue(created());
            client.createNodePool("c1", documentedPool());
            clock[0] = Clock.offset(clock[0], Duration.ofHours(23).plusMinutes(56)); // within 5 minutes of expiry
            server.enqueue(new MockResponse.Builder()
                    .code(401)
                    .body("{\"error_code\":\"APIG.1002\"}")
                    .build());
            server.enqueue(created());
            client.createNodePool("c1", documentedPool());
            server.enqueue(new MockResponse.Builder().code(401).build());
            server.enqueue(new MockResponse.Builder().code(401).build());
            assertEquals(
                    401,
                    org.junit.jupiter.api.Assertions.assertThrows(
                                    CceServiceException.class, () -> client.createNodePool("c1", documentedPool()))
                            .statusCode());
        }
        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < 5; i++) tokens.add(server.takeRequest().getHeaders().get("X-Auth-Token"));
        assertEquals(
                List.of("token-1", "token-2", "token-3", "token-3", "token-4"),
                tokens,
                "renewed near expiry, after each 401, and a second 401 is the answer");
        assertFalse(provider.toString().contains("token-"));
    }
}
