package io.github.ccecontract.nodepool.stub;

import static io.github.ccecontract.nodepool.stub.StubHttp.TOKEN;
import static io.github.ccecontract.nodepool.stub.StubHttp.create;
import static io.github.ccecontract.nodepool.stub.StubHttp.example;
import static io.github.ccecontract.nodepool.stub.StubHttp.send;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.ccecontract.nodepool.contract.NodePoolContract.DocumentedExample;
import io.github.ccecontract.nodepool.stub.admin.JournalEntry;
import io.github.ccecontract.nodepool.stub.config.StubConfig;
import io.github.ccecontract.nodepool.stub.faults.Fault;
import io.github.ccecontract.nodepool.stub.faults.Faults;
import io.github.ccecontract.nodepool.stub.faults.ForcedResponses;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Faults on demand: through the Java API, the Prefer header and the admin API; what they answer and journal. */
class FaultsHttpTest {

    static CceNodePoolStub stub;

    @BeforeAll
    static void start() {
        stub = CceNodePoolStub.builder().start().awaitReady();
    }

    @AfterAll
    static void stop() {
        stub.close();
    }

    @BeforeEach
    void reset() {
        stub.reset();
    }

    static ObjectNode pool(String name) {
        ObjectNode request = example(DocumentedExample.CCE_CLUSTER_REQUEST);
        ((ObjectNode) request.get("metadata")).put("name", name);
        return request;
    }

    static StubHttp.Answer post(CceNodePoolStub target, String cluster, String name, Map<String, String> extra) {
        Map<String, String> headers =
                new LinkedHashMap<>(Map.of("Content-Type", "application/json", "X-Auth-Token", TOKEN));
        headers.putAll(extra);
        return send(target, "POST", StubHttp.nodePoolsPath("p1", cluster), StubHttp.bytes(pool(name)), headers);
    }

    static StubHttp.Answer prefer(String value, String name) {
        return post(stub, "c1", name, Map.of("Prefer", value));
    }

    // ------------------------------------------------------------------------------ Java API

    @Test
    void a429WithRetryAfterTwiceForOneClusterThenTheUsualAnswer() {
        String id = stub.faults().add(Fault.status(429).retryAfter(2).times(2).forCluster("c1"));
        for (int i = 0; i < 2; i++) {
            StubHttp.Answer throttled = create(stub, "c1", pool("pool-a"));
            assertEquals(429, throttled.status(), throttled.text());
            assertEquals("2", throttled.header("Retry-After"));
            assertEquals(id, throttled.header("X-Stub-Fault"));
            assertEquals("CCE.02429001", throttled.errorCode());
            assertTrue(throttled.json().path("errorMessage").asText().contains("forced by the stub: fault " + id));
        }
        assertEquals(201, create(stub, "c2", pool("pool-a")).status(), "another cluster is not throttled");
        StubHttp.Answer third = create(stub, "c1", pool("pool-a"));
        assertEquals(201, third.status(), "two times only");
        assertNull(third.header("Retry-After"));
        assertNull(third.header("X-Stub-Fault"));
        assertEquals(2, stub.requests().toCluster("c1").withStatus(429).size());
        assertEquals(1, stub.requests().toCluster("c1").withStatus(201).size());
        Faults.Registered registered = stub.faults().list().get(0);
        assertEquals(2, registered.fired());
        assertEquals(0, registered.remaining().getAsInt());
    }

    @Test
    void theGatewaysUnauthorizedHasItsOwnBody() {
        stub.faults().add(Fault.gatewayUnauthorized().once());
        StubHttp.Answer answer = create(stub, "c1", pool("pool-a"));
        assertEquals(401, answer.status());
        assertEquals("APIG.1002", answer.json().path("error_code").asText());
        assertEquals(
                "Incorrect token or token resolution failed",
                answer.json().path("error_msg").asText());
        assertFalse(answer.json().has("errorCode"));
        assertEquals(201, create(stub, "c1", pool("pool-a")).status());
    }

