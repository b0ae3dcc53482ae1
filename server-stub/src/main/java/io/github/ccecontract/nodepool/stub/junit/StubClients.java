package io.github.ccecontract.nodepool.stub.junit;

import io.github.ccecontract.nodepool.client.CceNodePoolClient;
import io.github.ccecontract.nodepool.client.auth.TokenCredentials;

/**
 * Makes clients of a stub. A class of its own, loaded only when a client is asked for, so that the
 * extension works without the client's HTTP stack on the classpath.
 */
final class StubClients {

    private StubClients() {
    }

    static CceNodePoolClient create(String baseUrl, String projectId, String token) {
        return CceNodePoolClient.builder()
                .endpoint(baseUrl)
                .projectId(projectId)
                .credentials(new TokenCredentials(token))
                .build();
    }
}
