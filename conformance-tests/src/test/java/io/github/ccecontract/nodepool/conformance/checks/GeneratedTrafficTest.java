package io.github.ccecontract.nodepool.conformance.checks;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.ccecontract.nodepool.conformance.generate.Mutation;
import io.github.ccecontract.nodepool.conformance.generate.Mutator;
import io.github.ccecontract.nodepool.conformance.generate.NodePoolGenerator;
import io.github.ccecontract.nodepool.conformance.generate.PropertyRunner;
import io.github.ccecontract.nodepool.conformance.support.Checks;
import io.github.ccecontract.nodepool.conformance.support.Exchange;
import io.github.ccecontract.nodepool.conformance.support.TestStub;
import io.github.ccecontract.nodepool.stub.junit.CceNodePoolStubExtension;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Check 5, generated traffic at the stub (property-based, the suite's {@link PropertyRunner}: fixed seed
 * {@code conformance.seed}, {@code conformance.tries} cases per property, default 1000):
 * <ul>
 * <li>valid requests generated from the schema and made to obey x-cce-rules for their cluster
 * ({@link NodePoolGenerator}) are accepted: 201 with an answer valid against the document (check 3) that names the
 * pool. Names are unique per cluster: the suite remembers the names it created per cluster since the last reset; a
 * generated name that is taken must first get 409 {@code CCE.01409001}, then the stub is reset and the case sent again
 * (so every case gets its 201). The stub is also reset before its store is full ({@code maxNodePools}).</li>
 * <li>mutated requests (one change each, {@link Mutator}) are rejected: a 4xx with a CCE error body (errorCode
 * {@code ^CCE\.\d{8}$}) whose violations include the mutation's pointer with the mutation's keyword as rule.</li>
 * <li>never a 5xx; and the stub counts no internal error over the run.</li>
 * </ul>
 */
@Tag(Checks.GENERATED_TRAFFIC)
class GeneratedTrafficTest {

    static final Pattern CCE_CODE = Pattern.compile("^CCE\\.\\d{8}$");

    @RegisterExtension
    static final CceNodePoolStubExtension STUB = TestStub.extension();

    static final TestStub stub = TestStub.of(STUB);
    /** Names created per cluster since the last reset. */
    static final Map<String, Set<String>> CREATED = new HashMap<>();

    static int stored;

    /** Runs before the extension stops the stub. */
    @AfterAll
    static void noInternalErrors() {
        long internal = stub.stub().internalErrors();
        if (internal != 0) {
            throw new AssertionError("the stub failed on " + internal + " requests of check 5 (answered 500)");
        }
    }

    private static void reset() {
        stub.stub().reset();
        CREATED.clear();
        stored = 0;
    }

    @Test
    @DisplayName(
            "generated valid requests: 201 and a conforming answer (409 if the generated name is taken), never 5xx")
    void validRequestsAreAccepted(TestReporter reporter) {
        reset();
        NodePoolGenerator generator = new NodePoolGenerator();
        int[] conflicts = {0};
        PropertyRunner.run(
                "generated valid requests are accepted",
                generator,
                NodePoolGenerator.ValidRequest::describe,
                c -> {
                    if (stored >= stub.maxNodePools()) {
                        reset();
                    }
                    String cluster = TestStub.clusterId(c.value().cluster());
                    String name = c.value().body().path("metadata").path("name").asText();
                    boolean taken = CREATED.computeIfAbsent(cluster, k -> new HashSet<>())
                            .contains(name);
                    if (taken) {
                        // The generated name exists in this cluster: the stub must refuse it (409); then the case is
                        // sent again to an empty stub, where it must be accepted like any other.
                        conflicts[0]++;
                        Exchange conflict = stub.post(
                                c.name() + " to " + cluster + ", name " + name + " taken",
                                cluster,
                                c.value().body());
                        if (conflict.response().status() != 409
                                || !"CCE.01409001"
                                        .equals(conflict.response()
                                                .json()
                                                .path("errorCode")
                                                .asText())) {
                            throw conflict.failure("expected 409 CCE.01409001: the name " + name
                                    + " was created in this cluster before");
                        }
                        reset();
                        CREATED.put(cluster, new HashSet<>());
                    }
                    Exchange exchange = stub.post(
                            c.name() + " to " + cluster + " (" + c.value().cluster() + ")",
                            cluster,
                            c.value().body());
                    int status = exchange.response().status();
                    if (status >= 500) {
                        throw exchange.failure("a server error (never expected)");
                    }
                    if (status != 201) {
                        throw exchange.failure(
                                "expected 201: a valid request for " + c.value().cluster());
                    }
                    if (!name.equals(exchange.response()
                            .json()
                            .path("metadata")
                            .path("name")
                            .asText())) {
                        throw exchange.failure("expected the answer to name the pool " + name);
                    }
                    CREATED.get(cluster).add(name);
                    stored++;
                },
                reporter);
        reporter.publishEntry("conformance.nameConflicts", Integer.toString(conflicts[0]));
    }

    @Test
    @DisplayName("mutated requests: 4xx with a CCE error body naming the mutation's pointer and keyword, never 5xx")
    void mutationsAreRejected(TestReporter reporter) {
        reset();
        Mutator mutator = new Mutator();
        PropertyRunner.run(
                "mutated requests are rejected",
                mutator.of(new NodePoolGenerator()),
                Mutation::describe,
                c -> {
                    Mutation mutation = c.value();
                    String cluster = TestStub.clusterId(mutation.cluster());
                    Exchange exchange = stub.post(
                            c.name() + " " + mutation.summary() + " to " + cluster, cluster, mutation.request());
                    int status = exchange.response().status();
                    if (status >= 500) {
                        throw exchange.failure("a server error (never expected)");
                    }
                    if (status < 400) {
                        throw exchange.failure("expected a 4xx: the request breaks '" + mutation.keyword() + "' at "
                                + mutation.pointer());
                    }
                    JsonNode body = exchange.response().json();
                    if (body == null
                            || !CCE_CODE.matcher(body.path("errorCode").asText())
                                    .matches()) {
                        throw exchange.failure("expected a CCE error body (errorCode ^CCE\\.\\d{8}$)");
                    }
                    boolean named = false;
                    for (JsonNode v : body.path("violations")) {
                        if (mutation.pointer().equals(v.path("pointer").asText())
                                && mutation.keyword().equals(v.path("rule").asText())) {
                            named = true;
                        }
                    }
                    if (!named) {
                        throw exchange.failure("expected a violation {pointer: \"" + mutation.pointer() + "\", rule: "
                                + mutation.keyword() + "}");
                    }
                    if (stored > 0 || !stub.stub().nodePools().isEmpty()) {
                        throw exchange.failure("a rejected request created a node pool");
                    }
                },
                reporter);
    }
}
