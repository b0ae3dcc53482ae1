package io.github.ccecontract.nodepool.openapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import io.github.ccecontract.nodepool.contract.NodePoolContract;
import io.github.ccecontract.nodepool.contract.NodePoolContract.DocumentedExample;
import io.github.ccecontract.nodepool.openapi.testing.ConstraintCases;
import io.github.ccecontract.nodepool.openapi.testing.ConstraintCases.Case;
import io.github.ccecontract.nodepool.openapi.testing.ConstraintCases.Catalogue;
import io.github.ccecontract.nodepool.openapi.testing.ConstraintWalker;
import io.github.ccecontract.nodepool.openapi.testing.ConstraintWalker.Constraint;
import io.github.ccecontract.nodepool.openapi.testing.Contract;
import io.github.ccecontract.nodepool.openapi.testing.Json;
import io.github.ccecontract.nodepool.openapi.testing.Schemas;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every constraint of the request schema NodePool has an accepted and a rejected request in
 * {@value #CATALOGUE} (and the catalogue names no other constraint), and each case does what it says when
 * validated with networknt json-schema-validator. Every rule of {@code x-cce-rules} has an accepted and a
 * rejected request too, both schema-valid (the stub enforces the rules). The format of the catalogue is
 * described in its header; {@link ConstraintCases} reads it (and rejects a malformed file).
 */
class ConstraintCatalogueTest {

    static final String CATALOGUE = ConstraintCases.CATALOGUE;

    /** The constraints of NodePool, by id (the project's one walk, {@link ConstraintWalker}). */
    static Map<String, Constraint> schemaConstraints(String sampleMapKey) {
        return ConstraintWalker.constraints(sampleMapKey);
    }

    static List<Error> validateRequest(JsonNode body) {
        return Schemas.validate(Schemas.schema(Contract.REQUEST_SCHEMA), body);
    }

    // ============================================================================ the tests

    @Test
    void catalogueListsExactlyTheSchemaConstraints() {
        Catalogue c = ConstraintCases.load();
        Map<String, Constraint> schema = schemaConstraints(c.sampleMapKey());
        assertFalse(schema.isEmpty(), "the walker found no constraints");
        Set<String> missing = new TreeSet<>(schema.keySet());
        missing.removeAll(c.constraints().keySet());
        Set<String> unknown = new TreeSet<>(c.constraints().keySet());
        unknown.removeAll(schema.keySet());
        StringBuilder message = new StringBuilder();
        if (!missing.isEmpty()) {
            message.append("\nConstraints of ")
                    .append(NodePoolContract.OPENAPI_JSON)
                    .append(" /components/schemas/")
                    .append(NodePoolContract.REQUEST_SCHEMA)
                    .append(" that ")
                    .append(CATALOGUE)
                    .append(" lacks (rule 'every constraint has cases'):");
            missing.forEach(id -> message.append("\n  ")
                    .append(id)
                    .append("   (stated at ")
                    .append(schema.get(id).schemaPointer())
                    .append(')'));
        }
        if (!unknown.isEmpty()) {
            message.append("\nConstraints in ")
                    .append(CATALOGUE)
                    .append(" that the schema does not have (rule 'no unknown constraint'):");
            unknown.forEach(id -> message.append("\n  ").append(id));
        }
        assertTrue(missing.isEmpty() && unknown.isEmpty(), message.toString());
    }

    @TestFactory
    Stream<DynamicNode> constraintCases() {
        Catalogue c = ConstraintCases.load();
        Map<String, Constraint> schema = schemaConstraints(c.sampleMapKey());
        return c.constraints().values().stream().map(cases -> {
            Constraint constraint = schema.get(cases.id());
            if (constraint == null) {
                int hash = cases.id().lastIndexOf('#');
                if (hash < 0) {
                    return DynamicTest.dynamicTest(
                            cases.id(),
                            () -> fail(CATALOGUE + " /constraints/" + Json.escape(cases.id())
                                    + ": rule '<instance pointer>#<keyword>': no '#'"));
                }
                constraint =
                        new Constraint(cases.id().substring(0, hash), cases.id().substring(hash + 1), "?");
            }
            Constraint k = constraint;
            return cases.tests(cs -> {
                if (cs.accepted()) {
                    checkAccepted(k, cs);
                } else {
                    checkRejected(k, cs);
                }
            });
        });
    }

    private static void checkAccepted(Constraint constraint, Case cs) {
        JsonNode body = cs.request();
        assertFalse(
                Json.at(body, constraint.pointer()).isMissingNode(),
                cs.location() + ": constraint "
                        + constraint.id() + ": rule 'an accepted case exercises the constraint': nothing at "
                        + constraint.pointer() + " in the request");
        List<Error> errors = validateRequest(body);
        assertTrue(
                errors.isEmpty(),
                cs.location() + ": constraint " + constraint.id() + ": rule 'accepted case is schema-valid', got:\n"
                        + Schemas.describe(errors));
    }

    private static void checkRejected(Constraint constraint, Case cs) {
        JsonNode body = cs.request();
        boolean present = !Json.at(body, constraint.pointer()).isMissingNode();
        if (constraint.keyword().equals("required")) {
            assertFalse(
                    present,
                    cs.location() + ": constraint " + constraint.id()
                            + ": rule 'a rejected required case leaves the member out': it is present");
            assertTrue(
                    Json.at(body, constraint.errorPointer()).isObject(),
                    cs.location() + ": constraint "
                            + constraint.id() + ": rule 'the object that misses the member is present': nothing at '"
                            + constraint.errorPointer() + "'");
        } else {
            assertTrue(
                    present,
                    cs.location() + ": constraint " + constraint.id()
                            + ": rule 'a rejected case has a value at the constraint's pointer': nothing at "
                            + constraint.pointer());
        }
        List<Error> errors = validateRequest(body);
        String member = constraint.keyword().equals("required")
                ? Json.tokens(constraint.pointer())
                        .get(Json.tokens(constraint.pointer()).size() - 1)
                : null;
        boolean matched = errors.stream()
                .anyMatch(e -> constraint.keyword().equals(e.getKeyword())
                        && constraint.errorPointer().equals(Schemas.pointer(e.getInstanceLocation()))
                        && (member == null || member.equals(e.getProperty())));
        assertTrue(
                matched,
                cs.location() + ": constraint " + constraint.id() + ": rule 'rejected with keyword '"
                        + constraint.keyword() + "' at instance '" + constraint.errorPointer() + "'"
                        + (member == null ? "" : " (property '" + member + "')") + "', got "
                        + (errors.isEmpty() ? "no error" : "only:\n" + Schemas.describe(errors)));
    }

    @Test
    void everyRuleHasCasesAndNoUnknownRuleIsListed() {
        List<String> ids = RuleListTest.ruleIds();
        Set<String> listed = ConstraintCases.load().rules().keySet();
        Set<String> missing = new LinkedHashSet<>(ids);
        missing.removeAll(listed);
        Set<String> unknown = new LinkedHashSet<>(listed);
        unknown.removeAll(ids);
        assertEquals(
                Set.of(), missing, CATALOGUE + " /rules: rule 'every x-cce-rules id has cases': missing " + missing);
        assertEquals(
                Set.of(),
                unknown,
                CATALOGUE + " /rules: rule 'no unknown rule id' (x-cce-rules of " + NodePoolContract.OPENAPI_JSON
                        + " has " + ids + "): unknown " + unknown);
    }

    @TestFactory
    Stream<DynamicNode> ruleCases() {
        Map<String, JsonNode> rules = new LinkedHashMap<>();
        RuleListTest.rules().forEach(rule -> rules.put(rule.path("id").asText(), rule));
        return ConstraintCases.load().rules().values().stream().map(cases -> {
            JsonNode rule = rules.get(cases.id());
            return cases.tests(cs -> checkRuleCase(cases.id(), rule, cs, !cs.accepted()));
        });
    }

    private static void checkRuleCase(String id, JsonNode rule, Case cs, boolean rejected) {
        assertTrue(rule != null, cs.location() + ": rule 'the id is in x-cce-rules': '" + id + "' is not");
        boolean clusterScoped = "cluster".equals(rule.path("scope").asText("request"));
        assertEquals(
                clusterScoped,
                cs.clusterStated(),
                cs.location() + ": rule '" + id + "' has scope "
                        + rule.path("scope").asText("request")
                        + ": rule 'cases of a cluster-scoped rule, and only they, state"
                        + " the cluster'");
        JsonNode body = cs.request();
        List<Error> errors = validateRequest(body);
        List<String> stated = new ArrayList<>();
        rule.path("schemaKeywords").forEach(k -> stated.add(k.asText()));
        if (!rejected || stated.isEmpty()) {
            assertTrue(
                    errors.isEmpty(),
                    cs.location() + ": rule '" + id + "': rule '"
                            + (rejected ? "rejected cases of a rule the schema does not state" : "accepted rule cases")
                            + " are schema-valid (only the rule may reject them)', got:\n"
                            + Schemas.describe(errors));
        } else {
            // The schema states the rule as well (schemaKeywords): a generic validator rejects the case, and
            // only at those keywords, so that it agrees with the stub.
            List<Error> elsewhere = errors.stream()
                    .filter(e -> stated.stream().noneMatch(k -> underKeyword(e, k)))
                    .toList();
            assertTrue(
                    !errors.isEmpty() && elsewhere.isEmpty(),
                    cs.location() + ": rule '" + id + "': rule"
                            + " 'a rejected case of a rule the schema states is rejected by " + stated
                            + " and nothing else',"
                            + " got " + (errors.isEmpty() ? "no error" : ":\n" + Schemas.describe(errors)));
        }
        if (rejected) {
            List<String> fields = new ArrayList<>();
            rule.path("fields").forEach(f -> fields.add(f.asText()));
            boolean touches = fields.stream().anyMatch(f -> present(body, Json.tokens(f), 0));
            assertTrue(
                    touches,
                    cs.location() + ": rule '" + id + "': rule 'a rejected case has a value at one of the"
                            + " rule's fields " + fields + "': none present");
        }
    }

    /** Whether networknt reports the error at the keyword (the document pointer) or inside it. */
    static boolean underKeyword(Error error, String keywordPointer) {
        if (error.getSchemaLocation() == null || error.getSchemaLocation().getFragment() == null) {
            return false;
        }
        String fragment = error.getSchemaLocation().getFragment().toString();
        return fragment.equals(keywordPointer) || fragment.startsWith(keywordPointer + "/");
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
        ObjectNode base = Contract.example(DocumentedExample.CCE_CLUSTER_REQUEST);
        List<Error> none = validateRequest(base);
        assertTrue(none.isEmpty(), "the CCE cluster example must be valid:\n" + Schemas.describe(none));
        ((ObjectNode) base.get("metadata")).put("name", "A");
        List<Error> errors = validateRequest(base);
        assertTrue(
                errors.stream()
                        .anyMatch(e -> "pattern".equals(e.getKeyword())
                                && "/metadata/name".equals(Schemas.pointer(e.getInstanceLocation()))),
                "expected a pattern error at /metadata/name:\n" + Schemas.describe(errors));
        assertFalse(
                errors.stream().anyMatch(e -> "maxLength".equals(e.getKeyword())),
                "no maxLength error expected:\n" + Schemas.describe(errors));
        ((ObjectNode) base.get("metadata")).remove("name");
        errors = validateRequest(base);
        assertTrue(
                errors.stream()
                        .anyMatch(e -> "required".equals(e.getKeyword())
                                && "/metadata".equals(Schemas.pointer(e.getInstanceLocation()))
                                && "name".equals(e.getProperty())),
                "expected a required error at /metadata for name:\n" + Schemas.describe(errors));
    }

    /** Lists every constraint the walker finds (printed when run, handy when extending the catalogue). */
    @Test
    void walkerFindsTheKnownKeywords() {
        String sampleMapKey = ConstraintCases.load().sampleMapKey();
        Map<String, Constraint> schema = schemaConstraints(sampleMapKey);
        Set<String> keywords =
                schema.values().stream().map(Constraint::keyword).collect(Collectors.toCollection(TreeSet::new));
        assertTrue(
                keywords.containsAll(Set.of(
                        "required",
                        "type",
                        "enum",
                        "pattern",
                        "minimum",
                        "maximum",
                        "minLength",
                        "maxLength",
                        "maxItems",
                        "maxProperties",
                        "not")),
                "the walker misses keywords; found " + keywords);
        assertTrue(
                schema.containsKey("/spec/nodeTemplate/k8sTags/" + Json.escape(sampleMapKey) + "#pattern"),
                "the walker does not enter additionalProperties (k8sTags values)");
        assertTrue(
                schema.containsKey("/spec/nodeTemplate/dataVolumes/0/size#maximum"),
                "the walker does not enter array items as /0");
    }
}