    @Test
    void everyDocumentedErrorStatusCanBeForced() {
        assertEquals(List.of(400, 401, 403, 404, 409, 413, 429, 500, 502, 503, 504, 507), ForcedResponses.statuses());
        for (int status : ForcedResponses.statuses()) {
            stub.faults().clear();
            stub.faults().add(Fault.status(status));
            StubHttp.Answer answer = create(stub, "c1", pool("pool-a"));
            assertEquals(status, answer.status());
            StubHttp.assertCceShapedUnlessAsked(answer);
            assertFalse(answer.json().has("violations"), "no violations of a request that broke no rule");
        }
    }

    @Test
    void aForcedAnswersJournalEntryHidesThePassword() {
        stub.faults().add(Fault.status(500).once());
        ObjectNode request = pool("pool-a");
        ((ObjectNode) request.at("/spec/nodeTemplate/login")).put("userPassword", "S3cret!");
        assertEquals(500, create(stub, "c1", request).status());
        assertEquals(
                400,
                send(
                                stub,
                                "POST",
                                StubHttp.nodePoolsPath("p1", "c1"),
                                StubHttp.bytes(request),
                                Map.of("Content-Type", "application/json", "X-Auth-Token", TOKEN, "Prefer", "code=x"))
                        .status());
        for (JournalEntry entry : stub.journal()) {
            assertFalse(entry.body().contains("S3cret!"), entry.body());
            assertEquals(
                    "[redacted]",
                    entry.bodyJson().at("/spec/nodeTemplate/login/userPassword").asText());
        }
    }

    @Test
    void faultsMatchByNameAndHeader() {
        stub.faults().add(Fault.status(500).forName("flaky"));
        stub.faults().add(Fault.status(403).forHeader("X-Test-Case", "forbidden"));
        assertEquals(500, create(stub, "c1", pool("flaky")).status());
        assertEquals(201, create(stub, "c1", pool("steady")).status());
        assertEquals(
                403,
                post(stub, "c1", "other", Map.of("x-test-case", "forbidden")).status(),
                "header names are case-insensitive");
        assertEquals(
                201,
                post(stub, "c1", "other", Map.of("X-Test-Case", "forbidden-not"))
                        .status(),
                "the value must be equal");
        assertEquals(1, stub.requests().withName("flaky").withStatus(500).size());
        assertEquals(1, stub.requests().withHeader("X-Test-Case", "forbidden").size());
    }

    @Test
    void aProbabilityIsDrawnFromASeededGenerator() {
        List<Integer> first = statuses(Fault.status(500).probability(0.5).seed(42));
        List<Integer> again = statuses(Fault.status(500).probability(0.5).seed(42));
        List<Integer> other = statuses(Fault.status(500).probability(0.5).seed(43));
        assertEquals(first, again, "the same seed, the same faults");
        assertNotEquals(first, other, "another seed, other faults");
        long failures = first.stream().filter(s -> s == 500).count();
        assertTrue(failures > 5 && failures < 35, "about half of 40: " + first);
        assertTrue(first.stream().allMatch(s -> s == 500 || s == 201 || s == 409), first.toString());
    }

