package io.github.ccecontract.nodepool.openapi.testing;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.ccecontract.nodepool.contract.NodePoolContract;
import io.github.ccecontract.nodepool.contract.NodePoolContract.DocumentedExample;
import io.github.ccecontract.nodepool.contract.cluster.Cluster;
import io.github.ccecontract.nodepool.contract.cluster.ClusterType;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.function.ThrowingConsumer;

/**
 * Reader of the constraint catalogue of the openapi jar ({@value NodePoolContract#CONSTRAINT_CASES}; its format
 * is described in the file's header): for every constraint and rule of the document, accepted and rejected cases,
 * each a documented example request with edits and the cluster it is sent to.
 *
 * <p>Published in this module's test-jar so that the tests of every module build the same request from a case.
 * It reads the format strictly: a typo in the file fails here, naming where it is, instead of quietly making
 * another request. Whether the cases are complete and do what they claim is ConstraintCatalogueTest's job.
 */
public final class ConstraintCases {

    /** The catalogue's classpath resource. */
    public static final String CATALOGUE = NodePoolContract.CONSTRAINT_CASES;

    private static final ObjectMapper YAML = Json.YAML;
    private static final Set<String> TOP_LEVEL_KEYS = Set.of("sampleMapKey", "defaultMaxNodes", "constraints", "rules");

    private static volatile Catalogue loaded;

    private ConstraintCases() {}

    // ============================================================================ the model

    /**
     * The parsed catalogue.
     *
     * @param sampleMapKey    the key standing for any member of a map in constraint ids
     * @param defaultMaxNodes the node limit of the cluster of a case that states none
     * @param constraints     the cases of each JSON Schema constraint, by id ({@code <instance pointer>#<keyword>})
     * @param rules           the cases of each rule of {@code x-cce-rules}, by rule id
     */
    public record Catalogue(
            String sampleMapKey, int defaultMaxNodes, Map<String, Entry> constraints, Map<String, Entry> rules) {

        /** Every case, in file order: the constraints' first, then the rules'. */
        public Stream<Case> cases() {
            return Stream.concat(constraints.values().stream(), rules.values().stream())
                    .flatMap(Entry::cases);
        }
    }

    /** The accepted and the rejected cases of one constraint or rule (each list non-empty). */
    public record Entry(String id, List<Case> accepted, List<Case> rejected) {

        /** The accepted cases, then the rejected ones. */
        public Stream<Case> cases() {
            return Stream.concat(accepted.stream(), rejected.stream());
        }

        /**
         * A container named after the entry with a test per case, the accepted ones first ({@code accepted: <name>},
         * {@code rejected: <name>}), each running {@code check} on its case.
         */
        public DynamicContainer tests(ThrowingConsumer<Case> check) {
            return DynamicContainer.dynamicContainer(
                    id,
                    cases().map(c -> DynamicTest.dynamicTest(
                            (c.accepted() ? "accepted: " : "rejected: ") + c.name(), () -> check.accept(c))));
        }

        /** For a constraint ({@code /metadata/name#pattern}): the instance pointer, {@code /metadata/name}. */
        public String constraintPointer() {
            return id.substring(0, constraintHash());
        }

        /** For a constraint ({@code /metadata/name#pattern}): the keyword, {@code pattern}. */
        public String constraintKeyword() {
            return id.substring(constraintHash() + 1);
        }

        private int constraintHash() {
            int hash = id.lastIndexOf('#');
            if (hash < 0) {
                throw new IllegalStateException("'" + id + "' is not a constraint id (<instance pointer>#<keyword>)");
            }
            return hash;
        }
    }

