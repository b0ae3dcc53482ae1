package io.github.ccecontract.nodepool.stub.readme;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ccecontract.nodepool.contract.NodePoolContract.DocumentedExample;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Every Java snippet of server-stub/README.md is a source file of this package, compiled and run here. */
class ReadmeSnippetsTest {

    private static final Path SOURCES = Path.of("src/test/java/io/github/ccecontract/nodepool/stub/readme");
    private static final Pattern JAVA_BLOCK = Pattern.compile("```java\\n(.*?)```", Pattern.DOTALL);

    private static List<String> snippets() throws IOException {
        String readme = Files.readString(Path.of(System.getProperty("stub.readme", "README.md")));
        List<String> out = new ArrayList<>();
        Matcher m = JAVA_BLOCK.matcher(readme);
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    @Test
    void everyJavaSnippetIsACompiledSourceFile() throws IOException {
        List<String> snippets = snippets();
        assertTrue(snippets.size() >= 2, "the README shows the Java API and the extension");
        for (String snippet : snippets) {
            Matcher name =
                    Pattern.compile("(?m)^(?:public )?(?:final )?class (\\w+)").matcher(snippet);
            assertTrue(name.find(), "a snippet is a whole class with its imports:\n" + snippet);
            assertEquals(
                    Files.readString(SOURCES.resolve(name.group(1) + ".java")),
                    snippet,
                    "README snippet " + name.group(1) + " differs from its compiled source");
        }
    }

    @Test
    void theJavaApiExampleRuns() {
        JavaApiExample.run(baseUrl -> {
            try {
                HttpRequest request = HttpRequest.newBuilder(
                                URI.create(baseUrl + "/api/v3/projects/p1/clusters/my-cluster/nodepools"))
                        .header("X-Auth-Token", "my-token")
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(DocumentedExample.CCE_CLUSTER_REQUEST.bytes()))
                        .build();
                assertEquals(
                        201,
                        HttpClient.newHttpClient()
                                .send(request, HttpResponse.BodyHandlers.discarding())
                                .statusCode());
            } catch (IOException | InterruptedException e) {
                throw new AssertionError(e);
            }
        });
    }
}
