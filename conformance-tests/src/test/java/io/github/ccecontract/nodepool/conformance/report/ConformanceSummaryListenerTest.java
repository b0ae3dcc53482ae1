package io.github.ccecontract.nodepool.conformance.report;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import io.github.ccecontract.nodepool.conformance.support.Checks;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherConfig;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/** The end-of-run summary counts per check, counts property cases, and shows failures with their exchange. */
@Tag(Checks.SUITE)
class ConformanceSummaryListenerTest {

    @Test
    @DisplayName("summary of a fixture run: rows per check, case counts, the failure with case, request and answer")
    void summaryOfAFixtureRun() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ConformanceSummaryListener listener =
                new ConformanceSummaryListener(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        Launcher launcher = LauncherFactory.create(LauncherConfig.builder()
                .enableTestExecutionListenerAutoRegistration(false)
                .build());
        LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
                .selectors(selectClass(SummaryFixture.class))
                .build();
        SummaryFixture.driven = true;
        try {
            launcher.execute(request, listener);
        } finally {
            SummaryFixture.driven = false;
        }
        String out = bytes.toString(StandardCharsets.UTF_8);

        // check 1: 3 tests (1 passed, 1 failed, 1 skipped); check 5: a property of 1000 cases and 2 dynamic tests.
        assertRow(out, "1 documented examples", 2, 2, 1, 1, 1);
        assertRow(out, "5 generated traffic", 3, 1002, 1002, 0, 0);
        assertRow(out, "untagged: SummaryFixture", 1, 1, 1, 0, 0);
        assertTrue(out.contains("2 client against stub") && out.contains("no tests in this run"), out);
        assertTrue(out.contains("Failures (1):"), out);
        assertTrue(out.contains("failsWithAnExchange()"), out);
        assertTrue(
                out.contains("expected 201")
                        && out.contains("case: cce-cluster-request")
                        && out.contains("POST http://127.0.0.1:1/api/v3/projects/p/clusters/c/nodepools")
                        && out.contains("HTTP 500")
                        && out.contains("CCE.01500001"),
                out);
        assertTrue(
                !out.contains("a-very-long-secret-token-value") && out.contains("a-very... (30 characters)"),
                "the token is shortened: " + out);
    }

    private static void assertRow(String out, String title, int tests, int cases, int passed, int failed, int skipped) {
        Pattern row = Pattern.compile("(?m)^" + Pattern.quote(title) + "\\s+" + tests + "\\s+" + cases + "\\s+" + passed
                + "\\s+" + failed + "\\s+" + skipped + "\\b");
        assertTrue(
                row.matcher(out).find(),
                "no row '" + title + "' with tests " + tests + ", cases " + cases + ", passed " + passed + ", failed "
                        + failed + ", skipped " + skipped + " in:\n" + out);
    }
}
