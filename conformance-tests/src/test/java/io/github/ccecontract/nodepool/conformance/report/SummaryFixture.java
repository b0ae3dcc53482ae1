package io.github.ccecontract.nodepool.conformance.report;

import io.github.ccecontract.nodepool.conformance.support.Checks;
import io.github.ccecontract.nodepool.conformance.support.Exchange;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestReporter;
import org.junit.jupiter.api.condition.EnabledIf;

/**
 * Tests that {@link ConformanceSummaryListenerTest} runs through its own launcher to see what the summary prints.
 * Not a test of the suite: its name matches no Surefire include, and it only runs when driven.
 */
@EnabledIf("io.github.ccecontract.nodepool.conformance.report.SummaryFixture#driven")
class SummaryFixture {

    static volatile boolean driven;

    static boolean driven() {
        return driven;
    }

    @Nested
    @Tag(Checks.DOCUMENTED_EXAMPLES)
    class Examples {
        @Test
        void passes() {}

        @Test
        void failsWithAnExchange() {
            Exchange exchange = new Exchange(
                    "cce-cluster-request",
                    new Exchange.Request(
                            "POST",
                            URI.create("http://127.0.0.1:1/api/v3/projects/p/clusters/c/nodepools"),
                            Map.of("X-Auth-Token", List.of("a-very-long-secret-token-value")),
                            "{\"kind\":\"NodePool\"}"),
                    new Exchange.Response(
                            500,
                            Map.of("Content-Type", List.of("application/json")),
                            "{\"errorCode\":\"CCE.01500001\"}"));
            throw exchange.failure("expected 201");
        }

        @Disabled("fixture: a skipped test")
        @Test
        void skipped() {}
    }

    @Nested
    @Tag(Checks.GENERATED_TRAFFIC)
    class Generated {
        @Test
        void property(TestReporter reporter) {
            reporter.publishEntry(Checks.CASES, "1000");
            reporter.publishEntry(Checks.FAILED_CASES, "0");
        }

        @TestFactory
        Stream<DynamicTest> dynamic() {
            return Stream.of(DynamicTest.dynamicTest("a", () -> {}), DynamicTest.dynamicTest("b", () -> {}));
        }
    }

    @Test
    void untagged() {}
}
