package io.github.ccecontract.nodepool.conformance.checks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.github.ccecontract.nodepool.client.CceNodePoolClient;
import io.github.ccecontract.nodepool.client.CceServiceException;
import io.github.ccecontract.nodepool.client.CceValidationException;
import io.github.ccecontract.nodepool.client.auth.TokenCredentials;
import io.github.ccecontract.nodepool.conformance.support.Checks;
import io.github.ccecontract.nodepool.conformance.support.TestStub;
import io.github.ccecontract.nodepool.contract.CceJson;
import io.github.ccecontract.nodepool.contract.cluster.Cluster;
import io.github.ccecontract.nodepool.contract.model.NodePool;
import io.github.ccecontract.nodepool.contract.model.Violation;
import io.github.ccecontract.nodepool.openapi.testing.ConstraintCases;
import io.github.ccecontract.nodepool.openapi.testing.ConstraintCases.Case;
import io.github.ccecontract.nodepool.stub.junit.CceNodePoolStubExtension;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * One validator, one set of messages: every rejected case of the constraint catalogue, as the client's model sends
 * it, gets byte for byte the same violations from the client's {@code validateBeforeSend} (with the case's cluster
 * on the builder) as from the stub's 400. A case whose JSON no model can hold (a value of the wrong type) cannot be
 * sent by the client at all; those are counted, and must stay a minority.
 */
@Tag(Checks.RULE_CATALOGUE)
class ClientAndStubAgreeTest {

    private static final List<Case> REJECTED = Stream.concat(
                    ConstraintCases.load().constraints().values().stream(),
                    ConstraintCases.load().rules().values().stream())
            .flatMap(entry -> entry.rejected().stream())
            .toList();
    private static final AtomicInteger NOT_REPRESENTABLE = new AtomicInteger();

    @RegisterExtension
    static final CceNodePoolStubExtension STUB =
            TestStub.extension(REJECTED.stream().map(Case::cluster).toList());

    private static final TestStub stub = TestStub.of(STUB);
    private static CceNodePoolClient plain;

    @BeforeAll
    static void start() {
        plain = client(null);
    }

    @AfterAll
    static void stop() {
        plain.close();
        assertTrue(
                NOT_REPRESENTABLE.get() < REJECTED.size() / 2,
                NOT_REPRESENTABLE + " of " + REJECTED.size() + " rejected cases cannot be held by the models");
    }

    @TestFactory
    @DisplayName("every rejected case of the catalogue: the client's violations are the stub's")
    Stream<DynamicTest> sameViolations() {
        return REJECTED.stream().map(cs -> DynamicTest.dynamicTest(cs.toString(), () -> compare(cs)));
    }

    private static void compare(Case cs) {
        NodePool model;
        try {
            model = CceJson.mapper().treeToValue(cs.request(), NodePool.class);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            NOT_REPRESENTABLE.incrementAndGet();
            return;
        }
        String clusterId = TestStub.clusterId(cs.cluster());
        List<Violation> clientSide;
        try (CceNodePoolClient validating = client(cs.cluster())) {
            validating.createNodePool(clusterId, model);
            clientSide = List.of();
        } catch (CceValidationException e) {
            clientSide = e.violations();
        } finally {
            stub.stub().reset();
        }
        List<Violation> stubSide;
        try {
            plain.createNodePool(clusterId, model);
            stubSide = List.of();
        } catch (CceServiceException e) {
            stubSide = e.violations();
        } finally {
            stub.stub().reset();
        }
        assertEquals(describe(stubSide), describe(clientSide), cs.toString());
    }

    private static CceNodePoolClient client(Cluster cluster) {
        CceNodePoolClient.Builder builder = CceNodePoolClient.builder()
                .endpoint(stub.baseUrl())
                .projectId(TestStub.PROJECT)
                .credentials(new TokenCredentials(TestStub.TOKEN));
        return cluster == null
                ? builder.build()
                : builder.validateBeforeSend(true).cluster(cluster).build();
    }

    private static List<String> describe(List<Violation> violations) {
        return violations.stream()
                .map(v -> v.getPointer() + " [" + v.getRule() + "] " + v.getMessage())
                .toList();
    }
}
