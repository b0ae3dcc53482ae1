package io.github.ccecontract.nodepool.openapi.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.ccecontract.nodepool.contract.NodePoolContract;
import io.github.ccecontract.nodepool.contract.NodePoolContract.DocumentedExample;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The contract as the openapi jar publishes it (test classpath): the bundled document ({@value
 * NodePoolContract#OPENAPI_JSON}), its rules ({@code x-cce-rules}) and the documented examples. Shared by the tests
 * of the openapi module, the client and the conformance suite; the constraint catalogue is read by
 * {@link ConstraintCases}, the schemas are compiled by {@link Schemas}.
 */
public final class Contract {
    /** A plain mapper (no configuration): what the JSON is, independent of the client's mapper. */
    public static final ObjectMapper PLAIN_JSON = Json.JSON;

    public static final ObjectMapper YAML = Json.YAML;

    /** Pointer of the request schema. */
    public static final String REQUEST_SCHEMA = "/components/schemas/" + NodePoolContract.REQUEST_SCHEMA;

    /** Pointer of the 201 response schema. */
    public static final String RESPONSE_SCHEMA = "/components/schemas/" + NodePoolContract.RESPONSE_SCHEMA;

    /** Pointer of the error schema. */
    public static final String ERROR_SCHEMA = "/components/schemas/" + NodePoolContract.ERROR_SCHEMA;

    private static volatile JsonNode document;
    private static volatile Set<String> ruleStated;

    private Contract() {}

    /** The bundled document ({@value NodePoolContract#OPENAPI_JSON} of the openapi jar; one shared tree: do not modify it). */
    public static JsonNode document() {
        JsonNode d = document;
        if (d == null) {
            try (InputStream in = NodePoolContract.openApiJson()) {
                d = Json.JSON.readTree(in);
            } catch (IOException e) {
                throw new UncheckedIOException(
                        NodePoolContract.OPENAPI_JSON + " is not valid JSON: " + e.getMessage(), e);
            }
            document = d;
        }
        return d;
    }

    /** The node at a pointer of the document; fails if there is none. */
    public static JsonNode at(String pointer) {
        JsonNode node = Json.at(document(), pointer);
        if (node.isMissingNode()) {
            throw new IllegalStateException(NodePoolContract.OPENAPI_JSON + ": nothing at " + pointer);
        }
        return node;
    }

    /**
     * Follows internal references ({@code $ref: '#/...'}) of the document until a node without {@code $ref}; fails
     * on any other reference.
     */
    public static JsonNode deref(JsonNode node) {
        return deref(document(), node, NodePoolContract.OPENAPI_JSON);
    }

    /**
     * Follows internal references ({@code $ref: '#/...'}) of a document node until a node without {@code $ref};
     * fails, naming {@code where}, on any other reference, a chain too long and a reference that does not resolve.
     */
    public static JsonNode deref(JsonNode document, JsonNode node, String where) {
        JsonNode current = node;
        for (int hops = 0; current != null && current.has("$ref"); hops++) {
            String ref = current.get("$ref").asText();
            if (!ref.startsWith("#/")) {
                throw new IllegalStateException(where + ": $ref '" + ref + "' is not an internal reference");
            }
            if (hops > 20) {
                throw new IllegalStateException(where + ": $ref chain too long (circular?) at '" + ref + "'");
            }
            JsonNode target = Json.at(document, ref.substring(1));
            if (target.isMissingNode()) {
                throw new IllegalStateException(where + ": $ref '" + ref + "' does not resolve");
            }
            current = target;
        }
        return current;
    }

    /** The document's {@code x-cce-rules}. */
    public static List<JsonNode> rules() {
        List<JsonNode> rules = new ArrayList<>();
        document().path(NodePoolContract.RULES_EXTENSION).forEach(rules::add);
        if (rules.isEmpty()) throw new IllegalStateException("the document has no " + NodePoolContract.RULES_EXTENSION);
        return rules;
    }

    /** The ids of x-cce-rules, in document order. */
    public static List<String> ruleIds() {
        List<String> ids = new ArrayList<>();
        rules().forEach(rule -> ids.add(rule.path("id").asText()));
        return ids;
    }

    /**
     * Document pointers of the schema keywords that state a rule of x-cce-rules as well (the rules'
     * {@code schemaKeywords}, e.g. {@code /components/schemas/Login/not}): the rule's cases and hooks cover them.
     */
    public static Set<String> ruleStatedKeywords() {
        Set<String> stated = ruleStated;
        if (stated == null) {
            Set<String> out = new TreeSet<>();
            rules().forEach(rule -> rule.path("schemaKeywords").forEach(k -> out.add(k.asText())));
            stated = Set.copyOf(out);
            ruleStated = stated;
        }
        return stated;
    }

    /** A documented example as a JSON tree (a fresh copy). */
    public static ObjectNode example(DocumentedExample example) {
        try {
            return (ObjectNode) PLAIN_JSON.readTree(example.bytes());
        } catch (IOException e) {
            throw new UncheckedIOException(example.resourcePath(), e);
        }
    }

    public static JsonNode readYaml(String resource) {
        try (InputStream in = Contract.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) throw new IllegalStateException("classpath resource " + resource + " is missing");
            return YAML.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(resource, e);
        }
    }

    /** Whether a JSON pointer (RFC 6901) matches a rule's field path, in which "*" matches one token. */
    public static boolean pointerMatchesField(String pointer, String field) {
        List<String> p = Json.tokens(pointer);
        List<String> f = Json.tokens(field);
        if (p.size() != f.size()) return false;
        for (int i = 0; i < p.size(); i++) {
            if (!f.get(i).equals("*") && !f.get(i).equals(p.get(i))) return false;
        }
        return true;
    }
}
