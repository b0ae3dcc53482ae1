package io.github.ccecontract.nodepool.conformance.checks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.ccecontract.nodepool.conformance.support.Checks;
import io.github.ccecontract.nodepool.conformance.support.Exchange;
import io.github.ccecontract.nodepool.conformance.support.ResponseConformance;
import io.github.ccecontract.nodepool.conformance.support.ResponseConformance.Aspect;
import io.github.ccecontract.nodepool.conformance.support.ResponseConformance.Problem;
import io.github.ccecontract.nodepool.conformance.support.TestStub;
import io.github.ccecontract.nodepool.contract.NodePoolContract;
import io.github.ccecontract.nodepool.contract.NodePoolContract.DocumentedExample;
import io.github.ccecontract.nodepool.openapi.testing.Contract;
import io.github.ccecontract.nodepool.openapi.testing.Json;
import io.github.ccecontract.nodepool.stub.junit.CceNodePoolStubExtension;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Check 3, the answers of the stub against the document, with the validator every check uses
 * ({@link ResponseConformance}: status documented for the operation, media type documented for the status, body valid
 * for networknt json-schema-validator in the OpenAPI 3.0 dialect; for a method the path does not have, 405 with
 * {@code Allow} and a CceError). This class makes the stub give every status it can give and checks each answer; it
 * also shows the validator bites (a fabricated answer of each kind of fault is reported for that fault). The run-wide
 * part, no violation in any answer of the whole run, is {@link ResponsesAgainstDocumentRunTest}, which runs last.
 *
 * <p>Statuses the stub never gives by itself (403, 429, 500: nothing in it produces them) cannot be provoked here
 * (forced by a fault, they are checked by {@link ForcedAnswersConformTest}); the answers of
 * every other documented status are.
 */
@Tag(Checks.RESPONSES_AGAINST_DOCUMENT)
class ResponsesAgainstDocumentTest {

    /** Body limit of the small stub (the documented requests are about 2 KB). */
    static final int SMALL_BODY_LIMIT = 16 * 1024;

    @RegisterExtension
    static final CceNodePoolStubExtension STUB = TestStub.extension();

    /** A stub with a small body limit and room for one node pool: 413 and 507. */
    @RegisterExtension
    static final CceNodePoolStubExtension SMALL =
            TestStub.extension(List.of(), b -> b.maxBodyBytes(SMALL_BODY_LIMIT).maxNodePools(1));

    static final TestStub stub = TestStub.of(STUB);
    static final TestStub small = TestStub.of(SMALL);

    /** One provoked answer: the expected status and error code, and how to get it. */
    record Provoked(String name, int status, String errorCode, Supplier<Exchange> send) {}

    static String cce() {
        return TestStub.cceCluster();
    }

    static ObjectNode documented() {
        return Contract.example(DocumentedExample.CCE_CLUSTER_REQUEST);
    }

