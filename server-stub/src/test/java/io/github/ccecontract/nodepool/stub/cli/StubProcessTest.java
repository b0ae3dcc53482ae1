package io.github.ccecontract.nodepool.stub.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ccecontract.nodepool.contract.NodePoolContract.DocumentedExample;
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
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The stub as a real process: it prints its URL, serves, and stops cleanly on SIGTERM. */
class StubProcessTest {

    static final Pattern SERVING = Pattern.compile("CCE node pool stub serving (http://\\S+)");

    /** Starts the stub's main class in a new JVM, its output (both streams) going to {@code output}. */
    static Process start(Path output, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                StubMain.class.getName()));
        command.addAll(List.of(args));
        // Output to a file: Process.destroy() closes the pipes, and the last lines must still be read.
        return new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(output.toFile())
                .start();
    }

    /** Waits until the output has a line matching {@code pattern}; the match, or fails. */
    static Matcher awaitLine(Path output, Pattern pattern, Process process) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            for (String line : Files.readAllLines(output, StandardCharsets.UTF_8)) {
                Matcher matcher = pattern.matcher(line);
                if (matcher.find()) {
                    return matcher;
                }
            }
            assertTrue(process.isAlive(), "the stub exited: " + Files.readString(output));
            Thread.sleep(20);
        }
        throw new AssertionError("no line matching " + pattern + " in: " + Files.readString(output));
    }

    @Test
    void servesUntilSigtermThenStopsCleanly(@TempDir Path dir) throws Exception {
        Path config = Files.writeString(dir.resolve("stub.yaml"), "clusters: [{id: c1, type: CCE, maxNodes: 50}]\n");
        Path output = dir.resolve("stub.out");
        Process process = start(output, "--port", "0", "--config", config.toString());
        try {
            String base = awaitLine(output, SERVING, process).group(1);

            HttpClient client = HttpClient.newHttpClient();
            HttpResponse<String> created = client.send(
                    HttpRequest.newBuilder(URI.create(base + "/api/v3/projects/p1/clusters/c1/nodepools"))
                            .header("Content-Type", "application/json")
                            .header("X-Auth-Token", "t")
                            .POST(HttpRequest.BodyPublishers.ofByteArray(DocumentedExample.CCE_CLUSTER_REQUEST.bytes()))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(201, created.statusCode(), created.body());
            HttpResponse<String> unknown = client.send(
                    HttpRequest.newBuilder(URI.create(base + "/api/v3/projects/p1/clusters/c2/nodepools"))
                            .header("Content-Type", "application/json")
                            .header("X-Auth-Token", "t")
                            .POST(HttpRequest.BodyPublishers.ofByteArray(DocumentedExample.CCE_CLUSTER_REQUEST.bytes()))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(404, unknown.statusCode(), "the config file was read");

            process.destroy(); // SIGTERM
            assertTrue(process.waitFor(20, TimeUnit.SECONDS), "the stub stops on SIGTERM");
            assertEquals(143, process.exitValue(), "128 + SIGTERM: the JVM ran its shutdown hooks");
            String rest = Files.readString(output);
            assertTrue(rest.contains("CCE node pool stub stopped"), rest);
            assertTrue(!rest.contains("Exception"), rest);
        } finally {
            process.destroyForcibly();
        }
    }

    @Test
    void badArgumentsExitWith2(@TempDir Path dir) throws Exception {
        Process process = start(dir.resolve("stub.out"), "--port", "http");
        assertTrue(process.waitFor(20, TimeUnit.SECONDS));
        String output = Files.readString(dir.resolve("stub.out"));
        assertEquals(2, process.exitValue(), output);
        assertTrue(output.contains("--port must be a number"), output);
    }
}
