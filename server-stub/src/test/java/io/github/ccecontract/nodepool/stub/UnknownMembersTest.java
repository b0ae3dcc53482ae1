package io.github.ccecontract.nodepool.stub;

import static io.github.ccecontract.nodepool.stub.StubHttp.create;
import static io.github.ccecontract.nodepool.stub.StubHttp.example;
import static io.github.ccecontract.nodepool.stub.StubHttp.send;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.ccecontract.nodepool.contract.NodePoolContract.DocumentedExample;
import io.github.ccecontract.nodepool.stub.admin.JournalEntry;
import io.github.ccecontract.nodepool.stub.config.StubConfig;
import io.github.ccecontract.nodepool.stub.config.UnknownMembers;
import io.github.ccecontract.nodepool.stub.errors.CceErrors;
import io.github.ccecontract.nodepool.stub.validation.UnknownMember;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Members the document does not declare where they stand (D4, x-cce-stub-unknown-members): warned about
 * (Cce-Stub-Warning on a 201, the journal's warnings), rejected, or ignored, as unknownMembers says.
 */
class UnknownMembersTest {

    static final String HEADER = "Cce-Stub-Warning";
    static final String SECRET = "s3cret-Value-42";

    static CceNodePoolStub warn;
    static CceNodePoolStub reject;
    static CceNodePoolStub ignore;

    @BeforeAll
    static void start() {
        warn = CceNodePoolStub.builder().config(StubConfig.defaults()).start();
        reject = CceNodePoolStub.builder()
                .config(StubConfig.builder()
                        .unknownMembers(UnknownMembers.REJECT)
                        .build())
                .start();
        ignore = CceNodePoolStub.builder()
                .config(StubConfig.builder()
                        .unknownMembers(UnknownMembers.IGNORE)
                        .build())
                .start();
    }

    @AfterAll
    static void stop() {
        warn.close();
        reject.close();
        ignore.close();
    }

    @BeforeEach
    void reset() {
        warn.reset();
        reject.reset();
        ignore.reset();
    }

    /** The CCE request with typos at five depths, one unrelated member, and members of free maps. */
    static ObjectNode withTypos() {
        ObjectNode request = example(DocumentedExample.CCE_CLUSTER_REQUEST);
        ObjectNode template = (ObjectNode) request.at("/spec/nodeTemplate");
        ((ObjectNode) template.get("login")).put("userPasword", SECRET);
        ObjectNode second = ((com.fasterxml.jackson.databind.node.ArrayNode) template.get("dataVolumes")).addObject();
        second.put("volumetype", "SATA").put("size", 100).put("sizee", 200);
        template.put("flavour", "s6.large.2");
        ((ObjectNode) request.get("spec")).put("initalNodeCount", 2);
        request.put("apiVersoin", "v3");
        request.put("zzzUnrelated", "some value");
        // Free maps: their members are never unknown.
        ((ObjectNode) template.get("k8sTags")).put("apiVersoin", "x");
        ((ObjectNode) template.at("/dataVolumes/0/extendParam"))
                .putObject("anything")
                .put("sizee", 1);
        return request;
    }

    /** What {@link #withTypos()} gets warned about, in body order: pointer and suggestion (null: none). */
    static final List<List<String>> EXPECTED = List.of(
            java.util.Arrays.asList("/spec/nodeTemplate/login/userPasword", "userPassword"),
            java.util.Arrays.asList("/spec/nodeTemplate/dataVolumes/1/sizee", "size"),
            java.util.Arrays.asList("/spec/nodeTemplate/flavour", "flavor"),
            java.util.Arrays.asList("/spec/initalNodeCount", "initialNodeCount"),
            java.util.Arrays.asList("/apiVersoin", "apiVersion"),
            java.util.Arrays.asList("/zzzUnrelated", null));

    private static List<List<String>> pointersAndSuggestions(List<UnknownMember> warnings) {
        List<List<String>> out = new ArrayList<>();
        warnings.forEach(w -> out.add(java.util.Arrays.asList(w.pointer(), w.suggestion())));
        return out;
    }

    @Test
    void typosAtSeveralDepthsAreWarnedAboutInTheHeaderAndTheJournal() {
        StubHttp.Answer answer = create(warn, "c1", withTypos());
        assertEquals(201, answer.status(), answer.text());

        List<String> lines = answer.headers().allValues(HEADER);
        assertEquals(EXPECTED.size(), lines.size(), "one field line per unknown member: " + lines);
        List<Member> list = parseList(String.join(", ", lines));
        List<List<String>> fromHeader = new ArrayList<>();
        for (Member m : list) {
            assertEquals("unknown-member", m.token());
            assertTrue(m.params().keySet().stream().allMatch(k -> k.equals("pointer") || k.equals("suggestion")));
            String fragment = m.params().get("pointer");
            assertTrue(fragment.startsWith("#/"), fragment);
            fromHeader.add(java.util.Arrays.asList(
                    percentDecoded(fragment.substring(1)), m.params().get("suggestion")));
        }
        assertEquals(EXPECTED, fromHeader);
        assertEquals(
                "unknown-member;pointer=\"#/spec/nodeTemplate/login/userPasword\";suggestion=\"userPassword\"",
                lines.get(0));

        JournalEntry entry = warn.journal().get(0);
        assertEquals(EXPECTED, pointersAndSuggestions(entry.warnings()));
        JsonNode journaled =
                send(warn, "GET", "/__admin/requests", null, Map.of()).json().at("/requests/0/warnings");
        assertEquals(EXPECTED.size(), journaled.size(), journaled.toString());
        JsonNode first = journaled.get(0);
        assertEquals("unknown-member", first.path("warning").asText());
        assertEquals(
                "/spec/nodeTemplate/login/userPasword", first.path("pointer").asText());
        assertEquals("userPassword", first.path("suggestion").asText());
        assertTrue(first.path("message").asText().contains("did you mean userPassword?"), first.toString());
        assertFalse(journaled.get(5).has("suggestion"), journaled.get(5).toString());
        assertEquals(entry.toJson().path("warnings"), journaled, "the Java entry and the admin API agree");
    }

    /** Judged as if absent: the pool is created, and answered, without the unknown members. */
    @ParameterizedTest
    @EnumSource(
            value = UnknownMembers.class,
            names = {"WARN", "IGNORE"})
    void theRequestIsJudgedAndCreatedAsIfTheyWereAbsent(UnknownMembers mode) {
        CceNodePoolStub stub = mode == UnknownMembers.WARN ? warn : ignore;
        StubHttp.Answer answer = create(stub, "c1", withTypos());
        assertEquals(201, answer.status(), answer.text());
        assertFalse(answer.json().path("spec").has("initalNodeCount"), answer.text());
        assertFalse(answer.json().at("/spec/nodeTemplate").has("flavour"), answer.text());
        assertEquals(0, answer.json().at("/spec/initialNodeCount").asInt(-1));
    }

    @Test
    void ignoreGivesNeitherWarningNorViolation() {
        StubHttp.Answer answer = create(ignore, "c1", withTypos());
        assertEquals(201, answer.status(), answer.text());
        assertTrue(answer.headers().allValues(HEADER).isEmpty());
        assertTrue(ignore.journal().get(0).warnings().isEmpty());
        assertFalse(send(ignore, "GET", "/__admin/requests", null, Map.of())
                .json()
                .at("/requests/0")
                .has("warnings"));
    }

    @Test
    void rejectAnswers400WithAViolationPerUnknownMember() {
        StubHttp.Answer answer = create(reject, "c1", withTypos());
        assertEquals(400, answer.status(), answer.text());
        assertEquals(CceErrors.INVALID_REQUEST, answer.errorCode());
        assertTrue(answer.headers().allValues(HEADER).isEmpty());
        assertEquals(EXPECTED.size(), answer.json().path("violations").size(), answer.text());
        for (List<String> expected : EXPECTED) {
            assertTrue(answer.hasViolation(expected.get(0), "additionalProperties"), expected + ": " + answer.text());
        }
        JsonNode spec = null;
        for (JsonNode v : answer.json().path("violations")) {
            if (v.path("pointer").asText().equals("/spec/initalNodeCount")) {
                spec = v;
            }
        }
        assertEquals(
                "spec.initalNodeCount is not a member the document declares here (did you mean initialNodeCount?).",
                spec.path("message").asText());
        assertTrue(reject.journal().get(0).warnings().isEmpty(), "rejected: violations, not warnings");
        assertFalse(answer.text().contains(SECRET), answer.text());
    }

    /** With reject, they are additional violations of a request that breaks the document anyway. */
    @Test
    void rejectAddsThemToTheOtherViolations() {
        ObjectNode request = withTypos();
        ((ObjectNode) request.get("metadata")).put("name", "Bad_Name");
        StubHttp.Answer answer = create(reject, "c1", request);
        assertEquals(400, answer.status(), answer.text());
        assertTrue(answer.hasViolation("/metadata/name", "pattern"), answer.text());
        assertTrue(answer.hasViolation("/spec/initalNodeCount", "additionalProperties"), answer.text());
    }

    /** A request rejected for another reason still has its unknown members as warnings in the journal. */
    @Test
    void aRejectedRequestIsJournaledWithItsWarnings() {
        ObjectNode request = example(DocumentedExample.CCE_CLUSTER_REQUEST);
        ObjectNode login = (ObjectNode) request.at("/spec/nodeTemplate/login");
        login.remove("sshKey");
        login.put("sshkey", "KeyPair-nodepool");
        StubHttp.Answer answer = create(warn, "c1", request);
        assertEquals(400, answer.status(), answer.text());
        assertTrue(answer.hasViolation("/spec/nodeTemplate/login", "login-mode-required"), answer.text());
        assertTrue(answer.headers().allValues(HEADER).isEmpty(), "the header is the 201's only");
        assertEquals(
                List.of(java.util.Arrays.asList("/spec/nodeTemplate/login/sshkey", "sshKey")),
                pointersAndSuggestions(warn.journal().get(0).warnings()));
    }

    @Test
    void theDocumentedExamplesHaveNoUnknownMember() {
        for (DocumentedExample example :
                List.of(DocumentedExample.CCE_CLUSTER_REQUEST, DocumentedExample.CCE_TURBO_CLUSTER_REQUEST)) {
            StubHttp.Answer answer = create(warn, "c1", example(example));
            assertEquals(201, answer.status(), example + ": " + answer.text());
            assertTrue(answer.headers().allValues(HEADER).isEmpty(), example + ": " + answer.headers());
        }
        warn.journal().forEach(e -> assertTrue(e.warnings().isEmpty(), e.toString()));
        for (DocumentedExample example :
                List.of(DocumentedExample.CCE_CLUSTER_REQUEST, DocumentedExample.CCE_TURBO_CLUSTER_REQUEST)) {
            assertEquals(201, create(reject, "c1", example(example)).status(), example.toString());
        }
    }

    /** Members of free maps (k8sTags, a volume's extendParam) are not unknown. */
    @Test
    void membersOfFreeMapsAreNotReported() {
        ObjectNode request = example(DocumentedExample.CCE_CLUSTER_REQUEST);
        ((ObjectNode) request.at("/spec/nodeTemplate/k8sTags")).put("sshkey", "v");
        ((ObjectNode) request.at("/spec/nodeTemplate/rootVolume"))
                .putObject("extendParam")
                .put("sizee", "x");
        ((ObjectNode) request.at("/spec/nodeTemplate/dataVolumes/0/extendParam"))
                .putObject("deep")
                .putObject("deeper")
                .put("flavour", 1);
        StubHttp.Answer answer = create(reject, "c1", request);
        assertEquals(201, answer.status(), answer.text());
        assertEquals(201, create(warn, "c1", request).status());
        assertTrue(warn.journal().get(0).warnings().isEmpty());
    }

    /** Names outside printable ASCII, quotes, backslashes, "~" and "/" still give a strict RFC 8941 List. */
    @Test
    void oddNamesGiveAValidListWhosePointersLeadBackToThem() {
        List<String> names = List.of("a\"b", "back\\slash", "sp ace", "größe", "til~de/slash", "%25", "#x", "日本");
        ObjectNode request = example(DocumentedExample.CCE_CLUSTER_REQUEST);
        ObjectNode spec = (ObjectNode) request.get("spec");
        names.forEach(n -> spec.put(n, SECRET));
        StubHttp.Answer answer = create(warn, "c1", request);
        assertEquals(201, answer.status(), answer.text());
        List<Member> list = parseList(String.join(", ", answer.headers().allValues(HEADER)));
        List<String> decoded = new ArrayList<>();
        for (Member m : list) {
            String pointer = percentDecoded(m.params().get("pointer").substring(1));
            decoded.add(pointer.substring("/spec/".length()).replace("~1", "/").replace("~0", "~"));
        }
        assertEquals(names, decoded);
        assertFalse(answer.headers().allValues(HEADER).toString().contains(SECRET));
    }

    /** A warning names members, never a value: not in the header, the journal's warnings or the journal. */
    @Test
    void aWarningNeverHoldsAValue() {
        StubHttp.Answer answer = create(warn, "c1", withTypos());
        assertEquals(201, answer.status());
        assertFalse(answer.headers().allValues(HEADER).toString().contains(SECRET));
        assertFalse(warn.journal().get(0).toJson().path("warnings").toString().contains(SECRET));
        String journal = send(warn, "GET", "/__admin/requests", null, Map.of()).text();
        assertTrue(journal.contains("userPasword"), "the member is named");
        assertFalse(journal.contains(SECRET), "its value is not: a typo of a secret's name is redacted as the secret");
        assertTrue(
                journal.contains("\"userPasword\":\"[redacted]\""), "the body keeps the member, redacted: " + journal);
        for (CceNodePoolStub other : List.of(reject, ignore)) {
            create(other, "c1", withTypos());
            assertFalse(
                    send(other, "GET", "/__admin/requests", null, Map.of())
                            .text()
                            .contains(SECRET),
                    "whatever unknownMembers says");
        }
        assertFalse(send(warn, "GET", "/__admin/requests", null, Map.of())
                .json()
                .at("/requests/0/warnings")
                .toString()
                .contains(SECRET));
    }

    /**
     * Many unknown members: the journal lists the first 100, the header the first ones that fit in 8192
     * characters, still one strict List; the request is judged as usual.
     */
    @Test
    void manyUnknownMembersAreBounded() {
        ObjectNode request = example(DocumentedExample.CCE_CLUSTER_REQUEST);
        ObjectNode spec = (ObjectNode) request.get("spec");
        for (int i = 0; i < 150; i++) {
            spec.put("unknown" + "x".repeat(100) + i, i);
        }
        StubHttp.Answer answer = create(warn, "c1", request);
        assertEquals(201, answer.status(), answer.text());
        List<String> lines = answer.headers().allValues(HEADER);
        int chars = lines.stream().mapToInt(l -> l.length() + 2).sum();
        assertTrue(chars <= 8192, chars + " characters");
        assertTrue(lines.size() > 50, lines.size() + " members");
        List<Member> list = parseList(String.join(", ", lines));
        assertEquals(
                "#/spec/unknown" + "x".repeat(100) + "0", list.get(0).params().get("pointer"));
        assertEquals(100, warn.journal().get(0).warnings().size());
        answer.json().path("spec").fieldNames().forEachRemaining(n -> assertFalse(n.startsWith("unknown"), n));
        assertEquals(
                "/spec/unknown" + "x".repeat(100) + "99",
                warn.journal().get(0).warnings().get(99).pointer());
    }

    @Test
    void theStrictListParserRefusesWhatIsNotAList() {
        for (String bad : List.of(
                "", "unknown-member;pointer=\"a", "-x", "a;b=\"\\x\"", "a,", "a;pointer=\"é\"", "a b", "a;=1")) {
            assertThrows(IllegalArgumentException.class, () -> parseList(bad), bad);
        }
        assertEquals(2, parseList("a;x=\"1\";y, b").size());
        assertNull(parseList("a;y").get(0).params().get("z"));
    }

    // ------------------------------------------------------------------- a strict RFC 8941 List parser

    /** A list member: a token with parameters (strings, tokens, integers and booleans as their text). */
    record Member(String token, Map<String, String> params) {}

    /**
     * RFC 8941, section 4.2.1 (Lists) for members that are tokens with parameters, strictly: anything else,
     * or anything left over, is an {@link IllegalArgumentException}.
     */
    static List<Member> parseList(String input) {
        Parser p = new Parser(input);
        List<Member> members = new ArrayList<>();
        p.skipSp();
        if (p.atEnd()) {
            throw new IllegalArgumentException("an empty field value is no header at all");
        }
        while (true) {
            members.add(p.member());
            p.skipOws();
            if (p.atEnd()) {
                return members;
            }
            p.expect(',');
            p.skipOws();
            if (p.atEnd()) {
                throw new IllegalArgumentException("trailing comma");
            }
        }
    }

    private static final class Parser {
        private final String s;
        private int i;

        Parser(String s) {
            this.s = s;
        }

        boolean atEnd() {
            return i >= s.length();
        }

        char peek() {
            return s.charAt(i);
        }

        void expect(char c) {
            if (atEnd() || peek() != c) {
                throw new IllegalArgumentException("expected '" + c + "' at " + i + " of " + s);
            }
            i++;
        }

        void skipSp() {
            while (!atEnd() && peek() == ' ') {
                i++;
            }
        }

        void skipOws() {
            while (!atEnd() && (peek() == ' ' || peek() == '\t')) {
                i++;
            }
        }

        Member member() {
            String token = token();
            Map<String, String> params = new LinkedHashMap<>();
            while (!atEnd() && peek() == ';') {
                i++;
                skipSp();
                String key = key();
                String value = "?1";
                if (!atEnd() && peek() == '=') {
                    i++;
                    value = bareItem();
                }
                params.put(key, value);
            }
            return new Member(token, params);
        }

        String token() {
            if (atEnd() || !(Character.isLetter(peek()) && peek() < 0x80 || peek() == '*')) {
                throw new IllegalArgumentException("a token must start with ALPHA or '*' at " + i + " of " + s);
            }
            int start = i++;
            while (!atEnd() && (isTchar(peek()) || peek() == ':' || peek() == '/')) {
                i++;
            }
            return s.substring(start, i);
        }

        String key() {
            if (atEnd() || !((peek() >= 'a' && peek() <= 'z') || peek() == '*')) {
                throw new IllegalArgumentException("a key must start with lcalpha or '*' at " + i + " of " + s);
            }
            int start = i++;
            while (!atEnd()
                    && ((peek() >= 'a' && peek() <= 'z')
                            || (peek() >= '0' && peek() <= '9')
                            || "_-.*".indexOf(peek()) >= 0)) {
                i++;
            }
            return s.substring(start, i);
        }

        String bareItem() {
            if (atEnd()) {
                throw new IllegalArgumentException("a value is missing at the end of " + s);
            }
            char c = peek();
            if (c == '"') {
                return string();
            }
            if (c == '?') {
                i++;
                if (atEnd() || (peek() != '0' && peek() != '1')) {
                    throw new IllegalArgumentException("bad boolean in " + s);
                }
                return "?" + s.charAt(i++);
            }
            if (c == '-' || (c >= '0' && c <= '9')) {
                int start = i++;
                while (!atEnd() && peek() >= '0' && peek() <= '9') {
                    i++;
                }
                return s.substring(start, i);
            }
            return token();
        }

        String string() {
            expect('"');
            StringBuilder out = new StringBuilder();
            while (true) {
                if (atEnd()) {
                    throw new IllegalArgumentException("an unterminated string in " + s);
                }
                char c = s.charAt(i++);
                if (c == '\\') {
                    if (atEnd() || (peek() != '"' && peek() != '\\')) {
                        throw new IllegalArgumentException("a bad escape in " + s);
                    }
                    out.append(s.charAt(i++));
                } else if (c == '"') {
                    return out.toString();
                } else if (c < 0x20 || c > 0x7e) {
                    throw new IllegalArgumentException("a character outside printable ASCII in " + s);
                } else {
                    out.append(c);
                }
            }
        }

        private static boolean isTchar(char c) {
            return (c >= 'a' && c <= 'z')
                    || (c >= 'A' && c <= 'Z')
                    || (c >= '0' && c <= '9')
                    || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
        }
    }

    /** A URI fragment percent-decoded as UTF-8; only characters RFC 3986 allows in a fragment may appear. */
    static String percentDecoded(String fragment) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < fragment.length(); i++) {
            char c = fragment.charAt(i);
            if (c == '%') {
                out.write(Integer.parseInt(fragment.substring(i + 1, i + 3), 16));
                i += 2;
            } else {
                assertTrue(
                        Character.isLetterOrDigit(c) && c < 0x80 || "-._~!$&'()*+,;=:@/?".indexOf(c) >= 0,
                        "'" + c + "' is not allowed in a URI fragment: " + fragment);
                out.write(c);
            }
        }
        return out.toString(java.nio.charset.StandardCharsets.UTF_8);
    }
}