    static List<Provoked> provoked() {
        String documented = DocumentedExample.CCE_CLUSTER_REQUEST.text();
        return List.of(
                new Provoked("201: the documented request", 201, null, () -> {
                    stub.stub().reset();
                    return stub.post("cce-cluster-request", cce(), documented);
                }),
                new Provoked(
                        "400 CCE.01400001: a schema violation",
                        400,
                        "CCE.01400001",
                        () -> stub.post(
                                "cce-cluster-request with kind Cluster",
                                cce(),
                                documented().put("kind", "Cluster"))),
                new Provoked("400 CCE.01400001: a rule violation", 400, "CCE.01400001", () -> {
                    ObjectNode body = documented();
                    ((ObjectNode) body.at("/spec/autoscaling"))
                            .put("minNodeCount", 3)
                            .put("maxNodeCount", 1);
                    return stub.post("cce-cluster-request with autoscaling min 3 max 1", cce(), body);
                }),
                new Provoked("400 CCE.01400014: above the cluster's node limit", 400, "CCE.01400014", () -> {
                    ObjectNode body = documented();
                    ((ObjectNode) body.get("spec")).put("initialNodeCount", 51);
                    return stub.post("cce-cluster-request with initialNodeCount 51 to cce-50", "cce-50", body);
                }),
                new Provoked(
                        "400 CCE.01400006: not JSON",
                        400,
                        "CCE.01400006",
                        () -> stub.post("body {not json", cce(), "{not json")),
                new Provoked(
                        "400 CCE.01400006: no Content-Type",
                        400,
                        "CCE.01400006",
                        () -> stub.send(
                                "cce-cluster-request without Content-Type",
                                "POST",
                                cce(),
                                TestStub.tokenHeaders(),
                                documented)),
                new Provoked(
                        "400 CCE.01400001: JSON but not an object",
                        400,
                        "CCE.01400001",
                        () -> stub.post("body [1,2]", cce(), "[1,2]")),
                new Provoked(
                        "401 CCE.01401001: no credentials",
                        401,
                        "CCE.01401001",
                        () -> stub.send(
                                "cce-cluster-request without credentials",
                                "POST",
                                cce(),
                                Map.of("Content-Type", "application/json"),
                                documented)),
                new Provoked(
                        "404 CCE.01404001: an unknown cluster",
                        404,
                        "CCE.01404001",
                        () -> stub.post("cce-cluster-request to no-such-cluster", "no-such-cluster", documented)),
                new Provoked(
                        "405 CCE.01405001: GET on the path",
                        405,
                        "CCE.01405001",
                        () -> stub.send("GET on the operation's path", "GET", cce(), TestStub.tokenHeaders(), null)),
                new Provoked("409 CCE.01409001: a taken name", 409, "CCE.01409001", () -> {
                    stub.stub().reset();
                    stub.post("cce-cluster-request, first", cce(), documented);
                    return stub.post("cce-cluster-request, again", cce(), documented);
                }),
                new Provoked("413: a body above maxBodyBytes", 413, "CCE.01400001", () -> {
                    ObjectNode body = documented();
                    body.put("padding", "x".repeat(SMALL_BODY_LIMIT));
                    return small.post(
                            "cce-cluster-request with " + SMALL_BODY_LIMIT + " characters of padding" + " (stub limit "
                                    + SMALL_BODY_LIMIT + " bytes)",
                            cce(),
                            body);
                }),
                new Provoked("507 CCE.01507001: the store is full", 507, "CCE.01507001", () -> {
                    small.stub().reset();
                    small.post("cce-cluster-request, first (stub holds 1 node pool)", cce(), documented);
                    ObjectNode second = documented();
                    ((ObjectNode) second.get("metadata")).put("name", "second-pool");
                    return small.post("cce-cluster-request named second-pool (stub full)", cce(), second);
                }));
    }

    @TestFactory
    @DisplayName("every status the stub gives: the answer conforms to the document")
    Stream<DynamicTest> everyStatusConforms() {
        return provoked().stream()
                .map(p -> DynamicTest.dynamicTest(p.name(), () -> {
                    Exchange exchange = p.send().get(); // checked against the document on the way (fails on a problem)
                    if (exchange.response().status() != p.status()) {
                        throw exchange.failure("expected status " + p.status());
                    }
                    JsonNode body = exchange.response().json();
                    if (p.errorCode() != null
                            && (body == null
                                    || !p.errorCode()
                                            .equals(body.path("errorCode").asText()))) {
                        throw exchange.failure("expected errorCode " + p.errorCode());
                    }
                }));
    }

    @TestFactory
    @DisplayName("the statuses provoked here and the documented ones: every documented status but 403, 429, 500")
    Stream<DynamicTest> coverage() {
        return Stream.of(DynamicTest.dynamicTest("documented statuses the suite provokes", () -> {
            Set<String> documented = new TreeSet<>();
            Contract.at("/paths/" + Json.escape(NodePoolContract.PATH) + "/post/responses")
                    .fieldNames()
                    .forEachRemaining(documented::add);
            Set<String> provoked = provoked().stream()
                    .map(p -> Integer.toString(p.status()))
                    .collect(Collectors.toCollection(TreeSet::new));
            Set<String> notProvoked = new TreeSet<>(documented);
            notProvoked.removeAll(provoked);
            assertEquals(
                    Set.of("403", "429", "500", "502", "503", "504"),
                    notProvoked,
                    "documented statuses no test provokes (the stub gives no 403, 429, 500, 502, 503 or 504 but"
                            + " as a fault); documented: "
                            + documented + ", provoked: " + provoked);
        }));
    }

    // ------------------------------------------------------------------------------ the validator bites

