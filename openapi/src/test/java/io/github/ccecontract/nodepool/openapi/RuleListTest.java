package io.github.ccecontract.nodepool.openapi;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.ccecontract.nodepool.contract.NodePoolContract;
import io.github.ccecontract.nodepool.openapi.testing.Contract;
import io.github.ccecontract.nodepool.openapi.testing.Json;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The top-level {@code x-cce-rules} list is well formed: each entry has a unique kebab-case id, a message,
 * the tables it comes from (1..24) and the request fields it is about (which exist in the request schema),
 * optionally a CCE error code and a scope; nothing else.
 */
class RuleListTest {

    static final String RULES = NodePoolContract.RULES_EXTENSION;
    static final Pattern KEBAB_CASE = Pattern.compile("^[a-z][a-z0-9]*(-[a-z0-9]+)*$");
    static final Pattern ERROR_CODE = Pattern.compile("^CCE\\.[0-9]{8}$");
    static final Set<String> REQUIRED_KEYS = Set.of("id", "message", "tables", "fields");
    static final Set<String> OPTIONAL_KEYS = Set.of("errorCode", "scope", "schemaKeywords");

    /** Keywords a rule may be stated by in the schema as well (schemaKeywords): the applicators of OpenAPI 3.0. */
    static final Set<String> SCHEMA_KEYWORDS = Set.of("anyOf", "oneOf", "allOf", "not");

    static final Set<String> SCOPES = Set.of("request", "cluster");

    /** The x-cce-rules list of the bundled document. */
    static JsonNode rules() {
        JsonNode rules = Contract.document().path(RULES);
        if (!rules.isArray() || rules.isEmpty()) {
            fail(NodePoolContract.OPENAPI_JSON + " /" + RULES + ": rule 'a non-empty list at the top level': got "
                    + rules);
        }
        return rules;
    }

    /** The ids of x-cce-rules, in document order. */
    static List<String> ruleIds() {
        List<String> ids = new ArrayList<>();
        rules().forEach(rule -> ids.add(rule.path("id").asText()));
        return ids;
    }

    @Test
    void idsAreUniqueKebabCase() {
        Set<String> seen = new HashSet<>();
        JsonNode rules = rules();
        for (int i = 0; i < rules.size(); i++) {
            String pointer = "/" + RULES + "/" + i + "/id";
            JsonNode id = rules.get(i).path("id");
            assertTrue(
                    id.isTextual() && KEBAB_CASE.matcher(id.asText()).matches(),
                    NodePoolContract.OPENAPI_JSON + " " + pointer + ": rule 'id is kebab-case': got " + id);
            assertTrue(
                    seen.add(id.asText()),
                    NodePoolContract.OPENAPI_JSON + " " + pointer + ": rule 'unique id': '" + id.asText()
                            + "' appears twice");
        }
    }

    @TestFactory
    Stream<DynamicTest> everyRuleIsWellFormed() {
        JsonNode rules = rules();
        List<DynamicTest> tests = new ArrayList<>();
        for (int i = 0; i < rules.size(); i++) {
            JsonNode rule = rules.get(i);
            String pointer = "/" + RULES + "/" + i;
            tests.add(DynamicTest.dynamicTest(
                    pointer + " " + rule.path("id").asText("?"), () -> checkRule(rule, pointer)));
        }
        return tests.stream();
    }

