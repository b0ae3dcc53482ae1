package io.github.ccecontract.nodepool.conformance.crosslanguage;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ccecontract.nodepool.conformance.support.Checks;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Check 8, Go: the client OpenAPI Generator ({@code go}, default settings) generated from the bundle passes
 * {@code go vet} (which type-checks it, as a build would). The generated module needs only the standard library,
 * so this runs offline ({@code GOPROXY=off}, {@code GOFLAGS=-mod=mod}, caches under target/). Skipped where there is
 * no {@code go} on the PATH (Debian: {@code apt-get install golang-go}; the collision check reads the Go sources
 * either way). Nothing is downloaded.
 */
@Tag(Checks.CROSS_LANGUAGE)
class CrossLanguageGoTest {

    @Test
    void generatedGoClientPassesGoVet() {
        Optional<Path> go = CrossLanguage.onPath("go");
        Assumptions.assumeTrue(go.isPresent(), "no go on the PATH: the Go client is not compiled (its struct fields"
                + " are still checked for collisions); Debian: apt-get install golang-go");
        Path dir = CrossLanguage.generated("go");
        Map<String, String> env = Map.of(
                "GOPROXY", "off", "GOFLAGS", "-mod=mod", "GOTOOLCHAIN", "local", "GOTELEMETRY", "off",
                "GOCACHE", CrossLanguage.DIR.resolve("go-cache/build").toString(),
                "GOPATH", CrossLanguage.DIR.resolve("go-cache/path").toString());
        CrossLanguage.Result vet = CrossLanguage.run(dir, env, Duration.ofMinutes(3), go.get().toString(), "vet", ".");
        assertTrue(vet.ok(), "go vet of the generated Go client failed:\n" + vet.describe());
    }
}
