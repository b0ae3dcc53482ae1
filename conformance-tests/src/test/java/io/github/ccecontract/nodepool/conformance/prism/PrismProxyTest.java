package io.github.ccecontract.nodepool.conformance.prism;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import io.github.ccecontract.nodepool.conformance.generate.Mutation;
import io.github.ccecontract.nodepool.conformance.generate.Mutator;
import io.github.ccecontract.nodepool.conformance.generate.NodePoolGenerator;
import io.github.ccecontract.nodepool.conformance.generate.PropertyRunner;
import io.github.ccecontract.nodepool.conformance.support.Checks;
import io.github.ccecontract.nodepool.conformance.support.DocumentFiles;
import io.github.ccecontract.nodepool.conformance.support.Exchange;
import io.github.ccecontract.nodepool.conformance.support.HttpExchanges;
import io.github.ccecontract.nodepool.contract.NodePoolContract.DocumentedExample;
import io.github.ccecontract.nodepool.openapi.testing.Contract;
import io.github.ccecontract.nodepool.openapi.testing.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;
import org.junit.jupiter.api.io.TempDir;

/**
 * Prism in proxy mode with {@code --errors} in front of a tiny upstream of this test (JDK HttpServer) detects what
 * check 7 needs it to detect, and how it says so:
 * <ul>
 * <li>a valid exchange passes unchanged, with no {@code sl-violations} header;</li>
 * <li>an answer that breaks the document (body, content type) becomes Prism's 500 application/problem+json, type
 * {@code ...#VIOLATIONS}, the violations in {@code validation} and in the {@code sl-violations} header;</li>
 * <li>an undocumented status code passes through with a Warning in {@code sl-violations} only (so the suite must
 * read the header, not just the status);</li>
 * <li>an invalid request, or one without credentials, is answered by Prism (422, 401) and never forwarded: through
 * Prism the suite can send only valid requests to the stub.</li>
 * </ul>
 * Prism also agrees with the suite's generators: a sample of generated valid requests passes its request validation,
 * and every mutated one is refused with 422 (Prism's validator is AJV; ours is networknt).
 */
@Tag(Checks.SUITE)
class PrismProxyTest {

    static final String PATH = "/api/v3/projects/p-0123/clusters/c-4567/nodepools";
    static final Map<String, String> TOKEN = Map.of("X-Auth-Token", "conformance-test-token");
    /** Generated requests sent through Prism per property (Prism is slower than networknt in process). */
    static final int SAMPLE = Integer.getInteger("conformance.prismTries", 100);

    /** What the upstream answers: status, content type, body. */
    record Answer(int status, String contentType, String body) {}

    /** A request the upstream received. */
    record Received(String method, String path, Map<String, List<String>> headers, String body) {}

    static final Answer DOCUMENTED = new Answer(201, "application/json", DocumentedExample.CCE_CLUSTER_RESPONSE.text());

    @TempDir
    static Path tmp;

    static HttpServer upstream;
    static PrismProcess prism;
    static final AtomicReference<Answer> ANSWER = new AtomicReference<>(DOCUMENTED);
    static final List<Received> RECEIVED = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void start() throws IOException {
        upstream = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        upstream.createContext("/", exchange -> {
            byte[] in = exchange.getRequestBody().readAllBytes();
            RECEIVED.add(new Received(
                    exchange.getRequestMethod(),
                    exchange.getRequestURI().getPath(),
                    Map.copyOf(exchange.getRequestHeaders()),
                    new String(in, StandardCharsets.UTF_8)));
            Answer answer = ANSWER.get();
            byte[] out = answer.body().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", answer.contentType());
            exchange.sendResponseHeaders(answer.status(), out.length == 0 ? -1 : out.length);
            try (OutputStream os = exchange.getResponseBody()) {
                os.write(out);
            }
        });
        upstream.start();
        URI upstreamUri = URI.create("http://127.0.0.1:" + upstream.getAddress().getPort());
        prism = PrismProcess.proxy(DocumentFiles.extractBundledDocument(tmp, false), upstreamUri, true);
    }

    @AfterAll
    static void stop() {
        if (prism != null) {
            prism.close();
        }
        if (upstream != null) {
            upstream.stop(0);
        }
    }

