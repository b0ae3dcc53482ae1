package io.github.ccecontract.nodepool.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The template overrides in generator-templates/java derive from the templates of the generator the
 * build pins: when the plugin version changes, this test fails until each override is re-derived
 * from the new upstream template and generator-templates/java/upstream.sha256 updated.
 */
class UpstreamTemplatesTest {
    private static final String MANIFEST = "upstream.sha256";
    private static final String GENERATOR_POM_PROPERTIES =
            "META-INF/maven/org.openapitools/openapi-generator/pom.properties";

    private static Path templatesDir() {
        String dir = System.getProperty("generator.templates.dir");
        assertNotNull(dir, "system property generator.templates.dir (set by the pom)");
        return Path.of(dir);
    }

    private record Manifest(String version, Map<String, String> sha256ByUpstreamPath) {}

    private static Manifest manifest() throws IOException {
        List<String> lines = Files.readAllLines(templatesDir().resolve(MANIFEST)).stream()
                .filter(l -> !l.isBlank() && !l.startsWith("#"))
                .toList();
        String[] header = lines.get(0).split("\\s+");
        assertEquals(2, header.length, MANIFEST + ": first line 'openapi-generator <version>'");
        assertEquals("openapi-generator", header[0], MANIFEST);
        Map<String, String> entries = new LinkedHashMap<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] parts = line.split("\\s+");
            assertEquals(2, parts.length, MANIFEST + ": '<sha256>  <path>': " + line);
            assertTrue(parts[0].matches("[0-9a-f]{64}"), MANIFEST + ": not a SHA-256: " + line);
            entries.put(parts[1], parts[0]);
        }
        return new Manifest(header[1], entries);
    }

    @Test
    void theOverridesDeriveFromThePinnedGeneratorVersion() throws IOException {
        String pinned = System.getProperty("openapi-generator.version");
        assertNotNull(pinned, "system property openapi-generator.version (the plugin's version, set by the pom)");
        Properties jar = new Properties();
        try (InputStream in = resource(GENERATOR_POM_PROPERTIES)) {
            jar.load(in);
        }
        assertEquals(
                pinned,
                jar.getProperty("version"),
                "the openapi-generator jar on the test classpath is the" + " plugin's version");
        assertEquals(
                pinned,
                manifest().version(),
                "openapi-generator is " + pinned + " but the template overrides"
                        + " derive from " + manifest().version()
                        + ": apply each change described in generator-templates/README.md"
                        + " to the templates of " + pinned + ", then record their SHA-256 and the version in "
                        + MANIFEST);
    }

    @Test
    void eachUpstreamTemplateIsUnchanged() throws Exception {
        for (Map.Entry<String, String> entry : manifest().sha256ByUpstreamPath().entrySet()) {
            byte[] upstream;
            try (InputStream in = resource(entry.getKey())) {
                upstream = in.readAllBytes();
            }
            String actual = HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(upstream));
            assertEquals(
                    entry.getValue(),
                    actual,
                    entry.getKey() + " of openapi-generator "
                            + System.getProperty("openapi-generator.version")
                            + " is not the template its override derives from:"
                            + " re-derive " + fileName(entry.getKey()) + " (generator-templates/README.md) and update "
                            + MANIFEST);
            byte[] override = Files.readAllBytes(templatesDir().resolve(fileName(entry.getKey())));
            assertFalse(
                    java.util.Arrays.equals(upstream, override),
                    fileName(entry.getKey()) + " is the upstream template unchanged: delete the override");
        }
    }

    @Test
    void everyOverrideIsRecordedAndDocumented() throws IOException {
        Set<String> overrides;
        try (Stream<Path> files = Files.list(templatesDir())) {
            overrides = files.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".mustache"))
                    .collect(Collectors.toCollection(TreeSet::new));
        }
        Set<String> recorded = manifest().sha256ByUpstreamPath().keySet().stream()
                .map(UpstreamTemplatesTest::fileName)
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(recorded, overrides, "the overrides in generator-templates/java vs the entries of " + MANIFEST);
        String readme = Files.readString(templatesDir().resolveSibling("README.md"));
        for (String override : overrides) {
            assertTrue(
                    readme.contains("`java/" + override + "`"), "generator-templates/README.md describes " + override);
        }
    }

    private static String fileName(String upstreamPath) {
        return upstreamPath.substring(upstreamPath.lastIndexOf('/') + 1);
    }

    private static InputStream resource(String path) {
        InputStream in = UpstreamTemplatesTest.class.getClassLoader().getResourceAsStream(path);
        assertNotNull(in, path + " is not in the openapi-generator jar (a test dependency)");
        return in;
    }
}