    /**
     * One case of an entry.
     *
     * @param entryId       the id of its constraint or rule
     * @param accepted      whether it is in the entry's accepted list (else in the rejected one)
     * @param name          its name, unique within its list
     * @param base          the documented example request the edits start from
     * @param edits         the edits of its {@code patch}, in order
     * @param cluster       the cluster it is sent to: as stated, or derived from the base
     * @param clusterStated whether the case states its cluster (only cases of cluster-scoped rules do)
     * @param location      where it stands in the catalogue, for messages
     */
    public record Case(
            String entryId,
            boolean accepted,
            String name,
            DocumentedExample base,
            List<Edit> edits,
            Cluster cluster,
            boolean clusterStated,
            String location) {

        /**
         * The request: a fresh copy of the base with the edits applied (callers may change it). Not always an
         * object: a case of the root's {@code type} replaces the whole body.
         *
         * @throws IllegalStateException if an edit does not fit the base (its location is in the message)
         */
        public JsonNode request() {
            JsonNode request = Contract.example(base);
            for (Edit edit : edits) {
                request = edit.applyTo(request, location);
            }
            return request;
        }

        /** Whether the case is of a rule of {@code x-cce-rules} (else of a JSON Schema constraint). */
        public boolean isRule() {
            return entryId.indexOf('#') < 0;
        }

        /** For a constraint case ({@code /metadata/name#pattern}): the instance pointer; null for a rule's. */
        public String constraintPointer() {
            return isRule() ? null : entryId.substring(0, entryId.lastIndexOf('#'));
        }

        /** For a constraint case ({@code /metadata/name#pattern}): the keyword; null for a rule's. */
        public String constraintKeyword() {
            return isRule() ? null : entryId.substring(entryId.lastIndexOf('#') + 1);
        }

        /** {@code <entry id> / accepted: <name>}, as the tests name a case. */
        public String label() {
            return entryId + " / " + (accepted ? "accepted" : "rejected") + ": " + name;
        }

        @Override
        public String toString() {
            return label();
        }
    }

    /** What an edit does at its pointer. */
    public enum Operation {
        /** Add or replace the value (in an array: an index below the size replaces, the size or "-" appends). */
        SET,
        /** Remove the member or item, which must exist. */
        REMOVE
    }

    /**
     * One edit of a case, with its value already generated: {@code text}, {@code items} and {@code put} of the
     * file all become a {@link Operation#SET} of a plain value.
     */
    public record Edit(Operation operation, String pointer, JsonNode value) {

        /** Applies the edit to the request and returns the request (a new root if the edit sets ""). */
        JsonNode applyTo(JsonNode request, String location) {
            String label = location + " edit " + operation.name().toLowerCase(Locale.ROOT) + " '" + pointer + "'";
            if (pointer.isEmpty()) {
                if (operation == Operation.REMOVE) {
                    throw new IllegalStateException(label + ": the root cannot be removed");
                }
                return value.deepCopy();
            }
            JsonPointer target = JsonPointer.compile(pointer);
            JsonNode parent = request.at(target.head());
            String token = target.last().getMatchingProperty();
            if (parent instanceof ObjectNode object) {
                if (operation == Operation.SET) {
                    object.set(token, value.deepCopy());
                } else if (object.remove(token) == null) {
                    throw new IllegalStateException(label + ": nothing to remove");
                }
            } else if (parent instanceof ArrayNode array) {
                int index;
                try {
                    index = token.equals("-") ? array.size() : Integer.parseInt(token);
                } catch (NumberFormatException e) {
                    throw new IllegalStateException(label + ": '" + token + "' is not an array index", e);
                }
                if (operation == Operation.SET && index < array.size()) {
                    array.set(index, value.deepCopy());
                } else if (operation == Operation.SET && index == array.size()) {
                    array.add(value.deepCopy());
                } else if (operation == Operation.REMOVE && index < array.size()) {
                    array.remove(index);
                } else {
                    throw new IllegalStateException(
                            label + ": index " + index + " out of range (size " + array.size() + ")");
                }
            } else {
                throw new IllegalStateException(
                        label + ": the parent is not an object or array in the request (" + parent + ")");
            }
            return request;
        }
    }

    // ============================================================================ reading

    /**
     * The catalogue of the classpath, read once.
     *
     * @throws IllegalStateException if it breaks the format of its header (the message says where and how)
     */
    public static Catalogue load() {
        Catalogue c = loaded;
        if (c == null) {
            c = parse(readCatalogue());
            loaded = c;
        }
        return c;
    }

    private static JsonNode readCatalogue() {
        try (InputStream in = NodePoolContract.resource(CATALOGUE).openStream()) {
            return YAML.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(CATALOGUE + " is not valid YAML: " + e.getMessage(), e);
        }
    }

    /** Parses a catalogue tree; package-private for ConstraintCasesTest. */
    static Catalogue parse(JsonNode root) {
        expectKeys(root, "", TOP_LEVEL_KEYS, TOP_LEVEL_KEYS);
        String sampleMapKey = text(root.get("sampleMapKey"), "/sampleMapKey");
        int defaultMaxNodes = positiveInt(root.get("defaultMaxNodes"), "/defaultMaxNodes");
        return new Catalogue(
                sampleMapKey,
                defaultMaxNodes,
                parseEntries(root.get("constraints"), "/constraints", defaultMaxNodes),
                parseEntries(root.get("rules"), "/rules", defaultMaxNodes));
    }

