package io.github.ccecontract.nodepool.stub.readme;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.ccecontract.nodepool.contract.cluster.AzInventory;
import io.github.ccecontract.nodepool.contract.cluster.ClusterType;
import io.github.ccecontract.nodepool.stub.CceNodePoolStub;
import io.github.ccecontract.nodepool.stub.admin.JournalEntry;
import io.github.ccecontract.nodepool.stub.config.StubConfig;
import java.util.function.Consumer;

/** The stub from plain Java: configure, start, point the code under test at it, inspect. */
public final class JavaApiExample {

    /** Runs {@code codeUnderTest} against a stub with one cluster and checks what it sent. */
    public static void run(Consumer<String> codeUnderTest) {
        StubConfig config = StubConfig.builder()
                .cluster("my-cluster", ClusterType.CCE, 50, AzInventory.available("eu-de-01", 0))
                .tokens("my-token") // default: any non-empty token
                .build();
        try (CceNodePoolStub stub = CceNodePoolStub.builder().config(config).start()) {
            codeUnderTest.accept(stub.baseUrl()); // http://127.0.0.1:PORT, a free loopback port
            JournalEntry first = stub.journal().get(0);
            assertEquals(201, first.status());
            assertEquals(
                    1, stub.requests().toCluster("my-cluster").withStatus(201).size());
            assertEquals("eu-de-01", stub.nodePools().get(0).placement().az());
            stub.reset();
        }
    }
}
