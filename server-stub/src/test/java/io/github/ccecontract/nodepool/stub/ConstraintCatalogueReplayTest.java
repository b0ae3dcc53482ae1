package io.github.ccecontract.nodepool.stub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.github.ccecontract.nodepool.openapi.NodePoolContract;
import io.github.ccecontract.nodepool.openapi.NodePoolContract.DocumentedExample;
import io.github.ccecontract.nodepool.stub.domain.ClusterType;
import io.github.ccecontract.nodepool.stub.validation.ContractDocument;
import io.github.ccecontract.nodepool.stub.validation.Pointers;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Replays the contract's constraint catalogue ({@code cce-nodepool/constraint-cases.yaml}, format in
 * its header) against the stub over HTTP: every accepted case gets 201; every rejected case gets 400
 * with a violation at the constraint's pointer with its keyword, or, for a rule of x-cce-rules, a
 * violation of that rule at one of the rule's fields. Each case goes to a cluster configured as its
 * {@code cluster} says (type and node limit), or, without one, to a CCE or Turbo cluster (by its
 * base) of {@code defaultMaxNodes}.
 */
class ConstraintCatalogueReplayTest {

    static JsonNode catalogue;
    static CceNodePoolStub stub;
    static int defaultMaxNodes;

    @BeforeAll
    static void start() throws IOException {
        try (InputStream in = NodePoolContract.resource(NodePoolContract.CONSTRAINT_CASES).openStream()) {
            catalogue = new YAMLMapper().readTree(in);
        }
        defaultMaxNodes = catalogue.path("defaultMaxNodes").asInt();
        Set<String> clusters = new LinkedHashSet<>();
        clusters.add(clusterId("cce", defaultMaxNodes));
        clusters.add(clusterId("turbo", defaultMaxNodes));
        for (String section : List.of("constraints", "rules")) {
            for (JsonNode cases : catalogue.path(section)) {
                for (String list : List.of("accepted", "rejected")) {
                    for (JsonNode c : cases.path(list)) {
                        if (c.has("cluster")) {
                            clusters.add(clusterId(c.at("/cluster/type").asText(), c.at("/cluster/maxNodes").asInt()));
                        }
                    }
                }
            }
        }
        CceNodePoolStub.Builder builder = CceNodePoolStub.builder();
        for (String id : clusters) {
            String[] parts = id.split("-");
            builder.cluster(id, parts[0].equals("turbo") ? ClusterType.TURBO : ClusterType.CCE,
                    Integer.parseInt(parts[1]));
        }
        stub = builder.start();
    }

    @AfterAll
    static void stop() {
        assertEquals(0, stub.internalErrors(), "requests the stub failed on");
        stub.close();
    }

    static String clusterId(String type, int maxNodes) {
        return type + "-" + maxNodes;
    }

    @Test
    void catalogueCoversEveryRuleOfTheDocument() {
        Set<String> listed = new LinkedHashSet<>();
        catalogue.path("rules").properties().forEach(e -> listed.add(e.getKey()));
        assertEquals(ContractDocument.load().rules().keySet(), listed);
    }

    @TestFactory
    Stream<DynamicNode> constraints() {
        return section("constraints", false);
    }

    @TestFactory
    Stream<DynamicNode> rules() {
        return section("rules", true);
    }

    private Stream<DynamicNode> section(String name, boolean rules) {
        Map<String, ContractDocument.Rule> documentRules = ContractDocument.load().rules();
        List<DynamicNode> containers = new ArrayList<>();
        for (Map.Entry<String, JsonNode> entry : catalogue.path(name).properties()) {
            String id = entry.getKey();
            List<DynamicNode> tests = new ArrayList<>();
            for (JsonNode c : entry.getValue().path("accepted")) {
                tests.add(DynamicTest.dynamicTest("accepted: " + c.path("name").asText(), () -> {
                    StubHttp.Answer answer = send(c);
                    assertEquals(201, answer.status(), id + " / " + c.path("name").asText() + ": " + answer.text());
                }));
            }
            for (JsonNode c : entry.getValue().path("rejected")) {
                tests.add(DynamicTest.dynamicTest("rejected: " + c.path("name").asText(), () -> {
                    StubHttp.Answer answer = send(c);
                    String label = id + " / " + c.path("name").asText() + ": " + answer.text();
                    assertEquals(400, answer.status(), label);
                    StubHttp.assertCceShaped(answer);
                    if (rules) {
                        List<String> fields = documentRules.get(id).fields();
                        assertTrue(hasRuleViolation(answer.json(), id, fields), "a violation of rule " + id
                                + " at one of " + fields + ": " + label);
                        String code = documentRules.get(id).errorCode();
                        if (code != null) {
                            assertEquals(code, answer.errorCode(), label);
                        }
                    } else {
                        int hash = id.lastIndexOf('#');
                        String pointer = id.substring(0, hash);
                        String keyword = id.substring(hash + 1);
                        assertTrue(answer.hasViolation(pointer, keyword), "a violation {pointer: '" + pointer
                                + "', rule: " + keyword + "}: " + label);
                        assertEquals(CceErrors.INVALID_REQUEST, answer.errorCode(), label);
                    }
                }));
            }
            containers.add(DynamicContainer.dynamicContainer(id, tests));
        }
        return containers.stream();
    }

