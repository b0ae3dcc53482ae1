package io.github.ccecontract.nodepool.stub.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.LinkedHashSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The walk of the bundled document's request schema, and the suggestions. */
class DeclaredMembersTest {

    static JsonNode json(String text) throws Exception {
        return JsonMapper.builder().build().readTree(text);
    }

    @ParameterizedTest
    @CsvSource(
            nullValues = "-",
            value = {
                "sshkey, sshKey", // case only
                "SSHKEY, sshKey",
                "sshKee, sshKey",
                "shKy, sshKey", // two deletions
                "sshKeyXYZ, -", // three insertions
                "password, -", // userPassword is four away
                "userPasword, userPassword"
            })
    void suggestsADeclaredNameWithinEditDistance2CaseIgnored(String name, String expected) {
        assertEquals(
                expected, DeclaredMembers.suggestion(name, new LinkedHashSet<>(List.of("sshKey", "userPassword"))));
    }

    @Test
    void theNearestWinsAndTiesGoInDocumentOrder() {
        assertEquals("size", DeclaredMembers.suggestion("sizes", new LinkedHashSet<>(List.of("sizex2", "size"))));
        assertEquals("ab", DeclaredMembers.suggestion("aa", new LinkedHashSet<>(List.of("ab", "ba"))));
    }

    @Test
    void placesAreResolvedThroughRefsItemsAndProperties() throws Exception {
        JsonNode body = json("""
                {"spec": {"nodeTemplate": {"publicIP": {"eip": {"bandwidth": {"sise": 1}}},
                 "nodeNicSpec": {"extNics": [{}, {"subnetID": "s"}]}, "userTags": [{"kee": "k"}],
                 "taints": [{"efect": "NoSchedule"}], "runtime": {"nam": "containerd"},
                 "k8sTags": {"free": "x"}, "rootVolume": {"extendParam": {"free": {"deep": 1}},
                 "metadata": {"__system__cmkId": "c"}}}, "autoscaling": {"enabled": true}},
                 "metadata": {"nmae": "x"}}
                """);
        List<UnknownMember> found = DeclaredMembers.bundled().unknownMembers(body);
        assertEquals(
                List.of(
                        new UnknownMember("/spec/nodeTemplate/publicIP/eip/bandwidth/sise", "size"),
                        new UnknownMember("/spec/nodeTemplate/nodeNicSpec/extNics/1/subnetID", "subnetId"),
                        new UnknownMember("/spec/nodeTemplate/userTags/0/kee", "key"),
                        new UnknownMember("/spec/nodeTemplate/taints/0/efect", "effect"),
                        new UnknownMember("/spec/nodeTemplate/runtime/nam", "name"),
                        new UnknownMember("/spec/nodeTemplate/rootVolume/metadata/__system__cmkId", "__system__cmkid"),
                        new UnknownMember("/spec/autoscaling/enabled", "enable"),
                        new UnknownMember("/metadata/nmae", "name")),
                found);
        JsonNode without = DeclaredMembers.bundled().withoutUnknownMembers(body);
        assertTrue(DeclaredMembers.bundled().unknownMembers(without).isEmpty(), without.toString());
        assertEquals("x", without.at("/spec/nodeTemplate/k8sTags/free").asText());
    }

    @Test
    void aValueOfTheWrongTypeIsNotWalked() throws Exception {
        assertTrue(DeclaredMembers.bundled()
                .unknownMembers(json("{\"spec\": [{\"x\": 1}], \"metadata\": \"m\"}"))
                .isEmpty());
        assertTrue(DeclaredMembers.bundled()
                .unknownMembers(json("[1, {\"a\": 2}]"))
                .isEmpty());
    }

    @Test
    void fieldsAreNamedAsTheValidatorNamesThem() {
        UnknownMember member = new UnknownMember("/spec/nodeTemplate/dataVolumes/1/sizee", "size");
        assertEquals("spec.nodeTemplate.dataVolumes[1].sizee", member.field());
        assertEquals("#/a%22b/%C3%BC~0", "#" + UnknownMember.uriFragment("/a\"b/ü~0"));
    }
}
