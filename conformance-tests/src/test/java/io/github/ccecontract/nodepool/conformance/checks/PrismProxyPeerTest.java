package io.github.ccecontract.nodepool.conformance.checks;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.ccecontract.nodepool.conformance.generate.NodePoolGenerator;
import io.github.ccecontract.nodepool.conformance.generate.PropertyRunner;
import io.github.ccecontract.nodepool.conformance.prism.PrismProcess;
import io.github.ccecontract.nodepool.conformance.prism.PrismViolations;
import io.github.ccecontract.nodepool.conformance.support.Checks;
import io.github.ccecontract.nodepool.conformance.support.DocumentFiles;
import io.github.ccecontract.nodepool.conformance.support.Exchange;
import io.github.ccecontract.nodepool.conformance.support.HttpExchanges;
import io.github.ccecontract.nodepool.conformance.support.ResponseConformance;
import io.github.ccecontract.nodepool.conformance.support.TestStub;
import io.github.ccecontract.nodepool.contract.NodePoolContract.Direction;
import io.github.ccecontract.nodepool.contract.NodePoolContract.DocumentedExample;
import io.github.ccecontract.nodepool.openapi.testing.ConstraintCases;
import io.github.ccecontract.nodepool.openapi.testing.ConstraintCases.Case;
import io.github.ccecontract.nodepool.openapi.testing.Contract;
import io.github.ccecontract.nodepool.openapi.testing.Json;
import io.github.ccecontract.nodepool.stub.junit.CceNodePoolStubExtension;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestReporter;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Check 7, an outside peer in front of the stub: Stoplight Prism's proxy ({@code prism proxy <bundled document>
 * <stub> --errors}, one Prism for the class) validates every request and every answer of the stub against the document
 * (its validator is AJV, not networknt). Driven with the documented requests, {@code conformance.prismTries} generated
 * valid requests, and requests the stub refuses although Prism lets them through (every rejected rule case of the
 * catalogue: schema-valid; a taken name; an unknown cluster; a token the stub does not accept). For each, Prism must
 * report nothing: the status is the stub's, there is no {@code sl-violations} header (Prism puts errors and warnings,
 * an undocumented status too, there) and no problem+json of Prism's own ({@code --errors} turns a broken answer into
 * Prism's 500 {@code #VIOLATIONS}). The answers are also checked by check 3's validator.
 */
@Tag(Checks.OUTSIDE_PEER)
class PrismProxyPeerTest {

    static final int SAMPLE = Integer.getInteger("conformance.prismTries", 100);

    @TempDir
    static Path tmp;

    @RegisterExtension
    static final CceNodePoolStubExtension STUB = TestStub.extension(
            ConstraintCases.load().cases().map(ConstraintCases.Case::cluster).toList());

    static final TestStub stub = TestStub.of(STUB);
    static PrismProcess prism;

    @BeforeAll
    static void start() {
        // Prism rejects the SDK-HMAC-SHA256 scheme it does not know: it gets the document with that scheme as a header.
        prism = PrismProcess.proxy(
                DocumentFiles.extractBundledDocumentForPrism(tmp), stub.stub().baseUri(), true);
    }

    @AfterAll
    static void stop() {
        if (prism != null) {
            prism.close();
        }
    }

    /** Sends through Prism; fails unless Prism is silent and the status is the expected one. */
    static Exchange throughPrism(
            String caseName, String cluster, Map<String, String> headers, String body, int expectedStatus) {
        Exchange exchange = HttpExchanges.post(
                caseName + " (through Prism's proxy)",
                TestStub.operationUri(prism.baseUri().toString(), cluster),
                headers,
                body);
        List<PrismViolations.Violation> violations = PrismViolations.of(exchange.response());
        if (!PrismViolations.isClean(exchange.response())) {
            String kind = PrismViolations.prismErrorKind(exchange.response());
            throw exchange.failure("Prism reports " + (kind.isEmpty() ? "" : "(its own answer #" + kind + ") ")
                    + violations.size() + " violation(s) of the document:\n  "
                    + String.join(
                            "\n  ", violations.stream().map(Object::toString).toList()));
        }
        if (exchange.response().status() != expectedStatus) {
            throw exchange.failure("expected " + expectedStatus + " from the stub through Prism");
        }
        return ResponseConformance.verify(exchange);
    }

    @TestFactory
    @DisplayName("the documented requests: 201 with the documented responses, Prism silent")
    Stream<DynamicTest> documentedRequests() {
        return Stream.of(DocumentedExample.CCE_CLUSTER_REQUEST, DocumentedExample.CCE_TURBO_CLUSTER_REQUEST)
                .map(request -> DynamicTest.dynamicTest(request.fileName(), () -> {
                    stub.stub().reset();
                    String cluster = request == DocumentedExample.CCE_TURBO_CLUSTER_REQUEST
                            ? TestStub.turboCluster()
                            : TestStub.cceCluster();
                    Exchange exchange = throughPrism(
                            "documented example " + request.resourcePath() + " to " + cluster,
                            cluster,
                            TestStub.tokenHeaders(),
                            request.text(),
                            201);
                    DocumentedExamplesTest.assertDocumentedResponse(
                            exchange, DocumentedExample.of(Direction.RESPONSE, request.exampleName()));
                }));
    }

