package io.github.ccecontract.nodepool.stub.readme;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ccecontract.nodepool.stub.config.ConfigLoader;
import io.github.ccecontract.nodepool.stub.config.StubConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The Java examples of server-stub/README.md are this package's test classes, character for character (so they
 * compile and run with the tests); its config file example loads.
 */
class ReadmeExamplesTest {

    static final String DIR = "src/test/java/io/github/ccecontract/nodepool/stub/readme/";

    static Path readmePath() {
        return Path.of(System.getProperty("stub.readme", "README.md")).toAbsolutePath();
    }

    static String readme() throws IOException {
        return Files.readString(readmePath(), StandardCharsets.UTF_8).replace("\r\n", "\n");
    }

    /** The fenced block of {@code language} right after the line {@code marker}. */
    static String blockAfter(String readme, String marker, String language) {
        int at = readme.indexOf(marker);
        assertTrue(at >= 0, "README.md lacks the line " + marker);
        int start = readme.indexOf("```" + language + "\n", at);
        assertTrue(
                start >= 0 && readme.substring(at + marker.length(), start).isBlank(),
                "a ```" + language + " block follows " + marker);
        start += ("```" + language + "\n").length();
        int end = readme.indexOf("\n```", start);
        assertTrue(end >= 0, "the block after " + marker + " is closed");
        return readme.substring(start, end + 1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"RetryExampleTest.java", "FaultsExampleTest.java"})
    void theReadmeShowsExactlyTheCompiledExample(String file) throws IOException {
        String marker = "<!-- example: " + DIR + file + " (ReadmeExamplesTest keeps the two identical) -->";
        String source = Files.readString(readmePath().getParent().resolve(DIR + file), StandardCharsets.UTF_8)
                .replace("\r\n", "\n");
        assertEquals(
                source,
                blockAfter(readme(), marker, "java"),
                "server-stub/README.md's example differs from " + file + ": copy the file into the README");
    }

    @Test
    void theConfigFileExampleLoads() throws IOException {
        String yaml = blockAfter(readme(), "<!-- config example: ReadmeExamplesTest loads it -->", "yaml");
        StubConfig config = ConfigLoader.parse(yaml, false, "README.md");
        assertEquals(2, config.clusters().size());
        assertEquals(2, config.faults().size(), config.toString());
    }
}
