package io.github.ccecontract.nodepool.openapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import io.github.ccecontract.nodepool.contract.NodePoolContract;
import io.github.ccecontract.nodepool.contract.NodePoolContract.Direction;
import io.github.ccecontract.nodepool.contract.NodePoolContract.DocumentedExample;
import io.github.ccecontract.nodepool.openapi.testing.Contract;
import io.github.ccecontract.nodepool.openapi.testing.Json;
import io.github.ccecontract.nodepool.openapi.testing.Schemas;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every example of the bundled document validates against the schema of its media type (networknt
 * json-schema-validator, OpenAPI 3.0 dialect), and the four example files validate against NodePool and
 * NodePoolResponse.
 */
class DocumentedExamplesValidTest {

    private static final Set<String> METHODS =
            Set.of("get", "put", "post", "delete", "options", "head", "patch", "trace");

    /** One example value found in the document: where it is, its value, and the pointer of its schema. */
    record FoundExample(String pointer, JsonNode value, String schemaPointer, String origin) {}

    /** All example values of request bodies, responses (every status code) and parameters. */
    static List<FoundExample> documentExamples() {
        JsonNode doc = Contract.document();
        List<FoundExample> found = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths = doc.path("paths").fields(); paths.hasNext(); ) {
            Map.Entry<String, JsonNode> path = paths.next();
            String pathPointer = Json.child("/paths", path.getKey());
            collectParameters(
                    doc,
                    path.getValue().path("parameters"),
                    pathPointer + "/parameters",
                    "parameter of " + path.getKey(),
                    found);
            for (Iterator<Map.Entry<String, JsonNode>> ops = path.getValue().fields(); ops.hasNext(); ) {
                Map.Entry<String, JsonNode> op = ops.next();
                if (!METHODS.contains(op.getKey())) {
                    continue;
                }
                String opPointer = Json.child(pathPointer, op.getKey());
                String operation = op.getKey().toUpperCase(java.util.Locale.ROOT) + " " + path.getKey();
                collectParameters(
                        doc,
                        op.getValue().path("parameters"),
                        opPointer + "/parameters",
                        "parameter of " + operation,
                        found);
                JsonNode body = op.getValue().path("requestBody");
                if (!body.isMissingNode()) {
                    String bodyPointer = resolvedPointer(doc, body, opPointer + "/requestBody");
                    collectContent(
                            doc,
                            Json.at(doc, bodyPointer).path("content"),
                            bodyPointer + "/content",
                            operation + " request body",
                            found);
                }
                for (Iterator<Map.Entry<String, JsonNode>> rs =
                                op.getValue().path("responses").fields();
                        rs.hasNext(); ) {
                    Map.Entry<String, JsonNode> response = rs.next();
                    String responsePointer = resolvedPointer(
                            doc, response.getValue(), Json.child(opPointer + "/responses", response.getKey()));
                    collectContent(
                            doc,
                            Json.at(doc, responsePointer).path("content"),
                            responsePointer + "/content",
                            operation + " response " + response.getKey(),
                            found);
                }
            }
        }
        return found;
    }

    /** The pointer of the node a (possibly $ref) node stands for, following internal references. */
    private static String resolvedPointer(JsonNode doc, JsonNode node, String pointer) {
        String current = pointer;
        JsonNode n = node;
        for (int hops = 0; n.has("$ref"); hops++) {
            String ref = n.get("$ref").asText();
            if (!ref.startsWith("#/") || hops > 20) {
                fail(NodePoolContract.OPENAPI_JSON + " " + current + ": rule 'internal references only': $ref '" + ref
                        + "'");
            }
            current = ref.substring(1);
            n = Json.at(doc, current);
            if (n.isMissingNode()) {
                fail(NodePoolContract.OPENAPI_JSON + " " + pointer + ": $ref '" + ref + "' does not resolve");
            }
        }
        return current;
    }

    private static void collectParameters(
            JsonNode doc, JsonNode parameters, String pointer, String origin, List<FoundExample> found) {
        for (int i = 0; i < parameters.size(); i++) {
            String p = resolvedPointer(doc, parameters.get(i), pointer + "/" + i);
            JsonNode parameter = Json.at(doc, p);
            if (parameter.has("schema")) {
                collectExamples(
                        doc,
                        parameter,
                        p,
                        p + "/schema",
                        origin + " " + parameter.path("name").asText(),
                        found);
            }
            collectContent(
                    doc,
                    parameter.path("content"),
                    p + "/content",
                    origin + " " + parameter.path("name").asText(),
                    found);
        }
    }

    private static void collectContent(
            JsonNode doc, JsonNode content, String pointer, String origin, List<FoundExample> found) {
        for (Iterator<Map.Entry<String, JsonNode>> media = content.fields(); media.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = media.next();
            String mediaPointer = Json.child(pointer, entry.getKey());
            if (!entry.getValue().has("schema")) {
                if (entry.getValue().has("example") || entry.getValue().has("examples")) {
                    fail(mediaPointer + ": rule 'examples need a schema': the media type has examples but no schema");
                }
                continue;
            }
            collectExamples(
                    doc,
                    entry.getValue(),
                    mediaPointer,
                    mediaPointer + "/schema",
                    origin + " " + entry.getKey(),
                    found);
        }
    }

    private static void collectExamples(
            JsonNode doc,
            JsonNode holder,
            String pointer,
            String schemaPointer,
            String origin,
            List<FoundExample> found) {
        if (holder.has("example")) {
            found.add(
                    new FoundExample(pointer + "/example", holder.get("example"), schemaPointer, origin + " example"));
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = holder.path("examples").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            String examplePointer =
                    resolvedPointer(doc, entry.getValue(), Json.child(pointer + "/examples", entry.getKey()));
            JsonNode example = Json.at(doc, examplePointer);
            if (example.has("externalValue")) {
                fail(examplePointer + ": rule 'examples inlined': externalValue cannot be validated");
            }
            if (!example.has("value")) {
                fail(examplePointer + ": rule 'example has a value': no value");
            }
            found.add(new FoundExample(
                    examplePointer + "/value",
                    example.get("value"),
                    schemaPointer,
                    origin + " examples/" + entry.getKey()));
        }
    }

    @Test
    void documentHasTheExpectedExamples() {
        List<FoundExample> examples = documentExamples();
        List<String> pointers = examples.stream().map(FoundExample::pointer).toList();
        for (DocumentedExample example : DocumentedExample.values()) {
            String suffix = "/content/application~1json/examples/" + example.exampleName() + "/value";
            boolean present = pointers.stream()
                    .anyMatch(p -> p.endsWith(suffix)
                            && (example.direction() == Direction.REQUEST
                                    ? p.contains("/requestBody/")
                                    : p.contains("/responses/201/")));
            assertTrue(
                    present,
                    NodePoolContract.OPENAPI_JSON + ": rule 'documented examples present': no " + example.direction()
                            + " example '" + example.exampleName() + "' (found " + pointers + ")");
        }
        // Every response of every status code has at least one example.
        JsonNode doc = Contract.document();
        String postPointer = "/paths/" + Json.escape(NodePoolContract.PATH) + "/post";
        for (Iterator<Map.Entry<String, JsonNode>> rs =
                        Json.at(doc, postPointer + "/responses").fields();
                rs.hasNext(); ) {
            Map.Entry<String, JsonNode> response = rs.next();
            String responsePointer = resolvedPointer(
                    doc, response.getValue(), Json.child(postPointer + "/responses", response.getKey()));
            assertTrue(
                    pointers.stream().anyMatch(p -> p.startsWith(responsePointer + "/content/")),
                    NodePoolContract.OPENAPI_JSON + " " + responsePointer + " (status " + response.getKey()
                            + "): rule 'every response has an example': none found");
        }
    }

    @TestFactory
    Stream<DynamicTest> everyDocumentExampleIsValid() {
        List<FoundExample> examples = documentExamples();
        assertFalse(examples.isEmpty(), NodePoolContract.OPENAPI_JSON + ": no examples found");
        return examples.stream()
                .map(example -> DynamicTest.dynamicTest(example.origin(), () -> {
                    Schema schema = Schemas.schema(example.schemaPointer());
                    List<Error> errors = Schemas.validate(schema, example.value());
                    assertTrue(
                            errors.isEmpty(),
                            NodePoolContract.OPENAPI_JSON + " example " + example.pointer() + " ("
                                    + example.origin() + ") is invalid against the schema at " + example.schemaPointer()
                                    + ":\n"
                                    + Schemas.describe(errors));
                }));
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(DocumentedExample.class)
    void exampleFileIsValid(DocumentedExample example) {
        Schema schema = Schemas.schema(example.schemaPointer());
        List<Error> errors = Schemas.validate(schema, Contract.example(example));
        assertTrue(
                errors.isEmpty(),
                example.resourcePath() + " is invalid against " + example.schemaPointer() + ":\n"
                        + Schemas.describe(errors));
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(DocumentedExample.class)
    void inlinedExampleIsTheExampleFile(DocumentedExample example) {
        String pointer = "/paths/" + Json.escape(NodePoolContract.PATH) + "/post"
                + (example.direction() == Direction.REQUEST ? "/requestBody" : "/responses/201")
                + "/content/application~1json/examples/" + example.exampleName() + "/value";
        JsonNode inlined = Json.at(Contract.document(), pointer);
        assertFalse(inlined.isMissingNode(), NodePoolContract.OPENAPI_JSON + " " + pointer + ": missing");
        assertEquals(
                Contract.example(example),
                inlined,
                NodePoolContract.OPENAPI_JSON + " " + pointer + ": rule 'inlined example equals "
                        + example.resourcePath() + "'");
    }

    /**
     * The validator really runs: a broken copy of each example is rejected. A request with kind
     * 'Cluster' breaks the enum; a response is read tolerantly (its kind is an open list,
     * x-extensible-enum), so its broken copy has a kind that is not a string.
     */
    @ParameterizedTest(name = "{0}")
    @EnumSource(DocumentedExample.class)
    void brokenExampleIsRejected(DocumentedExample example) {
        var tree = Contract.example(example);
        boolean request = example.direction() == Direction.REQUEST;
        String keyword = request ? "enum" : "type";
        if (request) {
            tree.put("kind", "Cluster");
        } else {
            tree.put("kind", 1);
        }
        List<Error> errors = Schemas.validate(Schemas.schema(example.schemaPointer()), tree);
        assertTrue(
                errors.stream()
                        .anyMatch(e -> keyword.equals(e.getKeyword())
                                && "/kind".equals(Schemas.pointer(e.getInstanceLocation()))),
                example.resourcePath() + " with a broken kind: expected a " + keyword + " error at /kind, got:\n"
                        + Schemas.describe(errors));
    }
}
