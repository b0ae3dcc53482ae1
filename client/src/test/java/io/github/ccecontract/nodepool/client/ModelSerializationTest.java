package io.github.ccecontract.nodepool.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.ccecontract.nodepool.contract.CceJson;
import io.github.ccecontract.nodepool.contract.NodePoolContract.Direction;
import io.github.ccecontract.nodepool.contract.NodePoolContract.DocumentedExample;
import io.github.ccecontract.nodepool.contract.model.ApiGatewayError;
import io.github.ccecontract.nodepool.contract.model.CceError;
import io.github.ccecontract.nodepool.contract.model.DataVolumeMetadata;
import io.github.ccecontract.nodepool.contract.model.LoginResponse;
import io.github.ccecontract.nodepool.contract.model.NodeExtendParam;
import io.github.ccecontract.nodepool.contract.model.NodePool;
import io.github.ccecontract.nodepool.contract.model.NodePoolResponse;
import io.github.ccecontract.nodepool.contract.model.NodePoolSpec;
import io.github.ccecontract.nodepool.contract.model.NodePoolStatus;
import io.github.ccecontract.nodepool.contract.model.NodeTemplate;
import io.github.ccecontract.nodepool.contract.model.Volume;
import io.github.ccecontract.nodepool.openapi.testing.Contract;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The generated models read and write the document's JSON as it is: nothing added, nothing lost. */
class ModelSerializationTest {
    private static final ObjectMapper MAPPER = CceJson.newObjectMapper();

    private static Class<?> modelOf(DocumentedExample example) {
        return example.direction() == Direction.REQUEST ? NodePool.class : NodePoolResponse.class;
    }

    /** Each documented example reads into its model and writes back to an equal JSON tree. */
    @ParameterizedTest
    @EnumSource(DocumentedExample.class)
    void documentedExampleRoundTrips(DocumentedExample example) throws Exception {
        JsonNode documented = Contract.example(example);
        Object model = MAPPER.treeToValue(documented, modelOf(example));
        JsonNode written = Contract.PLAIN_JSON.readTree(MAPPER.writeValueAsBytes(model));
        assertEquals(documented, written, example + ": written back differently");
        // The same with a mapper that has no configuration at all: the models carry NON_NULL themselves.
        assertEquals(documented, Contract.PLAIN_JSON.valueToTree(model), example + ": with a plain ObjectMapper");
    }

    /**
     * A response with members the document does not know, at every level, reads, keeps them (the
     * models' unknownMembers) and writes them back: the JSON tree is unchanged. With a plain mapper too:
     * the models do not depend on the client's configuration.
     */
    @ParameterizedTest
    @EnumSource(
            value = DocumentedExample.class,
            names = {"CCE_CLUSTER_RESPONSE", "CCE_TURBO_CLUSTER_RESPONSE"})
    void unknownMembersOfAResponseAreKept(DocumentedExample example) throws Exception {
        ObjectNode extended = Contract.example(example);
        int added = addUnknownMembers(extended, MAPPER.constructType(NodePoolResponse.class));
        assertTrue(added >= 10, "unknown members added to " + added + " objects");
        for (var mapper : List.of(MAPPER, Contract.PLAIN_JSON)) {
            NodePoolResponse read = mapper.treeToValue(extended, NodePoolResponse.class);
            assertEquals(
                    extended,
                    Contract.PLAIN_JSON.readTree(mapper.writeValueAsBytes(read)),
                    example + ": read then written back");
            assertEquals(
                    Map.of("x", 1, "y", List.of("z")),
                    read.getSpec().getUnknownMembers().get("futureMember"));
            assertNotEquals(
                    MAPPER.treeToValue(Contract.example(example), NodePoolResponse.class),
                    read,
                    "unknown members take part in equals");
        }
    }

    /** Adds members to every object that is a model (not to maps such as k8sTags): returns how many objects. */
    private static int addUnknownMembers(JsonNode node, JavaType type) {
        int added = 0;
        if (node.isArray() && type.isContainerType()) {
            for (JsonNode item : node) added += addUnknownMembers(item, type.getContentType());
        } else if (node.isObject() && type.getRawClass().getPackageName().endsWith(".model")) {
            BeanDescription bean = MAPPER.getSerializationConfig().introspect(type);
            for (BeanPropertyDefinition property : bean.findProperties()) {
                if (node.has(property.getName())) {
                    added += addUnknownMembers(node.get(property.getName()), property.getPrimaryType());
                }
            }
            ((ObjectNode) node)
                    .putObject("futureMember")
                    .put("x", 1)
                    .putArray("y")
                    .add("z");
            ((ObjectNode) node).put("futureFlag", true);
            added++;
        }
        return added;
    }

