package io.github.ccecontract.nodepool.conformance.checks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ccecontract.nodepool.conformance.support.Checks;
import io.github.ccecontract.nodepool.conformance.support.Exchange;
import io.github.ccecontract.nodepool.conformance.support.TestStub;
import io.github.ccecontract.nodepool.contract.NodePoolContract;
import io.github.ccecontract.nodepool.contract.NodePoolContract.DocumentedExample;
import io.github.ccecontract.nodepool.openapi.testing.Contract;
import io.github.ccecontract.nodepool.openapi.testing.Json;
import io.github.ccecontract.nodepool.stub.faults.Fault;
import io.github.ccecontract.nodepool.stub.faults.ForcedResponses;
import io.github.ccecontract.nodepool.stub.junit.CceNodePoolStubExtension;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Check 3 for the answers a fault forces (the stub's faults on demand): every documented error status and every
 * example of it, forced through a {@code Prefer} header and through {@code stub.faults()}, is checked against the
 * document by {@code ResponseConformance} (status documented for the operation, media type, body valid against the
 * response's schema with networknt) on the way; a 429 also carries its {@code Retry-After}.
 */
@Tag(Checks.RESPONSES_AGAINST_DOCUMENT)
class ForcedAnswersConformTest {

    @RegisterExtension
    static final CceNodePoolStubExtension STUB = TestStub.extension();

    static final TestStub stub = TestStub.of(STUB);

    static String body() {
        return Json.compact(Contract.example(DocumentedExample.CCE_CLUSTER_REQUEST));
    }

    @TestFactory
    @DisplayName("a forced answer of every documented error status and example conforms to the document")
    Stream<DynamicTest> forcedAnswersConform() {
        List<DynamicTest> tests = new ArrayList<>();
        for (int status : ForcedResponses.statuses()) {
            for (String example : ForcedResponses.examples(status)) {
                tests.add(DynamicTest.dynamicTest("Prefer: code=" + status + ", example=" + example, () -> {
                    Map<String, String> headers =
                            new LinkedHashMap<>(TestStub.withContentType(TestStub.tokenHeaders()));
                    headers.put(
                            "Prefer",
                            "code=" + status + ", example=" + example + (status == 429 ? ", retry-after=3" : ""));
                    Exchange exchange = stub.send(
                            "prefer " + status + " " + example, "POST", TestStub.cceCluster(), headers, body());
                    expect(exchange, status, "prefer");
                    if (status == 429) {
                        assertEquals(
                                "3", exchange.response().header("Retry-After").orElse(null));
                    }
                }));
                tests.add(DynamicTest.dynamicTest("stub.faults(): status " + status + ", example " + example, () -> {
                    stub.stub().faults().clear();
                    Fault fault = Fault.status(status).example(example).once();
                    String id = stub.stub().faults().add(status == 429 ? fault.retryAfter(1) : fault);
                    Exchange exchange = stub.post(
                            "fault " + status + " " + example,
                            TestStub.cceCluster(),
                            Contract.example(DocumentedExample.CCE_CLUSTER_REQUEST));
                    expect(exchange, status, id);
                    stub.stub().faults().clear();
                }));
            }
        }
        return tests.stream();
    }

    private static void expect(Exchange exchange, int status, String faultId) {
        if (exchange.response().status() != status) {
            throw exchange.failure("expected the forced status " + status);
        }
        assertEquals(faultId, exchange.response().header("X-Stub-Fault").orElse(null));
        assertFalse(exchange.response().json().has("violations"), exchange.describe());
    }

    @TestFactory
    @DisplayName("the statuses a fault may force are exactly the operation's documented error statuses")
    Stream<DynamicTest> forcibleStatusesAreTheDocumented() {
        return Stream.of(DynamicTest.dynamicTest("documented error statuses", () -> {
            Set<Integer> documented = new TreeSet<>();
            Contract.at("/paths/" + Json.escape(NodePoolContract.PATH) + "/post/responses")
                    .fieldNames()
                    .forEachRemaining(s -> {
                        if (s.compareTo("400") >= 0) {
                            documented.add(Integer.parseInt(s));
                        }
                    });
            assertEquals(documented, new TreeSet<>(ForcedResponses.statuses()));
            assertTrue(ForcedResponses.examples(401).contains(ForcedResponses.GATEWAY_EXAMPLE));
        }));
    }
}
