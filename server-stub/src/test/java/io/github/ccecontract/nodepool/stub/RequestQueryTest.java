package io.github.ccecontract.nodepool.stub;

import static io.github.ccecontract.nodepool.stub.StubHttp.TOKEN;
import static io.github.ccecontract.nodepool.stub.StubHttp.create;
import static io.github.ccecontract.nodepool.stub.StubHttp.send;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ccecontract.nodepool.stub.admin.JournalEntry;
import io.github.ccecontract.nodepool.stub.verify.RequestQuery;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** stub.requests(): counting and finding requests by cluster, name, status, header, method. */
class RequestQueryTest {

    static CceNodePoolStub stub;

    @BeforeAll
    static void start() {
        stub = CceNodePoolStub.builder().start().awaitReady();
    }

    @AfterAll
    static void stop() {
        stub.close();
    }

    @BeforeEach
    void traffic() {
        stub.reset();
        send(stub, "GET", "/openapi.yaml", null, Map.of()); // a readiness probe: not an operation call
        create(stub, "c1", FaultsHttpTest.pool("pool-a")); // 201
        create(stub, "c1", FaultsHttpTest.pool("pool-a")); // 409
        create(stub, "c%2F2", FaultsHttpTest.pool("pool-b")); // 201, cluster "c/2"
        send(
                stub,
                "POST",
                StubHttp.nodePoolsPath("p1", "c1"),
                StubHttp.bytes(FaultsHttpTest.pool("pool-c")),
                Map.of("Content-Type", "application/json", "X-Auth-Token", TOKEN, "X-Test-Case", "t1")); // 201
        send(stub, "GET", StubHttp.nodePoolsPath("p1", "c1"), null, Map.of()); // 405
    }

    @Test
    void theJournalHoldsOperationCallsOnly() {
        assertEquals(5, stub.requests().size(), "the GET /openapi.yaml is not there: " + stub.journal());
        assertEquals(5, stub.journal().size());
    }

    @Test
    void filtersCombine() {
        assertEquals(4, stub.requests().toCluster("c1").size());
        assertEquals(2, stub.requests().toCluster("c1").withStatus(201).size());
        assertEquals(
                1,
                stub.requests()
                        .toCluster("c1")
                        .withName("pool-a")
                        .withStatus(409)
                        .size());
        assertEquals(
                "CCE.01409001",
                stub.requests().withStatus(409).first().orElseThrow().errorCode());
        assertEquals(1, stub.requests().toCluster("c/2").size(), "the cluster_id decoded");
        assertEquals(1, stub.requests().withHeader("x-test-case", "t1").size());
        assertEquals(4, stub.requests().withHeader("X-Auth-Token").size(), "present (the value is redacted)");
        assertEquals(1, stub.requests().withMethod("get").size());
        assertEquals(1, stub.requests().withErrorCode("CCE.01405001").size());
        assertEquals(2, stub.requests().withName("pool-a").size());
        assertEquals(3, stub.requests().matching(e -> e.status() == 201).size());
        assertEquals(
                "pool-c",
                RequestQuery.nameOf(stub.requests().withStatus(201).last().orElseThrow()));
        assertTrue(stub.requests().toCluster("c9").isEmpty());
    }

    @Test
    void aQueryReadsTheJournalWhenAsked() {
        RequestQuery created = stub.requests().toCluster("c1").withStatus(201);
        assertEquals(2, created.size());
        create(stub, "c1", FaultsHttpTest.pool("pool-d"));
        assertEquals(3, created.size());
        List<JournalEntry> iterated = new ArrayList<>();
        created.forEach(iterated::add);
        assertEquals(created.list(), iterated, "an Iterable (AssertJ's assertThat(iterable).hasSize(n))");
        assertEquals(3, created.stream().count());
    }

    @Test
    void verifyCountsAndExplainsAMismatch() {
        assertEquals(
                2, stub.requests().toCluster("c1").withStatus(201).verify(2).size());
        AssertionError e = assertThrows(
                AssertionError.class,
                () -> stub.requests().toCluster("c1").withStatus(429).verify(1));
        String message = e.getMessage();
        assertTrue(
                message.startsWith("Expected 1 requests to cluster 'c1' answered 429, found 0. The stub's journal"
                        + " holds 5 requests:"),
                message);
        assertTrue(
                message.contains(
                        "POST /api/v3/projects/p1/clusters/c1/nodepools (name 'pool-a') -> 409" + " CCE.01409001"),
                message);
        assertTrue(message.contains("GET /api/v3/projects/p1/clusters/c1/nodepools -> 405"), message);
        assertEquals(
                "requests to cluster 'c1' answered 201",
                stub.requests().toCluster("c1").withStatus(201).toString());
    }
}
