package io.github.ccecontract.nodepool.openapi.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.github.ccecontract.nodepool.contract.NodePoolContract;
import io.github.ccecontract.nodepool.contract.NodePoolContract.DocumentedExample;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The contract as the openapi jar publishes it (test classpath): the bundled document and the documented
 * examples. Shared by the client's tests; the constraint catalogue is read by the openapi test-jar's
 * ConstraintCases.
 */
public final class Contract {
    /** A plain mapper (no configuration): what the JSON is, independent of the client's mapper. */
    public static final ObjectMapper PLAIN_JSON = JsonMapper.builder().build();

    public static final ObjectMapper YAML = YAMLMapper.builder().build();

    private static volatile JsonNode document;

    private Contract() {}

    /** The bundled document ({@code cce-nodepool/openapi.yaml} of the openapi jar). */
    public static JsonNode document() {
        JsonNode d = document;
        if (d == null) {
            d = readYaml(NodePoolContract.OPENAPI_YAML);
            document = d;
        }
        return d;
    }

    /** The document's {@code x-cce-rules}. */
    public static List<JsonNode> rules() {
        List<JsonNode> rules = new ArrayList<>();
        document().path(NodePoolContract.RULES_EXTENSION).forEach(rules::add);
        if (rules.isEmpty()) throw new IllegalStateException("the document has no " + NodePoolContract.RULES_EXTENSION);
        return rules;
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
        List<String> p = tokens(pointer);
        List<String> f = tokens(field);
        if (p.size() != f.size()) return false;
        for (int i = 0; i < p.size(); i++) {
            if (!f.get(i).equals("*") && !f.get(i).equals(p.get(i))) return false;
        }
        return true;
    }

    /** The unescaped tokens of a JSON pointer. */
    public static List<String> tokens(String pointer) {
        List<String> tokens = new ArrayList<>();
        if (pointer.isEmpty()) return tokens;
        if (!pointer.startsWith("/")) throw new IllegalArgumentException("not a JSON pointer: " + pointer);
        for (String token : pointer.substring(1).split("/", -1)) {
            tokens.add(token.replace("~1", "/").replace("~0", "~"));
        }
        return tokens;
    }
}
