package io.github.ccecontract.nodepool.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** What the generator wrote for the client: the Retrofit interface and its two support classes, on the contract's models. */
class GeneratedInterfaceTest {
    private static final List<String> BANNED_IMPORTS = List.of(
            "org.apache.oltu",
            "jakarta.ws.rs",
            "javax.ws.rs",
            "com.google.gson",
            "io.gsonfire",
            "io.swagger",
            "org.openapitools.jackson.nullable",
            "javax.annotation",
            "jakarta.validation");

    private static Path root() {
        String dir = System.getProperty("client.generated.sources");
        assertNotNull(dir, "system property client.generated.sources (set by the client's pom)");
        return Path.of(dir).resolve("io/github/ccecontract/nodepool");
    }

    @Test
    void exactlyTheInterfaceAndTwoSupportClasses() throws IOException {
        Set<String> actual;
        try (Stream<Path> files = Files.walk(root())) {
            actual = files.filter(Files::isRegularFile)
                    .map(p -> root().relativize(p).toString().replace('\\', '/'))
                    .collect(Collectors.toCollection(TreeSet::new));
        }
        assertEquals(
                Set.of(
                        "client/api/NodePoolApi.java",
                        "client/invoker/CollectionFormats.java",
                        "client/invoker/StringUtil.java"),
                actual);
    }

    @Test
    void theInterfaceUsesTheContractsModels() throws IOException {
        String api = Files.readString(root().resolve("client/api/NodePoolApi.java"));
        assertTrue(api.contains("import io.github.ccecontract.nodepool.contract.model.NodePool;"), api);
        assertTrue(api.contains("import io.github.ccecontract.nodepool.contract.model.NodePoolResponse;"), api);
    }

    @Test
    void noBannedImport() throws IOException {
        try (Stream<Path> files = Files.walk(root())) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                for (String line : Files.readAllLines(file)) {
                    if (!line.startsWith("import ")) continue;
                    for (String banned : BANNED_IMPORTS) {
                        assertFalse(line.contains(" " + banned + "."), file.getFileName() + ": " + line);
                    }
                }
            }
        }
    }
}
