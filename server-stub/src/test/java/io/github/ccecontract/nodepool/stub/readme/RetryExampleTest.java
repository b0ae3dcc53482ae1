package io.github.ccecontract.nodepool.stub.readme;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.ccecontract.nodepool.contract.NodePoolContract.DocumentedExample;
import io.github.ccecontract.nodepool.stub.faults.Fault;
import io.github.ccecontract.nodepool.stub.junit.CceNodePoolStubExtension;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class RetryExampleTest {

    @RegisterExtension
    static CceNodePoolStubExtension stub = CceNodePoolStubExtension.builder().build();

    @Test
    void retriesAThrottledCreation() throws Exception {
        stub.faults().add(Fault.status(429).retryAfter(1).times(2).forCluster("c1"));

        int status = createWithRetries("c1", 3);

        assertEquals(201, status);
        assertEquals(2, stub.requests().toCluster("c1").withStatus(429).size());
        stub.requests().toCluster("c1").withStatus(201).verify(1); // fails listing the journal if not 1
    }

    /** Stands for the code under test: creates a node pool, retrying a 429 after its Retry-After. */
    static int createWithRetries(String cluster, int attempts) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest request = HttpRequest.newBuilder(URI.create(stub.baseUrl() + "/api/v3/projects/" + stub.projectId()
                        + "/clusters/" + cluster + "/nodepools"))
                .header("Content-Type", "application/json")
                .header("X-Auth-Token", stub.token())
                .POST(HttpRequest.BodyPublishers.ofString(DocumentedExample.CCE_CLUSTER_REQUEST.text()))
                .build();
        int status = 0;
        for (int attempt = 1; attempt <= attempts; attempt++) {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            status = response.statusCode();
            if (status != 429) {
                break;
            }
            long seconds =
                    Long.parseLong(response.headers().firstValue("Retry-After").orElse("1"));
            Thread.sleep(seconds * 1000);
        }
        return status;
    }
}
