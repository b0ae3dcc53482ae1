package io.github.ccecontract.nodepool.conformance.crosslanguage;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ccecontract.nodepool.conformance.support.Checks;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Check 9: the reference page the openapi jar carries ({@code cce-nodepool/openapi.html}, rendered by Redocly CLI
 * build-docs in the openapi module's build) opened in headless Chromium: the operation, every schema of the document
 * and both documented example pairs are rendered, with no console error, no uncaught exception and no request that
 * leaves the machine. Driven by {@code cross-language/render-reference.mjs} (playwright-core, npm-pinned, with
 * Debian's {@code /usr/bin/chromium}; no browser is downloaded); its exit code and output decide. Skipped where
 * {@code /usr/bin/chromium} is absent ({@code .ci/run} installs it). Leaves a screenshot of the operation in
 * target/cross-language/reference-page.png.
 */
@Tag(Checks.REFERENCE_PAGE)
class CrossLanguageReferencePageTest {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");

    @Test
    void referencePageRendersTheOperationEverySchemaAndBothExamplePairsOffline() {
        Path page = CrossLanguage.BUNDLE.resolve("openapi.html");
        assertTrue(
                Files.isRegularFile(page),
                page + " is missing: the openapi jar must carry cce-nodepool/openapi.html"
                        + " (openapi module, execution reference-page)");
        Assumptions.assumeTrue(
                Files.isExecutable(CHROMIUM),
                CHROMIUM + " is absent: the reference page is not opened"
                        + " in a browser here (Debian: apt-get install chromium; .ci/run installs it)");
        CrossLanguage.Result run = CrossLanguage.run(
                CrossLanguage.DIR,
                Map.of(),
                Duration.ofMinutes(3),
                "node",
                CrossLanguage.SOURCES.resolve("render-reference.mjs").toString(),
                page.toString(),
                CrossLanguage.BUNDLE.resolve("openapi.json").toString(),
                CrossLanguage.DIR.resolve("chromium").toString(),
                CrossLanguage.DIR.resolve("reference-page.png").toString());
        assertTrue(run.ok() && run.output().strip().endsWith("OK"), run.describe());
    }
}