    private static Map<String, Entry> parseEntries(JsonNode node, String pointer, int defaultMaxNodes) {
        // Empty would make the tests that iterate the entries pass vacuously.
        if (!node.isObject() || node.isEmpty()) {
            throw malformed(pointer, "rule 'a non-empty map of id to cases'");
        }
        Map<String, Entry> entries = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            String id = field.getKey();
            String p = Json.child(pointer, id);
            expectKeys(field.getValue(), p, Set.of("accepted", "rejected"), Set.of("accepted", "rejected"));
            entries.put(
                    id,
                    new Entry(
                            id,
                            parseCases(id, true, field.getValue().get("accepted"), p + "/accepted", defaultMaxNodes),
                            parseCases(id, false, field.getValue().get("rejected"), p + "/rejected", defaultMaxNodes)));
        }
        return Collections.unmodifiableMap(entries);
    }

    private static List<Case> parseCases(
            String entryId, boolean accepted, JsonNode node, String pointer, int defaultMaxNodes) {
        if (!node.isArray() || node.isEmpty()) {
            throw malformed(pointer, "rule 'at least one case'");
        }
        List<Case> cases = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < node.size(); i++) {
            JsonNode c = node.get(i);
            String p = pointer + "/" + i;
            expectKeys(c, p, Set.of("name", "base"), Set.of("name", "base", "cluster", "patch"));
            String name = text(c.get("name"), p + "/name");
            if (!names.add(name)) {
                throw malformed(p + "/name", "rule 'unique case name in its list': '" + name + "'");
            }
            DocumentedExample base;
            try {
                base = DocumentedExample.of(NodePoolContract.Direction.REQUEST, text(c.get("base"), p + "/base"));
            } catch (IllegalArgumentException e) {
                throw malformed(p + "/base", e.getMessage());
            }
            // Without a stated cluster the base decides: the Turbo example goes to a CCE Turbo cluster.
            Cluster cluster = base == DocumentedExample.CCE_TURBO_CLUSTER_REQUEST
                    ? Cluster.turbo(defaultMaxNodes)
                    : Cluster.cce(defaultMaxNodes);
            if (c.has("cluster")) {
                cluster = parseCluster(c.get("cluster"), p + "/cluster");
            }
            List<Edit> edits = new ArrayList<>();
            JsonNode patch = c.path("patch");
            if (!patch.isMissingNode() && !patch.isArray()) {
                throw malformed(p + "/patch", "rule 'a list of edits'");
            }
            for (int e = 0; e < patch.size(); e++) {
                edits.add(parseEdit(patch.get(e), p + "/patch/" + e));
            }
            cases.add(new Case(
                    entryId,
                    accepted,
                    name,
                    base,
                    List.copyOf(edits),
                    cluster,
                    c.has("cluster"),
                    CATALOGUE + " " + p + " (" + name + ")"));
        }
        return List.copyOf(cases);
    }

    private static Cluster parseCluster(JsonNode cluster, String pointer) {
        expectKeys(cluster, pointer, Set.of("type", "maxNodes"), Set.of("type", "maxNodes"));
        String typeName = text(cluster.get("type"), pointer + "/type");
        ClusterType type = switch (typeName) {
            case "cce" -> ClusterType.CCE;
            case "turbo" -> ClusterType.TURBO;
            default -> null;
        };
        if (type == null) {
            throw malformed(pointer + "/type", "rule 'cce or turbo': got " + typeName);
        }
        return new Cluster(type, positiveInt(cluster.get("maxNodes"), pointer + "/maxNodes"), List.of());
    }

    private static Edit parseEdit(JsonNode edit, String pointer) {
        if (edit.has("remove")) {
            expectKeys(edit, pointer, Set.of("remove"), Set.of("remove"));
            return new Edit(Operation.REMOVE, jsonPointer(edit.get("remove"), pointer + "/remove"), null);
        }
        if (edit.has("put")) {
            expectKeys(edit, pointer, Set.of("put", "key", "value"), Set.of("put", "key", "value"));
            String object = jsonPointer(edit.get("put"), pointer + "/put");
            JsonNode key = edit.get("key");
            String name = key.isTextual() ? key.asText() : generateText(key, pointer + "/key");
            return new Edit(Operation.SET, Json.child(object, name), edit.get("value"));
        }
        if (edit.has("set")) {
            String target = jsonPointer(edit.get("set"), pointer + "/set");
            if (edit.has("value")) {
                expectKeys(edit, pointer, Set.of("set", "value"), Set.of("set", "value"));
                return new Edit(Operation.SET, target, edit.get("value"));
            }
            if (edit.has("text")) {
                expectKeys(edit, pointer, Set.of("set", "text"), Set.of("set", "text"));
                return new Edit(
                        Operation.SET,
                        target,
                        JsonNodeFactory.instance.textNode(generateText(edit.get("text"), pointer + "/text")));
            }
            if (edit.has("items")) {
                expectKeys(edit, pointer, Set.of("set", "items"), Set.of("set", "items"));
                return new Edit(Operation.SET, target, generateItems(edit.get("items"), pointer + "/items"));
            }
            throw malformed(pointer, "rule 'set needs value, text or items'");
        }
        throw malformed(
                pointer,
                "rule 'an edit is {set: pointer, value|text|items: ...},"
                        + " {put: object pointer, key: name, value: ...} or {remove: pointer}': got " + edit);
    }

    /** text: a list of parts, each a string or {repeat: string, times: n}; the parts are joined. */
    private static String generateText(JsonNode parts, String pointer) {
        if (!parts.isArray() || parts.isEmpty()) {
            throw malformed(pointer, "rule 'text is a non-empty list of parts'");
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < parts.size(); i++) {
            JsonNode part = parts.get(i);
            if (part.isTextual()) {
                sb.append(part.asText());
            } else {
                String p = pointer + "/" + i;
                expectKeys(part, p, Set.of("repeat", "times"), Set.of("repeat", "times"));
                sb.append(text(part.get("repeat"), p + "/repeat")
                        .repeat(part.get("times").asInt()));
            }
        }
        return sb.toString();
    }

    /** items: {count: n, item: value}: n copies of the value; "{i}" in strings and names is the 1-based index. */
    private static ArrayNode generateItems(JsonNode spec, String pointer) {
        expectKeys(spec, pointer, Set.of("count", "item"), Set.of("count", "item"));
        ArrayNode array = JsonNodeFactory.instance.arrayNode();
        for (int i = 1; i <= spec.get("count").asInt(); i++) {
            array.add(substituteIndex(spec.get("item"), String.valueOf(i)));
        }
        return array;
    }

    private static JsonNode substituteIndex(JsonNode node, String index) {
        if (node.isTextual()) {
            return JsonNodeFactory.instance.textNode(node.asText().replace("{i}", index));
        }
        if (node.isObject()) {
            ObjectNode copy = JsonNodeFactory.instance.objectNode();
            node.fields()
                    .forEachRemaining(
                            f -> copy.set(f.getKey().replace("{i}", index), substituteIndex(f.getValue(), index)));
            return copy;
        }
        if (node.isArray()) {
            ArrayNode copy = JsonNodeFactory.instance.arrayNode();
            node.forEach(item -> copy.add(substituteIndex(item, index)));
            return copy;
        }
        return node.deepCopy();
    }

    // ============================================================================ format checks

    private static IllegalStateException malformed(String pointer, String message) {
        return new IllegalStateException(CATALOGUE + " " + pointer + ": " + message);
    }

    private static String jsonPointer(JsonNode node, String pointer) {
        String value = text(node, pointer);
        if (!value.isEmpty() && !value.startsWith("/")) {
            throw malformed(pointer, "rule 'a JSON pointer (RFC 6901)': got '" + value + "'");
        }
        return value;
    }

    private static String text(JsonNode node, String pointer) {
        if (node == null || !node.isTextual()) {
            throw malformed(pointer, "rule 'a string': got " + node);
        }
        return node.asText();
    }

    private static int positiveInt(JsonNode node, String pointer) {
        if (node == null || !node.isInt() || node.intValue() < 1) {
            throw malformed(pointer, "rule 'a positive integer': got " + node);
        }
        return node.intValue();
    }

    private static void expectKeys(JsonNode node, String pointer, Set<String> required, Set<String> allowed) {
        if (node == null || !node.isObject()) {
            throw malformed(pointer, "rule 'a map': got " + node);
        }
        for (String key : required) {
            if (!node.has(key)) {
                throw malformed(pointer, "rule 'has " + key + "'");
            }
        }
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!allowed.contains(key)) {
                throw malformed(pointer, "rule 'only " + allowed + "': unknown key '" + key + "'");
            }
        }
    }
}