    /**
     * Prism's proxy changes what the signature covers: it rewrites {@code Host} to the upstream's address and forwards
     * the body re-serialized (compact JSON). So the request is signed for the address it reaches the stub with, and
     * its body is sent compact (signed for Prism's address, or with the page's indented text, the stub rightly
     * answers 401 with the canonical request it computed).
     */
    @Test
    @DisplayName("the documented CCE request signed with AK/SK (for the host the stub sees): 201, Prism silent")
    void akSkSignedRequest() {
        stub.stub().reset();
        String body = Json.compact(Contract.example(DocumentedExample.CCE_CLUSTER_REQUEST));
        throughPrism(
                "cce-cluster-request (compact) signed with SDK-HMAC-SHA256",
                TestStub.cceCluster(),
                TestStub.signedHeaders(
                        "POST",
                        stub.uri(TestStub.cceCluster()),
                        body,
                        TestStub.ACCESS_KEY,
                        TestStub.SECRET_KEY,
                        Instant.now()),
                body,
                201);
    }

    @Test
    @DisplayName("generated valid requests: 201, Prism silent")
    void generatedRequests(TestReporter reporter) {
        PropertyRunner.run(
                PropertyRunner.Settings.fromSystemProperties().withTries(SAMPLE),
                "generated requests through Prism's proxy",
                new NodePoolGenerator(),
                NodePoolGenerator.ValidRequest::describe,
                c -> {
                    stub.stub().reset(); // generated names may repeat
                    String cluster = TestStub.clusterId(c.value().cluster());
                    throughPrism(
                            c.name() + " to " + cluster,
                            cluster,
                            TestStub.tokenHeaders(),
                            Json.compact(c.value().body()),
                            201);
                },
                reporter);
    }

    /**
     * The rejected rule cases of the catalogue. A rule the schema does not state: the request is schema-valid, Prism
     * passes it on silently and the stub answers 400. A rule the schema states as well (its {@code schemaKeywords},
     * e.g. login needs sshKey or userPassword): Prism agrees with the stub and refuses the request itself (422 with
     * violations of the request body).
     */
    @TestFactory
    @DisplayName("the stub's refusals by rules (rejected rule cases of the catalogue): 400, Prism silent; or Prism's"
            + " own refusal where the schema states the rule")
    Stream<DynamicTest> ruleRefusals() {
        List<Case> rejected = ConstraintCases.load()
                .cases()
                .filter(c -> c.isRule() && !c.accepted())
                .toList();
        java.util.Set<String> statedBySchema = new java.util.HashSet<>();
        Contract.document().path("x-cce-rules").forEach(rule -> {
            if (!rule.path("schemaKeywords").isEmpty()) {
                statedBySchema.add(rule.path("id").asText());
            }
        });
        return rejected.stream()
                .map(c -> DynamicTest.dynamicTest(c.label(), () -> {
                    stub.stub().reset();
                    String name = "catalogue case " + c.label() + " (" + c.cluster() + ")";
                    if (!statedBySchema.contains(c.entryId())) {
                        throughPrism(
                                name,
                                TestStub.clusterId(c.cluster()),
                                TestStub.tokenHeaders(),
                                Json.compact(c.request()),
                                400);
                        return;
                    }
                    Exchange exchange = HttpExchanges.post(
                            name + " (through Prism's proxy)",
                            TestStub.operationUri(prism.baseUri().toString(), TestStub.clusterId(c.cluster())),
                            TestStub.tokenHeaders(),
                            Json.compact(c.request()));
                    List<PrismViolations.Violation> violations = PrismViolations.of(exchange.response());
                    if (!"UNPROCESSABLE_ENTITY".equals(PrismViolations.prismErrorKind(exchange.response()))
                            || violations.stream()
                                    .noneMatch(v -> v.location().size() > 1
                                            && v.location().get(0).equals("body"))) {
                        throw exchange.failure("expected Prism to refuse the request itself (the schema states rule "
                                + c.entryId() + "), with violations of the body; got " + violations);
                    }
                }));
    }

    @TestFactory
    @DisplayName("the stub's other refusals: 409 taken name, 404 unknown cluster, 401 token not accepted; Prism silent")
    Stream<DynamicTest> otherRefusals() {
        String documented = DocumentedExample.CCE_CLUSTER_REQUEST.text();
        return Stream.of(
                DynamicTest.dynamicTest("409: a taken name", () -> {
                    stub.stub().reset();
                    throughPrism(
                            "cce-cluster-request, first",
                            TestStub.cceCluster(),
                            TestStub.tokenHeaders(),
                            documented,
                            201);
                    throughPrism(
                            "cce-cluster-request, again",
                            TestStub.cceCluster(),
                            TestStub.tokenHeaders(),
                            documented,
                            409);
                }),
                DynamicTest.dynamicTest(
                        "404: an unknown cluster",
                        () -> throughPrism(
                                "cce-cluster-request to no-such-cluster",
                                "no-such-cluster",
                                TestStub.tokenHeaders(),
                                documented,
                                404)),
                DynamicTest.dynamicTest(
                        "401: a token the stub does not accept",
                        () -> throughPrism(
                                "cce-cluster-request with a token the stub does not accept",
                                TestStub.cceCluster(),
                                Map.of("X-Auth-Token", "not-" + TestStub.TOKEN),
                                documented,
                                401)),
                DynamicTest.dynamicTest("400 CCE.01400014: above the cluster's node limit", () -> {
                    ObjectNode body = Contract.example(DocumentedExample.CCE_CLUSTER_REQUEST);
                    ((ObjectNode) body.get("spec")).put("initialNodeCount", 51);
                    throughPrism(
                            "cce-cluster-request with initialNodeCount 51 to cce-50",
                            "cce-50",
                            TestStub.tokenHeaders(),
                            Json.compact(body),
                            400);
                }));
    }
}