    @TestFactory
    @DisplayName("the validator reports each kind of fault in a fabricated answer")
    Stream<DynamicTest> validatorBites() {
        String error = "{\"errorCode\":\"CCE.01400001\",\"errorMessage\":\"Invalid request.\"}";
        return Stream.of(
                fault("undocumented status 418", "POST", 418, "application/json", error, Aspect.STATUS),
                fault(
                        "201 as text/plain",
                        "POST",
                        201,
                        "text/plain",
                        DocumentedExample.CCE_CLUSTER_RESPONSE.text(),
                        Aspect.CONTENT_TYPE),
                fault(
                        "201 without Content-Type",
                        "POST",
                        201,
                        null,
                        DocumentedExample.CCE_CLUSTER_RESPONSE.text(),
                        Aspect.CONTENT_TYPE),
                fault(
                        "201 with kind Cluster",
                        "POST",
                        201,
                        "application/json",
                        "{\"kind\":\"Cluster\"}",
                        Aspect.SCHEMA),
                fault("201 with an empty body", "POST", 201, "application/json", "", Aspect.SCHEMA),
                fault(
                        "400 with a numeric errorCode",
                        "POST",
                        400,
                        "application/json",
                        "{\"errorCode\":1400001,\"errorMessage\":\"x\"}",
                        Aspect.SCHEMA),
                fault(
                        "400 without errorMessage",
                        "POST",
                        400,
                        "application/json",
                        "{\"errorCode\":\"CCE.01400001\"}",
                        Aspect.SCHEMA),
                fault(
                        "400 with a violation without pointer",
                        "POST",
                        400,
                        "application/json",
                        "{\"errorCode\":\"CCE.01400001\",\"violations\":[{\"rule\":\"type\",\"message\":\"m\"}]}",
                        Aspect.SCHEMA),
                fault("GET answered 200", "GET", 200, "application/json", error, Aspect.STATUS),
                fault(
                        "GET answered 405 without Allow",
                        "GET",
                        405,
                        "application/json",
                        "{\"errorCode\":\"CCE.01405001\",\"errorMessage\":\"Method not allowed\"}",
                        Aspect.HEADER),
                DynamicTest.dynamicTest("GET answered 405 with Allow: GET, POST", () -> {
                    Exchange wrongAllow = fabricated(
                            "405 with Allow: GET, POST",
                            "GET",
                            405,
                            "application/json",
                            "{\"errorCode\":\"CCE.01405001\",\"errorMessage\":\"m\"}",
                            "GET, POST");
                    List<Problem> problems = ResponseConformance.problems(wrongAllow);
                    assertTrue(
                            problems.stream().anyMatch(p -> p.aspect() == Aspect.HEADER),
                            problems + "\n" + wrongAllow.describe());
                }),
                DynamicTest.dynamicTest("a documented answer: no problem", () -> {
                    Exchange ok = fabricated(
                            "201 with the documented response",
                            "POST",
                            201,
                            "application/json; charset=UTF-8",
                            DocumentedExample.CCE_CLUSTER_RESPONSE.text(),
                            null);
                    List<Problem> problems = ResponseConformance.problems(ok);
                    assertTrue(problems.isEmpty(), problems + "\n" + ok.describe());
                }));
    }

    private static DynamicTest fault(
            String name, String method, int status, String contentType, String body, Aspect expected) {
        return DynamicTest.dynamicTest(name + ": reported as " + expected, () -> {
            Exchange exchange = fabricated(name, method, status, contentType, body, null);
            List<Problem> problems = ResponseConformance.problems(exchange);
            if (problems.stream().noneMatch(p -> p.aspect() == expected)) {
                throw exchange.failure(
                        "the validator should report a " + expected + " problem; it reports " + problems);
            }
        });
    }

    private static Exchange fabricated(
            String name, String method, int status, String contentType, String body, String allow) {
        Map<String, List<String>> headers = new java.util.LinkedHashMap<>();
        if (contentType != null) {
            headers.put("Content-Type", List.of(contentType));
        }
        if (allow != null) {
            headers.put("Allow", List.of(allow));
        }
        return new Exchange(
                "fabricated: " + name,
                new Exchange.Request(
                        method,
                        URI.create("http://127.0.0.1:1/api/v3/projects/p/clusters/c/nodepools"),
                        Map.of(),
                        null),
                new Exchange.Response(status, headers, body));
    }
}
