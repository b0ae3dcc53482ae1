package io.github.ccecontract.nodepool.conformance.checks;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.ccecontract.nodepool.conformance.checks.FuzzCases.FuzzCase;
import io.github.ccecontract.nodepool.conformance.generate.PropertyRunner;
import io.github.ccecontract.nodepool.conformance.support.Checks;
import io.github.ccecontract.nodepool.conformance.support.Exchange;
import io.github.ccecontract.nodepool.conformance.support.ResponseConformance;
import io.github.ccecontract.nodepool.conformance.support.ResponseConformance.Aspect;
import io.github.ccecontract.nodepool.conformance.support.ResponseConformance.Problem;
import io.github.ccecontract.nodepool.conformance.support.TestStub;
import io.github.ccecontract.nodepool.contract.NodePoolContract.DocumentedExample;
import io.github.ccecontract.nodepool.stub.junit.CceNodePoolStubExtension;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Check 6, the checks of an API fuzzer (named as Schemathesis names its checks), one test method each, against the
 * stub:
 * <ul>
 * <li>{@code notAServerError}, {@code statusCodeConformance}, {@code contentTypeConformance},
 * {@code responseSchemaConformance}: over a corpus of {@code conformance.fuzzTries} fuzz cases ({@link FuzzCases}:
 * valid, mutated, random JSON, malformed, wrong media type), no 5xx; every status documented for the operation;
 * every media type documented for its status; every body valid against its schema (the validator of check 3);</li>
 * <li>{@code negativeDataRejection}: every case that breaks the document is rejected with a 4xx and a CCE error body;
 * {@code positiveDataAcceptance}: every generated valid request is accepted (201);</li>
 * <li>{@code missingRequiredHeader}: without X-Auth-Token 401 {@code CCE.01401001}; without Content-Type 400
 * {@code CCE.01400006};</li>
 * <li>{@code unsupportedMethod}: GET, PUT, DELETE, PATCH on the path: 405 with {@code Allow: POST} and a CCE error
 * body;</li>
 * <li>{@code ignoredAuthentication}: authentication is not ignored: with tokens configured, a bad token; a bad
 * signature; an unknown access key; an X-Sdk-Date 20 minutes in the past or the future (correctly signed): 401
 * {@code CCE.01401001}, and no node pool is created (the same request correctly signed now is accepted).</li>
 * </ul>
 */
@Tag(Checks.FUZZER_CHECKS)
class FuzzerChecksTest {

    static final int TRIES = Integer.getInteger("conformance.fuzzTries", 300);
    static final Pattern CCE_CODE = Pattern.compile("^CCE\\.\\d{8}$");

    @RegisterExtension
    static final CceNodePoolStubExtension STUB = TestStub.extension();

    static final TestStub stub = TestStub.of(STUB);
    static final FuzzCases CASES = new FuzzCases();
    /** The corpus's exchanges: sent once, judged by four checks. */
    static List<Sent> corpus;

    /** A fuzz case and what came back, with check 3's verdict. */
    record Sent(PropertyRunner.Case<FuzzCase> c, TestStub.Checked checked, String replay) {}

    private static Exchange send(PropertyRunner.Case<FuzzCase> c) {
        return sendChecked(c).exchange();
    }

    private static TestStub.Checked sendChecked(PropertyRunner.Case<FuzzCase> c) {
        FuzzCase f = c.value();
        if (f.kind().positive()) {
            stub.stub().reset(); // generated names may repeat
        }
        return stub.sendChecked(
                "fuzz " + c.name() + " " + f.kind() + ": " + f.summary(), "POST", f.cluster(), f.headers(), f.body());
    }

