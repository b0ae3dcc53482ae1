package io.github.ccecontract.nodepool.client.readme;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ccecontract.nodepool.openapi.testing.Contract;
import io.github.ccecontract.nodepool.client.auth.AkSkCredentials;
import io.github.ccecontract.nodepool.client.auth.TokenCredentials;
import io.github.ccecontract.nodepool.contract.NodePoolContract.DocumentedExample;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The usage example of client/README.md is this package's CreateNodePoolExample, character for
 * character (so it compiles with the tests), and it works.
 */
class ReadmeExampleTest {
  static final String EXAMPLE = "src/test/java/io/github/ccecontract/nodepool/client/readme/CreateNodePoolExample.java";
  static final String BEGIN = "<!-- example: " + EXAMPLE + " (ReadmeExampleTest keeps the two identical) -->";

  private final MockWebServer server = new MockWebServer();

  @BeforeEach
  void start() throws Exception {
    server.start();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void theReadmeShowsExactlyTheCompiledExample() throws Exception {
    String readmePath = System.getProperty("client.readme");
    assertNotNull(readmePath, "system property client.readme (set by the client's pom)");
    String readme = Files.readString(Path.of(readmePath), StandardCharsets.UTF_8).replace("\r\n", "\n");
    int marker = readme.indexOf(BEGIN);
    assertTrue(marker >= 0, "client/README.md lacks the line " + BEGIN);
    int start = readme.indexOf("```java\n", marker);
    assertTrue(start >= 0 && readme.substring(marker + BEGIN.length(), start).isBlank(),
        "a ```java block follows the marker");
    start += "```java\n".length();
    int end = readme.indexOf("\n```", start);
    assertTrue(end >= 0, "the ```java block is closed");
    String block = readme.substring(start, end + 1);
    Path example = Path.of(readmePath).getParent().resolve(EXAMPLE);
    String file = Files.readString(example, StandardCharsets.UTF_8).replace("\r\n", "\n");
    assertEquals(file, block, "client/README.md's example differs from " + EXAMPLE + ": copy the file into the README");
  }

  @Test
  void theExampleCreatesANodePool() throws Exception {
    server.enqueue(new MockResponse.Builder().code(201).addHeader("Content-Type", "application/json")
        .body(new String(DocumentedExample.CCE_CLUSTER_RESPONSE.bytes(), StandardCharsets.UTF_8)).build());

    String result = CreateNodePoolExample.run(server.url("/").toString(), "p1", "c1", new TokenCredentials("t0ken"));

    assertEquals("created wyr-17-nodepool-53042 (uid feec6013-cd7e-11ea-8c7a-0255ac100be7)", result);
    RecordedRequest request = server.takeRequest();
    assertEquals("/api/v3/projects/p1/clusters/c1/nodepools", request.getTarget());
    assertEquals("t0ken", request.getHeaders().get("X-Auth-Token"));
    assertEquals(Contract.PLAIN_JSON.readTree("""
        {"kind": "NodePool", "apiVersion": "v3", "metadata": {"name": "app-pool"},
         "spec": {"initialNodeCount": 2, "nodeTemplate": {
           "flavor": "s6.large.2", "az": "eu-de-01", "os": "EulerOS 2.9", "login": {"sshKey": "KeyPair-nodepool"},
           "rootVolume": {"volumetype": "SATA", "size": 40}, "dataVolumes": [{"volumetype": "SATA", "size": 100}],
           "k8sTags": {"team": "payments"},
           "taints": [{"key": "dedicated", "value": "payments", "effect": "NoSchedule"}]}}}
        """), Contract.PLAIN_JSON.readTree(request.getBody().toByteArray()));
  }

  @Test
  void theExampleReportsAnError() throws Exception {
    server.enqueue(new MockResponse.Builder().code(400).addHeader("X-Request-Id", "r-1")
        .body("{\"errorCode\":\"CCE.01400001\",\"errorMessage\":\"Invalid request.\",\"violations\":"
            + "[{\"pointer\":\"/spec/nodeTemplate/flavor\",\"rule\":\"flavor-exists\",\"message\":\"unknown\"}]}")
        .build());
    assertEquals("HTTP 400 CCE.01400001: Invalid request. (request r-1, 1 violations)",
        CreateNodePoolExample.run(server.url("/").toString(), "p1", "c1", new AkSkCredentials("AK", "SK")));
    assertTrue(server.takeRequest().getHeaders().get("Authorization").startsWith("SDK-HMAC-SHA256 Access=AK, "));
  }
}
