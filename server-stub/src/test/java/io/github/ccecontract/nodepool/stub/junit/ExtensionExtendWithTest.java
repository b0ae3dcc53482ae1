package io.github.ccecontract.nodepool.stub.junit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ccecontract.nodepool.stub.CceNodePoolStub;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@code @ExtendWith} with the defaults, the stub taken as a parameter (also of lifecycle methods). */
@ExtendWith(CceNodePoolStubExtension.class)
class ExtensionExtendWithTest {

    static int port;

    @BeforeAll
    static void remember(CceNodePoolStub stub) {
        port = stub.port();
    }

    @Test
    void theStubRunsWithTheDefaults(CceNodePoolStub stub) throws Exception {
        assertEquals(port, stub.port());
        HttpResponse<String> answer = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(stub.baseUrl() + "/openapi.yaml"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertEquals(200, answer.statusCode());
        assertTrue(answer.body().startsWith("openapi: 3.0.3"), answer.body().substring(0, 40));
        assertEquals(0, stub.journal().size(), "a readiness probe is no operation call: not journaled");
    }
}