    /** Sends the corpus once (the first of the four conformance checks to run does). */
    static synchronized List<Sent> corpus() {
        if (corpus == null) {
            List<Sent> sent = new ArrayList<>();
            PropertyRunner.Settings settings =
                    PropertyRunner.Settings.fromSystemProperties().withTries(TRIES);
            PropertyRunner.run(
                    settings,
                    "fuzz corpus",
                    CASES.any(),
                    FuzzCase::describe,
                    c -> sent.add(new Sent(c, sendChecked(c), settings.replay(c.index()) + " -Dtest=FuzzerChecksTest")),
                    null);
            corpus = List.copyOf(sent);
        }
        return corpus;
    }

    /** Asserts a property of every exchange of the corpus; reports cases and failures to the summary. */
    private static void assertCorpus(
            String check, TestReporter reporter, java.util.function.Function<Sent, String> fault) {
        List<Sent> all = corpus();
        List<String> failures = new ArrayList<>();
        int failed = 0;
        for (Sent s : all) {
            String problem = fault.apply(s);
            if (problem != null) {
                failed++;
                if (failures.size() < 3) {
                    failures.add("--- " + s.c().name() + " (replay: " + s.replay() + ")\n"
                            + s.checked().exchange().failure(problem).getMessage());
                }
            }
        }
        reporter.publishEntry(Checks.CASES, Integer.toString(all.size()));
        reporter.publishEntry(Checks.FAILED_CASES, Integer.toString(failed));
        if (failed > 0) {
            throw new AssertionError(check + " failed for " + failed + " of " + all.size() + " fuzz cases:\n"
                    + String.join("\n", failures));
        }
    }

    private static String problemsOf(Sent s, Set<Aspect> aspects) {
        List<Problem> problems = s.checked().problems().stream()
                .filter(p -> aspects.contains(p.aspect()))
                .toList();
        return problems.isEmpty() ? null : ResponseConformance.describe(problems);
    }

    // ------------------------------------------------------------------------------ over the corpus

    @Test
    @DisplayName("not_a_server_error: no fuzz case gets a 5xx")
    void notAServerError(TestReporter reporter) {
        assertCorpus(
                "not_a_server_error",
                reporter,
                s -> s.checked().exchange().response().status() >= 500 ? "a server error" : null);
        if (stub.stub().internalErrors() != 0) {
            throw new AssertionError("the stub counts " + stub.stub().internalErrors() + " internal errors");
        }
    }

    @Test
    @DisplayName("status_code_conformance: every status is documented for createNodePool")
    void statusCodeConformance(TestReporter reporter) {
        assertCorpus("status_code_conformance", reporter, s -> problemsOf(s, EnumSet.of(Aspect.STATUS)));
    }

    @Test
    @DisplayName("content_type_conformance: every Content-Type is documented for its status")
    void contentTypeConformance(TestReporter reporter) {
        assertCorpus("content_type_conformance", reporter, s -> problemsOf(s, EnumSet.of(Aspect.CONTENT_TYPE)));
    }

    @Test
    @DisplayName("response_schema_conformance: every body is valid against its status's schema (networknt)")
    void responseSchemaConformance(TestReporter reporter) {
        assertCorpus(
                "response_schema_conformance",
                reporter,
                s -> problemsOf(s, EnumSet.of(Aspect.SCHEMA, Aspect.HEADER, Aspect.REQUEST)));
    }

    // ------------------------------------------------------------------------------ by expectation

    @Test
    @DisplayName("negative_data_rejection: requests that break the document are rejected with a 4xx and a CCE error")
    void negativeDataRejection(TestReporter reporter) {
        PropertyRunner.run(
                PropertyRunner.Settings.fromSystemProperties().withTries(TRIES),
                "negative data is rejected",
                CASES.negative(),
                FuzzCase::describe,
                c -> {
                    Exchange exchange = ResponseConformance.verify(send(c));
                    int status = exchange.response().status();
                    JsonNode body = exchange.response().json();
                    if (status < 400 || status >= 500) {
                        throw exchange.failure("expected a 4xx: " + c.value().kind() + " breaks the document");
                    }
                    if (body == null
                            || !CCE_CODE.matcher(body.path("errorCode").asText())
                                    .matches()) {
                        throw exchange.failure("expected a CCE error body");
                    }
                    if (c.value().mutation() != null && status != 400) {
                        throw exchange.failure("expected 400 for a request breaking the schema");
                    }
                },
                reporter);
    }

