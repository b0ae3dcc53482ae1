package io.github.ccecontract.nodepool.stub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.ccecontract.nodepool.contract.CceJson;
import io.github.ccecontract.nodepool.contract.NodePoolContract.DocumentedExample;
import io.github.ccecontract.nodepool.contract.cluster.ClusterType;
import io.github.ccecontract.nodepool.contract.model.NodePool;
import io.github.ccecontract.nodepool.contract.model.NodePoolResponse;
import io.github.ccecontract.nodepool.stub.config.StubConfig;
import io.github.ccecontract.nodepool.stub.errors.CceErrors;
import java.io.IOException;
import java.net.ConnectException;
import java.net.Socket;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** The plain Java API: builder, handle, typed operation, concurrency, close. */
class JavaApiTest {

    static NodePool documentedPool() throws IOException {
        ObjectMapper mapper = CceJson.newObjectMapper();
        return mapper.readValue(DocumentedExample.CCE_CLUSTER_REQUEST.bytes(), NodePool.class);
    }

    @Test
    void startsOnAFreePortAndStopsOnClose() throws IOException {
        CceNodePoolStub stub = CceNodePoolStub.builder().start();
        int port = stub.port();
        assertTrue(port > 0);
        assertEquals("http://127.0.0.1:" + port, stub.baseUrl());
        assertEquals(port, stub.baseUri().getPort());
        stub.close();
        assertThrows(ConnectException.class, () -> new Socket("127.0.0.1", port).close());
    }

    @Test
    void theGeneratedInterfaceRunsTheSameRules() throws IOException {
        try (CceNodePoolStub stub = CceNodePoolStub.builder()
                .config(StubConfig.builder().cluster("c1", ClusterType.CCE, 50).build())
                .start()) {
            NodePool pool = documentedPool();
            NodePoolResponse response = stub.api().createNodePool("p1", "c1", pool);
            assertEquals(pool.getMetadata().getName(), response.getMetadata().getName());
            assertEquals(1, stub.nodePools().size());
            assertTrue(stub.journal().isEmpty(), "calls without HTTP are not journaled");
            CceStubException conflict =
                    assertThrows(CceStubException.class, () -> stub.api().createNodePool("p1", "c1", pool));
            assertEquals(409, conflict.status());
            assertEquals(CceErrors.CONFLICT, conflict.errorCode());
            pool.getSpec().setInitialNodeCount(51);
            pool.getMetadata().setName("other");
            CceStubException limit =
                    assertThrows(CceStubException.class, () -> stub.api().createNodePool("p1", "c1", pool));
            assertEquals(400, limit.status());
            assertEquals(CceErrors.NODE_LIMIT, limit.errorCode());
            assertEquals(
                    "/spec/initialNodeCount",
                    limit.body().at("/violations/0/pointer").asText());
            assertEquals(
                    404,
                    assertThrows(CceStubException.class, () -> stub.api().createNodePool("p1", "c2", pool))
                            .status());
        }
    }

    @Test
    void seedMakesUidsReproducible() {
        List<String> uids = new ArrayList<>();
        for (int run = 0; run < 2; run++) {
            try (CceNodePoolStub stub = CceNodePoolStub.builder().seed(42).start()) {
                uids.add(StubHttp.create(stub, "c", StubHttp.example(DocumentedExample.CCE_CLUSTER_REQUEST))
                        .json()
                        .at("/metadata/uid")
                        .asText());
            }
        }
        assertEquals(uids.get(0), uids.get(1));
    }

    @Test
    void configObjectAndBuilderShortcutsAgree() {
        StubConfig config = StubConfig.builder()
                .cluster("c1", ClusterType.TURBO, 10)
                .tokens("t")
                .maxNodePools(5)
                .build();
        try (CceNodePoolStub stub = CceNodePoolStub.builder().config(config).start()) {
            assertEquals(config.clusters(), stub.config().clusters());
            assertEquals(5, stub.config().maxNodePools());
            assertTrue(stub.toString().contains("c1") && !stub.toString().contains("tokens=[t]"));
        }
    }

    @Test
    void concurrentCreationsOfOneNameYieldOneCreatedPool() throws Exception {
        try (CceNodePoolStub stub = CceNodePoolStub.builder().threads(8).start()) {
            ExecutorService pool = Executors.newFixedThreadPool(16);
            try {
                List<Callable<Integer>> same = new ArrayList<>();
                for (int i = 0; i < 32; i++) {
                    same.add(() -> StubHttp.create(stub, "c1", StubHttp.example(DocumentedExample.CCE_CLUSTER_REQUEST))
                            .status());
                }
                List<Integer> statuses = new ArrayList<>();
                for (Future<Integer> f : pool.invokeAll(same)) {
                    statuses.add(f.get());
                }
                assertEquals(1, statuses.stream().filter(s -> s == 201).count(), statuses.toString());
                assertEquals(31, statuses.stream().filter(s -> s == 409).count(), statuses.toString());

                List<Callable<String>> distinct = new ArrayList<>();
                for (int i = 0; i < 64; i++) {
                    String name = "pool-" + i;
                    distinct.add(() -> {
                        var request = StubHttp.example(DocumentedExample.CCE_CLUSTER_REQUEST);
                        ((com.fasterxml.jackson.databind.node.ObjectNode) request.get("metadata")).put("name", name);
                        StubHttp.Answer answer = StubHttp.create(stub, "c2", request);
                        assertEquals(201, answer.status(), answer.text());
                        return answer.json().at("/metadata/uid").asText();
                    });
                }
                Set<String> uids = new HashSet<>();
                for (Future<String> f : pool.invokeAll(distinct)) {
                    uids.add(f.get());
                }
                assertEquals(64, uids.size());
                assertEquals(65, stub.nodePools().size());
                assertEquals(96, stub.journal().size());
                assertEquals(0, stub.internalErrors());
            } finally {
                pool.shutdownNow();
            }
        }
    }
}
