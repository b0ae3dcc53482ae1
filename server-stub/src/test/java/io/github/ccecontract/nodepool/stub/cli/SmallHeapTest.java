package io.github.ccecontract.nodepool.stub.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.github.ccecontract.nodepool.contract.NodePoolContract.DocumentedExample;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 10, item 4: with a small heap and a full store, the inspection API's listings answer (they stream)
 * and the process lives on. Before, {@code GET /__admin/nodepools} built a tree of every pool and ran out
 * of memory.
 */
class SmallHeapTest {

    static final int POOLS = 3000;

    static Process start(Path dir, String config) throws Exception {
        Path file = Files.writeString(dir.resolve("stub.yaml"), config);
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx40m",
                "-XX:+UseSerialGC",
                "-cp",
                System.getProperty("java.class.path"),
                StubMain.class.getName(),
                "--port",
                "0",
                "--config",
                file.toString()));
        return new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("stub.out").toFile())
                .start();
    }

    /**
     * Many large bodies at once (each a 1 MiB-class JSON of many small members, whose tree takes ten times its
     * bytes): each waits for working memory or gets 429, none gets 500, the process lives on.
     */
    @Test
    void concurrentLargeBodiesWithinASmallHeap(@TempDir Path dir) throws Exception {
        Process process = start(dir, "maxBodyBytes: 1048576\n");
        Path output = dir.resolve("stub.out");
        try {
            String base = StubProcessTest.awaitLine(output, StubProcessTest.SERVING, process)
                    .group(1);
            HttpClient client = HttpClient.newBuilder()
                    .connectTimeout(Duration.ofSeconds(10))
                    .build();
            String request = new String(DocumentedExample.CCE_CLUSTER_REQUEST.bytes(), StandardCharsets.UTF_8);
            String name = JsonMapper.builder()
                    .build()
                    .readTree(request)
                    .at("/metadata/name")
                    .asText();
            StringBuilder members = new StringBuilder("{");
            for (int i = 0; members.length() < 900_000; i++) {
                members.append(i == 0 ? "" : ",").append("\"k").append(i).append("\":0");
            }
            members.append('}');
            List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                String body = request.replace("\"" + name + "\"", "\"" + name + "-" + i + "\"")
                        .replaceFirst("\\{", "{\"x\":" + members + ",");
                answers.add(client.sendAsync(
                        HttpRequest.newBuilder(URI.create(base + "/api/v3/projects/p/clusters/c/nodepools"))
                                .timeout(Duration.ofSeconds(120))
                                .header("Content-Type", "application/json")
                                .header("X-Auth-Token", "t")
                                .POST(HttpRequest.BodyPublishers.ofString(body))
                                .build(),
                        HttpResponse.BodyHandlers.ofString()));
            }
            int created = 0;
            for (CompletableFuture<HttpResponse<String>> answer : answers) {
                HttpResponse<String> response = answer.get(180, TimeUnit.SECONDS);
                int status = response.statusCode();
                assertTrue(status == 201 || status == 429, status + ": " + response.body());
                created += status == 201 ? 1 : 0;
            }
            assertTrue(created > 0, "some of them are created");
            assertTrue(process.isAlive(), Files.readString(output));
            String log = Files.readString(output);
            assertFalse(log.contains("OutOfMemoryError"), log);
        } finally {
            process.destroy();
            process.waitFor(20, TimeUnit.SECONDS);
            process.destroyForcibly();
        }
    }

    @Test
    void listingsOfAFullStoreAnswerWithinASmallHeap(@TempDir Path dir) throws Exception {
        Process process = start(dir, "maxNodePools: " + POOLS + "\n");
        Path output = dir.resolve("stub.out");
        try {
            String base = StubProcessTest.awaitLine(output, StubProcessTest.SERVING, process)
                    .group(1);
            HttpClient client = HttpClient.newBuilder()
                    .connectTimeout(Duration.ofSeconds(10))
                    .build();
            String request = new String(DocumentedExample.CCE_CLUSTER_REQUEST.bytes(), StandardCharsets.UTF_8);
            String name = JsonMapper.builder()
                    .build()
                    .readTree(request)
                    .at("/metadata/name")
                    .asText();
            Semaphore inFlight = new Semaphore(8);
            List<CompletableFuture<HttpResponse<Void>>> creates = new ArrayList<>();
            for (int i = 0; i <= POOLS; i++) {
                inFlight.acquire();
                HttpRequest post = HttpRequest.newBuilder(URI.create(base + "/api/v3/projects/p/clusters/c/nodepools"))
                        .timeout(Duration.ofSeconds(30))
                        .header("Content-Type", "application/json")
                        .header("X-Auth-Token", "t")
                        .POST(HttpRequest.BodyPublishers.ofString(
                                request.replace("\"" + name + "\"", "\"" + name + "-" + i + "\"")))
                        .build();
                creates.add(client.sendAsync(post, HttpResponse.BodyHandlers.discarding())
                        .whenComplete((r, e) -> inFlight.release()));
            }
            int created = 0;
            int full = 0;
            for (CompletableFuture<HttpResponse<Void>> create : creates) {
                int status = create.get(60, TimeUnit.SECONDS).statusCode();
                created += status == 201 ? 1 : 0;
                full += status == 507 ? 1 : 0;
            }
            assertEquals(POOLS, created);
            assertEquals(1, full, "the store is full");
            for (int round = 0; round < 3; round++) {
                HttpResponse<String> pools = client.send(
                        HttpRequest.newBuilder(URI.create(base + "/__admin/nodepools"))
                                .timeout(Duration.ofSeconds(60))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                assertEquals(
                        200,
                        pools.statusCode(),
                        pools.body().substring(0, Math.min(300, pools.body().length())));
                JsonNode listing = JsonMapper.builder().build().readTree(pools.body());
                assertEquals(POOLS, listing.path("count").asInt());
                assertEquals(POOLS, listing.path("nodePools").size());
                HttpResponse<String> journal = client.send(
                        HttpRequest.newBuilder(URI.create(base + "/__admin/requests"))
                                .timeout(Duration.ofSeconds(60))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                assertEquals(200, journal.statusCode());
            }
            assertTrue(process.isAlive(), Files.readString(output));
            String log = Files.readString(output);
            assertFalse(log.contains("OutOfMemoryError"), log);
        } finally {
            process.destroy();
            process.waitFor(20, TimeUnit.SECONDS);
            process.destroyForcibly();
        }
    }
}
