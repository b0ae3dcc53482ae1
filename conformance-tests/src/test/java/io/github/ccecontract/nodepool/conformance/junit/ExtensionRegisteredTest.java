package io.github.ccecontract.nodepool.conformance.junit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ccecontract.nodepool.client.CceNodePoolClient;
import io.github.ccecontract.nodepool.client.CceServiceException;
import io.github.ccecontract.nodepool.client.auth.TokenCredentials;
import io.github.ccecontract.nodepool.contract.CceJson;
import io.github.ccecontract.nodepool.contract.NodePoolContract.DocumentedExample;
import io.github.ccecontract.nodepool.contract.cluster.ClusterType;
import io.github.ccecontract.nodepool.contract.model.NodePool;
import io.github.ccecontract.nodepool.contract.model.NodePoolResponse;
import io.github.ccecontract.nodepool.stub.CceNodePoolStub;
import io.github.ccecontract.nodepool.stub.admin.JournalEntry;
import io.github.ccecontract.nodepool.stub.config.StubConfig;
import io.github.ccecontract.nodepool.stub.junit.CceNodePoolStubExtension;
import java.io.IOException;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/** What a consumer writes: a static extension field, a client of the stub, journal asserts. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ExtensionRegisteredTest {

    @RegisterExtension
    static CceNodePoolStubExtension stub = CceNodePoolStubExtension.builder()
            .config(StubConfig.builder()
                    .cluster("my-cluster", ClusterType.CCE, 50)
                    .build())
            .projectId("my-project")
            .build();

    /** A client of the stub, as a user of the extension makes one. */
    private static CceNodePoolClient client() {
        return CceNodePoolClient.builder()
                .endpoint(stub.baseUrl())
                .projectId(stub.projectId())
                .credentials(new TokenCredentials(stub.token()))
                .build();
    }

    static NodePool documentedPool() throws IOException {
        return CceJson.newObjectMapper().readValue(DocumentedExample.CCE_CLUSTER_REQUEST.bytes(), NodePool.class);
    }

    @Test
    @Order(1)
    void aReadyClientCreatesAPool() throws IOException {
        CceNodePoolClient client = client();
        NodePoolResponse created = client.createNodePool("my-cluster", documentedPool());
        assertEquals("wyr-17-nodepool-53042", created.getMetadata().getName());
        assertEquals(1, stub.journal().size());
        JournalEntry entry = stub.journal().get(0);
        assertEquals(201, entry.status());
        assertEquals("/api/v3/projects/my-project/clusters/my-cluster/nodepools", entry.path());
        assertEquals(1, stub.nodePools().size());
    }

    @Test
    @Order(2)
    void theStubIsResetBeforeEachTest() throws IOException {
        CceNodePoolClient client = client();
        assertTrue(stub.journal().isEmpty());
        client.createNodePool("my-cluster", documentedPool()); // the name is free again
        CceServiceException conflict =
                assertThrows(CceServiceException.class, () -> client.createNodePool("my-cluster", documentedPool()));
        assertEquals(409, conflict.statusCode());
        assertEquals("CCE.01409001", conflict.errorCode());
    }

    @Test
    @Order(3)
    void violationsReachTheClient() throws IOException {
        CceNodePoolClient client = client();
        NodePool pool = documentedPool();
        pool.getSpec().setInitialNodeCount(51);
        CceServiceException limit =
                assertThrows(CceServiceException.class, () -> client.createNodePool("my-cluster", pool));
        assertEquals(400, limit.statusCode());
        assertEquals("CCE.01400014", limit.errorCode());
        assertEquals("/spec/initialNodeCount", limit.violations().get(0).getPointer());
        assertTrue(limit.requestId().isPresent(), "X-Request-Id reaches the client");
    }

    @Test
    @Order(4)
    void theStubItselfIsAParameterToo(CceNodePoolStub handle) {
        assertSame(stub.stub(), handle);
        assertTrue(stub.baseUrl().startsWith("http://127.0.0.1:"));
        assertEquals(handle.port(), stub.port());
    }

    @Nested
    class NestedTests {
        @Test
        void nestedClassesShareTheStub(CceNodePoolStub handle) {
            assertNotNull(handle);
            assertSame(stub.stub(), handle);
        }
    }
}
