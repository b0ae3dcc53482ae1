package io.github.ccecontract.nodepool.stub;

import static io.github.ccecontract.nodepool.stub.StubHttp.TOKEN;
import static io.github.ccecontract.nodepool.stub.StubHttp.assertCceShaped;
import static io.github.ccecontract.nodepool.stub.StubHttp.bytes;
import static io.github.ccecontract.nodepool.stub.StubHttp.create;
import static io.github.ccecontract.nodepool.stub.StubHttp.example;
import static io.github.ccecontract.nodepool.stub.StubHttp.nodePoolsPath;
import static io.github.ccecontract.nodepool.stub.StubHttp.send;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.ccecontract.nodepool.contract.NodePoolContract.DocumentedExample;
import io.github.ccecontract.nodepool.contract.cluster.ClusterType;
import io.github.ccecontract.nodepool.stub.config.StubConfig;
import io.github.ccecontract.nodepool.stub.errors.CceErrors;
import io.github.ccecontract.nodepool.stub.validation.JsonBodyParser;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The HTTP side of the operation: methods, paths, authentication, bodies, limits, and no 500 ever. */
class HttpBehaviourTest {

    static final int MAX_BODY = 64 * 1024;
    static CceNodePoolStub stub;

    @BeforeAll
    static void start() {
        stub = CceNodePoolStub.builder()
                .config(StubConfig.builder()
                        .cluster("cce-cluster", ClusterType.CCE, 50)
                        .cluster("turbo-cluster", ClusterType.TURBO, 50)
                        .maxBodyBytes(MAX_BODY)
                        .build())
                .start();
    }

    @AfterAll
    static void stop() {
        assertEquals(0, stub.internalErrors(), "requests the stub failed on (answered 500)");
        stub.close();
    }

    @BeforeEach
    void reset() {
        stub.reset();
    }

    static Map<String, String> jsonWithToken() {
        return Map.of("Content-Type", "application/json", "X-Auth-Token", TOKEN);
    }

    static byte[] cceRequest() {
        return bytes(example(DocumentedExample.CCE_CLUSTER_REQUEST));
    }

    static StubHttp.Answer post(byte[] body, Map<String, String> headers) {
        return send(stub, "POST", nodePoolsPath("p1", "cce-cluster"), body, headers);
    }

    // ------------------------------------------------------------------ methods and paths

    @ParameterizedTest
    @ValueSource(strings = {"GET", "PUT", "DELETE", "PATCH", "OPTIONS"})
    void otherMethodsGet405WithAllowPost(String method) {
        StubHttp.Answer answer = send(
                stub,
                method,
                nodePoolsPath("p1", "cce-cluster"),
                method.equals("GET") || method.equals("OPTIONS") ? null : cceRequest(),
                jsonWithToken());
        assertEquals(405, answer.status());
        assertEquals("POST", answer.header("Allow"));
        assertCceShaped(answer);
        assertEquals(CceErrors.METHOD_NOT_ALLOWED, answer.errorCode());
    }

