package io.github.ccecontract.nodepool.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.ccecontract.nodepool.contract.NodePoolContract.DocumentedExample;
import io.github.ccecontract.nodepool.openapi.testing.Contract;
import io.github.ccecontract.nodepool.openapi.testing.Json;
import io.github.ccecontract.nodepool.openapi.testing.Schemas;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * What only the openapi module's tests need: the repository's source files (the source document, the example files,
 * the reference page) and reading them. The bundled document, JSON pointers and networknt are the test-jar's
 * ({@link Contract}, {@link Json}, {@link Schemas}).
 */
final class TestSupport {

    /** Reference page, relative to the repository root. */
    static final String REFERENCE_PAGE = "reference/cce_02_0354-creating-a-node-pool.txt";

    /** The source document, relative to the repository root. */
    static final String SOURCE_DOCUMENT = "openapi/openapi.yaml";

    /** Folder of the example files, relative to the repository root. */
    static final String EXAMPLES_DIR = "openapi/examples";

    static final ObjectMapper JSON = Json.JSON;
    static final ObjectMapper YAML = Json.YAML;

    private TestSupport() {}

    // ------------------------------------------------------------------------------ locations

    /**
     * The repository root: the system property {@code repo.root} if set, else the first folder upwards
     * from the working directory (Maven: the module's basedir) that holds {@value #SOURCE_DOCUMENT} and
     * {@value #REFERENCE_PAGE}.
     */
    static Path repoRoot() {
        String property = System.getProperty("repo.root");
        if (property != null && !property.isBlank()) {
            Path root = Paths.get(property).toAbsolutePath().normalize();
            if (!Files.isRegularFile(root.resolve(SOURCE_DOCUMENT))) {
                throw new IllegalStateException("System property repo.root=" + property + " does not point at the"
                        + " repository root: " + root.resolve(SOURCE_DOCUMENT) + " is missing");
            }
            return root;
        }
        Path start = Paths.get(System.getProperty("user.dir")).toAbsolutePath().normalize();
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve(SOURCE_DOCUMENT)) && Files.isRegularFile(dir.resolve(REFERENCE_PAGE))) {
                return dir;
            }
        }
        throw new IllegalStateException("Cannot find the repository root (a folder holding " + SOURCE_DOCUMENT + " and "
                + REFERENCE_PAGE + ") upwards from " + start + "; set -Drepo.root=...");
    }

    static Path sourceDocument() {
        return repoRoot().resolve(SOURCE_DOCUMENT);
    }

    static Path exampleFile(DocumentedExample example) {
        return repoRoot().resolve(EXAMPLES_DIR).resolve(example.fileName());
    }

    // ------------------------------------------------------------------------------ reading

    static JsonNode readJson(byte[] bytes, String what) {
        try {
            return JSON.readTree(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(what + " is not valid JSON: " + e.getMessage(), e);
        }
    }

    static JsonNode readYaml(Path file) {
        try {
            return YAML.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(file + " is not valid YAML: " + e.getMessage(), e);
        }
    }

    static JsonNode readYaml(InputStream in, String what) {
        try (in) {
            return YAML.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(what + " is not valid YAML: " + e.getMessage(), e);
        }
    }
}
