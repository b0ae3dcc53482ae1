package io.github.ccecontract.nodepool.conformance.checks;

import com.networknt.schema.Error;
import io.github.ccecontract.nodepool.conformance.generate.NodePoolGenerator;
import io.github.ccecontract.nodepool.conformance.generate.PropertyRunner;
import io.github.ccecontract.nodepool.conformance.generate.RuleOracle;
import io.github.ccecontract.nodepool.conformance.generate.SchemaGenerator;
import io.github.ccecontract.nodepool.conformance.support.Checks;
import io.github.ccecontract.nodepool.conformance.support.Exchange;
import io.github.ccecontract.nodepool.conformance.support.TestStub;
import io.github.ccecontract.nodepool.contract.model.Violation;
import io.github.ccecontract.nodepool.openapi.testing.Contract;
import io.github.ccecontract.nodepool.openapi.testing.Schemas;
import io.github.ccecontract.nodepool.stub.junit.CceNodePoolStubExtension;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Check 5, odd strings (issue 10, item 1): valid requests whose free-text strings are white space only, control
 * characters, characters outside the Basic Multilingual Plane, marks, or as long as the schema allows
 * ({@link SchemaGenerator.Settings.withOddStrings()}) drive the stub's domain code, not only its rules. Each case is
 * first proved valid (networknt against the document's schema, and the rule oracle); the stub must then answer
 * 201, and never a 5xx. Before issue 10 an {@code az} of white space passed the schema and got 500.
 */
@Tag(Checks.GENERATED_TRAFFIC)
class OddStringsTrafficTest {

    @RegisterExtension
    static final CceNodePoolStubExtension STUB = TestStub.extension();

    static final TestStub stub = TestStub.of(STUB);

    /** Runs before the extension stops the stub. */
    @AfterAll
    static void noInternalErrors() {
        long internal = stub.stub().internalErrors();
        if (internal != 0) {
            throw new AssertionError("the stub failed on " + internal + " odd-string requests (answered 500)");
        }
    }

    @Test
    @DisplayName("valid requests with odd strings (white space, control, astral, longest): 201, never 5xx")
    void oddButValidRequestsAreAccepted(TestReporter reporter) {
        NodePoolGenerator generator = new NodePoolGenerator(
                SchemaGenerator.Settings.withOddStrings(), Integer.getInteger("conformance.maxNodes", 50));
        PropertyRunner.run(
                "valid requests with odd strings are accepted",
                generator,
                NodePoolGenerator.ValidRequest::describe,
                c -> {
                    List<Error> errors =
                            Schemas.validate(Contract.REQUEST_SCHEMA, c.value().body());
                    if (!errors.isEmpty()) {
                        throw new AssertionError("the odd-string generator made an invalid request:\n"
                                + Schemas.describe(errors) + "\n" + c.value().body());
                    }
                    List<Violation> broken =
                            RuleOracle.check(c.value().body(), c.value().cluster());
                    if (!broken.isEmpty()) {
                        throw new AssertionError("the odd-string generator broke rules: " + broken);
                    }
                    stub.stub().reset(); // one pool at a time: names never clash
                    String cluster = TestStub.clusterId(c.value().cluster());
                    Exchange exchange = stub.post(
                            c.name() + " (odd strings) to " + cluster,
                            cluster,
                            c.value().body());
                    int status = exchange.response().status();
                    if (status >= 500) {
                        throw exchange.failure("a server error for a schema-valid body (never expected)");
                    }
                    if (status != 201) {
                        throw exchange.failure(
                                "expected 201: a valid request for " + c.value().cluster());
                    }
                },
                reporter);
    }
}
