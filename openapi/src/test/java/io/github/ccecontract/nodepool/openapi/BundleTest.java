package io.github.ccecontract.nodepool.openapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.ccecontract.nodepool.contract.NodePoolContract;
import io.github.ccecontract.nodepool.contract.NodePoolContract.Direction;
import io.github.ccecontract.nodepool.contract.NodePoolContract.DocumentedExample;
import io.github.ccecontract.nodepool.openapi.testing.Contract;
import io.github.ccecontract.nodepool.openapi.testing.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The classpath bundle is the source document with its example references inlined and nothing else
 * changed, in YAML and JSON alike; and {@link NodePoolContract} finds it.
 */
class BundleTest {

    @Test
    void yamlAndJsonBundlesAreTheSameTree() {
        JsonNode yaml = TestSupport.readYaml(NodePoolContract.openApiYaml(), NodePoolContract.OPENAPI_YAML);
        JsonNode json = Contract.document();
        if (!yaml.equals(json)) {
            fail(NodePoolContract.OPENAPI_YAML + " vs. " + NodePoolContract.OPENAPI_JSON
                    + ": rule 'same document in YAML and JSON': first difference at "
                    + firstDifference(yaml, json, ""));
        }
    }

    @Test
    void bundleIsTheSourceWithExamplesInlined() throws IOException {
        Path source = TestSupport.sourceDocument();
        JsonNode expected = inline(TestSupport.readYaml(source), source.getParent(), "");
        JsonNode bundle = Contract.document();
        if (!expected.equals(bundle)) {
            fail(TestSupport.SOURCE_DOCUMENT + " (external $refs inlined) vs. " + NodePoolContract.OPENAPI_JSON
                    + ": rule 'the bundle changes nothing but the inlined files': first difference at "
                    + firstDifference(expected, bundle, ""));
        }
    }

    @Test
    void bundleHasOnlyInternalReferencesThatResolve() {
        JsonNode doc = Contract.document();
        List<String> problems = new ArrayList<>();
        Json.walk(doc, "", (pointer, node) -> {
            if (node.isObject() && node.has("$ref") && node.get("$ref").isTextual()) {
                String ref = node.get("$ref").asText();
                if (!ref.startsWith("#/")) {
                    problems.add(pointer + ": external $ref '" + ref + "'");
                } else if (Json.at(doc, ref.substring(1)).isMissingNode()) {
                    problems.add(pointer + ": $ref '" + ref + "' does not resolve");
                }
            }
        });
        assertTrue(
                problems.isEmpty(),
                NodePoolContract.OPENAPI_JSON + ": rule 'self-contained bundle':\n  " + String.join("\n  ", problems));
    }

    @Test
    void contractAccessorsFindTheResources() {
        assertTrue(NodePoolContract.openApiYamlText().startsWith("openapi: 3.0.3"), NodePoolContract.OPENAPI_YAML);
        assertTrue(NodePoolContract.openApiJsonText().startsWith("{"), NodePoolContract.OPENAPI_JSON);
        for (DocumentedExample example : DocumentedExample.values()) {
            assertTrue(example.text().startsWith("{\n"), example.resourcePath());
            assertTrue(example.url().toString().endsWith(example.resourcePath()), example.resourcePath());
            assertSame(example, DocumentedExample.of(example.direction(), example.exampleName()));
            assertTrue(
                    Contract.document().at(example.schemaPointer()).isObject(),
                    example + ": " + example.schemaPointer() + " is not in the document");
        }
        assertEquals(Direction.REQUEST, DocumentedExample.CCE_TURBO_CLUSTER_REQUEST.direction());
        assertEquals("NodePoolResponse", DocumentedExample.CCE_CLUSTER_RESPONSE.schemaName());
    }

    @Test
    void missingResourceFailsWithItsName() {
        IllegalStateException e = assertThrows(
                IllegalStateException.class, () -> NodePoolContract.resource("cce-nodepool/no-such-file.json"));
        assertTrue(e.getMessage().contains("cce-nodepool/no-such-file.json"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> DocumentedExample.of(Direction.REQUEST, "nope"));
    }

    /** The tree with every {$ref: relative file} replaced by the parsed file (recursively). */
    static JsonNode inline(JsonNode node, Path dir, String pointer) throws IOException {
        if (node.isObject()) {
            if (node.size() == 1
                    && node.has("$ref")
                    && !node.get("$ref").asText().startsWith("#")) {
                Path file = dir.resolve(node.get("$ref").asText()).normalize();
                if (!Files.isRegularFile(file)) {
                    fail(TestSupport.SOURCE_DOCUMENT + " " + pointer + ": $ref to a missing file " + file);
                }
                JsonNode content = file.toString().endsWith(".json")
                        ? TestSupport.readJson(Files.readAllBytes(file), file.toString())
                        : TestSupport.readYaml(file);
                return inline(content, file.getParent(), pointer);
            }
            ObjectNode copy = TestSupport.JSON.createObjectNode();
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                copy.set(field.getKey(), inline(field.getValue(), dir, Json.child(pointer, field.getKey())));
            }
            return copy;
        }
        if (node.isArray()) {
            ArrayNode copy = TestSupport.JSON.createArrayNode();
            for (int i = 0; i < node.size(); i++) {
                copy.add(inline(node.get(i), dir, pointer + "/" + i));
            }
            return copy;
        }
        return node;
    }

    /** The pointer of the first difference of two trees, with both values. */
    static String firstDifference(JsonNode a, JsonNode b, String pointer) {
        if (a.getNodeType() != b.getNodeType() || a.isValueNode() && !a.equals(b)) {
            return "'" + pointer + "': " + a + " vs. " + b;
        }
        if (a.isObject()) {
            List<String> names = new ArrayList<>();
            a.fieldNames().forEachRemaining(names::add);
            b.fieldNames().forEachRemaining(n -> {
                if (!names.contains(n)) {
                    names.add(n);
                }
            });
            for (String name : names) {
                String p = Json.child(pointer, name);
                if (!a.has(name) || !b.has(name)) {
                    return "'" + p + "': " + (a.has(name) ? "only in the first" : "only in the second");
                }
                if (!a.get(name).equals(b.get(name))) {
                    return firstDifference(a.get(name), b.get(name), p);
                }
            }
        }
        if (a.isArray()) {
            if (a.size() != b.size()) {
                return "'" + pointer + "': " + a.size() + " vs. " + b.size() + " items";
            }
            for (int i = 0; i < a.size(); i++) {
                if (!a.get(i).equals(b.get(i))) {
                    return firstDifference(a.get(i), b.get(i), pointer + "/" + i);
                }
            }
        }
        return "'" + pointer + "': " + a + " vs. " + b;
    }
}