    @Test
    void anEnumValueTheDocumentDoesNotKnowReadsAsItsString() throws Exception {
        ObjectNode response = Contract.example(DocumentedExample.CCE_TURBO_CLUSTER_RESPONSE);
        ((ObjectNode) response.get("status")).put("phase", "Upgrading");
        ((ObjectNode) response.get("spec")).put("type", "ElasticBMSv2");
        NodePoolResponse read = MAPPER.treeToValue(response, NodePoolResponse.class);
        assertEquals("Upgrading", read.getStatus().getPhase());
        assertEquals("ElasticBMSv2", read.getSpec().getType());
        assertEquals("turbo-cluster-nodepool1", read.getMetadata().getName());
        assertEquals(response, Contract.PLAIN_JSON.readTree(MAPPER.writeValueAsBytes(read)));
    }

    /** No field is initialised from a default: a model writes exactly what was set. */
    @Test
    void defaultsOfTheDocumentAreNotWritten() throws Exception {
        assertEquals("{}", MAPPER.writeValueAsString(new NodePool()));
        assertEquals("{}", MAPPER.writeValueAsString(new NodePoolSpec()), "spec.type default vm");
        assertEquals("{}", MAPPER.writeValueAsString(new NodeExtendParam()), "nicMultiqueue, nicThreshold defaults");
        assertEquals("{}", MAPPER.writeValueAsString(new DataVolumeMetadata()), "__system__encrypted default '0'");
        assertEquals("{}", MAPPER.writeValueAsString(new NodeTemplate()), "no empty arrays or maps");
        assertEquals("{}", MAPPER.writeValueAsString(new Volume()));
        assertEquals("{}", MAPPER.writeValueAsString(new CceError()));
        // Required members left null are not written as null either (the plain mapper: the models' own annotations).
        assertEquals(
                "{\"metadata\":{}}",
                Contract.PLAIN_JSON.writeValueAsString(
                        new NodePool().metadata(new io.github.ccecontract.nodepool.contract.model.NodePoolMetadata())));
    }

    @Test
    void theCceRequestDoesNotGainTheNicDefaults() throws Exception {
        NodePool pool = MAPPER.treeToValue(Contract.example(DocumentedExample.CCE_CLUSTER_REQUEST), NodePool.class);
        JsonNode extendParam = MAPPER.valueToTree(pool).at("/spec/nodeTemplate/extendParam");
        assertFalse(extendParam.has("nicMultiqueue"), extendParam.toString());
        assertFalse(extendParam.has("nicThreshold"), extendParam.toString());
    }

    @Test
    void javaNamesOfMembersThatAreNotJavaNames() throws Exception {
        NodeExtendParam extendParam = new NodeExtendParam()
                .preInstall("cHJl")
                .postInstall("cG9zdA==")
                .nodeImageId("image")
                .dockerLvmConfigOverride("lvType=linear")
                .agencyName("agency");
        assertEquals(
                Map.of(
                        "alpha.cce/preInstall",
                        "cHJl",
                        "alpha.cce/postInstall",
                        "cG9zdA==",
                        "alpha.cce/NodeImageID",
                        "image",
                        "DockerLVMConfigOverride",
                        "lvType=linear",
                        "agency_name",
                        "agency"),
                MAPPER.convertValue(extendParam, Map.class));
        assertEquals(Map.of("hw:passthrough", true), MAPPER.convertValue(new Volume().hwPassthrough(true), Map.class));
        assertEquals(
                Map.of("__system__encrypted", "1", "__system__cmkid", "key"),
                MAPPER.convertValue(
                        new DataVolumeMetadata()
                                .systemEncrypted(DataVolumeMetadata.SystemEncryptedEnum.ENCRYPTED)
                                .systemCmkid("key"),
                        Map.class));
    }

    @Test
    void cceErrorAndGatewayErrorAreTwoSchemas() throws Exception {
        CceError error = MAPPER.readValue(
                "{\"errorCode\":\"CCE.01400001\",\"errorMessage\":\"Invalid request.\"}", CceError.class);
        assertEquals("CCE.01400001", error.getErrorCode());
        assertEquals("Invalid request.", error.getErrorMessage());
        ApiGatewayError gateway = MAPPER.readValue(
                "{\"error_code\":\"APIG.1002\",\"error_msg\":\"Incorrect token\"}", ApiGatewayError.class);
        assertEquals("APIG.1002", gateway.getErrorCode());
        assertEquals("Incorrect token", gateway.getErrorMsg());
    }

    @Test
    void userPasswordOfTheResponseIsAnyJsonValue() throws Exception {
        assertEquals(
                Map.of(),
                MAPPER.readValue("{\"userPassword\":{}}", LoginResponse.class).getUserPassword());
        assertEquals(
                "x",
                MAPPER.readValue("{\"userPassword\":\"x\"}", LoginResponse.class)
                        .getUserPassword());
        assertEquals(
                List.of(1),
                MAPPER.readValue("{\"userPassword\":[1]}", LoginResponse.class).getUserPassword());
    }

    @Test
    void theBlankPhaseIsAValue() throws Exception {
        assertEquals(
                "", MAPPER.readValue("{\"phase\":\"\"}", NodePoolStatus.class).getPhase());
        assertEquals(
                "Upgrading",
                MAPPER.readValue("{\"phase\":\"Upgrading\"}", NodePoolStatus.class)
                        .getPhase(),
                "an open list (x-extensible-enum): a phase the page does not list is read as it is");
    }
}