    private static void checkRule(JsonNode rule, String pointer) {
        String where = NodePoolContract.OPENAPI_JSON + " " + pointer;
        assertTrue(rule.isObject(), where + ": rule 'an object'");
        for (String key : REQUIRED_KEYS) {
            assertTrue(rule.has(key), where + ": rule 'has " + key + "'");
        }
        for (Iterator<String> it = rule.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            assertTrue(
                    REQUIRED_KEYS.contains(key) || OPTIONAL_KEYS.contains(key),
                    where + "/" + key + ": rule 'no other keys than " + REQUIRED_KEYS + " and " + OPTIONAL_KEYS + "'");
        }
        JsonNode message = rule.get("message");
        assertTrue(message.isTextual() && !message.asText().isBlank(), where + "/message: rule 'non-blank text'");

        JsonNode tables = rule.get("tables");
        assertTrue(tables.isArray() && !tables.isEmpty(), where + "/tables: rule 'non-empty list'");
        Set<Integer> seen = new HashSet<>();
        for (int t = 0; t < tables.size(); t++) {
            JsonNode table = tables.get(t);
            assertTrue(
                    table.isInt()
                            && table.intValue() >= TableTraceabilityTest.FIRST_TABLE
                            && table.intValue() <= TableTraceabilityTest.LAST_TABLE,
                    where + "/tables/" + t + ": rule 'table within 1..24': got " + table);
            assertTrue(seen.add(table.intValue()), where + "/tables/" + t + ": rule 'no table twice'");
        }

        JsonNode fields = rule.get("fields");
        assertTrue(fields.isArray() && !fields.isEmpty(), where + "/fields: rule 'non-empty list'");
        Set<String> seenFields = new HashSet<>();
        for (int f = 0; f < fields.size(); f++) {
            JsonNode field = fields.get(f);
            String fieldWhere = where + "/fields/" + f;
            assertTrue(
                    field.isTextual() && field.asText().startsWith("/"),
                    fieldWhere + ": rule 'a JSON pointer into the request, * for any array index or map key': got "
                            + field);
            assertTrue(seenFields.add(field.asText()), fieldWhere + ": rule 'no field twice'");
            String problem = RequestSchemaPaths.problem(field.asText());
            assertTrue(
                    problem == null,
                    fieldWhere + ": rule 'the field exists in the request schema " + NodePoolContract.REQUEST_SCHEMA
                            + "': '" + field.asText() + "': " + problem);
        }

        if (rule.has("errorCode")) {
            JsonNode code = rule.get("errorCode");
            assertTrue(
                    code.isTextual() && ERROR_CODE.matcher(code.asText()).matches(),
                    where + "/errorCode: rule 'CCE.<8 digits>': got " + code);
        }
        if (rule.has("scope")) {
            JsonNode scope = rule.get("scope");
            assertTrue(
                    scope.isTextual() && SCOPES.contains(scope.asText()),
                    where + "/scope: rule 'one of " + SCOPES + "': got " + scope);
        }
        if (rule.has("schemaKeywords")) {
            JsonNode keywords = rule.get("schemaKeywords");
            assertTrue(keywords.isArray() && !keywords.isEmpty(), where + "/schemaKeywords: rule 'non-empty list'");
            assertFalse(
                    "cluster".equals(rule.path("scope").asText()),
                    where + "/schemaKeywords: rule 'a" + " cluster-scoped rule cannot be stated by the schema'");
            for (int k = 0; k < keywords.size(); k++) {
                String keyword = keywords.get(k).asText();
                String keywordWhere = where + "/schemaKeywords/" + k;
                assertTrue(
                        keyword.startsWith("/components/schemas/"),
                        keywordWhere + ": rule 'a JSON pointer to a keyword of a component schema': got " + keyword);
                String name = keyword.substring(keyword.lastIndexOf('/') + 1);
                assertTrue(
                        SCHEMA_KEYWORDS.contains(name),
                        keywordWhere + ": rule 'one of " + SCHEMA_KEYWORDS + "': got " + name);
                assertFalse(
                        Contract.document().at(keyword).isMissingNode(),
                        keywordWhere + ": rule 'the keyword exists in " + NodePoolContract.OPENAPI_JSON + "': "
                                + keyword);
            }
        }
    }

    /** x-cce-rules is stated once, at the top level, and nowhere else in the document. */
    @Test
    void rulesAreOnlyAtTheTopLevel() {
        rules();
        List<String> elsewhere = new ArrayList<>();
        Json.walk(Contract.document(), "", (pointer, node) -> {
            if (node.isObject() && node.has(RULES) && !pointer.isEmpty()) {
                elsewhere.add(pointer);
            }
        });
        assertTrue(
                elsewhere.isEmpty(),
                NodePoolContract.OPENAPI_JSON + ": rule 'x-cce-rules only at the top" + " level': also found at "
                        + elsewhere);
    }

    /** The field resolver itself: a wrong field is reported. */
    @Test
    void fieldResolverRejectsUnknownFields() {
        assertFalse(RequestSchemaPaths.problem("/spec/nodeTemplate/noSuchField") == null, "noSuchField accepted");
        assertFalse(RequestSchemaPaths.problem("/spec/nodeTemplate/login/*") == null, "* on an object accepted");
        assertTrue(
                RequestSchemaPaths.problem("/spec/nodeTemplate/dataVolumes/*/hw:passthrough") == null,
                "dataVolumes/*/hw:passthrough rejected");
        assertTrue(RequestSchemaPaths.problem("/spec/nodeTemplate/k8sTags/*") == null, "k8sTags/* rejected");
    }

    /** Resolves rule field paths against the request schema of the bundled document. */
    static final class RequestSchemaPaths {
        private RequestSchemaPaths() {}

        /** Null if the path leads to a schema, else what is wrong. */
        static String problem(String path) {
            JsonNode doc = Contract.document();
            String schemaPointer = "/components/schemas/" + NodePoolContract.REQUEST_SCHEMA;
            JsonNode schema = Contract.deref(doc, Json.at(doc, schemaPointer), schemaPointer);
            StringBuilder done = new StringBuilder();
            for (String token : Json.tokens(path)) {
                JsonNode next;
                if (token.equals("*")) {
                    if (schema.has("items")) {
                        next = schema.get("items");
                    } else if (schema.path("additionalProperties").isObject()) {
                        next = schema.get("additionalProperties");
                    } else {
                        return "'" + done + "' is neither an array nor a map, so '*' cannot follow it";
                    }
                } else {
                    next = schema.path("properties").path(token);
                    if (next.isMissingNode()) {
                        return "'" + done + "' has no property '" + token + "'";
                    }
                }
                done.append('/').append(Json.escape(token));
                schema = Contract.deref(doc, next, done.toString());
            }
            return null;
        }
    }
}
