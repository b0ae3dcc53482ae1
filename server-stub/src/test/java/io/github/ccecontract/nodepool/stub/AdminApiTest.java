package io.github.ccecontract.nodepool.stub;

import static io.github.ccecontract.nodepool.stub.StubHttp.assertCceShaped;
import static io.github.ccecontract.nodepool.stub.StubHttp.create;
import static io.github.ccecontract.nodepool.stub.StubHttp.example;
import static io.github.ccecontract.nodepool.stub.StubHttp.send;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.ccecontract.nodepool.contract.NodePoolContract;
import io.github.ccecontract.nodepool.contract.NodePoolContract.DocumentedExample;
import io.github.ccecontract.nodepool.contract.cluster.AzInventory;
import io.github.ccecontract.nodepool.contract.cluster.ClusterType;
import io.github.ccecontract.nodepool.stub.admin.JournalEntry;
import io.github.ccecontract.nodepool.stub.config.StubConfig;
import io.github.ccecontract.nodepool.stub.domain.StoredNodePool;
import io.github.ccecontract.nodepool.stub.errors.CceErrors;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The inspection API, the journal, AZ placement, the served documents, the store's bound. */
class AdminApiTest {

    static CceNodePoolStub stub;

    @BeforeAll
    static void start() {
        stub = CceNodePoolStub.builder()
                .config(StubConfig.builder()
                        .cluster(
                                "az-cluster",
                                ClusterType.CCE,
                                50,
                                AzInventory.available("eu-de-01", 5),
                                AzInventory.soldOut("eu-de-02", 0),
                                AzInventory.available("eu-de-03", 2))
                        .cluster("sold-out", ClusterType.CCE, 50, AzInventory.soldOut("eu-de-01", 0))
                        .journalSize(5)
                        .build())
                .start();
    }

    @AfterAll
    static void stop() {
        stub.close();
    }

    @BeforeEach
    void reset() {
        stub.reset();
    }

    static ObjectNode request(String name, String az) {
        ObjectNode request = example(DocumentedExample.CCE_CLUSTER_REQUEST);
        ((ObjectNode) request.get("metadata")).put("name", name);
        ((ObjectNode) request.at("/spec/nodeTemplate")).put("az", az);
        return request;
    }

    @Test
    void randomAzGoesToTheAvailableAzWithFewestNodes() {
        assertEquals(
                201, create(stub, "az-cluster", request("pool-a", "random")).status());
        StubHttp.Answer pools = send(stub, "GET", "/__admin/nodepools", null, Map.of());
        assertEquals(200, pools.status());
        assertCceShaped(pools);
        JsonNode pool = pools.json().path("nodePools").get(0);
        assertEquals("az-cluster", pool.path("clusterId").asText());
        assertEquals("pool-a", pool.path("name").asText());
        assertEquals("random", pool.at("/placement/requestedAz").asText());
        assertEquals("eu-de-03", pool.at("/placement/az").asText()); // eu-de-02 is sold out
        assertFalse(pool.at("/placement/soldOut").asBoolean());
        assertEquals(
                pool.path("uid").asText(), pool.at("/nodePool/metadata/uid").asText());
        StoredNodePool stored = stub.nodePools().get(0);
        assertEquals("eu-de-03", stored.placement().az());
    }

    @Test
    void everyAzSoldOutIsVisibleToo() {
        StubHttp.Answer answer = create(stub, "sold-out", request("pool-b", "random"));
        assertEquals(201, answer.status(), answer.text());
        JsonNode pool = send(stub, "GET", "/__admin/nodepools", null, Map.of())
                .json()
                .path("nodePools")
                .get(0);
        assertTrue(pool.at("/placement/az").isNull());
        assertTrue(pool.at("/placement/soldOut").asBoolean());
        ObjectNode withNodes = request("pool-e", "random");
        ((ObjectNode) withNodes.get("spec")).put("initialNodeCount", 2);
        StubHttp.Answer soldOut = create(stub, "sold-out", withNodes);
        assertEquals(201, soldOut.status(), soldOut.text());
        assertEquals("SoldOut", soldOut.json().at("/status/phase").asText());
    }

