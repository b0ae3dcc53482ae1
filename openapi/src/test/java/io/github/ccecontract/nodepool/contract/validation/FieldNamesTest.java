package io.github.ccecontract.nodepool.contract.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** How messages name a field: dotted member names, bracketed indexes, quoted names that are no plain names. */
class FieldNamesTest {

    @Test
    void plainNamesAreDottedAndIndexesBracketed() {
        assertEquals("the request body", FieldNames.of(""));
        assertEquals("spec.nodeTemplate.dataVolumes[0].size", FieldNames.of("/spec/nodeTemplate/dataVolumes/0/size"));
        assertEquals("spec.nodeTemplate.dataVolumes[12]", FieldNames.of("/spec/nodeTemplate/dataVolumes/12"));
        assertEquals(
                "spec.nodeTemplate.rootVolume.hw:passthrough",
                FieldNames.of("/spec/nodeTemplate/rootVolume/hw:passthrough"));
        assertEquals("a_b.c-d.$e", FieldNames.of("/a_b/c-d/$e"));
    }

    @Test
    void aLeadingIndexReadsAsAName() {
        // A body that is an array: its items have no parent to bracket.
        assertEquals("0", FieldNames.of("/0"));
        assertEquals("3.kind", FieldNames.of("/3/kind"));
    }

    @Test
    void namesThatAreNoPlainNamesAreQuotedAndEscaped() {
        assertEquals(
                "spec.nodeTemplate.extendParam[\"alpha.cce/preInstall\"]",
                FieldNames.of("/spec/nodeTemplate/extendParam/alpha.cce~1preInstall"));
        assertEquals("spec.nodeTemplate.k8sTags[\"a~b\"]", FieldNames.of("/spec/nodeTemplate/k8sTags/a~0b"));
        assertEquals("k8sTags[\"\"]", FieldNames.of("/k8sTags/"));
        assertEquals("k8sTags[\"a b\"]", FieldNames.of("/k8sTags/a b"));
        assertEquals("k8sTags[\"caf\u00e9\"]", FieldNames.of("/k8sTags/caf\u00e9"));
        assertEquals("k8sTags[\"a\\\"b\\\\c\"]", FieldNames.of("/k8sTags/a\"b\\c"));
        assertEquals("[\"x.y\"].z", FieldNames.of("/x.y/z"));
    }
}
