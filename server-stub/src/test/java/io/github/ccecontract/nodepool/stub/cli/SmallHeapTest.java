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

    /** The stub in a JVM of its own with {@code -Xmx40m}, and what the tests send it. */
    private static final class SmallStub implements AutoCloseable {
        final Process process;
        final Path output;
        final String base;
        final HttpClient client =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        final String request = new String(DocumentedExample.CCE_CLUSTER_REQUEST.bytes(), StandardCharsets.UTF_8);
        final String name;

        SmallStub(Path dir, String config) throws Exception {
            Path file = Files.writeString(dir.resolve("stub.yaml"), config);
            output = dir.resolve("stub.out");
            process = new ProcessBuilder(List.of(
                            Path.of(System.getProperty("java.home"), "bin", "java")
                                    .toString(),
                            "-Xmx40m",
                            "-XX:+UseSerialGC",
                            "-cp",
                            System.getProperty("java.class.path"),
                            StubMain.class.getName(),
                            "--port",
                            "0",
                            "--config",
                            file.toString()))
                    .redirectErrorStream(true)
                    .redirectOutput(output.toFile())
                    .start();
            base = StubProcessTest.awaitLine(output, StubProcessTest.SERVING, process)
                    .group(1);
            name = JsonMapper.builder()
                    .build()
                    .readTree(request)
                    .at("/metadata/name")
                    .asText();
        }

        /** A create request with {@code body}. */
        HttpRequest create(String body, Duration timeout) {
            return HttpRequest.newBuilder(URI.create(base + "/api/v3/projects/p/clusters/c/nodepools"))
                    .timeout(timeout)
                    .header("Content-Type", "application/json")
                    .header("X-Auth-Token", "t")
                    .POST(HttpRequest.BodyPublishers.ofString(body))
                    .build();
        }

        /** The documented request under the name {@code <documented name>-i}. */
        String named(int i) {
            return request.replace("\"" + name + "\"", "\"" + name + "-" + i + "\"");
        }

        HttpResponse<String> get(String path) throws Exception {
            return client.send(
                    HttpRequest.newBuilder(URI.create(base + path))
                            .timeout(Duration.ofSeconds(60))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
        }

        /** The process is alive and logged no OutOfMemoryError. */
        void assertAlive() throws Exception {
            String log = Files.readString(output);
            assertTrue(process.isAlive(), log);
            assertFalse(log.contains("OutOfMemoryError"), log);
        }

        @Override
        public void close() throws InterruptedException {
            process.destroy();
            process.waitFor(20, TimeUnit.SECONDS);
            process.destroyForcibly();
        }
    }

    /**
     * Many large bodies at once (each a 1 MiB-class JSON of many small members, whose tree takes ten times its
     * bytes): each waits for working memory or gets 429, none gets 500, the process lives on.
     */
    @Test
    void concurrentLargeBodiesWithinASmallHeap(@TempDir Path dir) throws Exception {
        try (SmallStub stub = new SmallStub(dir, "maxBodyBytes: 1048576\n")) {
            StringBuilder members = new StringBuilder("{");
            for (int i = 0; members.length() < 900_000; i++) {
                members.append(i == 0 ? "" : ",").append("\"k").append(i).append("\":0");
            }
            members.append('}');
            List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                String body = stub.named(i).replaceFirst("\\{", "{\"x\":" + members + ",");
                answers.add(stub.client.sendAsync(
                        stub.create(body, Duration.ofSeconds(120)), HttpResponse.BodyHandlers.ofString()));
            }
            int created = 0;
            for (CompletableFuture<HttpResponse<String>> answer : answers) {
                HttpResponse<String> response = answer.get(180, TimeUnit.SECONDS);
                int status = response.statusCode();
                assertTrue(status == 201 || status == 429, status + ": " + response.body());
                created += status == 201 ? 1 : 0;
            }
            assertTrue(created > 0, "some of them are created");
            stub.assertAlive();
        }
    }

    @Test
    void listingsOfAFullStoreAnswerWithinASmallHeap(@TempDir Path dir) throws Exception {
        try (SmallStub stub = new SmallStub(dir, "maxNodePools: " + POOLS + "\n")) {
            Semaphore inFlight = new Semaphore(8);
            List<CompletableFuture<HttpResponse<Void>>> creates = new ArrayList<>();
            for (int i = 0; i <= POOLS; i++) {
                inFlight.acquire();
                creates.add(stub.client
                        .sendAsync(
                                stub.create(stub.named(i), Duration.ofSeconds(30)),
                                HttpResponse.BodyHandlers.discarding())
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
                HttpResponse<String> pools = stub.get("/__admin/nodepools");
                assertEquals(
                        200,
                        pools.statusCode(),
                        pools.body().substring(0, Math.min(300, pools.body().length())));
                JsonNode listing = JsonMapper.builder().build().readTree(pools.body());
                assertEquals(POOLS, listing.path("count").asInt());
                assertEquals(POOLS, listing.path("nodePools").size());
                assertEquals(200, stub.get("/__admin/requests").statusCode());
            }
            stub.assertAlive();
        }
    }
}
