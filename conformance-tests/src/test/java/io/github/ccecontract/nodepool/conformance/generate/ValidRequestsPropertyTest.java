package io.github.ccecontract.nodepool.conformance.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import io.github.ccecontract.nodepool.conformance.generate.NodePoolGenerator.ValidRequest;
import io.github.ccecontract.nodepool.conformance.support.Checks;
import io.github.ccecontract.nodepool.contract.model.Violation;
import io.github.ccecontract.nodepool.openapi.testing.Contract;
import io.github.ccecontract.nodepool.openapi.testing.Json;
import io.github.ccecontract.nodepool.openapi.testing.Schemas;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;

/**
 * The generator of valid requests: every request it makes validates against the document's NodePool schema
 * (networknt, OpenAPI 3.0 dialect) and obeys every x-cce-rules rule for its cluster (the rule oracle), over
 * {@code conformance.tries} cases (default 1000) from the fixed seed; and over a full run it reaches every member of
 * the schema, leaves out every optional one, and uses every enum value.
 */
@Tag(Checks.SUITE)
class ValidRequestsPropertyTest {

    private final NodePoolGenerator generator = new NodePoolGenerator();

    @Test
    @DisplayName(
            "every generated request is schema-valid (networknt) and obeys the rules (oracle), and the run covers the schema")
    void everyGeneratedRequestIsValid(TestReporter reporter) {
        Coverage coverage = new Coverage();
        PropertyRunner.Settings settings = PropertyRunner.Settings.fromSystemProperties();
        PropertyRunner.Result result = PropertyRunner.run(
                settings,
                "generated requests are valid",
                generator,
                ValidRequest::describe,
                c -> {
                    ValidRequest request = c.value();
                    List<Error> errors = Schemas.validate(Contract.REQUEST_SCHEMA, request.body());
                    assertTrue(
                            errors.isEmpty(), "networknt rejects the generated request:\n" + Schemas.describe(errors));
                    List<Violation> broken = RuleOracle.check(request.body(), request.cluster());
                    assertTrue(broken.isEmpty(), "the generated request breaks rules: " + broken);
                    coverage.add(request);
                },
                reporter);
        if (result.cases() >= 1000) {
            coverage.assertComplete();
        }
    }

    @Test
    @DisplayName("the same seed gives the same requests")
    void deterministic() {
        for (long seed = 0; seed < 20; seed++) {
            assertEquals(generator.generate(new Random(seed)), generator.generate(new Random(seed)));
        }
    }

    @Test
    @DisplayName("the generator obeys exactly the rules of the document's x-cce-rules")
    void rulesMatchTheDocument() {
        assertEquals(
                new TreeSet<>(Contract.ruleIds()),
                new TreeSet<>(NodePoolGenerator.RULES_OBEYED),
                "x-cce-rules of the document vs the rules NodePoolGenerator obeys: a rule was added or removed;"
                        + " teach NodePoolGenerator and RuleOracle");
    }

    /**
     * Optional members the generator always sends because of a rule: login-mode-required (a key pair or a
     * password; the generator always gives the key pair, the page says the password is not supported).
     */
    static final Set<String> REQUIRED_BY_RULES = Set.of("/spec/nodeTemplate/login/sshKey");

    /** What a run reached: member patterns present and absent, enum values, clusters, shapes. */
    static final class Coverage {
        private final Set<String> present = ConcurrentHashMap.newKeySet();
        private final Map<String, Set<String>> enumValues = new ConcurrentHashMap<>();
        private final Set<String> clusters = ConcurrentHashMap.newKeySet();
        private final Set<String> shapes = ConcurrentHashMap.newKeySet();
        private final Set<String> absent = ConcurrentHashMap.newKeySet();

        void add(ValidRequest request) {
            clusters.add(request.cluster().type().name());
            shapes.add(request.shape().name());
            walk(Contract.at(Contract.REQUEST_SCHEMA), "", request.body());
        }

        private void walk(JsonNode schemaNode, String pattern, JsonNode value) {
            JsonNode schema = Contract.deref(schemaNode);
            if (schema.has("enum")) {
                enumValues
                        .computeIfAbsent(pattern, k -> ConcurrentHashMap.newKeySet())
                        .add(value.asText());
            }
            if (value.isObject()) {
                for (Iterator<Map.Entry<String, JsonNode>> it =
                                schema.path("properties").fields();
                        it.hasNext(); ) {
                    Map.Entry<String, JsonNode> property = it.next();
                    String child = Json.child(pattern, property.getKey());
                    if (value.has(property.getKey())) {
                        present.add(child);
                        walk(property.getValue(), child, value.get(property.getKey()));
                    } else {
                        absent.add(child);
                    }
                }
                JsonNode additional = schema.get("additionalProperties");
                if (additional != null
                        && additional.isObject()
                        && schema.path("properties").isEmpty()) {
                    value.fields().forEachRemaining(e -> walk(additional, pattern + "/*", e.getValue()));
                }
            } else if (value.isArray() && schema.has("items")) {
                value.forEach(item -> walk(schema.get("items"), pattern + "/*", item));
            }
        }

        void assertComplete() {
            Set<String> notReached = new TreeSet<>(SchemaGenerator.memberPatterns(Contract.REQUEST_SCHEMA));
            notReached.removeAll(present);
            assertTrue(notReached.isEmpty(), "members never generated: " + notReached);

            Set<String> neverLeftOut = new TreeSet<>(SchemaGenerator.memberPatterns(Contract.REQUEST_SCHEMA));
            neverLeftOut.removeAll(absent);
            neverLeftOut.removeAll(requiredPatterns());
            neverLeftOut.removeAll(REQUIRED_BY_RULES);
            assertTrue(neverLeftOut.isEmpty(), "optional members never left out: " + neverLeftOut);

            enumValues.forEach((pattern, seen) -> {
                JsonNode schema = schemaAt(pattern);
                Set<String> all = new TreeSet<>();
                schema.path("enum").forEach(v -> all.add(v.asText()));
                all.removeAll(seen);
                assertTrue(all.isEmpty(), "enum values never generated at " + pattern + ": " + all);
            });
            assertEquals(Set.of("CCE", "TURBO"), clusters, "cluster types");
            assertEquals(Set.of("RANDOM", "MINIMAL", "MAXIMAL"), shapes, "shapes");
        }

        /** Patterns of members that are required where they are (never absent from a present parent). */
        private static Set<String> requiredPatterns() {
            Set<String> out = new TreeSet<>();
            for (String pattern : SchemaGenerator.memberPatterns(Contract.REQUEST_SCHEMA)) {
                String parent = pattern.substring(0, pattern.lastIndexOf('/'));
                String member = Json.unescape(pattern.substring(pattern.lastIndexOf('/') + 1));
                for (JsonNode r : schemaAt(parent).path("required")) {
                    if (r.asText().equals(member)) {
                        out.add(pattern);
                    }
                }
            }
            return out;
        }

        /** The (dereferenced) schema of a member pattern. */
        private static JsonNode schemaAt(String pattern) {
            JsonNode schema = Contract.deref(Contract.at(Contract.REQUEST_SCHEMA));
            for (String token : Json.tokens(pattern)) {
                if (token.equals("*")) {
                    schema = Contract.deref(
                            schema.has("items") ? schema.get("items") : schema.get("additionalProperties"));
                } else {
                    schema = Contract.deref(schema.path("properties").path(token));
                }
            }
            return schema;
        }
    }
}
