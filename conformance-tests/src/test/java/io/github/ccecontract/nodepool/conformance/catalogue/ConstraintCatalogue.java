package io.github.ccecontract.nodepool.conformance.catalogue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.github.ccecontract.nodepool.conformance.generate.ClusterProfile;
import io.github.ccecontract.nodepool.conformance.support.Contract;
import io.github.ccecontract.nodepool.conformance.support.Json;
import io.github.ccecontract.nodepool.contract.NodePoolContract;
import io.github.ccecontract.nodepool.contract.NodePoolContract.Direction;
import io.github.ccecontract.nodepool.contract.NodePoolContract.DocumentedExample;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The constraint catalogue of the openapi jar ({@value NodePoolContract#CONSTRAINT_CASES}) as ready requests: every
 * case's base example with its patch applied, and the cluster it is sent to. The format is described in the
 * catalogue's header; the openapi module's ConstraintCatalogueTest proves the catalogue complete and its cases
 * schema-valid or -invalid as they claim. Check 4 replays the cases at the stub.
 */
public final class ConstraintCatalogue {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** Constraints (JSON Schema) or rules (x-cce-rules). */
    public enum Section {
        CONSTRAINT, RULE
    }

    /**
     * One case, ready to send.
     *
     * @param section       constraints or rules
     * @param id            the constraint ({@code /metadata/name#pattern}) or the rule id
     * @param accepted      whether the stub must accept it
     * @param caseName      the case's name within its list
     * @param base          cce-cluster or cce-turbo-cluster
     * @param cluster       where it is sent (stated by the case, or derived from the base)
     * @param clusterStated whether the case states its cluster
     * @param body          the request body (a fresh tree per call of {@link #load()})
     */
    public record Case(Section section, String id, boolean accepted, String caseName, String base,
            ClusterProfile cluster, boolean clusterStated, JsonNode body) {

        /** As the openapi module names its dynamic tests: {@code <id> / accepted: <name>}. */
        public String name() {
            return id + " / " + (accepted ? "accepted" : "rejected") + ": " + caseName;
        }

        /** For a constraint: its instance pointer ({@code /metadata/name}); for a rule: null. */
        public String constraintPointer() {
            return section == Section.CONSTRAINT ? id.substring(0, id.lastIndexOf('#')) : null;
        }

        /** For a constraint: its keyword ({@code pattern}); for a rule: null. */
        public String constraintKeyword() {
            return section == Section.CONSTRAINT ? id.substring(id.lastIndexOf('#') + 1) : null;
        }
    }

    /** The catalogue: its settings and all cases in file order. */
    public record Catalogue(String sampleMapKey, int defaultMaxNodes, List<Case> cases) {
        public List<Case> section(Section section) {
            return cases.stream().filter(c -> c.section() == section).toList();
        }
    }

    private ConstraintCatalogue() {
    }

    /** Reads the catalogue from the classpath and builds every case. */
    public static Catalogue load() {
        JsonNode root;
        try (InputStream in = NodePoolContract.resource(NodePoolContract.CONSTRAINT_CASES).openStream()) {
            root = Json.YAML.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + NodePoolContract.CONSTRAINT_CASES, e);
        }
        String sampleMapKey = root.path("sampleMapKey").asText();
        int defaultMaxNodes = root.path("defaultMaxNodes").asInt(50);
        List<Case> cases = new ArrayList<>();
        read(root.path("constraints"), Section.CONSTRAINT, defaultMaxNodes, cases);
        read(root.path("rules"), Section.RULE, defaultMaxNodes, cases);
        return new Catalogue(sampleMapKey, defaultMaxNodes, List.copyOf(cases));
    }

    private static void read(JsonNode section, Section kind, int defaultMaxNodes, List<Case> out) {
        for (Iterator<Map.Entry<String, JsonNode>> it = section.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> entry = it.next();
            for (String list : new String[] {"accepted", "rejected"}) {
                for (JsonNode c : entry.getValue().path(list)) {
                    out.add(build(kind, entry.getKey(), list.equals("accepted"), c, defaultMaxNodes));
                }
            }
        }
    }

    private static Case build(Section section, String id, boolean accepted, JsonNode c, int defaultMaxNodes) {
        String name = c.path("name").asText();
        String where = NodePoolContract.CONSTRAINT_CASES + " " + id + " / " + name;
        String base = c.path("base").asText();
        JsonNode body = Contract.example(DocumentedExample.of(Direction.REQUEST, base));
        for (JsonNode edit : c.path("patch")) {
            body = apply(body, edit, where);
        }
        boolean stated = c.has("cluster");
        ClusterProfile cluster = stated
                ? new ClusterProfile(ClusterProfile.Type.of(c.get("cluster").path("type").asText()),
                        c.get("cluster").path("maxNodes").asInt())
                : new ClusterProfile(base.equals("cce-turbo-cluster") ? ClusterProfile.Type.TURBO
                        : ClusterProfile.Type.CCE, defaultMaxNodes);
        return new Case(section, id, accepted, name, base, cluster, stated, body);
    }

    /** Applies one edit; returns the (possibly new) root. */
    static JsonNode apply(JsonNode root, JsonNode edit, String where) {
        if (edit.has("put")) {
            JsonNode target = Json.at(root, edit.get("put").asText());
            if (!(target instanceof ObjectNode object)) {
                throw new IllegalStateException(where + ": put target " + edit.get("put") + " is not an object");
            }
            object.set(textOf(edit.get("key"), where), edit.get("value").deepCopy());
            return root;
        }
        boolean remove = edit.has("remove");
        String pointer = (remove ? edit.get("remove") : edit.get("set")).asText();
        JsonNode value = null;
        if (!remove) {
            if (edit.has("value")) {
                value = edit.get("value").deepCopy();
            } else if (edit.has("text")) {
                value = TextNode.valueOf(textOf(edit.get("text"), where));
            } else if (edit.has("items")) {
                ArrayNode items = NODES.arrayNode();
                int count = edit.get("items").path("count").asInt();
                for (int i = 1; i <= count; i++) {
                    items.add(substitute(edit.get("items").get("item"), Integer.toString(i)));
                }
                value = items;
            } else {
                throw new IllegalStateException(where + ": edit " + edit + " has no value, text or items");
            }
        }
        if (pointer.isEmpty()) {
            if (remove) {
                throw new IllegalStateException(where + ": the root cannot be removed");
            }
            return value;
        }
        JsonNode parent = Json.at(root, Json.parent(pointer));
        String token = Json.lastToken(pointer);
        if (parent instanceof ObjectNode object) {
            if (remove) {
                if (object.remove(token) == null) {
                    throw new IllegalStateException(where + ": nothing to remove at " + pointer);
                }
            } else {
                object.set(token, value);
            }
        } else if (parent instanceof ArrayNode array) {
            int index = token.equals("-") ? array.size() : Integer.parseInt(token);
            if (remove) {
                array.remove(index);
            } else if (index < array.size()) {
                array.set(index, value);
            } else if (index == array.size()) {
                array.add(value);
            } else {
                throw new IllegalStateException(where + ": index " + index + " past the end of " + pointer);
            }
        } else {
            throw new IllegalStateException(where + ": no object or array at the parent of " + pointer);
        }
        return root;
    }

    /** A string, or text parts: strings and {repeat, times}. */
    private static String textOf(JsonNode node, String where) {
        if (node.isTextual()) {
            return node.asText();
        }
        if (!node.isArray()) {
            throw new IllegalStateException(where + ": text is neither a string nor a list of parts: " + node);
        }
        StringBuilder sb = new StringBuilder();
        for (JsonNode part : node) {
            if (part.isTextual()) {
                sb.append(part.asText());
            } else {
                sb.append(part.path("repeat").asText().repeat(part.path("times").asInt()));
            }
        }
        return sb.toString();
    }

    /** A copy with "{i}" replaced in strings and member names. */
    private static JsonNode substitute(JsonNode node, String index) {
        if (node.isTextual()) {
            return TextNode.valueOf(node.asText().replace("{i}", index));
        }
        if (node.isObject()) {
            ObjectNode copy = NODES.objectNode();
            node.fields().forEachRemaining(e -> copy.set(e.getKey().replace("{i}", index),
                    substitute(e.getValue(), index)));
            return copy;
        }
        if (node.isArray()) {
            ArrayNode copy = NODES.arrayNode();
            node.forEach(n -> copy.add(substitute(n, index)));
            return copy;
        }
        return node.deepCopy();
    }
}