    @Test
    void journalRecordsRequestsAndAnswers() {
        ObjectNode request = request("pool-c", "eu-de-01");
        ((ObjectNode) request.at("/spec/nodeTemplate/login")).put("userPassword", "S3cret!");
        StubHttp.Answer created = create(stub, "az-cluster", request);
        assertEquals(201, created.status(), created.text());
        send(stub, "GET", "/openapi.json", null, Map.of());
        send(stub, "GET", "/nothing", null, Map.of());
        List<JournalEntry> journal = stub.journal();
        assertEquals(1, journal.size(), "by default the journal holds operation calls only: " + journal);
        JournalEntry first = journal.get(0);
        assertEquals("POST", first.method());
        assertEquals(StubHttp.nodePoolsPath("p1", "az-cluster"), first.path());
        assertEquals(201, first.status());
        assertEquals(created.header("X-Request-Id"), first.id());
        assertEquals(
                "[redacted]",
                first.bodyJson().at("/spec/nodeTemplate/login/userPassword").asText());
        assertFalse(first.body().contains("S3cret!"));
        assertEquals("pool-c", first.response().at("/metadata/name").asText());
        StubHttp.Answer admin = send(stub, "GET", "/__admin/requests", null, Map.of());
        assertCceShaped(admin);
        assertFalse(admin.text().contains("S3cret!"), "no password in the journal");
        JsonNode entries = admin.json().path("requests");
        assertEquals(1, entries.size());
        assertEquals(201, entries.get(0).at("/response/status").asInt());
        assertEquals(
                "[redacted]",
                entries.get(0).at("/request/headers/x-auth-token/0").asText());
        assertEquals(1, admin.json().path("received").asInt());
    }

    @Test
    void journalAllRequestsRecordsTheDocumentAndUnknownPathsToo() {
        try (CceNodePoolStub all = CceNodePoolStub.builder()
                .config(StubConfig.builder().journalAllRequests(true).build())
                .start()) {
            send(all, "GET", "/openapi.yaml", null, Map.of());
            send(all, "GET", "/nothing", null, Map.of());
            send(all, "GET", "/__admin/requests", null, Map.of());
            List<JournalEntry> journal = all.journal();
            assertEquals(
                    List.of("/openapi.yaml", "/nothing"),
                    journal.stream().map(JournalEntry::path).toList(),
                    "every request but the admin API's");
            assertEquals(
                    List.of(200, 404),
                    journal.stream().map(JournalEntry::status).toList());
        }
    }

    @Test
    void journalIsARingBuffer() {
        for (int i = 0; i < 8; i++) {
            send(stub, "GET", StubHttp.nodePoolsPath("p" + i, "az-cluster"), null, Map.of());
        }
        List<JournalEntry> journal = stub.journal();
        assertEquals(5, journal.size());
        assertEquals(StubHttp.nodePoolsPath("p3", "az-cluster"), journal.get(0).path());
        assertEquals(StubHttp.nodePoolsPath("p7", "az-cluster"), journal.get(4).path());
        JsonNode admin = send(stub, "GET", "/__admin/requests", null, Map.of()).json();
        assertEquals(8, admin.path("received").asInt());
        assertEquals(3, admin.path("dropped").asInt());
        assertEquals(5, stub.journal().size(), "admin requests are not journaled");
    }

    @Test
    void resetForgetsPoolsAndJournal() {
        assertEquals(
                201, create(stub, "az-cluster", request("pool-d", "eu-de-01")).status());
        StubHttp.Answer reset = send(stub, "POST", "/__admin/reset", null, Map.of());
        assertEquals(200, reset.status());
        assertCceShaped(reset);
        assertTrue(stub.nodePools().isEmpty());
        assertTrue(stub.journal().isEmpty());
        assertEquals(
                201, create(stub, "az-cluster", request("pool-d", "eu-de-01")).status(), "the name is free again");
    }

    @Test
    void wrongMethodsAndPathsOfTheAdminApi() {
        StubHttp.Answer post = send(stub, "POST", "/__admin/requests", new byte[0], Map.of());
        assertEquals(405, post.status());
        assertEquals("GET", post.header("Allow"));
        assertCceShaped(post);
        StubHttp.Answer get = send(stub, "GET", "/__admin/reset", null, Map.of());
        assertEquals(405, get.status());
        assertEquals("POST", get.header("Allow"));
        StubHttp.Answer unknown = send(stub, "GET", "/__admin/mappings", null, Map.of());
        assertEquals(404, unknown.status());
        assertCceShaped(unknown);
    }