    @Test
    void headGets405WithoutABody() {
        StubHttp.Answer answer = send(stub, "HEAD", nodePoolsPath("p1", "cce-cluster"), null, Map.of());
        assertEquals(405, answer.status());
        assertEquals("POST", answer.header("Allow"));
        assertEquals("", answer.text());
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "/",
                "/api/v3/projects/p1/clusters/cce-cluster/nodepools/",
                "/api/v3/projects//clusters/c/nodepools",
                "/api/v3/projects/p1/clusters/cce-cluster",
                "/api/v2/projects/p1/clusters/cce-cluster/nodepools",
                "/api/v3/projects/p1/clusters/cce-cluster/nodepools/x",
                "/openapi.yml",
                "/api/v3/projects/p%C3%28/clusters/c/nodepools"
            })
    void unknownPathsGet404(String path) {
        StubHttp.Answer answer = send(stub, "POST", path, cceRequest(), jsonWithToken());
        assertEquals(404, answer.status(), path + ": " + answer.text());
        assertCceShaped(answer);
        assertEquals(CceErrors.NOT_FOUND, answer.errorCode());
    }

    @Test
    void unknownClusterGets404WhenClustersAreConfigured() {
        StubHttp.Answer answer = create(stub, "no-such-cluster", example(DocumentedExample.CCE_CLUSTER_REQUEST));
        assertEquals(404, answer.status());
        assertCceShaped(answer);
        assertEquals(CceErrors.NOT_FOUND, answer.errorCode());
        assertTrue(answer.json().path("errorMessage").asText().contains("no-such-cluster"));
    }

    @Test
    void percentEncodedClusterIdIsDecoded() {
        StubHttp.Answer answer = send(
                stub, "POST", "/api/v3/projects/p1/clusters/cce%2Dcluster/nodepools", cceRequest(), jsonWithToken());
        assertEquals(201, answer.status(), answer.text());
    }

    // ------------------------------------------------------------------ authentication

    @Test
    void noTokenGets401() {
        StubHttp.Answer answer = post(cceRequest(), Map.of("Content-Type", "application/json"));
        assertEquals(401, answer.status());
        assertCceShaped(answer);
        assertEquals(CceErrors.UNAUTHORIZED, answer.errorCode());
    }

    @Test
    void blankTokenGets401() {
        StubHttp.Answer answer = post(cceRequest(), Map.of("Content-Type", "application/json", "X-Auth-Token", " "));
        assertEquals(401, answer.status());
        assertEquals(CceErrors.UNAUTHORIZED, answer.errorCode());
    }

    @Test
    void configuredTokensAreTheOnlyOnesAccepted() {
        try (CceNodePoolStub strict = CceNodePoolStub.builder()
                .config(StubConfig.builder().tokens("good").build())
                .start()) {
            byte[] body = cceRequest();
            String path = nodePoolsPath("p", "c");
            assertEquals(
                    401,
                    send(strict, "POST", path, body, Map.of("Content-Type", "application/json", "X-Auth-Token", "bad"))
                            .status());
            assertEquals(
                    201,
                    send(strict, "POST", path, body, Map.of("Content-Type", "application/json", "X-Auth-Token", "good"))
                            .status());
        }
    }

    // ------------------------------------------------------------------ content type and JSON

    @ParameterizedTest
    @ValueSource(
            strings = {
                "text/plain",
                "application/xml",
                "application/x-www-form-urlencoded",
                "application/json; charset=iso-8859-1",
                "application/jsonx",
                "application/problem+json"
            })
    void otherContentTypesGet400Cce01400006(String contentType) {
        StubHttp.Answer answer = post(cceRequest(), Map.of("Content-Type", contentType, "X-Auth-Token", TOKEN));
        assertEquals(400, answer.status(), answer.text());
        assertCceShaped(answer);
        assertEquals(CceErrors.BAD_BODY, answer.errorCode());
    }

    @ParameterizedTest
    @ValueSource(
            strings = {"application/json", "application/json; charset=utf-8", "Application/JSON;charset=\"UTF-8\""})
    void jsonContentTypesAreAccepted(String contentType) {
        StubHttp.Answer answer = post(cceRequest(), Map.of("Content-Type", contentType, "X-Auth-Token", TOKEN));
        assertEquals(201, answer.status(), answer.text());
    }

    @Test
    void missingContentTypeGets400Cce01400006() {
        StubHttp.Answer answer = post(cceRequest(), Map.of("X-Auth-Token", TOKEN));
        assertEquals(400, answer.status());
        assertEquals(CceErrors.BAD_BODY, answer.errorCode());
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                " ",
                "{",
                "{\"kind\":",
                "nul",
                "{\"a\":1}}",
                "{\"a\":1} {\"b\":2}",
                "{'a':1}",
                "{\"a\":1,\"a\":2}",
                "[1,]",
                "\"\\ud800\"",
                "{\"metadata\":{\"name\":\"\\udc00x\"}}",
                "NaN",
                "{\"a\":01}"
            })
    void malformedJsonGets400Cce01400006(String body) {
        StubHttp.Answer answer = post(body.getBytes(StandardCharsets.UTF_8), jsonWithToken());
        assertEquals(400, answer.status(), "'" + body + "': " + answer.text());
        assertCceShaped(answer);
        assertEquals(CceErrors.BAD_BODY, answer.errorCode(), answer.text());
    }

    @Test
    void invalidUtf8Gets400Cce01400006() {
        byte[] body = "{\"kind\":\"NodePool\",\"x\":\"\"}".getBytes(StandardCharsets.UTF_8);
        byte[] broken = new byte[body.length + 2];
        System.arraycopy(body, 0, broken, 0, 24);
        broken[24] = (byte) 0xC3; // a lead byte without its continuation
        broken[25] = (byte) 0x28;
        System.arraycopy(body, 24, broken, 26, body.length - 24);
        StubHttp.Answer answer = post(broken, jsonWithToken());
        assertEquals(400, answer.status(), answer.text());
        assertEquals(CceErrors.BAD_BODY, answer.errorCode());
        assertTrue(answer.json().path("errorMessage").asText().contains("UTF-8"), answer.text());
    }

    @Test
    void utf16BodyGets400() {
        StubHttp.Answer answer = post("{\"kind\":\"NodePool\"}".getBytes(StandardCharsets.UTF_16), jsonWithToken());
        assertEquals(400, answer.status(), answer.text());
        assertEquals(CceErrors.BAD_BODY, answer.errorCode());
    }

    @Test
    void byteOrderMarkIsIgnored() {
        byte[] body = cceRequest();
        byte[] withBom = new byte[body.length + 3];
        withBom[0] = (byte) 0xEF;
        withBom[1] = (byte) 0xBB;
        withBom[2] = (byte) 0xBF;
        System.arraycopy(body, 0, withBom, 3, body.length);
        assertEquals(201, post(withBom, jsonWithToken()).status());
    }

    @Test
    void nestingDeeperThanTheLimitGets400() {
        ObjectNode request = example(DocumentedExample.CCE_CLUSTER_REQUEST);
        // Volume.extendParam is a free map at level 6 (root, spec, nodeTemplate, dataVolumes, [0], extendParam):
        // values nested up to level 32 are accepted, level 33 is not.
        String ok = "{\"a\":".repeat(JsonBodyParser.MAX_DEPTH - 6) + "1" + "}".repeat(JsonBodyParser.MAX_DEPTH - 6);
        String deep = "{\"a\":".repeat(JsonBodyParser.MAX_DEPTH - 5) + "1" + "}".repeat(JsonBodyParser.MAX_DEPTH - 5);
        String template = StubHttp.JSON
                .valueToTree(request)
                .toString()
                .replace(
                        "\"extendParam\":{\"useType\":\"docker\"}",
                        "\"extendParam\":{\"useType\":\"docker\",\"deep\":DEEP}");
        assertTrue(template.contains("DEEP"), "the example has a data volume extendParam");
        StubHttp.Answer accepted = post(template.replace("DEEP", ok).getBytes(StandardCharsets.UTF_8), jsonWithToken());
        assertEquals(201, accepted.status(), accepted.text());
        StubHttp.Answer rejected = post(
                template.replace("DEEP", deep).replace("wyr-17", "other").getBytes(StandardCharsets.UTF_8),
                jsonWithToken());
        assertEquals(400, rejected.status(), rejected.text());
        assertEquals(CceErrors.BAD_BODY, rejected.errorCode());
        assertTrue(rejected.json().path("errorMessage").asText().contains("deeper than " + JsonBodyParser.MAX_DEPTH));
        StubHttp.Answer veryDeep =
                post(("[".repeat(30_000) + "]".repeat(30_000)).getBytes(StandardCharsets.UTF_8), jsonWithToken());
        assertEquals(400, veryDeep.status());
    }

    @ParameterizedTest
    @ValueSource(strings = {"[]", "\"NodePool\"", "42", "true", "null"})
    void aJsonValueThatIsNoObjectGetsATypeViolation(String body) {
        StubHttp.Answer answer = post(body.getBytes(StandardCharsets.UTF_8), jsonWithToken());
        assertEquals(400, answer.status(), answer.text());
        assertEquals(CceErrors.INVALID_REQUEST, answer.errorCode());
        assertTrue(answer.hasViolation("", "type"), answer.text());
    }

    // ------------------------------------------------------------------ body size

    @Test
    void bodyOverTheLimitByContentLengthGets413() {
        byte[] big = new byte[MAX_BODY + 1];
        java.util.Arrays.fill(big, (byte) ' ');
        StubHttp.Answer answer = post(big, jsonWithToken());
        assertEquals(413, answer.status());
        assertCceShaped(answer);
        assertEquals(CceErrors.INVALID_REQUEST, answer.errorCode());
    }

    @Test
    void muchLargerBodyStillGets413() {
        byte[] big = new byte[16 * MAX_BODY];
        java.util.Arrays.fill(big, (byte) ' ');
        StubHttp.Answer answer = post(big, jsonWithToken());
        assertEquals(413, answer.status());
    }

    @Test
    void chunkedBodyOverTheLimitGets413WhileStreaming() {
        byte[] big = new byte[4 * MAX_BODY];
        java.util.Arrays.fill(big, (byte) ' ');
        StubHttp.Answer answer =
                StubHttp.send(HttpRequest.newBuilder(URI.create(stub.baseUrl() + nodePoolsPath("p1", "cce-cluster")))
                        .header("Content-Type", "application/json")
                        .header("X-Auth-Token", TOKEN)
                        .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big)))
                        .build());
        assertEquals(413, answer.status());
        assertEquals(CceErrors.INVALID_REQUEST, answer.errorCode());
    }

    @Test
    void chunkedBodyWithinTheLimitIsRead() {
        byte[] body = cceRequest();
        StubHttp.Answer answer =
                StubHttp.send(HttpRequest.newBuilder(URI.create(stub.baseUrl() + nodePoolsPath("p1", "cce-cluster")))
                        .header("Content-Type", "application/json")
                        .header("X-Auth-Token", TOKEN)
                        .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)))
                        .build());
        assertEquals(201, answer.status(), answer.text());
    }

    @Test
    void expectContinueWithATooLargeBodyGets413() {
        byte[] big = new byte[MAX_BODY * 2];
        StubHttp.Answer answer =
                StubHttp.send(HttpRequest.newBuilder(URI.create(stub.baseUrl() + nodePoolsPath("p1", "cce-cluster")))
                        .expectContinue(true)
                        .header("Content-Type", "application/json")
                        .header("X-Auth-Token", TOKEN)
                        .POST(HttpRequest.BodyPublishers.ofByteArray(big))
                        .build());
        assertEquals(413, answer.status());
    }

    // ------------------------------------------------------------------ conflicts

    @Test
    void secondPoolOfTheSameNameGets409() {
        assertEquals(201, post(cceRequest(), jsonWithToken()).status());
        StubHttp.Answer again = post(cceRequest(), jsonWithToken());
        assertEquals(409, again.status());
        assertCceShaped(again);
        assertEquals(CceErrors.CONFLICT, again.errorCode());
        // another cluster may have a pool of that name
        StubHttp.Answer other = create(stub, "turbo-cluster", example(DocumentedExample.CCE_CLUSTER_REQUEST));
        assertEquals(201, other.status(), other.text());
    }

    // ------------------------------------------------------------------ odd but valid values

    /** Issue 10, item 1: an az of whitespace passes the schema (minLength 1) and got 500 from the domain. */
    @ParameterizedTest
    @ValueSource(strings = {" ", "\t", "\u00a0", "\n"})
    void whitespaceAzPassesValidationAndIsCreated(String az) {
        ObjectNode request = example(DocumentedExample.CCE_CLUSTER_REQUEST);
        ((ObjectNode) request.at("/spec/nodeTemplate")).put("az", az);
        StubHttp.Answer answer = post(bytes(request), jsonWithToken());
        assertEquals(201, answer.status(), answer.text());
        assertCceShaped(answer);
        assertEquals(az, answer.json().at("/spec/nodeTemplate/az").textValue());
    }

    // ------------------------------------------------------------------ garbage never gets 500

    @Test
    void randomBodiesNeverGet500() {
        Random random = new Random(4);
        byte[] valid = cceRequest();
        for (int i = 0; i < 300; i++) {
            byte[] body;
            switch (i % 3) {
                case 0 -> {
                    body = new byte[random.nextInt(2048)];
                    random.nextBytes(body);
                }
                case 1 -> { // a valid request with a few bytes changed
                    body = valid.clone();
                    for (int k = 0; k < 1 + random.nextInt(4); k++) {
                        body[random.nextInt(body.length)] = (byte) random.nextInt(256);
                    }
                }
                default -> { // truncated
                    body = java.util.Arrays.copyOf(valid, random.nextInt(valid.length));
                }
            }
            StubHttp.Answer answer = post(body, jsonWithToken());
            assertNotEquals(500, answer.status(), answer.text());
            assertCceShaped(answer);
        }
    }

    @Test
    void everyStringFieldWithSurprisingValuesNeverGets500() {
        List<Object> values = List.of(
                "",
                "\u0000",
                "\uFFFF",
                "😀",
                "x".repeat(10_000),
                -1,
                1.5,
                1e308,
                new java.math.BigInteger("99999999999999999999999999"),
                true,
                List.of(),
                Map.of());
        String[] pointers = {
            "/metadata/name",
            "/spec/initialNodeCount",
            "/spec/nodeTemplate/az",
            "/spec/nodeTemplate/login",
            "/spec/nodeTemplate/dataVolumes",
            "/spec/type",
            "/spec/autoscaling",
            "/spec/nodeTemplate/k8sTags",
            "/spec/nodeTemplate/extendParam/nicMultiqueue",
            "/spec/nodeTemplate/extendParam/nicThreshold",
            "/spec/nodeTemplate/taints/0",
            "/spec/nodeTemplate/count"
        };
        for (String pointer : pointers) {
            for (Object value : values) {
                ObjectNode request = example(DocumentedExample.CCE_CLUSTER_REQUEST);
                com.fasterxml.jackson.databind.JsonNode parent =
                        request.at(pointer.substring(0, pointer.lastIndexOf('/')));
                String last = pointer.substring(pointer.lastIndexOf('/') + 1);
                if (parent instanceof ObjectNode object) {
                    object.set(last, StubHttp.JSON.valueToTree(value));
                } else {
                    ((com.fasterxml.jackson.databind.node.ArrayNode) parent)
                            .set(
                                    Integer.parseInt(last),
                                    StubHttp.JSON.<com.fasterxml.jackson.databind.JsonNode>valueToTree(value));
                }
                StubHttp.Answer answer = post(bytes(request), jsonWithToken());
                assertNotEquals(500, answer.status(), pointer + " = " + value + ": " + answer.text());
                assertCceShaped(answer);
            }
        }
    }

    @Test
    void megabyteStringsUnderPatternsNeverGet500() {
        // The JDK's regular expressions recurse per repetition: these overflow a request thread's stack.
        int n = 1_000_000;
        try (CceNodePoolStub big = CceNodePoolStub.builder().start()) {
            List<java.util.function.Consumer<ObjectNode>> edits = List.of(
                    r -> ((ObjectNode) r.at("/spec/nodeTemplate/taints/0")).put("key", "a.".repeat(n / 2) + "!"),
                    r -> ((ObjectNode) r.at("/spec/nodeTemplate/taints/0")).put("key", "a".repeat(n) + "!"),
                    r -> ((ObjectNode) r.at("/spec/nodeTemplate/extendParam"))
                            .put("DockerLVMConfigOverride", "userLV=x;".repeat(n / 9) + "="),
                    r -> ((ObjectNode) r.at("/spec/nodeTemplate/k8sTags")).put("k".repeat(n), "v"),
                    r -> ((ObjectNode) r.at("/spec/nodeTemplate/extendParam"))
                            .put("alpha.cce/preInstall", "A".repeat(n) + "!"));
            for (var edit : edits) {
                ObjectNode request = example(DocumentedExample.CCE_CLUSTER_REQUEST);
                edit.accept(request);
                StubHttp.Answer answer = create(big, "c", request);
                assertEquals(
                        400,
                        answer.status(),
                        answer.text().substring(0, Math.min(300, answer.text().length())));
                assertCceShaped(answer);
            }
            assertEquals(0, big.internalErrors());
        }
    }

    @Test
    void malformedHttpNeverGets500() throws IOException {
        String path = nodePoolsPath("p1", "cce-cluster");
        List<String> answers = new ArrayList<>();
        answers.add(raw("GARBAGE\r\n\r\n"));
        answers.add(raw("\u0000\u0001\u00ff\r\n\r\n"));
        answers.add(raw("POST " + path + " HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\n\r\n{}"));
        answers.add(raw("POST " + path + " HTTP/1.1\r\nHost: x\r\nX-Big: " + "a".repeat(2 << 20) + "\r\n\r\n"));
        StringBuilder many = new StringBuilder("POST " + path + " HTTP/1.1\r\nHost: x\r\n");
        for (int i = 0; i < 500; i++) {
            many.append("X-H").append(i).append(": v\r\n");
        }
        answers.add(raw(many + "\r\n"));
        String chunkedHead = "POST " + path + " HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n"
                + "X-Auth-Token: t\r\nContent-Type: application/json\r\n\r\n";
        String badChunk = raw(chunkedHead + "zz\r\nabc\r\n0\r\n\r\n");
        answers.add(badChunk);
        assertTrue(badChunk.startsWith("HTTP/1.1 400"), badChunk);
        String goodChunks = raw(chunkedHead + "1\r\n{\r\n1\r\n}\r\n0\r\n\r\n");
        assertTrue(goodChunks.startsWith("HTTP/1.1 400"), goodChunks); // {} breaks the schema
        for (String answer : answers) {
            assertFalse(answer.startsWith("HTTP/1.1 500"), answer);
        }
    }

    /** Issue 10, item 6: RFC 9112, section 3.2: 400 for HTTP/1.1 without Host and for two Host headers. */
    @Test
    void hostHeaderIsRequiredOnceInHttp11() throws IOException {
        String path = nodePoolsPath("p1", "cce-cluster");
        String body = new String(cceRequest(), StandardCharsets.UTF_8);
        String rest = "Content-Type: application/json\r\nX-Auth-Token: t\r\nContent-Length: " + cceRequest().length
                + "\r\n\r\n" + body;
        String noHost = raw("POST " + path + " HTTP/1.1\r\n" + rest);
        assertTrue(noHost.startsWith("HTTP/1.1 400"), noHost);
        assertTrue(noHost.contains(CceErrors.INVALID_REQUEST) && noHost.contains("Host"), noHost);
        assertTrue(noHost.toLowerCase(java.util.Locale.ROOT).contains("x-request-id:"), noHost);
        String twoHosts = raw("POST " + path + " HTTP/1.1\r\nHost: a\r\nHost: b\r\n" + rest);
        assertTrue(twoHosts.startsWith("HTTP/1.1 400"), twoHosts);
        String http10 = raw("POST " + path + " HTTP/1.0\r\n" + rest);
        assertTrue(http10.startsWith("HTTP/1.1 201"), http10);
        String withHost = raw("POST " + path + " HTTP/1.1\r\nHost: stub\r\nConnection: close\r\n" + rest);
        assertTrue(withHost.startsWith("HTTP/1.1 409"), withHost); // past the Host check: the name is taken
    }

    /** Sends raw bytes and returns what came back before the server closed (or 5 s passed). */
    private static String raw(String request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", stub.port())) {
            socket.setSoTimeout((int) Duration.ofSeconds(5).toMillis());
            OutputStream out = socket.getOutputStream();
            try {
                out.write(request.getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
                socket.shutdownOutput();
            } catch (IOException e) {
                // the server may close while we still send (huge headers)
            }
            ByteArrayOutputStream got = new ByteArrayOutputStream();
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[8192];
            try {
                int n;
                while ((n = in.read(buffer)) != -1) {
                    got.write(buffer, 0, n);
                }
            } catch (IOException e) {
                // reset by the server: an answer too
            }
            return got.toString(StandardCharsets.ISO_8859_1);
        }
    }
}
