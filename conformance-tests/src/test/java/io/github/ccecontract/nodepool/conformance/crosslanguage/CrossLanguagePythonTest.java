package io.github.ccecontract.nodepool.conformance.crosslanguage;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ccecontract.nodepool.conformance.support.Checks;
import io.github.ccecontract.nodepool.stub.junit.CceNodePoolStubExtension;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Check 8, Python: the client OpenAPI Generator ({@code python}, default settings) generated from the bundle imports
 * and sends the documented requests to the stub. Needs a python3 of 3.9 or later with what the generated client
 * needs (pydantic 2, urllib3, python-dateutil, typing-extensions); skipped, saying what is missing, where there is
 * none. Nothing is installed.
 */
@Tag(Checks.CROSS_LANGUAGE)
class CrossLanguagePythonTest {

    private static final String PROBE = """
            import sys
            assert sys.version_info >= (3, 9), "Python %s, the generated client needs 3.9 or later" % sys.version.split()[0]
            import pydantic, urllib3, dateutil, typing_extensions
            assert int(pydantic.VERSION.split(".")[0]) >= 2, "pydantic %s, the generated client needs pydantic 2" % pydantic.VERSION
            print("Python %s, pydantic %s, urllib3 %s" % (sys.version.split()[0], pydantic.VERSION, urllib3.__version__))
            """;

    /** The stub of {@code stub-clusters.yaml}. */
    @RegisterExtension
    static final CceNodePoolStubExtension STUB = CrossLanguage.stubExtension();

    /** python3's path, or why it cannot run the generated client; looked up once. */
    private static String python;

    private static String skipReason;

    /** python3 if it can run the generated client, else the test is skipped with the reason. */
    private static synchronized String python() {
        if (python == null && skipReason == null) {
            Optional<Path> exe = CrossLanguage.onPath("python3");
            if (exe.isEmpty()) {
                skipReason = "no python3 on the PATH: the Python client is not run (its fields are still checked for"
                        + " collisions)";
            } else {
                CrossLanguage.Result probe = CrossLanguage.run(
                        CrossLanguage.DIR,
                        Map.of(),
                        Duration.ofSeconds(60),
                        exe.get().toString(),
                        "-c",
                        PROBE);
                if (probe.ok()) {
                    python = exe.get().toString();
                } else {
                    skipReason = exe.get() + " cannot run the generated client (it needs Python 3.9+, pydantic 2,"
                            + " urllib3, python-dateutil, typing-extensions; nothing is installed): "
                            + probe.output().strip().lines().reduce((a, b) -> b).orElse("");
                }
            }
        }
        Assumptions.assumeTrue(python != null, skipReason);
        return python;
    }

    private static Map<String, String> env() {
        return Map.of("PYTHONPATH", CrossLanguage.generated("python").toString(), "PYTHONDONTWRITEBYTECODE", "1");
    }

    /** Every module of the generated package imports (its models are pydantic classes built at import). */
    @Test
    void generatedPackageImports() {
        String exe = python();
        CrossLanguage.Result result = CrossLanguage.run(
                CrossLanguage.DIR,
                env(),
                Duration.ofSeconds(60),
                exe,
                "-c",
                "import openapi_client, openapi_client.models, openapi_client.api; print(len(openapi_client.__all__))");
        assertTrue(result.ok(), "the generated Python client does not import:\n" + result.describe());
    }

    /** The documented requests through the Python client to the stub: two 201s read, a 400's errorCode read. */
    @Test
    void pythonProgramSendsTheDocumentedRequestsThroughTheGeneratedClient() {
        String exe = python();
        CrossLanguage.Result run = CrossLanguage.run(
                CrossLanguage.DIR,
                env(),
                Duration.ofMinutes(1),
                exe,
                CrossLanguage.SOURCES.resolve("send_documented.py").toString(),
                STUB.baseUrl(),
                CrossLanguage.EXAMPLES.toString(),
                STUB.token());
        assertTrue(run.ok() && run.output().strip().endsWith("OK"), run.describe());
    }
}
