package io.github.ccecontract.nodepool.stub.junit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ccecontract.nodepool.stub.config.StubConfig;
import io.github.ccecontract.nodepool.stub.faults.Fault;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Faults and request queries through the extension: configured faults in every test, added ones in one only. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ExtensionFaultsTest {

    @RegisterExtension
    static CceNodePoolStubExtension stub = CceNodePoolStubExtension.builder()
            .config(StubConfig.builder()
                    .faults(Fault.status(429).retryAfter(1).once().forCluster("throttled"))
                    .build())
            .build();

    static int post(String cluster) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(stub.baseUrl() + "/api/v3/projects/" + stub.projectId()
                        + "/clusters/" + cluster + "/nodepools"))
                .header("Content-Type", "application/json")
                .header("X-Auth-Token", stub.token())
                .POST(HttpRequest.BodyPublishers.ofString("{}"))
                .build();
        return HttpClient.newHttpClient()
                .send(request, HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }

    @Test
    @Order(1)
    void aTestAddsAFault() throws Exception {
        stub.faults().add(Fault.status(500).forCluster("broken"));
        assertEquals(500, post("broken"));
        assertEquals(429, post("throttled"));
        assertEquals(400, post("throttled"), "once; then the usual answer ({} is no node pool)");
        assertEquals(1, stub.requests().toCluster("throttled").withStatus(429).size());
        assertEquals(3, stub.requests().size());
    }

    @Test
    @Order(2)
    void theNextTestHasTheConfiguredFaultsOnly() throws Exception {
        assertEquals(1, stub.faults().list().size(), stub.faults().list().toString());
        assertTrue(stub.requests().isEmpty());
        assertEquals(400, post("broken"), "the added fault is gone");
        assertEquals(429, post("throttled"), "the configured one fires again, counted from the start");
    }
}