    @Test
    @DisplayName("positive_data_acceptance: generated valid requests (some with unknown members) are accepted")
    void positiveDataAcceptance(TestReporter reporter) {
        PropertyRunner.run(
                PropertyRunner.Settings.fromSystemProperties().withTries(TRIES),
                "positive data is accepted",
                CASES.positive(),
                FuzzCase::describe,
                c -> {
                    Exchange exchange = ResponseConformance.verify(send(c));
                    if (exchange.response().status() != 201) {
                        throw exchange.failure("expected 201: a valid request");
                    }
                },
                reporter);
    }

    // ------------------------------------------------------------------------------ headers, methods, auth

    @Test
    @DisplayName("missing_required_header: no X-Auth-Token gives 401 CCE.01401001, no Content-Type 400 CCE.01400006")
    void missingRequiredHeader(TestReporter reporter) {
        int cases = 0;
        for (DocumentedExample example :
                List.of(DocumentedExample.CCE_CLUSTER_REQUEST, DocumentedExample.CCE_TURBO_CLUSTER_REQUEST)) {
            String cluster =
                    example == DocumentedExample.CCE_CLUSTER_REQUEST ? TestStub.cceCluster() : TestStub.turboCluster();
            stub.stub().reset();
            expectError(
                    stub.send(
                            example.fileName() + " without X-Auth-Token",
                            "POST",
                            cluster,
                            Map.of("Content-Type", "application/json"),
                            example.text()),
                    401,
                    "CCE.01401001");
            expectError(
                    stub.send(
                            example.fileName() + " without Content-Type",
                            "POST",
                            cluster,
                            TestStub.tokenHeaders(),
                            example.text()),
                    400,
                    "CCE.01400006");
            expectError(
                    stub.send(
                            example.fileName() + " with an empty X-Auth-Token",
                            "POST",
                            cluster,
                            Map.of("Content-Type", "application/json", "X-Auth-Token", ""),
                            example.text()),
                    401,
                    "CCE.01401001");
            cases += 3;
            if (!stub.stub().nodePools().isEmpty()) {
                throw new AssertionError(example.fileName() + ": a request without a required header created a"
                        + " node pool: " + stub.stub().nodePools());
            }
        }
        reporter.publishEntry(Checks.CASES, Integer.toString(cases));
    }

    @Test
    @DisplayName("unsupported_method: GET, PUT, DELETE, PATCH on the path get 405 with Allow: POST and a CCE error")
    void unsupportedMethod(TestReporter reporter) {
        int cases = 0;
        for (String method : List.of("GET", "PUT", "DELETE", "PATCH")) {
            boolean withBody = !method.equals("GET") && !method.equals("DELETE");
            Exchange exchange = stub.send(
                    method + " on the operation's path",
                    method,
                    TestStub.cceCluster(),
                    withBody ? TestStub.withContentType(TestStub.tokenHeaders()) : TestStub.tokenHeaders(),
                    withBody ? DocumentedExample.CCE_CLUSTER_REQUEST.text() : null);
            if (exchange.response().status() != 405) {
                throw exchange.failure("expected 405");
            }
            String allow = exchange.response().header("Allow").orElse("");
            if (!allow.trim().equalsIgnoreCase("POST")) {
                throw exchange.failure("expected Allow: POST");
            }
            JsonNode body = exchange.response().json();
            if (body == null
                    || !CCE_CODE.matcher(body.path("errorCode").asText()).matches()) {
                throw exchange.failure("expected a CCE error body");
            }
            cases++;
        }
        reporter.publishEntry(Checks.CASES, Integer.toString(cases));
    }

