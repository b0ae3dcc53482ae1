package io.github.ccecontract.nodepool.openapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import io.github.ccecontract.nodepool.openapi.NodePoolContract.DocumentedExample;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every constraint of the request schema NodePool has an accepted and a rejected request in
 * {@value #CATALOGUE} (and the catalogue names no other constraint), and each case does what it says when
 * validated with networknt json-schema-validator. Every rule of {@code x-cce-rules} has an accepted and a
 * rejected request too, both schema-valid (the stub enforces the rules). The format of the catalogue is
 * described in its header.
 */
class ConstraintCatalogueTest {

    static final String CATALOGUE = NodePoolContract.CONSTRAINT_CASES;

    /** Keywords whose failure rejects a request: each occurrence is a constraint of the catalogue. */
    static final Set<String> CONSTRAINT_KEYWORDS = Set.of("type", "enum", "pattern", "minimum", "maximum",
            "minLength", "maxLength", "minItems", "maxItems", "uniqueItems", "minProperties", "maxProperties",
            "multipleOf", "not");

    /** Keywords that reject nothing (the walker skips them). {@code x-} extensions are skipped too. */
    static final Set<String> ANNOTATION_KEYWORDS = Set.of("description", "title", "default", "example",
            "externalDocs", "deprecated", "readOnly", "writeOnly", "xml", "nullable");

    /**
     * Formats networknt's OpenAPI 3.0 dialect does not know, so it does not assert them (it only asserts
     * the formats of its Formats.DEFAULT list): a {@code format} with one of these values is an annotation.
     */
    static final Set<String> NON_ASSERTED_FORMATS = Set.of("int32", "int64", "float", "double", "byte", "binary",
            "password");

    static final Set<String> CLUSTER_TYPES = Set.of("cce", "turbo");

    // ============================================================================ the constraints

    /** A constraint: an instance pointer of the request and a keyword. Required: the pointer of the member. */
    record Constraint(String pointer, String keyword, String schemaPointer) {
        String id() {
            return pointer + "#" + keyword;
        }

        /** Where networknt reports a failure: the pointer, or its parent object for required. */
        String errorPointer() {
            return keyword.equals("required") ? TestSupport.parent(pointer) : pointer;
        }
    }

    /** All constraints of the request schema, walking it from the root and following $refs. */
    static Map<String, Constraint> schemaConstraints(String sampleMapKey) {
        Map<String, Constraint> result = new LinkedHashMap<>();
        String root = "/components/schemas/" + NodePoolContract.REQUEST_SCHEMA;
        walkSchema(TestSupport.at(TestSupport.bundledDocument(), root), root, "", sampleMapKey, result,
                new ArrayDeque<>());
        return result;
    }

    private static void walkSchema(JsonNode schema, String schemaPointer, String instancePointer, String sampleMapKey,
            Map<String, Constraint> out, Deque<String> refs) {
        JsonNode doc = TestSupport.bundledDocument();
        String where = NodePoolContract.OPENAPI_JSON + " " + schemaPointer;
        if (schema.isMissingNode()) {
            fail(where + ": missing");
        }
        if (schema.has("$ref")) {
            String ref = schema.get("$ref").asText();
            if (schema.size() != 1) {
                fail(where + ": the walker expects $ref alone (OpenAPI 3.0 ignores its siblings), got "
                        + iterable(schema.fieldNames()));
            }
            if (!ref.startsWith("#/")) {
                fail(where + ": $ref '" + ref + "' is not internal");
            }
            String target = ref.substring(1);
            if (refs.contains(target)) {
                fail(where + ": recursive $ref '" + ref + "' (via " + refs + "): the catalogue cannot list the"
                        + " constraints of a recursive schema");
            }
            refs.push(target);
            walkSchema(TestSupport.at(doc, target), target, instancePointer, sampleMapKey, out, refs);
            refs.pop();
            return;
        }
        if (!schema.isObject()) {
            fail(where + ": a schema must be an object, got " + schema);
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = schema.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> entry = it.next();
            String keyword = entry.getKey();
            JsonNode value = entry.getValue();
            String keywordPointer = TestSupport.child(schemaPointer, keyword);
            if (keyword.startsWith("x-") || ANNOTATION_KEYWORDS.contains(keyword)) {
                continue;
            }
            switch (keyword) {
                case "required" -> {
                    for (JsonNode name : value) {
                        add(out, new Constraint(TestSupport.child(instancePointer, name.asText()), keyword,
                                keywordPointer));
                    }
                }
                case "properties" -> {
                    for (Iterator<Map.Entry<String, JsonNode>> props = value.fields(); props.hasNext();) {
                        Map.Entry<String, JsonNode> prop = props.next();
                        walkSchema(prop.getValue(), TestSupport.child(keywordPointer, prop.getKey()),
                                TestSupport.child(instancePointer, prop.getKey()), sampleMapKey, out, refs);
                    }
                }
                case "items" -> walkSchema(value, keywordPointer, instancePointer + "/0", sampleMapKey, out, refs);
                case "additionalProperties" -> {
                    if (value.isBoolean()) {
                        if (!value.booleanValue()) {
                            add(out, new Constraint(instancePointer, keyword, keywordPointer));
                        }
                    } else {
                        walkSchema(value, keywordPointer, TestSupport.child(instancePointer, sampleMapKey),
                                sampleMapKey, out, refs);
                    }
                }
                case "format" -> {
                    if (!NON_ASSERTED_FORMATS.contains(value.asText())) {
                        add(out, new Constraint(instancePointer, keyword, keywordPointer));
                    }
                }
                default -> {
                    if (CONSTRAINT_KEYWORDS.contains(keyword)) {
                        add(out, new Constraint(instancePointer, keyword, keywordPointer));
                    } else {
                        fail(where + ": keyword '" + keyword + "' is not handled by the constraint walker of "
                                + ConstraintCatalogueTest.class.getSimpleName() + " (extend it and the catalogue)");
                    }
                }
            }
        }
    }

    private static void add(Map<String, Constraint> out, Constraint constraint) {
        Constraint previous = out.putIfAbsent(constraint.id(), constraint);
        if (previous != null) {
            fail("Constraint " + constraint.id() + " stated twice: " + previous.schemaPointer() + " and "
                    + constraint.schemaPointer());
        }
    }

    private static String iterable(Iterator<String> it) {
        List<String> list = new ArrayList<>();
        it.forEachRemaining(list::add);
        return list.toString();
    }

    // ============================================================================ the catalogue

    /** One edit of a case: set a value at a pointer, or remove a pointer. */
    record Edit(String op, String pointer, JsonNode value) {
    }

    /** The context a cluster-scoped rule needs: the cluster's type and its maximum number of nodes. */
    record Cluster(String type, int maxNodes) {
    }

    /** A case: a base request, edits and the cluster it is sent to. */
    record Case(String name, DocumentedExample base, List<Edit> edits, Cluster cluster, boolean clusterGiven,
            String where) {
        JsonNode request() {
            return applyEdits(TestSupport.exampleTree(base), edits, where);
        }
    }

    /** Accepted and rejected cases of one constraint or rule. */
    record Cases(String id, List<Case> accepted, List<Case> rejected) {
    }

    /** The parsed catalogue. */
    record Catalogue(String sampleMapKey, int defaultMaxNodes, Map<String, Cases> constraints,
            Map<String, Cases> rules) {
    }

    private static volatile Catalogue catalogue;

    static Catalogue catalogue() {
        Catalogue c = catalogue;
        if (c == null) {
            c = parseCatalogue();
            catalogue = c;
        }
        return c;
    }

    private static Catalogue parseCatalogue() {
        JsonNode root;
        try (InputStream in = ConstraintCatalogueTest.class.getClassLoader().getResourceAsStream(CATALOGUE)) {
            if (in == null) {
                throw new IllegalStateException("Test resource " + CATALOGUE + " is missing");
            }
            root = TestSupport.YAML.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(CATALOGUE + " is not valid YAML: " + e.getMessage(), e);
        }
        expectKeys(root, "", Set.of("sampleMapKey", "defaultMaxNodes", "constraints", "rules"),
                Set.of("sampleMapKey", "defaultMaxNodes", "constraints", "rules"));
        String sampleMapKey = text(root.get("sampleMapKey"), "/sampleMapKey");
        JsonNode maxNodes = root.get("defaultMaxNodes");
        if (!maxNodes.isInt() || maxNodes.intValue() < 1) {
            fail(CATALOGUE + " /defaultMaxNodes: rule 'a positive integer': got " + maxNodes);
        }
        return new Catalogue(sampleMapKey, maxNodes.intValue(),
                parseCasesMap(root.get("constraints"), "/constraints", maxNodes.intValue()),
                parseCasesMap(root.get("rules"), "/rules", maxNodes.intValue()));
    }

    private static Map<String, Cases> parseCasesMap(JsonNode node, String pointer, int defaultMaxNodes) {
        if (!node.isObject()) {
            fail(CATALOGUE + " " + pointer + ": rule 'a map of id to cases'");
        }
        Map<String, Cases> result = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> entry = it.next();
            String p = TestSupport.child(pointer, entry.getKey());
            expectKeys(entry.getValue(), p, Set.of("accepted", "rejected"), Set.of("accepted", "rejected"));
            result.put(entry.getKey(), new Cases(entry.getKey(),
                    parseCaseList(entry.getValue().get("accepted"), p + "/accepted", defaultMaxNodes),
                    parseCaseList(entry.getValue().get("rejected"), p + "/rejected", defaultMaxNodes)));
        }
        return result;
    }

    private static List<Case> parseCaseList(JsonNode node, String pointer, int defaultMaxNodes) {
        if (!node.isArray() || node.isEmpty()) {
            fail(CATALOGUE + " " + pointer + ": rule 'at least one case'");
        }
        List<Case> cases = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < node.size(); i++) {
            JsonNode c = node.get(i);
            String p = pointer + "/" + i;
            expectKeys(c, p, Set.of("name", "base"), Set.of("name", "base", "cluster", "patch"));
            String name = text(c.get("name"), p + "/name");
            if (!names.add(name)) {
                fail(CATALOGUE + " " + p + "/name: rule 'unique case name in its list': '" + name + "'");
            }
            String baseName = text(c.get("base"), p + "/base");
            DocumentedExample base;
            try {
                base = DocumentedExample.of(NodePoolContract.Direction.REQUEST, baseName);
            } catch (IllegalArgumentException e) {
                throw new AssertionError(CATALOGUE + " " + p + "/base: " + e.getMessage(), e);
            }
            boolean turbo = base == DocumentedExample.CCE_TURBO_CLUSTER_REQUEST;
            Cluster cluster = new Cluster(turbo ? "turbo" : "cce", defaultMaxNodes);
            if (c.has("cluster")) {
                JsonNode cl = c.get("cluster");
                expectKeys(cl, p + "/cluster", Set.of("type", "maxNodes"), Set.of("type", "maxNodes"));
                String type = text(cl.get("type"), p + "/cluster/type");
                if (!CLUSTER_TYPES.contains(type)) {
                    fail(CATALOGUE + " " + p + "/cluster/type: rule 'one of " + CLUSTER_TYPES + "': got " + type);
                }
                if (!cl.get("maxNodes").isInt() || cl.get("maxNodes").intValue() < 1) {
                    fail(CATALOGUE + " " + p + "/cluster/maxNodes: rule 'a positive integer'");
                }
                cluster = new Cluster(type, cl.get("maxNodes").intValue());
            }
            List<Edit> edits = new ArrayList<>();
            JsonNode patch = c.path("patch");
            if (!patch.isMissingNode() && !patch.isArray()) {
                fail(CATALOGUE + " " + p + "/patch: rule 'a list of edits'");
            }
            for (int e = 0; e < patch.size(); e++) {
                edits.add(parseEdit(patch.get(e), p + "/patch/" + e));
            }
            cases.add(new Case(name, base, edits, cluster, c.has("cluster"), CATALOGUE + " " + p + " (" + name + ")"));
        }
        return cases;
    }

    private static Edit parseEdit(JsonNode edit, String pointer) {
        if (edit.has("remove")) {
            expectKeys(edit, pointer, Set.of("remove"), Set.of("remove"));
            String target = text(edit.get("remove"), pointer + "/remove");
            checkPointer(target, pointer + "/remove");
            return new Edit("remove", target, null);
        }
        if (edit.has("put")) {
            expectKeys(edit, pointer, Set.of("put", "key", "value"), Set.of("put", "key", "value"));
            String target = text(edit.get("put"), pointer + "/put");
            checkPointer(target, pointer + "/put");
            JsonNode key = edit.get("key");
            String name = key.isTextual() ? key.asText() : generateText(key, pointer + "/key");
            return new Edit("set", TestSupport.child(target, name), edit.get("value"));
        }
        if (edit.has("set")) {
            String target = text(edit.get("set"), pointer + "/set");
            checkPointer(target, pointer + "/set");
            if (edit.has("value")) {
                expectKeys(edit, pointer, Set.of("set", "value"), Set.of("set", "value"));
                return new Edit("set", target, edit.get("value"));
            }
            if (edit.has("text")) {
                expectKeys(edit, pointer, Set.of("set", "text"), Set.of("set", "text"));
                return new Edit("set", target, JsonNodeFactory.instance.textNode(
                        generateText(edit.get("text"), pointer + "/text")));
            }
            if (edit.has("items")) {
                expectKeys(edit, pointer, Set.of("set", "items"), Set.of("set", "items"));
                return new Edit("set", target, generateItems(edit.get("items"), pointer + "/items"));
            }
            fail(CATALOGUE + " " + pointer + ": rule 'set needs value, text or items'");
        }
        fail(CATALOGUE + " " + pointer + ": rule 'an edit is {set: pointer, value|text|items: ...},"
                + " {put: object pointer, key: name, value: ...} or {remove: pointer}': got " + edit);
        return null;
    }

    /** text: a list of parts, each a string or {repeat: string, times: n}; the parts are joined. */
    private static String generateText(JsonNode parts, String pointer) {
        if (!parts.isArray() || parts.isEmpty()) {
            fail(CATALOGUE + " " + pointer + ": rule 'text is a non-empty list of parts'");
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < parts.size(); i++) {
            JsonNode part = parts.get(i);
            if (part.isTextual()) {
                sb.append(part.asText());
            } else {
                expectKeys(part, pointer + "/" + i, Set.of("repeat", "times"), Set.of("repeat", "times"));
                sb.append(text(part.get("repeat"), pointer + "/" + i + "/repeat")
                        .repeat(part.get("times").asInt()));
            }
        }
        return sb.toString();
    }

    /**
     * items: {count: n, item: value}: an array of n copies of the value; in every string of the value,
     * "{i}" is replaced by the 1-based index (so that keys can differ).
     */
    private static ArrayNode generateItems(JsonNode spec, String pointer) {
        expectKeys(spec, pointer, Set.of("count", "item"), Set.of("count", "item"));
        ArrayNode array = JsonNodeFactory.instance.arrayNode();
        for (int i = 1; i <= spec.get("count").asInt(); i++) {
            array.add(substitute(spec.get("item"), String.valueOf(i)));
        }
        return array;
    }

    private static JsonNode substitute(JsonNode node, String index) {
        if (node.isTextual()) {
            return JsonNodeFactory.instance.textNode(node.asText().replace("{i}", index));
        }
        if (node.isObject()) {
            ObjectNode copy = JsonNodeFactory.instance.objectNode();
            node.fields().forEachRemaining(f -> copy.set(f.getKey().replace("{i}", index),
                    substitute(f.getValue(), index)));
            return copy;
        }
        if (node.isArray()) {
            ArrayNode copy = JsonNodeFactory.instance.arrayNode();
            node.forEach(item -> copy.add(substitute(item, index)));
            return copy;
        }
        return node.deepCopy();
    }

    private static void checkPointer(String pointer, String where) {
        if (!pointer.isEmpty() && !pointer.startsWith("/")) {
            fail(CATALOGUE + " " + where + ": rule 'a JSON pointer (RFC 6901)': got '" + pointer + "'");
        }
    }

    private static String text(JsonNode node, String pointer) {
        if (node == null || !node.isTextual()) {
            fail(CATALOGUE + " " + pointer + ": rule 'a string': got " + node);
        }
        return node.asText();
    }

    private static void expectKeys(JsonNode node, String pointer, Set<String> required, Set<String> allowed) {
        if (node == null || !node.isObject()) {
            fail(CATALOGUE + " " + pointer + ": rule 'a map': got " + node);
        }
        for (String key : required) {
            if (!node.has(key)) {
                fail(CATALOGUE + " " + pointer + ": rule 'has " + key + "'");
            }
        }
        for (Iterator<String> it = node.fieldNames(); it.hasNext();) {
            String key = it.next();
            if (!allowed.contains(key)) {
                fail(CATALOGUE + " " + pointer + ": rule 'only " + allowed + "': unknown key '" + key + "'");
            }
        }
    }

    /** Applies the edits to a copy of the base. set: add or replace (array: index < size replaces, = size or "-" appends). */
    static JsonNode applyEdits(ObjectNode base, List<Edit> edits, String where) {
        JsonNode doc = base.deepCopy();
        for (Edit edit : edits) {
            String label = where + " edit " + edit.op() + " '" + edit.pointer() + "'";
            if (edit.pointer().isEmpty()) {
                if (edit.op().equals("remove")) {
                    fail(label + ": the root cannot be removed");
                }
                doc = edit.value().deepCopy();
                continue;
            }
            JsonNode parent = TestSupport.at(doc, TestSupport.parent(edit.pointer()));
            List<String> tokens = TestSupport.tokens(edit.pointer());
            String token = tokens.get(tokens.size() - 1);
            if (parent instanceof ObjectNode object) {
                if (edit.op().equals("set")) {
                    object.set(token, edit.value().deepCopy());
                } else if (object.remove(token) == null) {
                    fail(label + ": nothing to remove");
                }
            } else if (parent instanceof ArrayNode array) {
                int index;
                try {
                    index = token.equals("-") ? array.size() : Integer.parseInt(token);
                } catch (NumberFormatException e) {
                    throw new AssertionError(label + ": '" + token + "' is not an array index", e);
                }
                if (edit.op().equals("set") && index < array.size()) {
                    array.set(index, edit.value().deepCopy());
                } else if (edit.op().equals("set") && index == array.size()) {
                    array.add(edit.value().deepCopy());
                } else if (edit.op().equals("remove") && index < array.size()) {
                    array.remove(index);
                } else {
                    fail(label + ": index " + index + " out of range (size " + array.size() + ")");
                }
            } else {
                fail(label + ": the parent is not an object or array in the request (" + parent + ")");
            }
        }
        return doc;
    }

    static List<Error> validateRequest(JsonNode body) {
        return TestSupport.validate(TestSupport.requestSchema(), body);
    }

    // ============================================================================ the tests

    @Test
    void catalogueListsExactlyTheSchemaConstraints() {
        Catalogue c = catalogue();
        Map<String, Constraint> schema = schemaConstraints(c.sampleMapKey());
        assertFalse(schema.isEmpty(), "the walker found no constraints");
        Set<String> missing = new TreeSet<>(schema.keySet());
        missing.removeAll(c.constraints().keySet());
        Set<String> unknown = new TreeSet<>(c.constraints().keySet());
        unknown.removeAll(schema.keySet());
        StringBuilder message = new StringBuilder();
        if (!missing.isEmpty()) {
            message.append("\nConstraints of ").append(NodePoolContract.OPENAPI_JSON).append(" /components/schemas/")
                    .append(NodePoolContract.REQUEST_SCHEMA).append(" that ").append(CATALOGUE)
                    .append(" lacks (rule 'every constraint has cases'):");
            missing.forEach(id -> message.append("\n  ").append(id).append("   (stated at ")
                    .append(schema.get(id).schemaPointer()).append(')'));
        }
        if (!unknown.isEmpty()) {
            message.append("\nConstraints in ").append(CATALOGUE)
                    .append(" that the schema does not have (rule 'no unknown constraint'):");
            unknown.forEach(id -> message.append("\n  ").append(id));
        }
        assertTrue(missing.isEmpty() && unknown.isEmpty(), message.toString());
    }

    @TestFactory
    Stream<DynamicNode> constraintCases() {
        Catalogue c = catalogue();
        Map<String, Constraint> schema = schemaConstraints(c.sampleMapKey());
        return c.constraints().values().stream().map(cases -> {
            Constraint constraint = schema.get(cases.id());
            if (constraint == null) {
                int hash = cases.id().lastIndexOf('#');
                if (hash < 0) {
                    return DynamicTest.dynamicTest(cases.id(), () -> fail(CATALOGUE + " /constraints/"
                            + TestSupport.escape(cases.id()) + ": rule '<instance pointer>#<keyword>': no '#'"));
                }
                constraint = new Constraint(cases.id().substring(0, hash), cases.id().substring(hash + 1), "?");
            }
            Constraint k = constraint;
            List<DynamicNode> tests = new ArrayList<>();
            cases.accepted().forEach(cs -> tests.add(DynamicTest.dynamicTest("accepted: " + cs.name(),
                    () -> checkAccepted(k, cs))));
            cases.rejected().forEach(cs -> tests.add(DynamicTest.dynamicTest("rejected: " + cs.name(),
                    () -> checkRejected(k, cs))));
            return DynamicContainer.dynamicContainer(cases.id(), tests);
        });
    }

    private static void checkAccepted(Constraint constraint, Case cs) {
        JsonNode body = cs.request();
        assertFalse(TestSupport.at(body, constraint.pointer()).isMissingNode(), cs.where() + ": constraint "
                + constraint.id() + ": rule 'an accepted case exercises the constraint': nothing at "
                + constraint.pointer() + " in the request");
        List<Error> errors = validateRequest(body);
        assertTrue(errors.isEmpty(), cs.where() + ": constraint " + constraint.id()
                + ": rule 'accepted case is schema-valid', got:\n" + TestSupport.describe(errors));
    }

    private static void checkRejected(Constraint constraint, Case cs) {
        JsonNode body = cs.request();
        boolean present = !TestSupport.at(body, constraint.pointer()).isMissingNode();
        if (constraint.keyword().equals("required")) {
            assertFalse(present, cs.where() + ": constraint " + constraint.id()
                    + ": rule 'a rejected required case leaves the member out': it is present");
            assertTrue(TestSupport.at(body, constraint.errorPointer()).isObject(), cs.where() + ": constraint "
                    + constraint.id() + ": rule 'the object that misses the member is present': nothing at '"
                    + constraint.errorPointer() + "'");
        } else {
            assertTrue(present, cs.where() + ": constraint " + constraint.id()
                    + ": rule 'a rejected case has a value at the constraint's pointer': nothing at "
                    + constraint.pointer());
        }
        List<Error> errors = validateRequest(body);
        String member = constraint.keyword().equals("required")
                ? TestSupport.tokens(constraint.pointer()).get(TestSupport.tokens(constraint.pointer()).size() - 1)
                : null;
        boolean matched = errors.stream().anyMatch(e -> constraint.keyword().equals(e.getKeyword())
                && constraint.errorPointer().equals(TestSupport.pointer(e.getInstanceLocation()))
                && (member == null || member.equals(e.getProperty())));
        assertTrue(matched, cs.where() + ": constraint " + constraint.id() + ": rule 'rejected with keyword '"
                + constraint.keyword() + "' at instance '" + constraint.errorPointer() + "'"
                + (member == null ? "" : " (property '" + member + "')") + "', got "
                + (errors.isEmpty() ? "no error" : "only:\n" + TestSupport.describe(errors)));
    }

    @Test
    void everyRuleHasCasesAndNoUnknownRuleIsListed() {
        List<String> ids = RuleListTest.ruleIds();
        Set<String> listed = catalogue().rules().keySet();
        Set<String> missing = new LinkedHashSet<>(ids);
        missing.removeAll(listed);
        Set<String> unknown = new LinkedHashSet<>(listed);
        unknown.removeAll(ids);
        assertEquals(Set.of(), missing, CATALOGUE + " /rules: rule 'every x-cce-rules id has cases': missing "
                + missing);
        assertEquals(Set.of(), unknown, CATALOGUE + " /rules: rule 'no unknown rule id' (x-cce-rules of "
                + NodePoolContract.OPENAPI_JSON + " has " + ids + "): unknown " + unknown);
    }

    @TestFactory
    Stream<DynamicNode> ruleCases() {
        Map<String, JsonNode> rules = new LinkedHashMap<>();
        RuleListTest.rules().forEach(rule -> rules.put(rule.path("id").asText(), rule));
        return catalogue().rules().values().stream().map(cases -> {
            JsonNode rule = rules.get(cases.id());
            List<DynamicNode> tests = new ArrayList<>();
            cases.accepted().forEach(cs -> tests.add(DynamicTest.dynamicTest("accepted: " + cs.name(),
                    () -> checkRuleCase(cases.id(), rule, cs, false))));
            cases.rejected().forEach(cs -> tests.add(DynamicTest.dynamicTest("rejected: " + cs.name(),
                    () -> checkRuleCase(cases.id(), rule, cs, true))));
            return DynamicContainer.dynamicContainer(cases.id(), tests);
        });
    }

    private static void checkRuleCase(String id, JsonNode rule, Case cs, boolean rejected) {
        assertTrue(rule != null, cs.where() + ": rule 'the id is in x-cce-rules': '" + id + "' is not");
        boolean clusterScoped = "cluster".equals(rule.path("scope").asText("request"));
        assertEquals(clusterScoped, cs.clusterGiven(), cs.where() + ": rule '" + id + "' has scope "
                + rule.path("scope").asText("request") + ": rule 'cases of a cluster-scoped rule, and only they, state"
                + " the cluster'");
        JsonNode body = cs.request();
        List<Error> errors = validateRequest(body);
        assertTrue(errors.isEmpty(), cs.where() + ": rule '" + id + "': rule '" + (rejected ? "rejected" : "accepted")
                + " rule cases are schema-valid (only the rule may reject them)', got:\n"
                + TestSupport.describe(errors));
        if (rejected) {
            List<String> fields = new ArrayList<>();
            rule.path("fields").forEach(f -> fields.add(f.asText()));
            boolean touches = fields.stream().anyMatch(f -> present(body, TestSupport.tokens(f), 0));
            assertTrue(touches, cs.where() + ": rule '" + id + "': rule 'a rejected case has a value at one of the"
                    + " rule's fields " + fields + "': none present");
        }
    }

    /** Whether the request has a value at the field path (* matches any array index or member). */
    private static boolean present(JsonNode node, List<String> tokens, int index) {
        if (node == null || node.isMissingNode()) {
            return false;
        }
        if (index == tokens.size()) {
            return true;
        }
        String token = tokens.get(index);
        if (token.equals("*")) {
            List<JsonNode> children = new ArrayList<>();
            node.elements().forEachRemaining(children::add);
            return children.stream().anyMatch(child -> present(child, tokens, index + 1));
        }
        return present(node.isArray() ? node.path(parseIndex(token)) : node.get(token), tokens, index + 1);
    }

    private static int parseIndex(String token) {
        try {
            return Integer.parseInt(token);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** The checks themselves can fail: a case that rejects nothing, and one with a wrong keyword. */
    @Test
    void selfTestRejectedChecksCanFail() {
        ObjectNode base = TestSupport.exampleTree(DocumentedExample.CCE_CLUSTER_REQUEST);
        List<Error> none = validateRequest(base);
        assertTrue(none.isEmpty(), "the CCE cluster example must be valid:\n" + TestSupport.describe(none));
        ((ObjectNode) base.get("metadata")).put("name", "A");
        List<Error> errors = validateRequest(base);
        assertTrue(errors.stream().anyMatch(e -> "pattern".equals(e.getKeyword())
                && "/metadata/name".equals(TestSupport.pointer(e.getInstanceLocation()))),
                "expected a pattern error at /metadata/name:\n" + TestSupport.describe(errors));
        assertFalse(errors.stream().anyMatch(e -> "maxLength".equals(e.getKeyword())),
                "no maxLength error expected:\n" + TestSupport.describe(errors));
        ((ObjectNode) base.get("metadata")).remove("name");
        errors = validateRequest(base);
        assertTrue(errors.stream().anyMatch(e -> "required".equals(e.getKeyword())
                && "/metadata".equals(TestSupport.pointer(e.getInstanceLocation()))
                && "name".equals(e.getProperty())),
                "expected a required error at /metadata for name:\n" + TestSupport.describe(errors));
    }

    /** Lists every constraint the walker finds (printed when run, handy when extending the catalogue). */
    @Test
    void walkerFindsTheKnownKeywords() {
        Map<String, Constraint> schema = schemaConstraints(catalogue().sampleMapKey());
        Set<String> keywords = schema.values().stream().map(Constraint::keyword)
                .collect(Collectors.toCollection(TreeSet::new));
        assertTrue(keywords.containsAll(Set.of("required", "type", "enum", "pattern", "minimum", "maximum",
                "minLength", "maxLength", "maxItems", "maxProperties", "not")),
                "the walker misses keywords; found " + keywords);
        assertTrue(schema.containsKey("/spec/nodeTemplate/k8sTags/" + TestSupport.escape(catalogue().sampleMapKey())
                + "#pattern"), "the walker does not enter additionalProperties (k8sTags values)");
        assertTrue(schema.containsKey("/spec/nodeTemplate/dataVolumes/0/size#maximum"),
                "the walker does not enter array items as /0");
    }
}