    @BeforeEach
    void reset() {
        ANSWER.set(DOCUMENTED);
        RECEIVED.clear();
    }

    private static Exchange post(String caseName, Map<String, String> headers, String body) {
        return HttpExchanges.post(caseName, URI.create(prism.baseUri() + PATH), headers, body);
    }

    @Test
    @DisplayName("valid exchange: forwarded with the token, answered unchanged, no violation")
    void validExchangeIsClean() {
        Exchange exchange = post(
                "cce-cluster-request, upstream answers the documented response",
                TOKEN,
                DocumentedExample.CCE_CLUSTER_REQUEST.text());
        if (exchange.response().status() != 201 || !PrismViolations.isClean(exchange.response())) {
            throw exchange.failure("expected 201 and no violation: " + PrismViolations.of(exchange.response()) + "\n"
                    + prism.logText());
        }
        assertEquals(
                Contract.example(DocumentedExample.CCE_CLUSTER_RESPONSE),
                exchange.response().json());
        assertEquals(1, RECEIVED.size(), "upstream requests");
        Received received = RECEIVED.get(0);
        assertEquals("POST", received.method());
        assertEquals(PATH, received.path());
        assertEquals(Contract.example(DocumentedExample.CCE_CLUSTER_REQUEST), Json.parse(received.body(), "forwarded"));
        assertTrue(
                received.headers().entrySet().stream()
                        .anyMatch(e -> e.getKey().equalsIgnoreCase("X-Auth-Token")
                                && e.getValue().contains("conformance-test-token")),
                "X-Auth-Token forwarded: " + received.headers());
    }

    @Test
    @DisplayName("invalid answer body: Prism's 500 problem+json #VIOLATIONS naming the response body")
    void invalidBodyIsReported() {
        // kind is an open list in the response (x-extensible-enum): a kind that is not a string breaks the schema.
        ANSWER.set(new Answer(201, "application/json", "{\"kind\":1}"));
        Exchange exchange = post(
                "cce-cluster-request, upstream answers an invalid body",
                TOKEN,
                DocumentedExample.CCE_CLUSTER_REQUEST.text());
        assertEquals(500, exchange.response().status(), exchange.describe());
        assertEquals("application/problem+json", exchange.response().mediaType(), exchange.describe());
        assertEquals("VIOLATIONS", PrismViolations.prismErrorKind(exchange.response()), exchange.describe());
        List<PrismViolations.Violation> violations = PrismViolations.of(exchange.response());
        assertTrue(
                violations.stream()
                        .anyMatch(v -> v.location().equals(List.of("response", "body", "kind"))
                                && v.code().equals("type")
                                && v.severity().equals("Error")),
                violations + "\n" + exchange.describe());
        assertTrue(violations.stream().anyMatch(v -> v.code().equals("required")), violations.toString());
    }

    @Test
    @DisplayName("wrong content type: Prism's 500 #VIOLATIONS naming the media type")
    void wrongContentTypeIsReported() {
        ANSWER.set(new Answer(201, "text/plain", DocumentedExample.CCE_CLUSTER_RESPONSE.text()));
        Exchange exchange = post(
                "cce-cluster-request, upstream answers text/plain",
                TOKEN,
                DocumentedExample.CCE_CLUSTER_REQUEST.text());
        assertEquals(500, exchange.response().status(), exchange.describe());
        assertEquals("VIOLATIONS", PrismViolations.prismErrorKind(exchange.response()), exchange.describe());
        assertTrue(
                PrismViolations.of(exchange.response()).stream()
                        .anyMatch(v -> v.location().equals(List.of("response"))
                                && v.message().contains("text/plain")),
                exchange.describe());
    }

    @Test
    @DisplayName("undocumented status 418: passed through, only a Warning in sl-violations")
    void undocumentedStatusIsAWarningOnly() {
        ANSWER.set(new Answer(418, "application/json", "{\"errorCode\":\"CCE.01400001\",\"errorMessage\":\"x\"}"));
        Exchange exchange =
                post("cce-cluster-request, upstream answers 418", TOKEN, DocumentedExample.CCE_CLUSTER_REQUEST.text());
        assertEquals(418, exchange.response().status(), exchange.describe());
        List<PrismViolations.Violation> violations = PrismViolations.of(exchange.response());
        assertTrue(
                violations.stream()
                        .anyMatch(v ->
                                v.severity().equals("Warning") && v.message().contains("status code")),
                violations + "\n" + exchange.describe());
        assertFalse(PrismViolations.isClean(exchange.response()));
    }

