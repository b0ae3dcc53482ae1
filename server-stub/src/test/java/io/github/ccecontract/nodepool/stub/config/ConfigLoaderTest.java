package io.github.ccecontract.nodepool.stub.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ccecontract.nodepool.contract.cluster.AzInventory;
import io.github.ccecontract.nodepool.contract.cluster.Cluster;
import io.github.ccecontract.nodepool.contract.cluster.ClusterType;
import io.github.ccecontract.nodepool.stub.faults.Fault;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConfigLoaderTest {

    static final String YAML = """
            clusters:
              - id: c1
                type: CCE
                maxNodes: 50
                azs:
                  - {name: eu-de-01, existingNodes: 2}
                  - {name: eu-de-02, soldOut: true}
              - id: c2
                type: turbo
              - id: c3
            tokens: [t1, t2]
            accessKeys: {AK1: SK1}
            maxNodePools: 7
            maxBodyBytes: 2048
            journalSize: 9
            journalAllRequests: true
            faults:
              - {status: 429, retryAfter: 2, times: 2, cluster: c1}
              - {status: 401, example: gateway, probability: 0.5, seed: 7}
              - {delayMillis: {min: 100, max: 200}, name: slow, header: {name: X-Test, value: v}}
              - {connection: close, times: 1}
            """;

    @Test
    void readsEveryMember(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("stub.yaml"), YAML);
        StubConfig config = ConfigLoader.load(file);
        assertEquals(
                new Cluster(
                        ClusterType.CCE,
                        50,
                        List.of(new AzInventory("eu-de-01", 2, false), new AzInventory("eu-de-02", 0, true))),
                config.clusters().get("c1"));
        assertEquals(ClusterType.TURBO, config.clusters().get("c2").type());
        assertEquals(Cluster.DEFAULT_MAX_NODES, config.clusters().get("c2").maxNodes());
        assertNull(config.clusters().get("c3").type(), "no type: either kind");
        assertEquals(Set.of("t1", "t2"), config.tokens());
        assertEquals(Map.of("AK1", "SK1"), config.accessKeys());
        assertEquals(7, config.maxNodePools());
        assertEquals(2048, config.maxBodyBytes());
        assertEquals(9, config.journalSize());
        assertTrue(config.journalAllRequests());
        assertEquals(
                List.of(
                        Fault.status(429).retryAfter(2).times(2).forCluster("c1"),
                        Fault.gatewayUnauthorized().probability(0.5).seed(7),
                        Fault.delay(Duration.ofMillis(100), Duration.ofMillis(200))
                                .forName("slow")
                                .forHeader("X-Test", "v"),
                        Fault.closeConnection().once()),
                config.faults());
        assertEquals(config.faults(), config.toBuilder().build().faults(), "toBuilder keeps the faults");
        assertTrue(config.cluster("unknown").isEmpty(), "configured clusters: others are unknown");
        assertTrue(!config.toString().contains("SK1") && !config.toString().contains("t1"), config.toString());
    }

    @Test
    void readsJson(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(
                dir.resolve("stub.json"),
                "{\"clusters\": [{\"id\": \"c1\", \"type\": \"TURBO\", \"maxNodes\": 3}], \"maxBodyBytes\": 100}");
        StubConfig config = ConfigLoader.load(file);
        assertEquals(3, config.clusters().get("c1").maxNodes());
        assertEquals(100, config.maxBodyBytes());
    }

    @Test
    void emptyFileMeansDefaults(@TempDir Path dir) throws IOException {
        StubConfig config = ConfigLoader.load(Files.writeString(dir.resolve("empty.yaml"), ""));
        assertTrue(config.clusters().isEmpty());
        assertEquals(StubConfig.DEFAULT_MAX_BODY_BYTES, config.maxBodyBytes());
        assertEquals(Cluster.unspecified(), config.cluster("any").orElseThrow(), "no clusters: every ID is accepted");
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "maxNodePool: 3|top level: unknown member 'maxNodePool'",
                "clusters: {id: c1}|/clusters: must be a list",
                "clusters: [{type: CCE}]|/clusters/0: a cluster needs an id",
                "clusters: [{id: c1, type: BIG}]|/clusters/0/type: must be CCE or TURBO",
                "clusters: [{id: c1, maxNodes: 0}]|/clusters/0/maxNodes: must be an integer of at least 1",
                "clusters: [{id: c1, maxNodes: x}]|/clusters/0/maxNodes: must be an integer of at least 1",
                "clusters: [{id: c1, azs: [{name: a}, {name: a}]}]|AZ a is listed twice",
                "clusters: [{id: c1, azs: [{existingNodes: 1}]}]|/clusters/0/azs/0: an AZ needs a name",
                "clusters: [{id: c1, azs: [{name: a, soldOut: maybe}]}]|/clusters/0/azs/0/soldOut: must be true or false",
                "clusters: [{id: c1}, {id: c1}]|cluster c1 is configured twice",
                "tokens: [\"\"]|/tokens/0: must be a non-empty string",
                "accessKeys: [AK]|/accessKeys: must be a map",
                "maxBodyBytes: -1|/maxBodyBytes: must be an integer of at least 1",
                "journalSize: 1.5|/journalSize: must be an integer of at least 1",
                "journalAllRequests: yes please|/journalAllRequests: must be true or false",
                "faults: {status: 429}|/faults: must be a list",
                "faults: [{status: 418}]|/faults/0: status must be an error status the document lists for the operation (400, 401, 403, 404, 409, 413, 429, 500, 502, 503, 504, 507), was 418",
                "faults: [{status: 429, times: 0}]|/faults/0: times must be at least 1, was 0",
                "faults: [{status: 500, retryAfter: 1}]|/faults/0: retryAfter: only a fault of status 429 or 503 has a Retry-After header",
                "faults: [{status: 429, clustr: c1}]|/faults/0: unknown member 'clustr' (known: status, example",
                "clusters: [|not valid YAML",
                "- a list|top level: must be a map",
                "unknownMembers: refuse|/unknownMembers: must be warn, reject or ignore, got 'refuse'",
                "unknownMembers: [warn]|/unknownMembers: must be warn, reject or ignore"
            })
    void badFilesAreReportedWithTheirPlace(String text, String expected) {
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.parse(text, false, "stub.yaml"));
        assertTrue(e.getMessage().startsWith("stub.yaml: "), e.getMessage());
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }

    @ParameterizedTest
    @CsvSource({"warn, WARN", "reject, REJECT", "ignore, IGNORE", "Reject, REJECT"})
    void readsUnknownMembers(String value, UnknownMembers expected) {
        assertEquals(
                expected,
                ConfigLoader.parse("unknownMembers: " + value, false, "stub.yaml")
                        .unknownMembers());
        assertEquals(
                expected,
                StubConfig.builder().unknownMembers(expected).build().toBuilder()
                        .build()
                        .unknownMembers());
    }

    @Test
    void unknownMembersAreWarnedAboutByDefault() {
        assertEquals(UnknownMembers.WARN, StubConfig.defaults().unknownMembers());
        assertEquals(
                UnknownMembers.WARN, ConfigLoader.parse("", false, "stub.yaml").unknownMembers());
    }

    @Test
    void missingFileIsReported() {
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(Path.of("no-such.yaml")));
        assertTrue(e.getMessage().contains("no-such.yaml does not exist"), e.getMessage());
    }
}