    private static List<Integer> statuses(Fault fault) {
        try (CceNodePoolStub own = CceNodePoolStub.builder()
                .config(StubConfig.builder().faults(fault).build())
                .start()) {
            List<Integer> out = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                out.add(create(own, "c1", pool("pool-" + i)).status());
            }
            return out;
        }
    }

    @Test
    void aDelayAloneThenTheUsualAnswer() {
        stub.faults().add(Fault.delay(Duration.ofMillis(300)).once());
        long start = System.nanoTime();
        StubHttp.Answer answer = create(stub, "c1", pool("pool-a"));
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertEquals(201, answer.status());
        assertTrue(millis >= 300, "waited " + millis + " ms");
        assertNull(answer.header("X-Stub-Fault"), "a delay forces no answer");
    }

    @Test
    void aRandomDelayStaysInItsRange() {
        stub.faults()
                .add(Fault.status(500)
                        .withDelay(Duration.ofMillis(100), Duration.ofMillis(250))
                        .times(3));
        for (int i = 0; i < 3; i++) {
            long start = System.nanoTime();
            assertEquals(500, create(stub, "c1", pool("pool-a")).status());
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertTrue(millis >= 100 && millis < 2_000, "waited " + millis + " ms");
        }
    }

    @Test
    void aClosedConnectionHasNoAnswer() {
        stub.faults().add(Fault.closeConnection().once());
        HttpRequest request = HttpRequest.newBuilder(URI.create(stub.baseUrl() + StubHttp.nodePoolsPath("p1", "c1")))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .header("X-Auth-Token", TOKEN)
                .POST(HttpRequest.BodyPublishers.ofByteArray(StubHttp.bytes(pool("pool-a"))))
                .build();
        IOException e = assertThrows(
                IOException.class, () -> StubHttp.CLIENT.send(request, HttpResponse.BodyHandlers.ofString()));
        assertFalse(e instanceof java.net.http.HttpTimeoutException, "closed, not timed out: " + e);
        assertEquals(201, create(stub, "c1", pool("pool-a")).status(), "the next request is answered");
        List<JournalEntry> journal = stub.journal();
        assertEquals(0, journal.get(0).status(), "journaled without an answer");
        assertEquals(1, stub.requests().withStatus(0).size());
        assertEquals(0, stub.internalErrors());
    }

    @Test
    void aCountedFaultFiresExactlyThatOftenUnderConcurrentRequests() throws Exception {
        stub.faults().add(Fault.status(500).times(5));
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        try {
            List<java.util.concurrent.Callable<Integer>> calls = new ArrayList<>();
            for (int i = 0; i < 32; i++) {
                String name = "pool-" + i;
                calls.add(() -> create(stub, "c1", pool(name)).status());
            }
            List<Integer> statuses = new ArrayList<>();
            for (java.util.concurrent.Future<Integer> f : pool.invokeAll(calls)) {
                statuses.add(f.get());
            }
            assertEquals(5, statuses.stream().filter(s -> s == 500).count(), statuses.toString());
            assertEquals(27, statuses.stream().filter(s -> s == 201).count(), statuses.toString());
            assertEquals(5, stub.faults().list().get(0).fired());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void removedAndClearedFaultsNoLongerFire() {
        String id = stub.faults().add(Fault.status(500));
        assertEquals(500, create(stub, "c1", pool("pool-a")).status());
        assertTrue(stub.faults().remove(id));
        assertFalse(stub.faults().remove(id));
        assertEquals(201, create(stub, "c1", pool("pool-a")).status());
        stub.faults().add(Fault.status(500));
        assertEquals(1, stub.faults().clear());
        assertEquals(201, create(stub, "c1", pool("pool-b")).status());
    }

    @Test
    void configuredFaultsComeBackWithEveryReset() {
        try (CceNodePoolStub own = CceNodePoolStub.builder()
                .config(StubConfig.builder()
                        .faults(Fault.status(429).retryAfter(1).once())
                        .build())
                .start()) {
            assertEquals(429, create(own, "c1", pool("pool-a")).status());
            assertEquals(201, create(own, "c1", pool("pool-a")).status());
            own.faults().clear();
            own.faults().add(Fault.status(500));
            own.reset();
            assertEquals(1, own.faults().list().size(), "the added fault is gone, the configured one is back");
            assertEquals(429, create(own, "c1", pool("pool-a")).status(), "with its count from the start");
            assertEquals(201, create(own, "c1", pool("pool-a")).status());
        }
    }

    @Test
    void badFaultsAreRefusedNamingTheFieldAndTheRule() {
        assertMessage(
                "status must be an error status the document lists for the operation (400, 401, 403, 404,"
                        + " 409, 413, 429, 500, 502, 503, 504, 507), was 418",
                () -> Fault.status(418));
        assertMessage("times must be at least 1, was 0", () -> Fault.status(500).times(0));
        assertMessage(
                "probability must be more than 0 and at most 1, was 1.5",
                () -> Fault.status(500).probability(1.5));
        assertMessage(
                "retryAfter: only a fault of status 429 or 503 has a Retry-After header (this one is status 500)",
                () -> Fault.status(500).retryAfter(1));
        assertMessage(
                "example must name one of the document's examples for status 401 (cce, gateway), was 'apig'",
                () -> Fault.status(401).example("apig"));
        assertMessage("delay must be 0 to 60000 ms, was 60001 ms", () -> Fault.delay(Duration.ofMillis(60_001)));
        assertMessage(
                "cluster must be a non-empty string", () -> Fault.status(500).forCluster(""));
    }

    private static void assertMessage(String expected, org.junit.jupiter.api.function.Executable call) {
        assertEquals(
                expected, assertThrows(IllegalArgumentException.class, call).getMessage());
    }

    // ------------------------------------------------------------------------------ Prefer

    @Test
    void preferForcesAStatusForOneRequest() {
        StubHttp.Answer answer = prefer("code=500", "pool-a");
        assertEquals(500, answer.status());
        assertEquals("CCE.01500001", answer.errorCode());
        assertEquals("prefer", answer.header("X-Stub-Fault"));
        assertEquals(201, prefer("return=minimal", "pool-a").status(), "RFC 7240's own preferences are ignored");
        StubHttp.Answer throttled = prefer("code=429, retry-after=3", "pool-b");
        assertEquals(429, throttled.status());
        assertEquals("3", throttled.header("Retry-After"));
        StubHttp.Answer gateway = post(stub, "c1", "pool-b", Map.of("Prefer", "CODE=401; , example=\"gateway\""));
        assertEquals(400, gateway.status(), "no parameters: " + gateway.text());
        gateway = prefer("code=401, example=\"gateway\"", "pool-b");
        assertEquals(401, gateway.status());
        assertEquals("APIG.1002", gateway.json().path("error_code").asText());
        long start = System.nanoTime();
        assertEquals(201, prefer("delay=200", "pool-b").status());
        assertTrue((System.nanoTime() - start) / 1_000_000 >= 200);
        assertEquals(0, stub.internalErrors());
    }

    @Test
    void theGatewaysAndServiceUnavailableAnswersCanBeForced() {
        StubHttp.Answer unavailable = prefer("code=503, retry-after=7", "pool-a");
        assertEquals(503, unavailable.status());
        assertEquals("CCE.01503001", unavailable.errorCode());
        assertEquals("7", unavailable.header("Retry-After"));
        StubHttp.Answer badGateway = prefer("code=502", "pool-a");
        assertEquals(502, badGateway.status());
        assertEquals("APIG.0202", badGateway.json().path("error_code").asText());
        assertNull(badGateway.header("Retry-After"));
        stub.faults().add(Fault.status(504).times(1));
        StubHttp.Answer timeout = post(stub, "c1", "pool-a", Map.of());
        assertEquals(504, timeout.status());
        assertEquals("APIG.0203", timeout.json().path("error_code").asText());
        assertEquals(201, post(stub, "c1", "pool-a", Map.of()).status());
        stub.faults().add(Fault.status(503).retryAfter(1).times(1));
        assertEquals("1", post(stub, "c1", "pool-b", Map.of()).header("Retry-After"));
    }

    @Test
    void preferWinsOverRegisteredFaults() {
        stub.faults().add(Fault.status(500));
        assertEquals(429, prefer("code=429", "pool-a").status());
        assertEquals(0, stub.faults().list().get(0).fired(), "the registered fault did not fire");
    }

    @Test
    void preferConnectionCloseHasNoAnswer() {
        HttpRequest request = HttpRequest.newBuilder(URI.create(stub.baseUrl() + StubHttp.nodePoolsPath("p1", "c1")))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .header("X-Auth-Token", TOKEN)
                .header("Prefer", "connection=close")
                .POST(HttpRequest.BodyPublishers.ofString("{}"))
                .build();
        assertThrows(IOException.class, () -> StubHttp.CLIENT.send(request, HttpResponse.BodyHandlers.ofString()));
    }

    @Test
    void aMalformedPreferIsA400NamingWhatIsWrong() {
        Map<String, String> cases = new LinkedHashMap<>();
        cases.put(
                "code=abc",
                "Prefer: code must be an error status the document lists for the operation (400, 401,"
                        + " 403, 404, 409, 413, 429, 500, 502, 503, 504, 507), was 'abc'.");
        cases.put(
                "code=418",
                "Prefer: code must be an error status the document lists for the operation (400, 401,"
                        + " 403, 404, 409, 413, 429, 500, 502, 503, 504, 507), was 418.");
        cases.put(
                "cod=429",
                "Prefer: unknown preference 'cod' (the stub knows code, example, retry-after, delay,"
                        + " connection; it ignores handling, respond-async, return, wait).");
        cases.put("retry-after=2", "Prefer: retry-after needs code=... (the status to answer).");
        cases.put("code=500, retry-after=2", "Prefer: retry-after goes with code=429 or code=503 only.");
        cases.put("code=429, retry-after=soon", "Prefer: retry-after must be seconds, 0 or more, was 'soon'.");
        cases.put("delay=99999", "Prefer: delay must be 0 to 60000 ms, was 99999 ms.");
        cases.put("delay=500-100", "Prefer: delay: the minimum (500 ms) must not exceed the maximum (100 ms).");
        cases.put(
                "delay=fast",
                "Prefer: delay must be milliseconds from 0 to 60000, or a range MIN-MAX of them," + " was 'fast'.");
        cases.put("code=500, code=429", "Prefer: code is given twice.");
        cases.put(
                "code=500, connection=close",
                "Prefer: code and connection exclude each other (answer a status, or" + " close the connection).");
        cases.put("connection=reset", "Prefer: connection must be close, was 'reset'.");
        cases.put(
                "code=404, example=gateway",
                "Prefer: example must name one of the document's examples for status"
                        + " 404 (default), was 'gateway'.");
        cases.forEach((prefer, message) -> {
            StubHttp.Answer answer = prefer(prefer, "pool-a");
            assertEquals(400, answer.status(), prefer + ": " + answer.text());
            StubHttp.assertCceShaped(answer);
            assertEquals("CCE.01400001", answer.errorCode());
            assertEquals(message, answer.json().path("errorMessage").asText(), prefer);
        });
        assertTrue(stub.nodePools().isEmpty(), "nothing was created");
        assertEquals(0, stub.internalErrors());
    }

    @Test
    void preferIsOnlyForTheOperation() {
        StubHttp.Answer document = send(stub, "GET", "/openapi.json", null, Map.of("Prefer", "code=500"));
        assertEquals(200, document.status());
    }

    // ------------------------------------------------------------------------------ admin API

    @Test
    void faultsThroughTheAdminApi() {
        StubHttp.Answer added = admin(
                "POST", "/__admin/faults", "{\"status\": 429, \"retryAfter\": 2, \"times\": 2, \"cluster\": \"c1\"}");
        assertEquals(201, added.status(), added.text());
        assertEquals("f1", added.json().path("id").asText());
        assertEquals(429, added.json().path("status").asInt());
        assertEquals(2, added.json().path("remaining").asInt());
        assertEquals(429, create(stub, "c1", pool("pool-a")).status());
        JsonNode listed = admin("GET", "/__admin/faults", null).json();
        assertEquals(1, listed.path("faults").size());
        assertEquals(1, listed.at("/faults/0/fired").asInt());
        assertEquals(1, listed.at("/faults/0/remaining").asInt());
        assertEquals("c1", listed.at("/faults/0/cluster").asText());
        assertEquals(200, admin("GET", "/__admin/faults/f1", null).status());
        assertEquals(200, admin("DELETE", "/__admin/faults/f1", null).status());
        assertEquals(404, admin("DELETE", "/__admin/faults/f1", null).status());
        assertEquals(201, create(stub, "c1", pool("pool-a")).status());
        admin(
                "POST",
                "/__admin/faults",
                "{\"connection\": \"close\", \"delayMillis\": {\"min\": 0, \"max\": 10},"
                        + " \"probability\": 0.5, \"seed\": 3, \"name\": \"x\", \"header\": {\"name\": \"X-T\", \"value\": \"v\"}}");
        JsonNode second = admin("GET", "/__admin/faults", null).json().at("/faults/0");
        assertEquals("close", second.path("connection").asText());
        assertEquals(10, second.at("/delayMillis/max").asInt());
        assertEquals(3, second.path("seed").asInt());
        assertEquals("X-T", second.at("/header/name").asText());
        assertEquals(
                1,
                admin("DELETE", "/__admin/faults", null).json().path("deleted").asInt());
        assertTrue(stub.faults().list().isEmpty());
        assertEquals(405, admin("PUT", "/__admin/faults", "{}").status());
        assertTrue(stub.journal().stream().noneMatch(e -> e.path().startsWith("/__admin")), "admin is not journaled");
    }

    @Test
    void aBadFaultIsA400NamingTheMemberAndTheRule() {
        Map<String, String> cases = new LinkedHashMap<>();
        cases.put("{\"status\": 429, \"times\": 0}", "Invalid fault: times must be at least 1, was 0");
        cases.put("{\"status\": \"429\"}", "Invalid fault: status must be an integer, was '429'");
        cases.put(
                "{\"status\": 418}",
                "Invalid fault: status must be an error status the document lists for the"
                        + " operation (400, 401, 403, 404, 409, 413, 429, 500, 502, 503, 504, 507), was 418");
        cases.put(
                "{\"code\": 429}",
                "Invalid fault: unknown member 'code' (known: status, example, retryAfter,"
                        + " delayMillis, connection, times, probability, seed, cluster, name, header)");
        cases.put("{\"times\": 2}", "Invalid fault: a fault needs status, connection or delayMillis (what it does)");
        cases.put(
                "{\"delayMillis\": -1}",
                "Invalid fault: delayMillis must be an integer from 0 to 60000" + " (milliseconds), was -1");
        cases.put(
                "{\"status\": 500, \"probability\": \"half\"}",
                "Invalid fault: probability must be a number more" + " than 0 and at most 1, was 'half'");
        cases.put(
                "{\"status\": 500, \"header\": {\"name\": \"X\"}}",
                "Invalid fault: header must be {\"name\": \"...\", \"value\": \"...\"}");
        cases.put(
                "[]",
                "Invalid fault: a fault must be a JSON object with some of the members status, example,"
                        + " retryAfter, delayMillis, connection, times, probability, seed, cluster, name, header");
        cases.forEach((body, message) -> {
            StubHttp.Answer answer = admin("POST", "/__admin/faults", body);
            assertEquals(400, answer.status(), body + ": " + answer.text());
            assertEquals("CCE.01400001", answer.errorCode());
            assertEquals(message, answer.json().path("errorMessage").asText(), body);
        });
        StubHttp.Answer notJson = admin("POST", "/__admin/faults", "{\"status\": ");
        assertEquals(400, notJson.status());
        assertTrue(
                notJson.json().path("errorMessage").asText().startsWith("Invalid fault: the body is no fault: "),
                notJson.text());
        assertTrue(stub.faults().list().isEmpty());
        assertEquals(0, stub.internalErrors());
    }

    @Test
    void resetThroughTheAdminApiForgetsAddedFaults() {
        stub.faults().add(Fault.status(500));
        assertEquals(200, admin("POST", "/__admin/reset", null).status());
        assertTrue(stub.faults().list().isEmpty());
    }

    static StubHttp.Answer admin(String method, String path, String body) {
        return send(
                stub,
                method,
                path,
                body == null ? null : body.getBytes(StandardCharsets.UTF_8),
                body == null ? Map.of() : Map.of("Content-Type", "application/json"));
    }
}