    @Test
    void servesTheBundledDocuments() throws Exception {
        StubHttp.Answer yaml = send(stub, "GET", "/openapi.yaml", null, Map.of());
        assertEquals(200, yaml.status());
        assertEquals("application/yaml", yaml.header("Content-Type"));
        assertTrue(yaml.header("X-Request-Id") != null);
        byte[] bundled;
        try (var in = NodePoolContract.openApiYaml()) {
            bundled = in.readAllBytes();
        }
        assertArrayEquals(bundled, yaml.text().getBytes(StandardCharsets.UTF_8));
        StubHttp.Answer json = send(stub, "GET", "/openapi.json", null, Map.of());
        assertEquals(200, json.status());
        assertEquals("application/json", json.header("Content-Type"));
        assertEquals(StubHttp.JSON.readTree(NodePoolContract.openApiJsonText()), json.json());
        assertEquals(
                405, send(stub, "POST", "/openapi.yaml", new byte[0], Map.of()).status());
    }

    @Test
    void aFullStoreAnswers507UntilReset() {
        try (CceNodePoolStub small = CceNodePoolStub.builder()
                .config(StubConfig.builder().maxNodePools(2).build())
                .start()) {
            assertEquals(201, create(small, "c", request("one", "x")).status());
            assertEquals(201, create(small, "c", request("two", "x")).status());
            StubHttp.Answer full = create(small, "c", request("three", "x"));
            assertEquals(507, full.status());
            assertCceShaped(full);
            assertEquals(CceErrors.STORE_FULL, full.errorCode());
            assertEquals(409, create(small, "c", request("two", "x")).status(), "a taken name is still a conflict");
            small.reset();
            assertEquals(201, create(small, "c", request("three", "x")).status());
        }
    }

    /** Issue 10, item 4: the listing streams and pages (offset, limit) and reports the total as count. */
    @Test
    void nodePoolsListingPages() {
        for (String name : List.of("p-0", "p-1", "p-2", "p-3", "p-4")) {
            assertEquals(
                    201, create(stub, "az-cluster", request(name, "random")).status());
        }
        StubHttp.Answer all = send(stub, "GET", "/__admin/nodepools", null, Map.of());
        assertEquals(200, all.status());
        assertCceShaped(all);
        assertEquals(5, all.json().path("nodePools").size());
        assertEquals(5, all.json().path("count").asInt());
        assertEquals(
                AdminApi_toJson(stub.nodePools().get(0)).toString(),
                all.json().path("nodePools").get(0).toString());
        StubHttp.Answer page = send(stub, "GET", "/__admin/nodepools?offset=1&limit=2", null, Map.of());
        assertEquals(200, page.status());
        assertEquals(
                List.of("p-1", "p-2"),
                List.of(
                        page.json().at("/nodePools/0/name").asText(),
                        page.json().at("/nodePools/1/name").asText()));
        assertEquals(2, page.json().path("nodePools").size());
        assertEquals(5, page.json().path("count").asInt());
        assertEquals(1, page.json().path("offset").asInt());
        assertEquals(2, page.json().path("limit").asInt());
        assertEquals(
                0,
                send(stub, "GET", "/__admin/nodepools?offset=9", null, Map.of())
                        .json()
                        .path("nodePools")
                        .size());
        for (String bad : List.of("limit=0", "offset=-1", "limit=x", "offset=99999999999999")) {
            StubHttp.Answer refused = send(stub, "GET", "/__admin/nodepools?" + bad, null, Map.of());
            assertEquals(400, refused.status(), bad);
            assertCceShaped(refused);
        }
        StubHttp.Answer journal = send(stub, "GET", "/__admin/requests", null, Map.of());
        assertEquals(200, journal.status());
        assertEquals(
                StubHttp.JSON.valueToTree(stub.journal().get(0).toJson()).toString(),
                journal.json().path("requests").get(0).toString());
    }

    private static JsonNode AdminApi_toJson(StoredNodePool pool) {
        return io.github.ccecontract.nodepool.stub.admin.AdminApi.toJson(pool);
    }

    @Test
    void journalEntryOfATooLargeBody() {
        try (CceNodePoolStub small = CceNodePoolStub.builder()
                .config(StubConfig.builder().maxBodyBytes(100).build())
                .start()) {
            byte[] body = new byte[1000];
            java.util.Arrays.fill(body, (byte) 'x');
            send(
                    small,
                    "POST",
                    StubHttp.nodePoolsPath("p", "c"),
                    body,
                    Map.of("Content-Type", "application/json", "X-Auth-Token", "t"));
            JournalEntry entry = small.journal().get(0);
            assertEquals(413, entry.status());
            assertNull(entry.bodyJson());
        }
    }
}
