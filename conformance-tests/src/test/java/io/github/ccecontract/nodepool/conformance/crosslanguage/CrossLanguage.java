package io.github.ccecontract.nodepool.conformance.crosslanguage;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.github.ccecontract.nodepool.stub.config.ConfigLoader;
import io.github.ccecontract.nodepool.stub.junit.CceNodePoolStubExtension;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Where check 8 finds things, and how it runs the tools of other languages.
 *
 * <ul>
 *   <li>{@code crosslang.dir} (target/cross-language): the bundle as the openapi jar publishes it
 *       ({@code cce-nodepool/openapi.yaml}, {@code examples/}, {@code openapi.html}) and the four generated clients
 *       ({@code hey-api}, {@code typescript-fetch}, {@code python}, {@code go}), written by the module's pom before
 *       the tests run; the tests write their own files under it.</li>
 *   <li>{@code crosslang.sources} (conformance-tests/cross-language): the programs and settings of the check.</li>
 *   <li>{@code repo.root}: {@code node_modules/.bin} (tsc, the pinned tools).</li>
 * </ul>
 */
final class CrossLanguage {

    static final Path DIR = Path.of(property("crosslang.dir")).toAbsolutePath().normalize();
    static final Path SOURCES =
            Path.of(property("crosslang.sources")).toAbsolutePath().normalize();
    static final Path REPO_ROOT =
            Path.of(property("repo.root")).toAbsolutePath().normalize();
    static final Path BUNDLE = DIR.resolve("cce-nodepool");
    static final Path EXAMPLES = BUNDLE.resolve("examples");

    /** The stub's token in {@code stub-clusters.yaml}. */
    static final String TOKEN = "cross-language-token";

    private CrossLanguage() {}

    /**
     * The stub the programs of the check send to, configured by {@code stub-clusters.yaml} (the file the programs'
     * README names), run by the published JUnit 5 extension for a test class.
     */
    static CceNodePoolStubExtension stubExtension() {
        return CceNodePoolStubExtension.builder()
                .config(ConfigLoader.load(SOURCES.resolve("stub-clusters.yaml")))
                .token(TOKEN)
                .build();
    }

    private static String property(String name) {
        String value = System.getProperty(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("system property " + name + " is not set (the module's pom sets it)");
        }
        return value;
    }

    /** A generated directory; fails with a hint if the build did not write it. */
    static Path generated(String name) {
        Path dir = DIR.resolve(name);
        assertTrue(
                Files.isDirectory(dir),
                dir + " is missing: the pom's generate-test-sources executions write it"
                        + " (run through Maven: ./mvnw -B -pl conformance-tests -am verify ...)");
        return dir;
    }

    /** A tool of node_modules/.bin. */
    static String nodeTool(String name) {
        Path tool = REPO_ROOT.resolve("node_modules/.bin").resolve(name);
        assertTrue(Files.isExecutable(tool), tool + " is missing: npm ci installs it (package.json)");
        return tool.toString();
    }

    /** The documented examples of the bundle, by file name, in name order. */
    static List<Path> examples() {
        try (Stream<Path> files = Files.list(EXAMPLES)) {
            List<Path> list = files.filter(f -> f.getFileName().toString().endsWith(".json"))
                    .sorted()
                    .toList();
            assertTrue(list.size() == 4, "expected the four documented examples in " + EXAMPLES + ", found " + list);
            return list;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An executable on the PATH, if there is one. */
    static Optional<Path> onPath(String name) {
        String path = System.getenv().getOrDefault("PATH", "");
        for (String dir : path.split(java.io.File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, name))) {
                return Optional.of(Path.of(dir, name));
            }
        }
        return Optional.empty();
    }

    static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void write(Path file, String text) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What a finished process printed (stdout and stderr together) and its exit code. */
    record Result(List<String> command, int exitCode, String output) {

        boolean ok() {
            return exitCode == 0;
        }

        String describe() {
            return "$ " + String.join(" ", command) + "\nexit code " + exitCode + "\n" + output;
        }
    }

    /**
     * Runs a command in a directory with extra environment variables; stdout and stderr go to a file beside the
     * test's other output (so that nothing blocks on a full pipe). Fails the test after the timeout, having
     * stopped the process and its children.
     */
    static Result run(Path workDir, Map<String, String> env, Duration timeout, String... command) {
        List<String> cmd = List.of(command);
        try {
            Files.createDirectories(workDir);
            Path log = Files.createTempFile(DIR, "run-", ".log");
            ProcessBuilder builder = new ProcessBuilder(new ArrayList<>(cmd))
                    .directory(workDir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile());
            builder.environment().putAll(env);
            Process process = builder.start();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
                fail("timed out after " + timeout.toSeconds() + " s: " + String.join(" ", cmd) + "\n"
                        + Files.readString(log, StandardCharsets.UTF_8));
            }
            String output = Files.readString(log, StandardCharsets.UTF_8);
            Files.deleteIfExists(log);
            return new Result(cmd, process.exitValue(), output);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + String.join(" ", cmd), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted: " + String.join(" ", cmd), e);
        }
    }
}
