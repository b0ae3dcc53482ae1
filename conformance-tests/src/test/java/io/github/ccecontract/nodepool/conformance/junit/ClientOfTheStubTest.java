package io.github.ccecontract.nodepool.conformance.junit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.ccecontract.nodepool.client.CceNodePoolClient;
import io.github.ccecontract.nodepool.client.CceValidationException;
import io.github.ccecontract.nodepool.client.RetryPolicy;
import io.github.ccecontract.nodepool.client.auth.TokenCredentials;
import io.github.ccecontract.nodepool.contract.CceJson;
import io.github.ccecontract.nodepool.contract.NodePoolContract.DocumentedExample;
import io.github.ccecontract.nodepool.contract.cluster.Cluster;
import io.github.ccecontract.nodepool.contract.cluster.ClusterType;
import io.github.ccecontract.nodepool.contract.model.NodePool;
import io.github.ccecontract.nodepool.stub.config.StubConfig;
import io.github.ccecontract.nodepool.stub.junit.CceNodePoolStubExtension;
import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A client of the stub that the JUnit extension runs, with the builder's options (client/README.md). */
class ClientOfTheStubTest {

    @RegisterExtension
    static CceNodePoolStubExtension stub = CceNodePoolStubExtension.builder()
            .config(StubConfig.builder()
                    .cluster("my-cluster", ClusterType.CCE, 50)
                    .build())
            .build();

    private CceNodePoolClient client;

    @BeforeEach
    void connect() {
        client = CceNodePoolClient.builder()
                .endpoint(stub.baseUrl())
                .projectId(stub.projectId())
                .credentials(new TokenCredentials(stub.token()))
                .validateBeforeSend(true)
                .cluster(Cluster.cce(50)) // the stub's cluster: its limit is checked before sending
                .retryPolicy(RetryPolicy.none()) // a test wants the first answer
                .callTimeout(Duration.ofSeconds(10))
                .build();
    }

    @AfterEach
    void close() {
        client.close();
    }

    @Test
    void createsANodePool() throws IOException {
        NodePool pool = CceJson.mapper().readValue(DocumentedExample.CCE_CLUSTER_REQUEST.bytes(), NodePool.class);
        assertEquals(201, client.createNodePoolWithResponse("my-cluster", pool).statusCode());
        assertEquals(1, stub.nodePools().size());

        pool.getSpec().setInitialNodeCount(51);
        assertThrows(CceValidationException.class, () -> client.createNodePool("my-cluster", pool));
        assertEquals(1, stub.journal().size(), "the second was not sent");
    }
}
