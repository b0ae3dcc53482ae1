package io.github.ccecontract.nodepool.stub.domain;

import static io.github.ccecontract.nodepool.stub.domain.DocumentedExamples.CCE_REQUEST;
import static io.github.ccecontract.nodepool.stub.domain.DocumentedExamples.CCE_RESPONSE;
import static io.github.ccecontract.nodepool.stub.domain.DocumentedExamples.MAPPER;
import static io.github.ccecontract.nodepool.stub.domain.DocumentedExamples.TURBO_REQUEST;
import static io.github.ccecontract.nodepool.stub.domain.DocumentedExamples.TURBO_RESPONSE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.ccecontract.nodepool.contract.cluster.AzInventory;
import io.github.ccecontract.nodepool.contract.cluster.Cluster;
import io.github.ccecontract.nodepool.contract.cluster.ClusterType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class NodePoolFactoryTest {

    private static final Cluster ANY_CLUSTER = Cluster.unspecified();
    private static final String UID = "0b6e8f6a-8c1e-4f3a-9d0e-1a2b3c4d5e6f";
    private static final String KEY = "ssh-rsa AAAAB3NzaC1yc2E test\n";
    private static final Supplier<String> NO_KEY_EXPECTED = () -> fail("no publicKey expected for this pool");

    @Nested
    class DocumentedPairs {

        @Test
        void cceRequestGivesCceResponse() {
            JsonNode expected = DocumentedExamples.load(CCE_RESPONSE);
            ObjectNode actual = NodePoolFactory.build(
                    DocumentedExamples.load(CCE_REQUEST),
                    ANY_CLUSTER,
                    expected.at("/metadata/uid").asText(),
                    () -> expected.at("/spec/nodeTemplate/extendParam/publicKey")
                            .asText());
            assertEquals(expected, actual);
        }

        @Test
        void turboRequestGivesTurboResponse() {
            JsonNode expected = DocumentedExamples.load(TURBO_RESPONSE);
            ObjectNode actual = NodePoolFactory.build(
                    DocumentedExamples.load(TURBO_REQUEST),
                    ANY_CLUSTER,
                    expected.at("/metadata/uid").asText(),
                    NO_KEY_EXPECTED);
            assertEquals(expected, actual);
        }

        @Test
        void cceResponseWithGeneratedUidAndKeyDiffersOnlyInThem() {
            ObjectNode actual = NodePoolFactory.build(
                    DocumentedExamples.load(CCE_REQUEST),
                    ANY_CLUSTER,
                    new UidGenerator().next(),
                    new PublicKeyGenerator());
            assertTrue(actual.at("/metadata/uid")
                    .asText()
                    .matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}"));
            assertTrue(actual.at("/spec/nodeTemplate/extendParam/publicKey")
                    .asText()
                    .startsWith("ssh-rsa AAAAB3NzaC1yc2EAAAADAQA"));
            assertEquals(withoutGeneratedValues(DocumentedExamples.load(CCE_RESPONSE)), withoutGeneratedValues(actual));
        }

        @Test
        void turboResponseWithGeneratedUidDiffersOnlyInIt() {
            ObjectNode actual = NodePoolFactory.build(
                    DocumentedExamples.load(TURBO_REQUEST), ANY_CLUSTER, new UidGenerator().next(), NO_KEY_EXPECTED);
            assertEquals(
                    withoutGeneratedValues(DocumentedExamples.load(TURBO_RESPONSE)), withoutGeneratedValues(actual));
        }

        @Test
        void cceResponseKeepsTheDocumentedMemberOrder() {
            JsonNode expected = DocumentedExamples.load(CCE_RESPONSE);
            ObjectNode actual =
                    NodePoolFactory.build(DocumentedExamples.load(CCE_REQUEST), ANY_CLUSTER, UID, () -> KEY);
            assertEquals(memberOrder(expected), memberOrder(actual));
        }

        @Test
        void turboResponseKeepsTheDocumentedMemberOrder() {
            JsonNode expected = DocumentedExamples.load(TURBO_RESPONSE);
            ObjectNode actual =
                    NodePoolFactory.build(DocumentedExamples.load(TURBO_REQUEST), ANY_CLUSTER, UID, NO_KEY_EXPECTED);
            assertEquals(memberOrder(expected), memberOrder(actual));
        }

        @Test
        void theRequestIsNotModified() {
            JsonNode request = DocumentedExamples.load(CCE_REQUEST);
            NodePoolFactory.build(request, ANY_CLUSTER, UID, () -> KEY);
            assertEquals(DocumentedExamples.load(CCE_REQUEST), request);
        }
    }

    @Nested
    class VmDerivations {

        @Test
        void typeDefaultsToVmAndVmRulesApply() {
            ObjectNode request = vmRequest();
            ((ObjectNode) request.get("spec")).remove("type");
            ObjectNode response = build(request);
            assertEquals("vm", response.at("/spec/type").asText());
            assertEquals(
                    KEY, response.at("/spec/nodeTemplate/extendParam/publicKey").asText());
        }

        @Test
        void loginGainsEmptyPassword() {
            ObjectNode response = build(vmRequest());
            assertEquals(json("{\"sshKey\":\"k\",\"userPassword\":{}}"), response.at("/spec/nodeTemplate/login"));
        }

        @Test
        void sentPasswordIsNotEchoed() {
            ObjectNode request = vmRequest();
            template(request).set("login", json("{\"userPassword\":\"secret\"}"));
            assertEquals(json("{\"userPassword\":{}}"), build(request).at("/spec/nodeTemplate/login"));
        }

        @Test
        void publicIpDefaultsToEmptyBandwidth() {
            assertEquals(
                    json("{\"eip\":{\"bandwidth\":{}}}"), build(vmRequest()).at("/spec/nodeTemplate/publicIP"));
        }

        @Test
        void sentPublicIpIsReturnedAsSent() {
            ObjectNode request = vmRequest();
            JsonNode publicIp = json(
                    "{\"count\":1,\"eip\":{\"iptype\":\"5_bgp\",\"bandwidth\":{\"size\":10,\"sharetype\":\"PER\"}}}");
            template(request).set("publicIP", publicIp);
            assertEquals(publicIp, build(request).at("/spec/nodeTemplate/publicIP"));
        }

        @Test
        void k8sTagsAreCreatedWithThePoolNameTag() {
            assertEquals(
                    json("{\"cce.cloud.com/cce-nodepool\":\"pool-1\"}"),
                    build(vmRequest()).at("/spec/nodeTemplate/k8sTags"));
        }

        @Test
        void poolNameTagReplacesASentValueAndTagsComeInKeyOrder() {
            ObjectNode request = vmRequest();
            template(request)
                    .set("k8sTags", json("{\"zeta\":\"1\",\"cce.cloud.com/cce-nodepool\":\"other\",\"alpha\":\"2\"}"));
            JsonNode tags = build(request).at("/spec/nodeTemplate/k8sTags");
            assertEquals("pool-1", tags.get("cce.cloud.com/cce-nodepool").asText());
            assertEquals(List.of("alpha", "cce.cloud.com/cce-nodepool", "zeta"), names(tags));
        }

        @Test
        void extendParamIsCreatedWithThePublicKey() {
            assertEquals(
                    json("{\"publicKey\":\"" + KEY.replace("\n", "\\n") + "\"}"),
                    build(vmRequest()).at("/spec/nodeTemplate/extendParam"));
        }

        @Test
        void osIsNotInventedForVm() {
            assertFalse(build(vmRequest()).at("/spec/nodeTemplate").has("os"));
        }

        @Test
        void statusHasFourMembers() {
            assertEquals(
                    json("{\"currentNode\":0,\"deletingNode\":0,\"creatingNode\":0,\"phase\":\"\"}"),
                    build(vmRequest()).get("status"));
        }

        @Test
        void threeInitialNodesAreBeingCreated() {
            ObjectNode request = vmRequest();
            ((ObjectNode) request.get("spec")).put("initialNodeCount", 3);
            assertEquals(
                    json("{\"currentNode\":0,\"deletingNode\":0,\"creatingNode\":3,\"phase\":\"Synchronizing\"}"),
                    build(request).get("status"));
        }

        @Test
        void noAzWithRoomMakesThePoolSoldOut() {
            ObjectNode request = vmRequest();
            ((ObjectNode) request.get("spec")).put("initialNodeCount", 3);
            Cluster soldOut = new Cluster(ClusterType.CCE, 50, List.of(AzInventory.soldOut("eu-de-01", 0)));
            assertEquals(
                    json("{\"currentNode\":0,\"deletingNode\":0,\"creatingNode\":0,\"phase\":\"SoldOut\"}"),
                    NodePoolFactory.build(request, soldOut, UID, () -> KEY).get("status"));
        }

        @Test
        void randomAzIsEchoedWhileThePlacementNamesTheChosenAz() {
            ObjectNode request = vmRequest();
            template(request).put("az", "random");
            ((ObjectNode) request.get("spec")).put("initialNodeCount", 2);
            Cluster cluster = new Cluster(
                    ClusterType.CCE,
                    50,
                    List.of(AzInventory.available("eu-de-01", 1), AzInventory.available("eu-de-02", 0)));
            assertEquals(new Placement("eu-de-02", 2), NodePoolFactory.placementFor(request, cluster));
            ObjectNode response = NodePoolFactory.build(request, cluster, UID, () -> KEY);
            assertEquals("random", response.at("/spec/nodeTemplate/az").asText());
            assertEquals("Synchronizing", response.at("/status/phase").asText());
        }
    }

    @Nested
    class ElasticBmsDerivations {

        @Test
        void osDefaultsToEulerOs29() {
            assertEquals(
                    "EulerOS 2.9",
                    build(bmsRequest()).at("/spec/nodeTemplate/os").asText());
        }

        @Test
        void sentOsIsReturnedAsSent() {
            ObjectNode request = bmsRequest();
            template(request).put("os", "CentOS 7.7");
            assertEquals(
                    "CentOS 7.7", build(request).at("/spec/nodeTemplate/os").asText());
        }

        @Test
        void nothingVmSpecificIsAdded() {
            JsonNode template = build(bmsRequest()).at("/spec/nodeTemplate");
            assertFalse(template.has("publicIP"));
            assertFalse(template.has("k8sTags"));
            assertFalse(template.has("extendParam"));
            assertEquals(json("{\"sshKey\":\"k\"}"), template.get("login"));
        }

        @Test
        void sentPasswordIsNotEchoed() {
            ObjectNode request = bmsRequest();
            template(request).set("login", json("{\"sshKey\":\"k\",\"userPassword\":\"secret\"}"));
            assertEquals(
                    json("{\"sshKey\":\"k\",\"userPassword\":{}}"),
                    build(request).at("/spec/nodeTemplate/login"));
        }

        @Test
        void statusHasPhaseOnly() {
            ObjectNode request = bmsRequest();
            ((ObjectNode) request.get("spec")).put("initialNodeCount", 3);
            assertEquals(json("{\"phase\":\"Synchronizing\"}"), build(request).get("status"));
        }
    }

    @Nested
    class CommonDerivations {

        @Test
        void metadataIsNameAndUidOnly() {
            ObjectNode request = vmRequest();
            ((ObjectNode) request.get("metadata")).put("labels", "x");
            assertEquals(
                    json("{\"name\":\"pool-1\",\"uid\":\"" + UID + "\"}"),
                    build(request).get("metadata"));
        }

        @Test
        void unknownSpecAndTemplateMembersAreEchoedAfterTheKnownOnes() {
            ObjectNode request = vmRequest();
            ((ObjectNode) request.get("spec")).put("extra", 1);
            template(request).put("hostnameConfig", "x");
            ObjectNode response = build(request);
            assertEquals(List.of("initialNodeCount", "type", "nodeTemplate", "extra"), names(response.get("spec")));
            List<String> templateNames = names(response.at("/spec/nodeTemplate"));
            assertEquals("hostnameConfig", templateNames.get(templateNames.size() - 1));
        }

        @Test
        void unknownTopLevelMembersAreNotEchoed() {
            ObjectNode request = vmRequest();
            request.put("extra", 1);
            assertEquals(List.of("kind", "apiVersion", "metadata", "spec", "status"), names(build(request)));
        }
    }

    // --- helpers

    private static ObjectNode build(JsonNode request) {
        Supplier<String> key =
                NodePoolType.ofSpec(request.get("spec")) == NodePoolType.VM ? () -> KEY : NO_KEY_EXPECTED;
        return NodePoolFactory.build(request, ANY_CLUSTER, UID, key);
    }

    private static ObjectNode vmRequest() {
        return (ObjectNode) json("""
                {"kind": "NodePool", "apiVersion": "v3", "metadata": {"name": "pool-1"},
                 "spec": {"initialNodeCount": 0, "type": "vm",
                   "nodeTemplate": {"flavor": "s6.large.2", "az": "eu-de-01", "login": {"sshKey": "k"},
                     "rootVolume": {"volumetype": "SATA", "size": 40},
                     "dataVolumes": [{"volumetype": "SATA", "size": 100}]}}}
                """);
    }

    private static ObjectNode bmsRequest() {
        ObjectNode request = vmRequest();
        ((ObjectNode) request.get("spec")).put("type", "ElasticBMS");
        return request;
    }

    private static ObjectNode template(ObjectNode request) {
        return (ObjectNode) request.at("/spec/nodeTemplate");
    }

    private static JsonNode json(String text) {
        try {
            return MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static List<String> names(JsonNode object) {
        List<String> names = new ArrayList<>();
        for (Map.Entry<String, JsonNode> member : object.properties()) {
            names.add(member.getKey());
        }
        return names;
    }

    /** Every object's member names, depth first, so that two trees compare by member order. */
    private static List<String> memberOrder(JsonNode node) {
        List<String> order = new ArrayList<>();
        collectOrder(node, "", order);
        return order;
    }

    private static void collectOrder(JsonNode node, String path, List<String> order) {
        if (node.isObject()) {
            order.add(path + " " + names(node));
            for (Map.Entry<String, JsonNode> member : node.properties()) {
                collectOrder(member.getValue(), path + "/" + member.getKey(), order);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                collectOrder(node.get(i), path + "/" + i, order);
            }
        }
    }

    private static JsonNode withoutGeneratedValues(JsonNode response) {
        ObjectNode copy = (ObjectNode) response.deepCopy();
        ((ObjectNode) copy.get("metadata")).remove("uid");
        if (copy.at("/spec/nodeTemplate/extendParam") instanceof ObjectNode extendParam) {
            extendParam.remove("publicKey");
        }
        return copy;
    }
}
