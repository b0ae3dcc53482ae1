package io.github.ccecontract.nodepool.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.ccecontract.nodepool.contract.CceJson;
import io.github.ccecontract.nodepool.contract.NodePoolContract.DocumentedExample;
import io.github.ccecontract.nodepool.contract.model.Login;
import io.github.ccecontract.nodepool.contract.model.LoginResponse;
import io.github.ccecontract.nodepool.contract.model.NodePoolResponse;
import io.github.ccecontract.nodepool.contract.model.NodeTemplateResponse;
import io.github.ccecontract.nodepool.contract.model.VolumeResponse;
import io.github.ccecontract.nodepool.openapi.testing.Contract;
import java.util.List;
import java.util.Map;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.Test;

/**
 * The client reads what a real CCE answers, not only what the page shows, and loses nothing of it
 * (issue 9, "strict on requests, tolerant on responses"): values beyond the request's ranges and
 * enumerations, and members no table lists, at every level, survive a read and a write.
 */
class TolerantReaderTest {
    private static final ObjectMapper MAPPER = CceJson.newObjectMapper();

    /** The documented CCE response as a newer CCE could send it. */
    static ObjectNode realResponse() {
        ObjectNode response = Contract.example(DocumentedExample.CCE_CLUSTER_RESPONSE);
        response.put("serverVersion", "v3.1"); // top level
        ObjectNode metadata = (ObjectNode) response.get("metadata");
        metadata.put("creationTimestamp", "2026-11-29 19:00:00.123 +0000 UTC"); // metadata
        metadata.putObject("annotations").put("kubernetes.io/node-pool.initial-node-count", "0");
        ObjectNode template = (ObjectNode) response.at("/spec/nodeTemplate");
        template.put("os", "EulerOS 2.10"); // an OS the page does not list
        template.putObject("hostnameConfig").put("type", "privateIp"); // nodeTemplate
        ObjectNode data = (ObjectNode) template.at("/dataVolumes/0");
        data.put("size", 2048); // a 2 TB data disk
        data.put("volumetype", "GPSSD"); // a disk type the page does not list
        data.put("clusterId", "7b8a1c2d"); // a volume
        data.putObject("extendParam").put("useType", "docker").put("useLVM", true);
        ((ObjectNode) template.get("rootVolume")).put("iops", 3000);
        ((ObjectNode) template.get("login")).putObject("userPassword").put("username", "root");
        ((ObjectNode) template.at("/nodeNicSpec/primaryNic")).put("ipv6Enable", false);
        ((ObjectNode) template.get("extendParam")).put("securityReinforcementType", "null");
        ((ObjectNode) template.at("/taints/0")).put("effect", "NoScheduleSoon"); // an effect the page does not list
        ((ObjectNode) template.at("/userTags/0")).put("origin", "tms");
        ((ObjectNode) response.at("/spec/autoscaling")).put("scaleDownCooldownTimeUnit", "minutes");
        ((ObjectNode) response.get("spec")).put("type", "pm"); // a pool type the page does not list
        ((ObjectNode) response.get("spec")).putArray("customSecurityGroups").add("sg-1");
        ObjectNode status = (ObjectNode) response.get("status");
        status.put("phase", "Upgrading"); // a phase the page does not list
        status.putObject("conditions").put("scaleUp", "ok");
        return response;
    }

    @Test
    void aRealResponseReadsWithoutLossAndWritesBackEqual() throws Exception {
        ObjectNode real = realResponse();
        NodePoolResponse read = MAPPER.treeToValue(real, NodePoolResponse.class);

        NodeTemplateResponse template = read.getSpec().getNodeTemplate();
        VolumeResponse data = template.getDataVolumes().get(0);
        assertEquals(2048, data.getSize());
        assertEquals("GPSSD", data.getVolumetype());
        assertEquals("EulerOS 2.10", template.getOs());
        assertEquals("NoScheduleSoon", template.getTaints().get(0).getEffect());
        assertEquals("pm", read.getSpec().getType());
        assertEquals("Upgrading", read.getStatus().getPhase());
        assertEquals("7b8a1c2d", data.getUnknownMembers().get("clusterId"));
        assertEquals(Map.of("type", "privateIp"), template.getUnknownMembers().get("hostnameConfig"));
        assertEquals(List.of("sg-1"), read.getSpec().getUnknownMembers().get("customSecurityGroups"));
        assertEquals("v3.1", read.getUnknownMembers().get("serverVersion"));

        JsonNode written = Contract.PLAIN_JSON.readTree(MAPPER.writeValueAsBytes(read));
        assertEquals(real, written, "read, then written back: the same JSON tree");
        assertEquals(real, Contract.PLAIN_JSON.valueToTree(read), "the same with a plain ObjectMapper");
    }

    /** Through the client: the answer of a (mock) CCE reaches the caller whole. */
    @Test
    void theClientReturnsARealResponseWhole() throws Exception {
        ObjectNode real = realResponse();
        try (MockWebServer server = new MockWebServer()) {
            server.start();
            server.enqueue(new MockResponse.Builder()
                    .code(201)
                    .addHeader("Content-Type", "application/json")
                    .body(real.toString())
                    .build());
            try (CceNodePoolClient client = CceNodePoolClient.builder()
                    .endpoint(server.url("/").toString())
                    .projectId("p")
                    .credentials(new io.github.ccecontract.nodepool.client.auth.TokenCredentials("t"))
                    .build()) {
                NodePoolResponse created = client.createNodePool(
                        "c1", CceNodePoolClientTest.documentedRequest(DocumentedExample.CCE_CLUSTER_REQUEST));
                assertEquals(real, Contract.PLAIN_JSON.valueToTree(created));
            }
        }
    }

    /** Unknown members are shown by name only in toString (a value may be a secret), secrets masked. */
    @Test
    void toStringNamesUnknownMembersAndMasksSecrets() throws Exception {
        LoginResponse login = MAPPER.readValue(
                "{\"sshKey\":\"k\",\"userPassword\":\"Node-Passw0rd!\"," + "\"password\":\"S3cret-in-wrong-member\"}",
                LoginResponse.class);
        String text = login.toString();
        assertFalse(text.contains("Node-Passw0rd!"), text);
        assertFalse(text.contains("S3cret-in-wrong-member"), text);
        assertTrue(text.contains("userPassword: *"), text);
        assertTrue(text.contains("(unknown members): [password]"), text);
        String request = new Login().userPassword("Node-Passw0rd!").toString();
        assertFalse(request.contains("Node-Passw0rd!"), request);
        assertTrue(new Login().sshKey("k").toString().contains("userPassword: null"), "unset is shown as null");
    }
}
