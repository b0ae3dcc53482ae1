package io.github.ccecontract.nodepool.stub.readme;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.ccecontract.nodepool.stub.CceNodePoolStub;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The stub quick start of the root README.md works as shown (issue 11, item 2.7): its {@code java -jar} command
 * (port aside: a free one here) with its curl requests, sent as the curl commands send them, get a 201 and a
 * journal holding that call.
 */
class QuickStartTest {

    private static final String MARKER =
            "<!-- quick start: QuickStartTest runs these requests against a stub started as shown -->";

    @Test
    void theQuickStartsCommandsWorkAsShown() throws Exception {
        Path readme = ReadmeExamplesTest.readmePath().getParent().getParent().resolve("README.md");
        String block = ReadmeExamplesTest.blockAfter(
                        Files.readString(readme, StandardCharsets.UTF_8).replace("\r\n", "\n"), MARKER, "sh")
                .replace("\\\n", " ");
        List<String> commands = block.lines().filter(l -> !l.startsWith("#")).toList();

        String java = commands.get(0);
        assertTrue(java.startsWith("java -Xmx128m -jar server-stub/target/cce-nodepool-stub.jar --port 8080"), java);
        assertFalse(java.contains("--config"), "the requests below fit the stub's defaults only: " + java);

        try (CceNodePoolStub stub = CceNodePoolStub.builder().start()) { // the defaults, as without --config
            HttpClient http = HttpClient.newHttpClient();
            String create = commands.get(1);
            HttpResponse<String> created =
                    http.send(curl(create, stub, readme.getParent()), HttpResponse.BodyHandlers.ofString());
            assertEquals(201, created.statusCode(), create + "\n" + created.body());

            String journal = commands.get(2);
            HttpResponse<String> requests =
                    http.send(curl(journal, stub, readme.getParent()), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, requests.statusCode(), journal);
            JsonNode entries = new ObjectMapper().readTree(requests.body()).path("requests");
            assertEquals(1, entries.size(), requests.body());
            assertEquals(201, entries.get(0).path("response").path("status").asInt(), requests.body());
        }
    }

    /** The request a curl command line of the README sends (-X, -H, --data @file), to this stub. */
    private static HttpRequest curl(String command, CceNodePoolStub stub, Path root) throws IOException {
        assertTrue(command.startsWith("curl "), command);
        Matcher url = Pattern.compile("http://127\\.0\\.0\\.1:8080(\\S*)").matcher(command);
        assertTrue(url.find(), command);
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(stub.baseUrl() + url.group(1)));
        List<String> headers = new ArrayList<>();
        Matcher header = Pattern.compile("-H '([^':]+): ([^']*)'").matcher(command);
        while (header.find()) {
            request.header(header.group(1), header.group(2));
            headers.add(header.group(1));
        }
        Matcher data = Pattern.compile("--data @(\\S+)").matcher(command);
        boolean post = command.contains("-X POST");
        if (data.find()) {
            assertTrue(post, command);
            request.POST(HttpRequest.BodyPublishers.ofByteArray(Files.readAllBytes(root.resolve(data.group(1)))));
        } else {
            assertFalse(post, command);
            request.GET();
        }
        return request.build();
    }
}
