package io.github.ccecontract.nodepool.openapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import io.github.ccecontract.nodepool.contract.NodePoolContract;
import io.github.ccecontract.nodepool.contract.NodePoolContract.DocumentedExample;
import io.github.ccecontract.nodepool.openapi.testing.Contract;
import io.github.ccecontract.nodepool.openapi.testing.Json;
import io.github.ccecontract.nodepool.openapi.testing.Schemas;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Strict on requests, tolerant on responses (issue 9, after Zalando's API guidelines): the schemas a response
 * reaches state the members' types and which members are required, nothing a request alone needs (no range, no
 * pattern, no length, no closed enum: open lists are {@code x-extensible-enum}), and none of them is a request
 * schema. So a real CCE answer parses in every generated client.
 */
class TolerantResponsesTest {

    /** Keywords a response schema does not use. */
    static final Set<String> REQUEST_ONLY = Set.of(
            "enum",
            "pattern",
            "minLength",
            "maxLength",
            "minItems",
            "maxItems",
            "uniqueItems",
            "minProperties",
            "maxProperties",
            "multipleOf",
            "exclusiveMinimum",
            "exclusiveMaximum",
            "not",
            "anyOf",
            "allOf");

    /** Bounds the page states for the response itself (Table 21), which the response schema keeps. */
    static final Set<String> RESPONSE_TABLE_BOUNDS = Set.of(
            "/components/schemas/AutoscalingResponse/properties/minNodeCount/minimum",
            "/components/schemas/AutoscalingResponse/properties/maxNodeCount/minimum",
            "/components/schemas/AutoscalingResponse/properties/scaleDownCooldownTime/minimum",
            "/components/schemas/AutoscalingResponse/properties/scaleDownCooldownTime/maximum");

    @Test
    void responseSchemasStateTypesOnly() {
        JsonNode doc = Contract.document();
        List<String> problems = new ArrayList<>();
        Set<String> reached = new LinkedHashSet<>();
        JsonNode responses = doc.at("/paths/" + Json.escape(NodePoolContract.PATH) + "/post/responses");
        for (Iterator<Map.Entry<String, JsonNode>> it = responses.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> response = it.next();
            JsonNode resolved = response.getValue().has("$ref")
                    ? Json.at(doc, response.getValue().get("$ref").asText().substring(1))
                    : response.getValue();
            JsonNode schema = resolved.at("/content/application~1json/schema");
            if (!schema.isMissingNode()) {
                walk(doc, schema, "response " + response.getKey(), reached, problems);
            }
        }
        assertTrue(reached.contains("/components/schemas/VolumeResponse"), "reached: " + reached);
        for (String schema : reached) {
            String name = schema.substring(schema.lastIndexOf('/') + 1);
            if (RequestSchemas.NAMES.contains(name)) {
                problems.add(schema + ": a request schema used by a response");
            }
        }
        assertEquals(List.of(), problems);
    }

    private static void walk(JsonNode doc, JsonNode schema, String pointer, Set<String> reached, List<String> out) {
        if (schema.has("$ref")) {
            String target = schema.get("$ref").asText().substring(1);
            if (reached.add(target)) {
                walk(doc, Json.at(doc, target), target, reached, out);
            }
            return;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = schema.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            String keyword = entry.getKey();
            String at = Json.child(pointer, keyword);
            switch (keyword) {
                case "properties" ->
                    entry.getValue()
                            .fields()
                            .forEachRemaining(p -> walk(doc, p.getValue(), Json.child(at, p.getKey()), reached, out));
                case "items" -> walk(doc, entry.getValue(), at, reached, out);
                case "additionalProperties" -> {
                    if (entry.getValue().isObject()) {
                        walk(doc, entry.getValue(), at, reached, out);
                    }
                }
                case "oneOf" -> {
                    for (int i = 0; i < entry.getValue().size(); i++) {
                        walk(doc, entry.getValue().get(i), at + "/" + i, reached, out);
                    }
                }
                case "minimum", "maximum" -> {
                    if (!RESPONSE_TABLE_BOUNDS.contains(at)) {
                        out.add(at + ": a bound in a response schema");
                    }
                }
                default -> {
                    if (REQUEST_ONLY.contains(keyword)) {
                        out.add(at + ": '" + keyword
                                + "' in a response schema (use x-extensible-enum for an open list)");
                    }
                }
            }
        }
    }

    /** The schemas the request reaches. */
    static final class RequestSchemas {
        static final Set<String> NAMES = collect();

        private static Set<String> collect() {
            JsonNode doc = Contract.document();
            Set<String> reached = new LinkedHashSet<>();
            walk(
                    doc,
                    Json.at(doc, "/components/schemas/" + NodePoolContract.REQUEST_SCHEMA),
                    "/components/schemas/" + NodePoolContract.REQUEST_SCHEMA,
                    reached,
                    new ArrayList<>());
            Set<String> names = new LinkedHashSet<>();
            names.add(NodePoolContract.REQUEST_SCHEMA);
            reached.forEach(r -> names.add(r.substring(r.lastIndexOf('/') + 1)));
            return names;
        }
    }

    /** What a real CCE answers beyond the page validates against the response schema. */
    @Test
    void aRealResponseIsValid() {
        ObjectNode response = Contract.example(DocumentedExample.CCE_CLUSTER_RESPONSE);
        ObjectNode template = (ObjectNode) response.at("/spec/nodeTemplate");
        template.put("os", "EulerOS 2.10");
        ((ObjectNode) template.at("/dataVolumes/0"))
                .put("size", 2048)
                .put("volumetype", "GPSSD")
                .put("iops", 3000);
        ((ObjectNode) template.at("/rootVolume")).put("size", 30);
        ((ObjectNode) template.at("/taints/0")).put("effect", "NoScheduleSoon").put("key", "a b");
        ((ObjectNode) template.at("/extendParam")).put("maxPods", 0).put("alpha.cce/preInstall", "not base64!");
        ((ObjectNode) response.get("spec"))
                .put("type", "pm")
                .putObject("futureMember")
                .put("x", 1);
        ((ObjectNode) response.get("status")).put("phase", "Upgrading");
        response.put("apiVersion", "v3.1");
        List<Error> errors =
                Schemas.validate(Schemas.schema("/components/schemas/" + NodePoolContract.RESPONSE_SCHEMA), response);
        assertTrue(errors.isEmpty(), Schemas.describe(errors));
    }
}
