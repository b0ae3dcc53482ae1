package io.github.ccecontract.nodepool.stub.domain;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Small helpers on Jackson objects that the response derivations share. */
final class JsonObjects {

    private static final ObjectMapper JSON = new ObjectMapper();

    private JsonObjects() {}

    /** The JSON value of {@code json} (UTF-8), which the stub wrote or bundles. */
    static JsonNode tree(byte[] json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException("the stub's own JSON cannot be read back", e);
        }
    }

    /** {@code node} as compact UTF-8 JSON. */
    static byte[] bytes(JsonNode node) {
        try {
            return JSON.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("the node cannot be written as JSON", e);
        }
    }

    /** The object member {@code name} of {@code parent}, created (empty) when it is absent or not an object. */
    static ObjectNode objectMember(ObjectNode parent, String name) {
        JsonNode member = parent.get(name);
        if (member instanceof ObjectNode object) {
            return object;
        }
        return parent.putObject(name);
    }

    /**
     * A copy of {@code source} whose members come in the order of {@code leadingKeys} (those
     * present), followed by the others in their original order. Member values are shared.
     */
    static ObjectNode ordered(ObjectNode source, List<String> leadingKeys) {
        ObjectNode result = JsonNodeFactory.instance.objectNode();
        for (String key : leadingKeys) {
            if (source.has(key)) {
                result.set(key, source.get(key));
            }
        }
        for (Map.Entry<String, JsonNode> member : source.properties()) {
            if (!result.has(member.getKey())) {
                result.set(member.getKey(), member.getValue());
            }
        }
        return result;
    }

    /** Reorders the members of {@code object} in place by key (code point order, as Go prints maps). */
    static void sortByKey(ObjectNode object) {
        List<String> keys = new ArrayList<>();
        for (Map.Entry<String, JsonNode> member : object.properties()) {
            keys.add(member.getKey());
        }
        keys.sort(null);
        ObjectNode sorted = ordered(object, keys);
        object.removeAll();
        object.setAll(sorted);
    }
}
