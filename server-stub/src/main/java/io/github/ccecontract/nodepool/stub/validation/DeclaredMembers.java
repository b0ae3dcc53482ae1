package io.github.ccecontract.nodepool.stub.validation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.ccecontract.nodepool.contract.ContractDocument;
import io.github.ccecontract.nodepool.contract.NodePoolContract;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The members the request schema declares at each place of a body, read from the bundled document, and
 * the members of a body it does not declare ({@link UnknownMember}, D4). A place's schema is resolved
 * through {@code $ref}, {@code allOf} (and {@code anyOf}, {@code oneOf}: a member of any branch is
 * declared), {@code properties} and {@code items}. An object whose schema has no {@code properties}, or
 * has {@code additionalProperties} (a map: {@code k8sTags}, a volume's {@code extendParam}), is free: no
 * member of it is unknown. The walk of the document is made once per schema and kept. Thread-safe.
 */
public final class DeclaredMembers {

    /** Most unknown members {@link #unknownMembers} reports, the first ones in body order. */
    public static final int MAX_REPORTED = 100;

    /** Largest edit distance (case ignored) at which a declared member is suggested. */
    static final int SUGGESTION_DISTANCE = 2;

    /** What the schema of one place says about its members; immutable once built. */
    private static final class Shape {
        /** Declared member names in document order; null: a free object (any member). */
        Set<String> declared;
        /** Schema of each declared member. */
        final Map<String, Shape> members = new LinkedHashMap<>();
        /** Schema of a free object's members ({@code additionalProperties}), or null. */
        Shape additional;
        /** Schema of array items, or null. */
        Shape items;
    }

    private final JsonNode document;
    private final Map<JsonNode, Shape> shapes = new IdentityHashMap<>();
    private final Shape root;

    private DeclaredMembers(ContractDocument contract) {
        this.document = contract.root();
        this.root = shape(List.of(contract.at("/components/schemas/" + NodePoolContract.REQUEST_SCHEMA)));
    }

    /**
     * The request schema of {@code contract}.
     *
     * @param contract the contract document whose request schema is walked
     * @return the declared members of that schema
     */
    public static DeclaredMembers of(ContractDocument contract) {
        return new DeclaredMembers(contract);
    }

    /**
     * The request schema of the bundled document, walked on first use.
     *
     * @return the shared instance for the bundled document
     */
    public static DeclaredMembers bundled() {
        return Bundled.INSTANCE;
    }

    private static final class Bundled {
        static final DeclaredMembers INSTANCE = of(ContractDocument.bundled());
    }

    /**
     * The members of {@code body} the request schema does not declare where they stand, in body order (depth
     * first), at most {@link #MAX_REPORTED}. The members of an unknown member are not looked at.
     *
     * @param body the request body
     * @return the unknown members, at most {@link #MAX_REPORTED}; empty when there are none
     */
    public List<UnknownMember> unknownMembers(JsonNode body) {
        List<UnknownMember> out = new ArrayList<>();
        walk(body, root, new StringBuilder(), out, MAX_REPORTED);
        return out;
    }

    /**
     * Every unknown member of {@code body}, however many (a body of 1 MiB has fewer than 200,000).
     *
     * @param body the request body
     * @return every unknown member, in body order; empty when there are none
     */
    public List<UnknownMember> allUnknownMembers(JsonNode body) {
        List<UnknownMember> all = new ArrayList<>();
        walk(body, root, new StringBuilder(), all, Integer.MAX_VALUE);
        return all;
    }

    /**
     * {@code body} without any of its unknown members (however many): itself if it has none, else a copy.
     *
     * @param body the request body
     * @return {@code body} itself, or a copy without its unknown members
     */
    public JsonNode withoutUnknownMembers(JsonNode body) {
        return without(body, allUnknownMembers(body));
    }

    /**
     * {@code body} without {@code members} (its {@link #allUnknownMembers}): itself if there are none, else a copy.
     *
     * @param body the request body
     * @param members the unknown members to remove
     * @return {@code body} itself if {@code members} is empty, else a copy without them
     */
    public static JsonNode without(JsonNode body, List<UnknownMember> members) {
        if (members.isEmpty()) {
            return body;
        }
        JsonNode copy = body.deepCopy();
        for (UnknownMember member : members) {
            int slash = member.pointer().lastIndexOf('/');
            if (copy.at(member.pointer().substring(0, slash)) instanceof ObjectNode object) {
                object.remove(
                        member.pointer().substring(slash + 1).replace("~1", "/").replace("~0", "~"));
            }
        }
        return copy;
    }

    private static void walk(JsonNode value, Shape shape, StringBuilder pointer, List<UnknownMember> out, int limit) {
        if (shape == null || out.size() >= limit) {
            return;
        }
        int length = pointer.length();
        if (value.isObject()) {
            for (Map.Entry<String, JsonNode> member : value.properties()) {
                String name = member.getKey();
                pointer.append('/').append(name.replace("~", "~0").replace("/", "~1"));
                if (shape.declared != null && !shape.declared.contains(name)) {
                    if (out.size() >= limit) {
                        return;
                    }
                    out.add(new UnknownMember(pointer.toString(), suggestion(name, shape.declared)));
                } else {
                    walk(
                            member.getValue(),
                            shape.declared == null ? shape.additional : shape.members.get(name),
                            pointer,
                            out,
                            limit);
                }
                pointer.setLength(length);
            }
        } else if (value.isArray() && shape.items != null) {
            for (int i = 0; i < value.size(); i++) {
                pointer.append('/').append(i);
                walk(value.get(i), shape.items, pointer, out, limit);
                pointer.setLength(length);
            }
        }
    }

    /** The declared name nearest to {@code name} (edit distance at most 2, case ignored; ties: document order), or null. */
    static String suggestion(String name, Set<String> declared) {
        String lower = name.toLowerCase(Locale.ROOT);
        String best = null;
        int bestDistance = SUGGESTION_DISTANCE + 1;
        for (String candidate : declared) {
            if (Math.abs(candidate.length() - name.length()) > SUGGESTION_DISTANCE) {
                continue; // also keeps a long name from costing a long computation
            }
            int d = distance(lower, candidate.toLowerCase(Locale.ROOT));
            if (d < bestDistance) {
                best = candidate;
                bestDistance = d;
            }
        }
        return best;
    }

    /** Levenshtein distance of two strings of about the same length. */
    static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }

    // ------------------------------------------------------------------------------ the schema walk

    /** The shape of a place whose schema is all of {@code schemas}; kept per schema when there is one. */
    private Shape shape(List<JsonNode> schemas) {
        if (schemas.size() == 1) {
            JsonNode schema = resolve(schemas.get(0));
            Shape known = shapes.get(schema);
            if (known != null) {
                return known;
            }
            Shape shape = new Shape();
            shapes.put(schema, shape); // before its members: a schema that contains itself ends here
            fill(shape, List.of(schema));
            return shape;
        }
        Shape shape = new Shape();
        fill(shape, schemas);
        return shape;
    }

    private void fill(Shape shape, List<JsonNode> schemas) {
        List<JsonNode> all = new ArrayList<>();
        for (JsonNode schema : schemas) {
            collect(resolve(schema), all);
        }
        Map<String, List<JsonNode>> properties = new LinkedHashMap<>();
        List<JsonNode> additional = new ArrayList<>();
        List<JsonNode> items = new ArrayList<>();
        boolean hasProperties = false;
        boolean free = false;
        for (JsonNode schema : all) {
            JsonNode declared = schema.get("properties");
            if (declared != null && declared.isObject()) {
                hasProperties = true;
                declared.properties()
                        .forEach(p -> properties
                                .computeIfAbsent(p.getKey(), k -> new ArrayList<>())
                                .add(p.getValue()));
            }
            JsonNode more = schema.get("additionalProperties");
            if (more != null && !(more.isBoolean() && !more.booleanValue())) {
                free = true;
                if (more.isObject()) {
                    additional.add(more);
                }
            }
            if (schema.get("items") != null && schema.get("items").isObject()) {
                items.add(schema.get("items"));
            }
        }
        shape.declared = hasProperties && !free ? new LinkedHashSet<>(properties.keySet()) : null;
        properties.forEach((name, list) -> shape.members.put(name, shape(list)));
        shape.additional = additional.isEmpty() ? null : shape(additional);
        shape.items = items.isEmpty() ? null : shape(items);
    }

    /** {@code schema} and the schemas of its {@code allOf}, {@code anyOf} and {@code oneOf}, resolved. */
    private void collect(JsonNode schema, List<JsonNode> out) {
        if (schema == null || !schema.isObject() || out.stream().anyMatch(s -> s == schema)) {
            return;
        }
        out.add(schema);
        for (String keyword : List.of("allOf", "anyOf", "oneOf")) {
            for (JsonNode branch : schema.path(keyword)) {
                collect(resolve(branch), out);
            }
        }
    }

    /** {@code schema} with its {@code $ref}s followed (local references of the bundled document). */
    private JsonNode resolve(JsonNode schema) {
        JsonNode current = schema;
        for (int hops = 0; hops < 64 && current != null && current.has("$ref"); hops++) {
            String ref = current.get("$ref").asText();
            if (!ref.startsWith("#")) {
                throw new IllegalStateException("the bundled document has an external $ref: " + ref);
            }
            current = document.at(ref.substring(1));
        }
        return current;
    }
}
