package io.github.ccecontract.nodepool.openapi.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.github.ccecontract.nodepool.contract.cluster.Cluster;
import io.github.ccecontract.nodepool.openapi.testing.ConstraintCases.Case;
import io.github.ccecontract.nodepool.openapi.testing.ConstraintCases.Catalogue;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/**
 * The reader itself, on small catalogues: the edit forms build what the header says, requests are fresh, and
 * a malformed file fails naming where. (ConstraintCatalogueTest checks the shipped catalogue's cases.)
 */
class ConstraintCasesTest {

    private static Catalogue parse(String yaml) throws IOException {
        return ConstraintCases.parse(YAMLMapper.builder().build().readTree(yaml));
    }

    private static String catalogue(String ruleCases) {
        return """
                sampleMapKey: k
                defaultMaxNodes: 7
                constraints:
                  "/kind#required":
                    accepted: [{name: present, base: cce-cluster}]
                    rejected: [{name: missing, base: cce-cluster, patch: [{remove: /kind}]}]
                rules:
                  some-rule:
                """ + ruleCases;
    }

    @Test
    void editFormsBuildWhatTheHeaderSays() throws IOException {
        Catalogue c = parse(catalogue("""
                    accepted:
                      - {name: all-forms, base: cce-cluster, patch: [
                          {put: /spec/nodeTemplate/k8sTags, key: [a/b~, {repeat: x, times: 3}], value: v},
                          {set: /metadata/name, text: [n-, {repeat: z, times: 2}]},
                          {set: /spec/nodeTemplate/userTags, items: {count: 2, item: {"k{i}": "v{i}"}}},
                          {set: /spec/nodeTemplate/userTags/-, value: last},
                          {remove: /spec/nodeTemplate/userTags/0}]}
                    rejected:
                      - {name: root, base: cce-turbo-cluster, patch: [{set: "", value: []}]}
                """));
        JsonNode request = c.rules().get("some-rule").accepted().get(0).request();
        assertEquals("v", request.at("/spec/nodeTemplate/k8sTags/a~1b~0xxx").asText());
        assertEquals("n-zz", request.at("/metadata/name").asText());
        assertEquals(
                "[{\"k2\":\"v2\"},\"last\"]",
                request.at("/spec/nodeTemplate/userTags").toString());
        assertTrue(c.rules().get("some-rule").rejected().get(0).request().isArray(), "set \"\" replaces the body");
    }

    @Test
    void theClusterIsStatedOrDerivedFromTheBase() throws IOException {
        Catalogue c = parse(catalogue("""
                    accepted:
                      - {name: cce, base: cce-cluster}
                      - {name: turbo, base: cce-turbo-cluster}
                    rejected:
                      - {name: stated, base: cce-cluster, cluster: {type: turbo, maxNodes: 3}}
                """));
        Case cce = c.rules().get("some-rule").accepted().get(0);
        assertEquals(Cluster.cce(7), cce.cluster());
        assertFalse(cce.clusterStated());
        assertEquals(
                Cluster.turbo(7), c.rules().get("some-rule").accepted().get(1).cluster());
        Case stated = c.rules().get("some-rule").rejected().get(0);
        assertEquals(Cluster.turbo(3), stated.cluster());
        assertTrue(stated.clusterStated());
        assertEquals("some-rule / rejected: stated", stated.label());
    }

    @Test
    void everyRequestIsAFreshTree() throws IOException {
        Case c = parse(catalogue("""
                    accepted:
                      - {name: a, base: cce-cluster, patch: [{set: /spec/nodeTemplate/login, value: {sshKey: k}}]}
                    rejected:
                      - {name: b, base: cce-cluster}
                """)).rules().get("some-rule").accepted().get(0);
        JsonNode first = c.request();
        String expected = first.toString();
        // Changing one request touches neither the base nor the edit's value.
        ((ObjectNode) first.at("/spec/nodeTemplate/login")).put("sshKey", "changed");
        ((ObjectNode) first).remove("kind");
        assertEquals(expected, c.request().toString(), c.label());
    }

    @Test
    void aMalformedCatalogueFailsNamingWhere() throws IOException {
        IllegalStateException unknownKey = assertThrows(IllegalStateException.class, () -> parse(catalogue("""
                    accepted:
                      - {name: a, base: cce-cluster, pach: []}
                    rejected:
                      - {name: b, base: cce-cluster}
                """)));
        assertTrue(
                unknownKey
                        .getMessage()
                        .startsWith(ConstraintCases.CATALOGUE + " /rules/some-rule/accepted/0: " + "rule 'only "),
                unknownKey.getMessage());
        IllegalStateException noRejected = assertThrows(IllegalStateException.class, () -> parse(catalogue("""
                    accepted:
                      - {name: a, base: cce-cluster}
                    rejected: []
                """)));
        assertEquals(
                ConstraintCases.CATALOGUE + " /rules/some-rule/rejected: rule 'at least one case'",
                noRejected.getMessage());
        IllegalStateException noRules = assertThrows(
                IllegalStateException.class, () -> parse(catalogue("").replace("  some-rule:\n", "  {}\n")));
        assertEquals(
                ConstraintCases.CATALOGUE + " /rules: rule 'a non-empty map of id to cases'", noRules.getMessage());
        // Edits are applied when a request is built: a case that does not fit its base fails alone.
        Case removesNothing =
                parse(catalogue("""
                    accepted:
                      - {name: a, base: cce-cluster, patch: [{remove: /no-such-member}]}
                    rejected:
                      - {name: b, base: cce-cluster}
                """)).rules().get("some-rule").accepted().get(0);
        IllegalStateException atRequest = assertThrows(IllegalStateException.class, removesNothing::request);
        assertTrue(
                atRequest.getMessage().endsWith("(a) edit remove '/no-such-member': nothing to remove"),
                atRequest.getMessage());
    }
}
