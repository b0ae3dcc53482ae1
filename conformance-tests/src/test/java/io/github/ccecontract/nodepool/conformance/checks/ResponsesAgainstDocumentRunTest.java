package io.github.ccecontract.nodepool.conformance.checks;

import io.github.ccecontract.nodepool.conformance.support.Checks;
import io.github.ccecontract.nodepool.conformance.support.ResponseConformance;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;

/**
 * Check 3 over the whole run: every answer the stub gave in this run (to any check, directly or through the client's
 * recording interceptor or through Prism's proxy) was checked against the document by {@link ResponseConformance}, and
 * none had a problem. Runs after every other test class ({@code @Order}, class orderer in
 * {@code junit-platform.properties}); each exchange was also failed on at once by the check that sent it. Its cases in
 * the summary are the answers checked.
 */
@Tag(Checks.RESPONSES_AGAINST_DOCUMENT)
@Order(Integer.MAX_VALUE)
class ResponsesAgainstDocumentRunTest {

    /** Problems shown in full in the failure (the rest are counted). */
    static final int SHOWN = 5;

    @Test
    @DisplayName("no answer of the stub in the whole run breaks the document")
    void noViolationInTheRun(TestReporter reporter) {
        int checked = ResponseConformance.checked();
        List<ResponseConformance.Violation> violations = ResponseConformance.violations();
        reporter.publishEntry(Checks.CASES, Integer.toString(Math.max(checked, 1)));
        reporter.publishEntry(Checks.FAILED_CASES, Integer.toString(violations.size()));
        if (checked == 0) {
            throw new AssertionError("no answer of the stub was checked in this run: run check 3 with the other"
                    + " checks, or ResponsesAgainstDocumentTest (-Dgroups=check-3 runs both)");
        }
        if (!violations.isEmpty()) {
            StringBuilder sb = new StringBuilder(
                    violations.size() + " of " + checked + " answers of the stub break the document:\n");
            violations.stream()
                    .limit(SHOWN)
                    .forEach(v -> sb.append("--- ")
                            .append(v.caseName())
                            .append('\n')
                            .append(ResponseConformance.describe(v.problems()))
                            .append('\n')
                            .append(v.exchange()));
            throw new AssertionError(sb.toString());
        }
    }
}