    @Test
    @DisplayName("documented error answer (400 CceError): clean")
    void documentedErrorIsClean() {
        ANSWER.set(
                new Answer(
                        400,
                        "application/json",
                        "{\"errorCode\":\"CCE.01400001\",\"errorMessage\":\"Invalid\","
                                + "\"violations\":[{\"pointer\":\"/metadata/name\",\"rule\":\"pattern\",\"message\":\"bad\"}]}"));
        Exchange exchange = post(
                "cce-cluster-request, upstream answers a documented 400",
                TOKEN,
                DocumentedExample.CCE_CLUSTER_REQUEST.text());
        assertEquals(400, exchange.response().status(), exchange.describe());
        assertTrue(PrismViolations.isClean(exchange.response()), exchange.describe());
    }

    @Test
    @DisplayName("invalid request: Prism answers 422 #UNPROCESSABLE_ENTITY itself, nothing forwarded")
    void invalidRequestIsNotForwarded() {
        JsonNode request =
                Contract.example(DocumentedExample.CCE_CLUSTER_REQUEST).put("kind", "Cluster");
        Exchange exchange = post("cce-cluster-request with kind Cluster", TOKEN, Json.compact(request));
        assertEquals(422, exchange.response().status(), exchange.describe());
        assertEquals("UNPROCESSABLE_ENTITY", PrismViolations.prismErrorKind(exchange.response()), exchange.describe());
        assertTrue(RECEIVED.isEmpty(), "forwarded: " + RECEIVED);
    }

    @Test
    @DisplayName("no credentials: Prism answers 401 #UNAUTHORIZED itself, nothing forwarded")
    void missingCredentialsAreNotForwarded() {
        Exchange exchange =
                post("cce-cluster-request without credentials", Map.of(), DocumentedExample.CCE_CLUSTER_REQUEST.text());
        assertEquals(401, exchange.response().status(), exchange.describe());
        assertEquals("UNAUTHORIZED", PrismViolations.prismErrorKind(exchange.response()), exchange.describe());
        assertTrue(RECEIVED.isEmpty(), "forwarded: " + RECEIVED);
    }

    @Test
    @DisplayName("Prism agrees with the generator: generated valid requests pass its request validation")
    void generatedRequestsPassPrism(TestReporter reporter) {
        NodePoolGenerator generator = new NodePoolGenerator();
        PropertyRunner.run(
                PropertyRunner.Settings.fromSystemProperties().withTries(SAMPLE),
                "Prism accepts generated requests",
                generator,
                NodePoolGenerator.ValidRequest::describe,
                c -> {
                    Exchange exchange =
                            post(c.name(), TOKEN, Json.compact(c.value().body()));
                    if (exchange.response().status() != 201 || !PrismViolations.isClean(exchange.response())) {
                        throw exchange.failure(
                                "expected 201 and no violation from Prism: " + PrismViolations.of(exchange.response()));
                    }
                },
                reporter);
    }

    @Test
    @DisplayName("Prism agrees with the mutator: every mutated request is refused with 422")
    void mutatedRequestsAreRefusedByPrism(TestReporter reporter) {
        Mutator mutator = new Mutator();
        PropertyRunner.run(
                PropertyRunner.Settings.fromSystemProperties().withTries(SAMPLE),
                "Prism refuses mutated requests",
                mutator.of(new NodePoolGenerator()),
                Mutation::describe,
                c -> {
                    Exchange exchange = post(
                            c.name() + " " + c.value().summary(),
                            TOKEN,
                            Json.compact(c.value().request()));
                    if (exchange.response().status() != 422) {
                        throw exchange.failure(
                                "expected Prism's 422 for " + c.value().summary());
                    }
                },
                reporter);
        assertTrue(RECEIVED.isEmpty(), "forwarded: " + RECEIVED.size());
    }
}
