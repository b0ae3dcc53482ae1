package io.github.ccecontract.nodepool.stub.readme;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.ccecontract.nodepool.contract.NodePoolContract.DocumentedExample;
import io.github.ccecontract.nodepool.contract.cluster.ClusterType;
import io.github.ccecontract.nodepool.stub.config.StubConfig;
import io.github.ccecontract.nodepool.stub.junit.CceNodePoolStubExtension;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A test class with the stub as a JUnit 5 extension; any HTTP client (here the JDK's) talks to it. */
class JUnitExtensionExample {

    @RegisterExtension
    static CceNodePoolStubExtension stub = CceNodePoolStubExtension.builder()
            .config(StubConfig.builder()
                    .cluster("my-cluster", ClusterType.CCE, 50)
                    .build())
            .build();

    @Test
    void createsANodePool() throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(
                        stub.baseUrl() + "/api/v3/projects/" + stub.projectId() + "/clusters/my-cluster/nodepools"))
                .header("X-Auth-Token", stub.token())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(DocumentedExample.CCE_CLUSTER_REQUEST.bytes()))
                .build();
        HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        assertEquals(201, response.statusCode());
        assertEquals(201, stub.journal().get(0).status());
    }
}
