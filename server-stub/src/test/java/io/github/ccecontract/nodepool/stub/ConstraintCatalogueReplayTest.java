package io.github.ccecontract.nodepool.stub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.ccecontract.nodepool.openapi.testing.ConstraintCases;
import io.github.ccecontract.nodepool.openapi.testing.ConstraintCases.Case;
import io.github.ccecontract.nodepool.openapi.testing.ConstraintCases.Catalogue;
import io.github.ccecontract.nodepool.openapi.testing.ConstraintCases.ClusterProfile;
import io.github.ccecontract.nodepool.openapi.testing.ConstraintCases.Entry;
import io.github.ccecontract.nodepool.stub.domain.ClusterType;
import io.github.ccecontract.nodepool.stub.validation.ContractDocument;
import io.github.ccecontract.nodepool.stub.validation.Pointers;
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
 * its header, read by the openapi test-jar's {@link ConstraintCases}) against the stub over HTTP: every
 * accepted case gets 201; every rejected case gets 400 with a violation at the constraint's pointer with
 * its keyword, or, for a rule of x-cce-rules, a violation of that rule at one of the rule's fields.
 * Each case goes to a cluster configured as its {@code cluster} says (type and node limit), or,
 * without one, to a CCE or Turbo cluster (by its base) of {@code defaultMaxNodes}.
 */
class ConstraintCatalogueReplayTest {

    static Catalogue catalogue;
    static CceNodePoolStub stub;

    @BeforeAll
    static void start() {
        catalogue = ConstraintCases.load();
        // One stub cluster per distinct cluster the cases are sent to.
        Set<ClusterProfile> clusters = new LinkedHashSet<>();
        catalogue.cases().forEach(c -> clusters.add(c.cluster()));
        CceNodePoolStub.Builder builder = CceNodePoolStub.builder();
        for (ClusterProfile cluster : clusters) {
            builder.cluster(clusterId(cluster), cluster.turbo() ? ClusterType.TURBO : ClusterType.CCE,
                    cluster.maxNodes());
        }
        stub = builder.start();
    }

    @AfterAll
    static void stop() {
        assertEquals(0, stub.internalErrors(), "requests the stub failed on");
        stub.close();
    }

    static String clusterId(ClusterProfile cluster) {
        return cluster.type().catalogueName() + "-" + cluster.maxNodes();
    }

    @Test
    void catalogueCoversEveryRuleOfTheDocument() {
        Set<String> listed = new LinkedHashSet<>(catalogue.rules().keySet());
        assertEquals(ContractDocument.load().rules().keySet(), listed);
    }

    @TestFactory
    Stream<DynamicNode> constraints() {
        return section(catalogue.constraints(), false);
    }

    @TestFactory
    Stream<DynamicNode> rules() {
        return section(catalogue.rules(), true);
    }

    private Stream<DynamicNode> section(Map<String, Entry> entries, boolean rules) {
        Map<String, ContractDocument.Rule> documentRules = ContractDocument.load().rules();
        List<DynamicNode> containers = new ArrayList<>();
        for (Entry entry : entries.values()) {
            String id = entry.id();
            List<DynamicNode> tests = new ArrayList<>();
            for (Case c : entry.accepted()) {
                tests.add(DynamicTest.dynamicTest("accepted: " + c.name(), () -> {
                    StubHttp.Answer answer = send(c);
                    assertEquals(201, answer.status(), id + " / " + c.name() + ": " + answer.text());
                }));
            }
            for (Case c : entry.rejected()) {
                tests.add(DynamicTest.dynamicTest("rejected: " + c.name(), () -> {
                    StubHttp.Answer answer = send(c);
                    String label = id + " / " + c.name() + ": " + answer.text();
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
                        String pointer = entry.constraintPointer();
                        String keyword = entry.constraintKeyword();
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
    private static StubHttp.Answer send(Case c) {
        JsonNode request = c.request();
        stub.reset();
        return StubHttp.create(stub, clusterId(c.cluster()), request);
    }
}
