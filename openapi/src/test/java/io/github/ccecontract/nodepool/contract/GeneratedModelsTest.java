package io.github.ccecontract.nodepool.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.ccecontract.nodepool.openapi.testing.Contract;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The models the generator wrote from the bundled document (target/generated-sources/openapi). */
class GeneratedModelsTest {
    private static final String PACKAGE_DIR = "io/github/ccecontract/nodepool/contract";
    /** modelNameMappings of the pom. */
    private static final Map<String, String> RENAMED = Map.of("Runtime", "ContainerRuntime");

    private static final List<String> BANNED_IMPORTS = List.of(
            "org.apache.oltu",
            "jakarta.ws.rs",
            "javax.ws.rs",
            "com.google.gson",
            "io.gsonfire",
            "io.swagger",
            "org.openapitools.jackson.nullable",
            "javax.annotation");

    private static Path root() {
        String dir = System.getProperty("contract.generated.sources");
        assertNotNull(dir, "system property contract.generated.sources (set by the pom)");
        return Path.of(dir).resolve(PACKAGE_DIR);
    }

    /**
     * Schemas the client's pom maps to an existing type (schemaMappings), so that no class is generated:
     * CceOrGatewayError, the 401's and 429's oneOf of CceError and ApiGatewayError.
     */
    private static final Set<String> NOT_GENERATED = Set.of("CceOrGatewayError");

    private static JsonNode schemas() {
        com.fasterxml.jackson.databind.node.ObjectNode generated =
                Contract.document().path("components").path("schemas").deepCopy();
        generated.remove(NOT_GENERATED);
        return generated;
    }

    private static String className(String schema) {
        return RENAMED.getOrDefault(schema, schema);
    }

    @Test
    void exactlyOneModelPerSchema() throws IOException {
        Set<String> expected = new TreeSet<>();
        schemas().fieldNames().forEachRemaining(name -> expected.add("model/" + className(name) + ".java"));
        Set<String> actual;
        try (Stream<Path> files = Files.walk(root())) {
            actual = files.filter(Files::isRegularFile)
                    .map(p -> root().relativize(p).toString().replace('\\', '/'))
                    .collect(Collectors.toCollection(TreeSet::new));
        }
        assertEquals(expected, actual);
    }

    @Test
    void modelJavadocHasTheDescriptionAndTheSource() throws IOException {
        List<String> problems = new ArrayList<>();
        for (var it = schemas().fields(); it.hasNext(); ) {
            var schema = it.next();
            String source = Files.readString(root().resolve("model/" + className(schema.getKey()) + ".java"));
            int declaration = source.indexOf("\npublic class " + className(schema.getKey()) + " ");
            int start = source.lastIndexOf("/**", declaration);
            int end = source.indexOf("*/", start);
            if (declaration < 0 || start < 0 || end > declaration) {
                problems.add(schema.getKey() + ": no class Javadoc");
                continue;
            }
            String text = normalize(source.substring(start + 3, end));
            String description = normalize(schema.getValue().path("description").asText());
            if (!text.contains(description)) problems.add(schema.getKey() + ": description missing: " + text);
            JsonNode table = schema.getValue().path("x-cce-table");
            String expected;
            if (table.isInt()) {
                expected = "<p>Source: Table " + table.intValue() + " of cce_02_0354.";
            } else if (table.isArray()) {
                List<String> tables = new ArrayList<>();
                table.forEach(t -> tables.add("Table " + t.intValue()));
                expected = "<p>Source: " + String.join(", ", tables) + " of cce_02_0354.";
            } else {
                expected = "<p>Source: "
                        + normalize(schema.getValue().path("x-cce-source").asText());
            }
            if (!text.contains(expected)) problems.add(schema.getKey() + ": '" + expected + "' missing: " + text);
        }
        assertEquals(List.of(), problems);
    }

    /** Javadoc text as plain text: no leading "*", entities decoded, whitespace collapsed. */
    private static String normalize(String text) {
        return text.replaceAll("(?m)^\\s*\\*", " ")
                .replace("&#39;", "'")
                .replace("&quot;", "\"")
                .replace("&lt;", "<")
                .replace("&gt;", ">")
                .replace("&amp;", "&")
                .replace("\\\"", "\"")
                .replaceAll("\\s+", " ")
                .strip();
    }

    @Test
    void noFieldIsInitialisedAndEveryDefaultIsDocumented() throws IOException {
        Pattern initialised = Pattern.compile("(?m)^\\s*private (?!static)[^;(]*=");
        int documentedDefaults = 0;
        try (Stream<Path> files = Files.list(root().resolve("model"))) {
            for (Path file : files.toList()) {
                String source = Files.readString(file);
                Matcher m = initialised.matcher(source);
                assertFalse(
                        m.find(),
                        file.getFileName() + ": "
                                + (m.hitEnd() ? "" : source.substring(m.start(), source.indexOf('\n', m.start()))));
                documentedDefaults += count(source, "* <p>Default: {@code ");
            }
        }
        int defaults = 0;
        for (JsonNode schema : schemas()) {
            for (JsonNode property : schema.path("properties")) {
                if (property.has("default")) defaults++;
            }
        }
        assertEquals(
                0,
                defaults,
                "the document declares no default (values the service fills in are described, D18,"
                        + " D23, D24): a generated client sends only what the user set");
        assertEquals(defaults, documentedDefaults, "a Javadoc 'Default:' line per default");
    }

    @Test
    void everyPropertyIsNonNull() throws IOException {
        try (Stream<Path> files = Files.list(root().resolve("model"))) {
            for (Path file : files.toList()) {
                String source = Files.readString(file);
                assertEquals(
                        count(source, "@JsonInclude("),
                        count(source, "value = JsonInclude.Include.NON_NULL)"),
                        file.getFileName().toString());
            }
        }
    }

    @Test
    void noBannedImport() throws IOException {
        try (Stream<Path> files = Files.walk(root())) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                for (String line : Files.readAllLines(file)) {
                    if (!line.startsWith("import ")) continue;
                    for (String banned : BANNED_IMPORTS) {
                        assertFalse(
                                line.contains(" " + banned + ".") || line.contains("static " + banned + "."),
                                file.getFileName() + ": " + line);
                    }
                }
            }
        }
    }

    private static int count(String text, String part) {
        int n = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) n++;
        return n;
    }
}
