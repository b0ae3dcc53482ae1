package io.github.ccecontract.nodepool.stub.cli;

import io.github.ccecontract.nodepool.contract.NodePoolContract;
import io.github.ccecontract.nodepool.contract.signing.SdkHmacSha256Signer;
import io.github.ccecontract.nodepool.stub.CceNodePoolStub;
import io.github.ccecontract.nodepool.stub.config.ConfigLoader;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The build's AppCDS training run ({@code --cds-training-run}, run by the package phase with
 * {@code -XX:ArchiveClassesAtExit}): starts a stub on a free loopback port with a configuration
 * read from YAML, sends it the documented requests and the usual mistakes, and stops. The classes
 * this loads go into the archive. Whatever fails, the run ends normally: a missing archive must not
 * fail a build.
 */
final class CdsTrainingRun {

    private static final String CONFIG = """
            clusters:
              - {id: cce-cluster, type: CCE, maxNodes: 50, azs: [{name: eu-de-01}, {name: eu-de-02, existingNodes: 1}]}
              - {id: turbo-cluster, type: TURBO, maxNodes: 50}
            accessKeys: {TRAININGAK: training-secret}
            """;

    private CdsTrainingRun() {}

    static void run(PrintStream err) {
        try (CceNodePoolStub stub = CceNodePoolStub.builder()
                .config(ConfigLoader.parse(CONFIG, false, "training"))
                .start()) {
            stub.awaitReady();
            String base = stub.baseUrl();
            String pools = base + "/api/v3/projects/p/clusters/%s/nodepools";
            byte[] cce = NodePoolContract.DocumentedExample.CCE_CLUSTER_REQUEST.bytes();
            byte[] turbo = NodePoolContract.DocumentedExample.CCE_TURBO_CLUSTER_REQUEST.bytes();
            for (int round = 0; round < 3; round++) {
                send("POST", pools.formatted("cce-cluster"), cce, "application/json", true);
                send("POST", pools.formatted("turbo-cluster"), turbo, "application/json", true);
                send(
                        "POST",
                        pools.formatted("cce-cluster"),
                        "{\"kind\":1,\"spec\":[]}".getBytes(StandardCharsets.UTF_8),
                        "application/json",
                        true);
                send(
                        "POST",
                        pools.formatted("cce-cluster"),
                        "{".getBytes(StandardCharsets.UTF_8),
                        "application/json",
                        true);
                send("POST", pools.formatted("cce-cluster"), cce, "text/plain", true);
                send("POST", pools.formatted("cce-cluster"), cce, "application/json", false);
                send("POST", pools.formatted("unknown"), cce, "application/json", true);
                send("GET", pools.formatted("cce-cluster"), null, null, true);
                signed(pools.formatted("turbo-cluster"), turbo);
                send("GET", base + "/openapi.yaml", null, null, false);
                send("GET", base + "/openapi.json", null, null, false);
                send("GET", base + "/nothing", null, null, false);
                send("GET", base + "/__admin/requests", null, null, false);
                send("GET", base + "/__admin/nodepools", null, null, false);
                send("POST", base + "/__admin/reset", null, null, false);
            }
        } catch (Exception e) {
            err.println("cce-nodepool-stub: the AppCDS training run did not complete (" + e
                    + "); the archive, if any, holds fewer classes");
        }
    }

    private static void signed(String url, byte[] body) throws IOException {
        URI uri = URI.create(url);
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json");
        Map<String, String> added = new SdkHmacSha256Signer("TRAININGAK", "training-secret")
                .sign("POST", uri, headers, body, Instant.now());
        added.remove("Host"); // HttpURLConnection sends the same Host itself
        headers.putAll(added);
        exchange("POST", url, body, headers);
    }

    private static void send(String method, String url, byte[] body, String contentType, boolean token)
            throws IOException {
        Map<String, String> headers = new LinkedHashMap<>();
        if (contentType != null) {
            headers.put("Content-Type", contentType);
        }
        if (token) {
            headers.put("X-Auth-Token", "training-token");
        }
        exchange(method, url, body, headers);
    }

    private static void exchange(String method, String url, byte[] body, Map<String, String> headers)
            throws IOException {
        HttpURLConnection c = (HttpURLConnection) URI.create(url).toURL().openConnection();
        c.setRequestMethod(method);
        headers.forEach(c::setRequestProperty);
        if (body != null) {
            c.setDoOutput(true);
            try (OutputStream out = c.getOutputStream()) {
                out.write(body);
            }
        }
        int status = c.getResponseCode();
        try (InputStream in = status < 400 ? c.getInputStream() : c.getErrorStream()) {
            if (in != null) {
                in.readAllBytes();
            }
        }
    }
}
