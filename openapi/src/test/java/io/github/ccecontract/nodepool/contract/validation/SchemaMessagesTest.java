package io.github.ccecontract.nodepool.contract.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.dialect.Dialects;
import com.networknt.schema.path.NodePath;
import com.networknt.schema.path.PathType;
import io.github.ccecontract.nodepool.contract.ContractDocument;
import io.github.ccecontract.nodepool.contract.NodePoolContract.DocumentedExample;
import io.github.ccecontract.nodepool.contract.model.Violation;
import io.github.ccecontract.nodepool.openapi.testing.Contract;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * One message per JSON Schema keyword, exactly: for the keywords the document uses, through
 * {@link NodePoolValidator#validate} on one small edit of the documented request; for the keywords
 * SchemaMessages knows but the document does not use (yet), through networknt's errors for a small
 * schema of this test's own.
 */
class SchemaMessagesTest {

    private static final NodePoolValidator VALIDATOR = NodePoolValidator.shared();

    private static final String NAME_SENTENCE = "Node pool name: 1 to 50 characters that start with a lowercase"
            + " letter and do not end with a hyphen (-); lowercase letters, digits and hyphens are allowed.";

    /** The violations of the documented CCE cluster request after {@code edit}, without a cluster. */
    private static List<String> after(Consumer<ObjectNode> edit) {
        ObjectNode request = Contract.example(DocumentedExample.CCE_CLUSTER_REQUEST);
        edit.accept(request);
        return describe(VALIDATOR.validate(request, null));
    }

    private static List<String> describe(List<Violation> violations) {
        return violations.stream()
                .map(v -> v.getPointer() + " [" + v.getRule() + "] " + v.getMessage())
                .toList();
    }

    private static ObjectNode at(ObjectNode request, String pointer) {
        return (ObjectNode) request.at(pointer);
    }

    @Test
    void typeNamesTheExpectedAndTheActualType() {
        String name = "/metadata/name [type] metadata.name must be a string, not ";
        assertEquals(
                List.of(name + "an integer."), after(r -> at(r, "/metadata").put("name", 5)));
        assertEquals(
                List.of(name + "a number with a fraction."),
                after(r -> at(r, "/metadata").put("name", 1.5)));
        assertEquals(List.of(name + "true."), after(r -> at(r, "/metadata").put("name", true)));
        assertEquals(List.of(name + "false."), after(r -> at(r, "/metadata").put("name", false)));
        assertEquals(List.of(name + "null."), after(r -> at(r, "/metadata").putNull("name")));
        assertEquals(List.of(name + "an array."), after(r -> at(r, "/metadata").putArray("name")));
        assertEquals(
                List.of(name + "a JSON object."), after(r -> at(r, "/metadata").putObject("name")));

        assertEquals(
                List.of("/spec/initialNodeCount [type] spec.initialNodeCount must be an integer, not a string."),
                after(r -> at(r, "/spec").put("initialNodeCount", "x")));
        assertEquals(
                List.of("/spec/autoscaling/enable [type] spec.autoscaling.enable must be true or false, not a"
                        + " string."),
                after(r -> at(r, "/spec/autoscaling").put("enable", "yes")));
        assertEquals(
                List.of("/spec/nodeTemplate/dataVolumes [type] spec.nodeTemplate.dataVolumes must be an array,"
                        + " not a string."),
                after(r -> at(r, "/spec/nodeTemplate").put("dataVolumes", "none")));
        assertEquals(
                List.of("/spec/nodeTemplate/rootVolume [type] spec.nodeTemplate.rootVolume must be a JSON"
                        + " object, not an integer."),
                after(r -> at(r, "/spec/nodeTemplate").put("rootVolume", 3)));
    }

    @Test
    void typeOfTheWholeBodyNamesTheRequestBody() {
        assertEquals(
                List.of(" [type] The request body must be a JSON object, not an array."),
                describe(VALIDATOR.validate(Contract.PLAIN_JSON.createArrayNode(), null)));
        assertEquals(
                List.of(" [type] The request body must be a JSON object, not a string."),
                describe(VALIDATOR.validate(Contract.PLAIN_JSON.getNodeFactory().textNode("x"), null)));
    }

    @Test
    void enumShowsTheOneValueOrEveryValue() {
        assertEquals(List.of("/kind [enum] kind must be \"NodePool\"."), after(r -> r.put("kind", "Pool")));
        assertEquals(
                List.of("/spec/type [enum] spec.type must be one of \"vm\", \"ElasticBMS\"."),
                after(r -> at(r, "/spec").put("type", "bms")));
    }

    @Test
    void patternShowsThePatternAndTheFirstSentenceOfTheDescription() {
        assertEquals(
                List.of("/metadata/name [pattern] metadata.name does not have the required form (pattern"
                        + " ^[a-z]([a-z0-9-]{0,48}[a-z0-9])?$). " + NAME_SENTENCE),
                after(r -> at(r, "/metadata").put("name", "a_b")));
        // A description of one sentence is shown whole.
        assertEquals(
                List.of("/spec/nodeTemplate/taints/0/value [pattern] spec.nodeTemplate.taints[0].value does not"
                        + " have the required form (pattern ^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$). Taint value: starts with a"
                        + " letter or digit, at most 63 letters, digits, hyphens, underscores and periods."),
                after(r -> at(r, "/spec/nodeTemplate/taints/0").put("value", "-x")));
        // A schema without a description adds nothing.
        assertEquals(
                List.of("/spec/nodeTemplate/k8sTags/tag1 [pattern] spec.nodeTemplate.k8sTags.tag1 does not have"
                        + " the required form (pattern ^([A-Za-z0-9][A-Za-z0-9._-]{0,62})?$)."),
                after(r -> at(r, "/spec/nodeTemplate/k8sTags").put("tag1", "-x")));
    }

    @Test
    void minimumAndMaximumShowTheBoundAndTheValue() {
        assertEquals(
                List.of("/spec/nodeTemplate/rootVolume/size [minimum] spec.nodeTemplate.rootVolume.size must be"
                        + " at least 40 (it is 10)."),
                after(r -> at(r, "/spec/nodeTemplate/rootVolume").put("size", 10)));
        assertEquals(
                List.of("/spec/nodeTemplate/rootVolume/size [maximum] spec.nodeTemplate.rootVolume.size must be"
                        + " at most 1024 (it is 1025)."),
                after(r -> at(r, "/spec/nodeTemplate/rootVolume").put("size", 1025)));
    }

    @Test
    void lengthsCountCodePointsAndNeverShowTheString() {
        assertEquals(
                List.of("/spec/nodeTemplate/flavor [minLength] spec.nodeTemplate.flavor must have at least 1"
                        + " character (it has 0)."),
                after(r -> at(r, "/spec/nodeTemplate").put("flavor", "")));
        assertEquals(
                List.of(
                        "/metadata/name [maxLength] metadata.name must have at most 50 characters (it has 51).",
                        "/metadata/name [pattern] metadata.name does not have the required form (pattern"
                                + " ^[a-z]([a-z0-9-]{0,48}[a-z0-9])?$). " + NAME_SENTENCE),
                after(r -> at(r, "/metadata").put("name", "a".repeat(51))));
        // 64 emoji: 64 code points, 128 UTF-16 chars.
        List<String> emoji = after(r -> at(r, "/spec/nodeTemplate/taints/0").put("value", "\ud83d\ude00".repeat(64)));
        assertEquals(
                "/spec/nodeTemplate/taints/0/value [maxLength] spec.nodeTemplate.taints[0].value must have at"
                        + " most 63 characters (it has 64).",
                emoji.get(0));
        emoji.forEach(message -> assertEquals(-1, message.indexOf('\ud83d'), message));
    }

    @Test
    void itemAndMemberCountsShowTheBoundAndTheSize() {
        assertEquals(
                List.of("/spec/nodeTemplate/userTags [maxItems] spec.nodeTemplate.userTags can have at most 20"
                        + " items (it has 21)."),
                after(r -> {
                    ArrayNode tags = at(r, "/spec/nodeTemplate").putArray("userTags");
                    for (int i = 0; i < 21; i++) {
                        tags.addObject().put("key", "k" + i).put("value", "v");
                    }
                }));
        assertEquals(
                List.of("/spec/nodeTemplate/k8sTags [maxProperties] spec.nodeTemplate.k8sTags can have at most 20"
                        + " members (it has 21)."),
                after(r -> {
                    ObjectNode tags = at(r, "/spec/nodeTemplate").putObject("k8sTags");
                    for (int i = 0; i < 21; i++) {
                        tags.put("k" + i, "v");
                    }
                }));
    }

    @Test
    void notWithAnEnumNamesTheForbiddenValue() {
        assertEquals(
                List.of(
                        "/metadata/name [pattern] metadata.name does not have the required form (pattern"
                                + " ^[a-z]([a-z0-9-]{0,48}[a-z0-9])?$). " + NAME_SENTENCE,
                        "/metadata/name [not] metadata.name must not be \"DefaultPool\". " + NAME_SENTENCE),
                after(r -> at(r, "/metadata").put("name", "DefaultPool")));
    }

    @Test
    void requiredNamesTheMissingMembersPointer() {
        assertEquals(
                List.of("/metadata/name [required] metadata.name is required."),
                after(r -> at(r, "/metadata").remove("name")));
        assertEquals(List.of("/kind [required] kind is required."), after(r -> r.remove("kind")));
        assertEquals(
                List.of(
                        "/spec/nodeTemplate/dataVolumes/0/metadata/__system__encrypted [enum]"
                                + " spec.nodeTemplate.dataVolumes[0].metadata.__system__encrypted must be one of \"0\", \"1\".",
                        "/spec/nodeTemplate/dataVolumes/0/metadata/__system__cmkid [required]"
                                + " spec.nodeTemplate.dataVolumes[0].metadata.__system__cmkid is required."),
                after(r -> at(r, "/spec/nodeTemplate/dataVolumes/0")
                        .putObject("metadata")
                        .put("__system__encrypted", "2")));
    }

    // Keywords the document does not use: networknt's errors for a schema of this test's own. The
    // keyword's value is then not in the bundled document; SchemaMessages takes it from the error.

    private static final String OWN_SCHEMA = """
            {"type": "object", "additionalProperties": false, "properties": {
              "pair": {"type": "array", "minItems": 2},
              "one": {"type": "array", "minItems": 1},
              "unique": {"type": "array", "uniqueItems": true},
              "map": {"type": "object", "minProperties": 2},
              "map1": {"type": "object", "minProperties": 1},
              "code": {"type": "integer", "enum": [1, 2]},
              "even": {"type": "number", "multipleOf": 2},
              "other": {"not": {"type": "string"}},
              "short": {"type": "string", "maxLength": 1},
              "either": {"type": ["string", "integer"]}
            }}""";

    private static List<String> ownSchema(String instance, String schemaFragment) throws Exception {
        SchemaRegistry registry = SchemaRegistry.withDefaultDialect(
                Dialects.getOpenApi30(),
                builder -> builder.schemaRegistryConfig(SchemaRegistryConfig.builder()
                                .pathType(PathType.JSON_POINTER)
                                .build())
                        .schemas(Map.of("urn:test", OWN_SCHEMA)));
        Schema schema = registry.getSchema(SchemaLocation.of("urn:test" + schemaFragment));
        SchemaMessages messages = new SchemaMessages(ContractDocument.bundled());
        List<Error> errors = schema.validate(Contract.PLAIN_JSON.readTree(instance));
        return describe(errors.stream().map(messages::toViolation).toList());
    }

    @Test
    void minItemsAndMinPropertiesCountInTheSingularForOne() throws Exception {
        assertEquals(
                List.of(
                        "/pair [minItems] pair must have at least 2 items (it has 1).",
                        "/one [minItems] one must have at least 1 item (it has 0).",
                        "/map [minProperties] map must have at least 2 members (it has 1).",
                        "/map1 [minProperties] map1 must have at least 1 member (it has 0)."),
                ownSchema("{\"pair\": [1], \"one\": [], \"map\": {\"a\": 1}, \"map1\": {}}", ""));
        assertEquals(
                List.of("/short [maxLength] short must have at most 1 character (it has 2)."),
                ownSchema("{\"short\": \"ab\"}", ""));
    }

    @Test
    void uniqueItemsAndNumericEnums() throws Exception {
        assertEquals(
                List.of(
                        "/unique [uniqueItems] unique must not contain the same item twice.",
                        "/code [enum] code must be one of 1, 2."),
                ownSchema("{\"unique\": [1, 1], \"code\": 3}", ""));
    }

    @Test
    void notWithoutAnEnumNamesTheSchema() throws Exception {
        assertEquals(
                List.of("/other [not] other must not match the schema at /properties/other/not."),
                ownSchema("{\"other\": \"x\"}", ""));
    }

    @Test
    void anUnknownKeywordShowsNetworkntsMessage() throws Exception {
        assertEquals(List.of("/even [multipleOf] even: must be multiple of 2."), ownSchema("{\"even\": 3}", ""));
    }

    @Test
    void aNumberTypeReadsAsANumber() throws Exception {
        assertEquals(
                List.of(" [type] The request body must be a number, not a string."),
                ownSchema("\"x\"", "#/properties/even"));
    }

    @Test
    void aListOfTypesNamesEachType() throws Exception {
        assertEquals(
                List.of("/either [type] either must be a string or an integer, not an array."),
                ownSchema("{\"either\": [1]}", ""));
    }

    @Test
    void additionalPropertiesNamesTheMemberThatIsNotAllowed() throws Exception {
        assertEquals(
                List.of("/extra [additionalProperties] extra is not a member the document allows here."),
                ownSchema("{\"extra\": 1}", ""));
    }

    @Test
    void anErrorWithoutKeywordOrMessageStillReadsAsASentence() {
        SchemaMessages messages = new SchemaMessages(ContractDocument.bundled());
        Error bare = Error.builder()
                .instanceLocation(
                        new NodePath(PathType.JSON_POINTER).append("spec").append(0))
                .messageSupplier(() -> null)
                .build();
        assertEquals(
                List.of("/spec/0 [schema] spec[0]: breaks a rule of the document."),
                describe(List.of(messages.toViolation(bare))));
    }
}
