package io.github.ccecontract.nodepool.conformance.crosslanguage;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ccecontract.nodepool.conformance.support.Checks;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Check 8, Go: the client OpenAPI Generator ({@code go}, default settings) generated from the bundle passes
 * {@code go vet} (which type-checks it, as a build would). Offline, nothing downloaded:
 * <ul>
 *   <li>if the generated package imports only the standard library: module mode with {@code GOPROXY=off};</li>
 *   <li>if it imports other packages (the go generator imports {@code gopkg.in/validator.v2} for a oneOf model):
 *       GOPATH mode against the Go libraries Debian packages under {@code /usr/share/gocode/src}
 *       ({@code golang-gopkg-validator.v2-dev}; {@code .ci/run} installs it); skipped, naming what is missing,
 *       where one of them is not there.</li>
 * </ul>
 * Skipped where there is no {@code go} on the PATH (Debian: {@code golang-go}); the collision check reads the Go
 * sources either way.
 */
@Tag(Checks.CROSS_LANGUAGE)
class CrossLanguageGoTest {

    /** Where Debian's golang-*-dev packages put their sources (a GOPATH). */
    static final Path DEBIAN_GOPATH = Path.of("/usr/share/gocode");

    private static final Pattern IMPORT = Pattern.compile("^\\s*(?:import\\s+)?(?:\\w+\\s+)?\"([^\"]+)\"\\s*$");

    @Test
    void generatedGoClientPassesGoVet() {
        Optional<Path> go = CrossLanguage.onPath("go");
        Assumptions.assumeTrue(
                go.isPresent(),
                "no go on the PATH: the Go client is not compiled (its struct fields"
                        + " are still checked for collisions); Debian: apt-get install golang-go");
        Path dir = CrossLanguage.generated("go");
        TreeSet<String> external = externalImports(dir);
        Map<String, String> env;
        String mode;
        if (external.isEmpty()) {
            mode = "module mode, standard library only, GOPROXY=off";
            env = Map.of(
                    "GOPROXY",
                    "off",
                    "GOFLAGS",
                    "-mod=mod",
                    "GOTOOLCHAIN",
                    "local",
                    "GOTELEMETRY",
                    "off",
                    "GOCACHE",
                    CrossLanguage.DIR.resolve("go-cache/build").toString(),
                    "GOPATH",
                    CrossLanguage.DIR.resolve("go-cache/path").toString());
        } else {
            List<String> missing = external.stream()
                    .filter(p -> !Files.isDirectory(DEBIAN_GOPATH.resolve("src").resolve(p)))
                    .toList();
            Assumptions.assumeTrue(
                    missing.isEmpty(),
                    "the generated Go client imports " + missing + ", which is not"
                            + " in the standard library nor under " + DEBIAN_GOPATH
                            + "/src (Debian's golang-*-dev packages),"
                            + " and no module is downloaded here: go vet skipped");
            mode = "GOPATH mode with Debian's " + external + " from " + DEBIAN_GOPATH + "/src";
            env = Map.of(
                    "GO111MODULE",
                    "off",
                    "GOPATH",
                    DEBIAN_GOPATH.toString(),
                    "GOPROXY",
                    "off",
                    "GOFLAGS",
                    "",
                    "GOTOOLCHAIN",
                    "local",
                    "GOTELEMETRY",
                    "off",
                    "GOCACHE",
                    CrossLanguage.DIR.resolve("go-cache/build").toString());
        }
        CrossLanguage.Result vet =
                CrossLanguage.run(dir, env, Duration.ofMinutes(3), go.get().toString(), "vet", ".");
        assertTrue(vet.ok(), "go vet of the generated Go client (" + mode + ") failed:\n" + vet.describe());
    }

    /** The import paths of the package that are not the standard library's (their first element has a dot). */
    static TreeSet<String> externalImports(Path dir) {
        TreeSet<String> imports = new TreeSet<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.filter(
                            f -> f.toString().endsWith(".go") && !f.toString().endsWith("_test.go"))
                    .toList()) {
                boolean inBlock = false;
                for (String line : Files.readAllLines(file)) {
                    String t = line.strip();
                    if (t.startsWith("import (")) {
                        inBlock = true;
                    } else if (inBlock && t.equals(")")) {
                        inBlock = false;
                    } else if (inBlock || t.startsWith("import ")) {
                        Matcher m = IMPORT.matcher(t);
                        if (m.matches() && m.group(1).split("/")[0].contains(".")) {
                            imports.add(m.group(1));
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return imports;
    }
}