    private static boolean hasRuleViolation(JsonNode body, String rule, List<String> fields) {
        for (JsonNode v : body.path("violations")) {
            if (v.path("rule").asText().equals(rule)) {
                List<String> pointer = Pointers.tokens(v.path("pointer").asText());
                for (String field : fields) {
                    if (matches(Pointers.tokens(field), pointer)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /** A rule field ("*" is any member or index) against a violation's pointer. */
    private static boolean matches(List<String> field, List<String> pointer) {
        if (field.size() != pointer.size()) {
            return false;
        }
        for (int i = 0; i < field.size(); i++) {
            if (!field.get(i).equals("*") && !field.get(i).equals(pointer.get(i))) {
                return false;
            }
        }
        return true;
    }

    /** Builds the case's request, sends it to the case's cluster (after a reset: names repeat). */
    private static StubHttp.Answer send(JsonNode c) {
        DocumentedExample base = DocumentedExample.of(NodePoolContract.Direction.REQUEST, c.path("base").asText());
        String cluster;
        if (c.has("cluster")) {
            cluster = clusterId(c.at("/cluster/type").asText(), c.at("/cluster/maxNodes").asInt());
        } else {
            cluster = clusterId(base == DocumentedExample.CCE_TURBO_CLUSTER_REQUEST ? "turbo" : "cce", defaultMaxNodes);
        }
        JsonNode request = StubHttp.example(base);
        for (JsonNode edit : c.path("patch")) {
            request = apply(request, edit);
        }
        stub.reset();
        return StubHttp.create(stub, cluster, request);
    }

    // ------------------------------------------------------------------ the catalogue's edits

    private static JsonNode apply(JsonNode doc, JsonNode edit) {
        if (edit.has("remove")) {
            String pointer = edit.get("remove").asText();
            JsonNode parent = doc.at(parent(pointer));
            String token = last(pointer);
            if (parent instanceof ObjectNode o) {
                o.remove(token);
            } else {
                ((ArrayNode) parent).remove(Integer.parseInt(token));
            }
            return doc;
        }
        String pointer;
        JsonNode value;
        if (edit.has("put")) {
            JsonNode key = edit.get("key");
            pointer = edit.get("put").asText() + "/" + Pointers.escape(key.isTextual() ? key.asText() : text(key));
            value = edit.get("value");
        } else {
            pointer = edit.get("set").asText();
            if (edit.has("value")) {
                value = edit.get("value");
            } else if (edit.has("text")) {
                value = JsonNodeFactory.instance.textNode(text(edit.get("text")));
            } else {
                value = items(edit.get("items"));
            }
        }
        if (pointer.isEmpty()) {
            return value.deepCopy();
        }
        JsonNode parent = doc.at(parent(pointer));
        String token = last(pointer);
        if (parent instanceof ObjectNode o) {
            o.set(token, value.deepCopy());
        } else {
            ArrayNode a = (ArrayNode) parent;
            int index = token.equals("-") ? a.size() : Integer.parseInt(token);
            if (index < a.size()) {
                a.set(index, value.deepCopy());
            } else {
                a.add(value.deepCopy());
            }
        }
        return doc;
    }

    private static String parent(String pointer) {
        return pointer.substring(0, pointer.lastIndexOf('/'));
    }

    private static String last(String pointer) {
        return Pointers.unescape(pointer.substring(pointer.lastIndexOf('/') + 1));
    }

    private static String text(JsonNode parts) {
        StringBuilder sb = new StringBuilder();
        for (JsonNode part : parts) {
            sb.append(part.isTextual() ? part.asText() : part.get("repeat").asText().repeat(part.get("times").asInt()));
        }
        return sb.toString();
    }

    private static ArrayNode items(JsonNode spec) {
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
            node.properties().forEach(f -> copy.set(f.getKey().replace("{i}", index),
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
}
