package io.github.ccecontract.nodepool.stub.readme;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.ccecontract.nodepool.stub.CceNodePoolStub;
import io.github.ccecontract.nodepool.stub.config.StubConfig;
import io.github.ccecontract.nodepool.stub.faults.Fault;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class FaultsExampleTest {

    @Test
    void everyKindOfFault() throws Exception {
        StubConfig config = StubConfig.builder() // from the start and after every reset
                .faults(Fault.status(429).retryAfter(2).once().forCluster("throttled"))
                .build();
        try (CceNodePoolStub stub = CceNodePoolStub.builder().config(config).start()) {
            stub.faults().add(Fault.gatewayUnauthorized().once().forCluster("c1")); // the API gateway's 401 body
            stub.faults().add(Fault.status(500).forName("flaky-pool"));
            stub.faults().add(Fault.status(500).probability(0.1).seed(42).forCluster("unlucky"));
            stub.faults()
                    .add(Fault.delay(Duration.ofMillis(50), Duration.ofMillis(150))
                            .forCluster("slow"));
            stub.faults()
                    .add(Fault.closeConnection()
                            .forHeader("X-Test-Case", "drop")
                            .forCluster("dropped"));

            assertEquals(429, post(stub, "throttled", "pool-a", null));
            assertEquals(401, post(stub, "c1", "pool-a", null));
            assertEquals(500, post(stub, "c1", "flaky-pool", null));
            assertEquals(201, post(stub, "slow", "pool-b", null)); // after 50 to 150 ms
            assertEquals(429, post(stub, "c1", "pool-c", "code=429, retry-after=2")); // this request only
            assertEquals(201, post(stub, "c1", "pool-c", "delay=100")); // 100 ms late
            assertThrows(IOException.class, () -> post(stub, "c1", "pool-d", "connection=close"));

            assertEquals(1, stub.requests().withStatus(0).size()); // closed without an answer
            assertEquals(
                    1, stub.requests().withName("flaky-pool").withStatus(500).size());
            assertEquals(1, stub.faults().list().get(0).fired()); // f1, the configured 429
        }
    }

    /** POSTs a node pool, with a Prefer header if {@code prefer} is not null; returns the status. */
    static int post(CceNodePoolStub stub, String cluster, String name, String prefer) throws Exception {
        String body = "{\"kind\": \"NodePool\", \"apiVersion\": \"v3\", \"metadata\": {\"name\": \"" + name + "\"},"
                + " \"spec\": {\"initialNodeCount\": 0, \"nodeTemplate\": {\"flavor\": \"s6.large.2\","
                + " \"az\": \"eu-de-01\", \"login\": {\"sshKey\": \"my-key\"},"
                + " \"rootVolume\": {\"volumetype\": \"SATA\", \"size\": 40},"
                + " \"dataVolumes\": [{\"volumetype\": \"SATA\", \"size\": 100}]}}}";
        HttpRequest.Builder request = HttpRequest.newBuilder(
                        URI.create(stub.baseUrl() + "/api/v3/projects/p1/clusters/" + cluster + "/nodepools"))
                .header("Content-Type", "application/json")
                .header("X-Auth-Token", "any-token")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (prefer != null) {
            request.header("Prefer", prefer);
        }
        return HttpClient.newHttpClient()
                .send(request.build(), HttpResponse.BodyHandlers.ofString())
                .statusCode();
    }
}