    @Test
    @DisplayName("ignored_authentication: a bad token, a bad signature, an unknown key, X-Sdk-Date 20 minutes off: 401")
    void ignoredAuthentication(TestReporter reporter) {
        String body = DocumentedExample.CCE_CLUSTER_REQUEST.text();
        String cluster = TestStub.cceCluster();
        URI uri = stub.uri(cluster);
        Instant now = Instant.now();
        Map<String, Map<String, String>> refused = new LinkedHashMap<>();
        refused.put(
                "a token the stub does not accept (tokens are configured)",
                TestStub.withContentType(Map.of("X-Auth-Token", "not-" + TestStub.TOKEN)));
        Map<String, String> badSignature = new LinkedHashMap<>(
                TestStub.signedHeaders("POST", uri, body, TestStub.ACCESS_KEY, TestStub.SECRET_KEY, now));
        badSignature.put("Authorization", flipLastHexDigit(badSignature.get("Authorization")));
        refused.put("a signature with its last digit changed", badSignature);
        refused.put(
                "a signature by an unknown access key",
                TestStub.signedHeaders("POST", uri, body, "UNKNOWN" + TestStub.ACCESS_KEY, TestStub.SECRET_KEY, now));
        refused.put(
                "a signature by the wrong secret key",
                TestStub.signedHeaders("POST", uri, body, TestStub.ACCESS_KEY, "wrong-" + TestStub.SECRET_KEY, now));
        refused.put(
                "X-Sdk-Date 20 minutes in the past, correctly signed",
                TestStub.signedHeaders(
                        "POST",
                        uri,
                        body,
                        TestStub.ACCESS_KEY,
                        TestStub.SECRET_KEY,
                        now.minus(Duration.ofMinutes(20))));
        refused.put(
                "X-Sdk-Date 20 minutes in the future, correctly signed",
                TestStub.signedHeaders(
                        "POST", uri, body, TestStub.ACCESS_KEY, TestStub.SECRET_KEY, now.plus(Duration.ofMinutes(20))));
        Map<String, String> tamperedBody =
                TestStub.signedHeaders("POST", uri, body, TestStub.ACCESS_KEY, TestStub.SECRET_KEY, now);
        stub.stub().reset();
        int cases = 0;
        for (Map.Entry<String, Map<String, String>> e : refused.entrySet()) {
            expectError(
                    stub.send("cce-cluster-request with " + e.getKey(), "POST", cluster, e.getValue(), body),
                    401,
                    "CCE.01401001");
            cases++;
        }
        expectError(
                stub.send(
                        "cce-cluster-request signed, then the body changed (name)",
                        "POST",
                        cluster,
                        tamperedBody,
                        body.replace("wyr-17-nodepool-53042", "wyr-17-nodepool-53043")),
                401,
                "CCE.01401001");
        cases++;
        if (!stub.stub().nodePools().isEmpty()) {
            throw new AssertionError("requests with bad credentials created node pools: "
                    + stub.stub().nodePools());
        }
        // The control: the same request correctly signed now is accepted, so the 401s are about the credentials.
        Exchange signed = stub.send(
                "cce-cluster-request correctly signed now (control)",
                "POST",
                cluster,
                TestStub.signedHeaders("POST", uri, body, TestStub.ACCESS_KEY, TestStub.SECRET_KEY, Instant.now()),
                body);
        if (signed.response().status() != 201) {
            throw signed.failure("expected 201 for a correct signature (the control of the 401s above)");
        }
        cases++;
        reporter.publishEntry(Checks.CASES, Integer.toString(cases));
    }

    private static String flipLastHexDigit(String authorization) {
        char last = authorization.charAt(authorization.length() - 1);
        return authorization.substring(0, authorization.length() - 1) + (last == '0' ? '1' : '0');
    }

    private static void expectError(Exchange exchange, int status, String code) {
        JsonNode body = exchange.response().json();
        if (exchange.response().status() != status
                || body == null
                || !code.equals(body.path("errorCode").asText())) {
            throw exchange.failure("expected " + status + " " + code);
        }
    }
}
