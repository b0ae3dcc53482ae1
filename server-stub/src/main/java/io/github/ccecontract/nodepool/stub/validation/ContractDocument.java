package io.github.ccecontract.nodepool.stub.validation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.github.ccecontract.nodepool.openapi.NodePoolContract;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The bundled OpenAPI document of the contract, read from the classpath (the cce-nodepool-openapi
 * jar): the stub validates against it and serves it, so it cannot drift from the contract.
 */
public final class ContractDocument {

    /** One entry of the document's {@code x-cce-rules}. */
    public record Rule(String id, String scope, String errorCode, String message, List<String> fields) {
        /** Whether the rule depends on the cluster ({@code scope: cluster}). */
        public boolean clusterScoped() {
            return "cluster".equals(scope);
        }
    }

    private final byte[] json;
    private final JsonNode root;
    private final Map<String, Rule> rules;

    private ContractDocument(byte[] json, JsonNode root) {
        this.json = json;
        this.root = root;
        Map<String, Rule> map = new LinkedHashMap<>();
        for (JsonNode rule : root.path(NodePoolContract.RULES_EXTENSION)) {
            List<String> fields = new ArrayList<>();
            rule.path("fields").forEach(f -> fields.add(f.asText()));
            String id = rule.path("id").asText();
            map.put(id, new Rule(id, rule.path("scope").asText("request"), rule.path("errorCode").textValue(),
                    rule.path("message").asText(), List.copyOf(fields)));
        }
        this.rules = Collections.unmodifiableMap(map);
    }

    /** Reads and parses the bundled JSON document from the classpath. */
    public static ContractDocument load() {
        byte[] bytes = resource(NodePoolContract.OPENAPI_JSON);
        ObjectMapper mapper = JsonMapper.builder().build();
        try {
            return new ContractDocument(bytes, mapper.readTree(bytes));
        } catch (IOException e) {
            throw new UncheckedIOException("The bundled contract " + NodePoolContract.OPENAPI_JSON
                    + " is not JSON", e);
        }
    }

    /** Bytes of a classpath resource of the contract (the bundled YAML or JSON document). */
    public static byte[] resource(String path) {
        try (InputStream in = NodePoolContract.resource(path).openStream()) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + path + " from the classpath", e);
        }
    }

    /** The document as JSON text (UTF-8). */
    public String jsonText() {
        return new String(json, java.nio.charset.StandardCharsets.UTF_8);
    }

    /** The parsed document; callers must not change it. */
    public JsonNode root() {
        return root;
    }

    /** The node at a JSON pointer of the document (missing node if absent). */
    public JsonNode at(String pointer) {
        return root.at(pointer);
    }

    /** The {@code x-cce-rules} of the document, by id, in document order. */
    public Map<String, Rule> rules() {
        return rules;
    }
}
