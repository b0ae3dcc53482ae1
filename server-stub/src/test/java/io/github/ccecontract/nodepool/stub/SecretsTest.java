package io.github.ccecontract.nodepool.stub;

import static io.github.ccecontract.nodepool.stub.StubHttp.example;
import static io.github.ccecontract.nodepool.stub.StubHttp.nodePoolsPath;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.ccecontract.nodepool.contract.NodePoolContract.DocumentedExample;
import io.github.ccecontract.nodepool.contract.signing.SdkHmacSha256Signer;
import io.github.ccecontract.nodepool.stub.admin.JournalEntry;
import io.github.ccecontract.nodepool.stub.config.StubConfig;
import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/**
 * Issue 10, item 3: a marker secret sent on every failure path (and the success path) appears nowhere:
 * not in any answer (status line, headers, body), not in the journal (Java API and
 * {@code GET /__admin/requests}), not in the log (System.Logger, i.e. java.util.logging, at every level).
 */
class SecretsTest {

    static final String MARKER = "Mk7qS3cr3t";
    /** A password sent as a number. */
    static final String NUMBER = "918273645546372819";

    /** The documented request with the marker as login.userPassword. */
    static String requestWithPassword() {
        ObjectNode request = example(DocumentedExample.CCE_CLUSTER_REQUEST);
        ObjectNode login = ((ObjectNode) request.at("/spec/nodeTemplate")).putObject("login");
        login.put("userPassword", MARKER);
        return new String(StubHttp.bytes(request), StandardCharsets.UTF_8);
    }

    @Test
    void aSecretAppearsNowhereOnAnyPath() {
        Logger stubLogger = Logger.getLogger("io.github.ccecontract.nodepool.stub");
        Level level = stubLogger.getLevel();
        StringBuilder log = new StringBuilder();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                log.append(record.getLevel())
                        .append(' ')
                        .append(record.getLoggerName())
                        .append(' ')
                        .append(record.getMessage())
                        .append(' ')
                        .append(java.util.Arrays.toString(record.getParameters()));
                if (record.getThrown() != null) {
                    StringWriter trace = new StringWriter();
                    record.getThrown().printStackTrace(new PrintWriter(trace));
                    log.append(trace);
                }
                log.append('\n');
            }

            @Override
            public void flush() {}

            @Override
            public void close() {}
        };
        capture.setLevel(Level.ALL);
        Logger root = Logger.getLogger("");
        root.addHandler(capture);
        stubLogger.setLevel(Level.ALL);
        List<String> answers = new ArrayList<>();
        try (CceNodePoolStub stub = CceNodePoolStub.builder()
                .config(StubConfig.builder().accessKey("AK1", "SK1").build())
                .start()) {
            String path = nodePoolsPath("p1", "c1");
            String json = requestWithPassword();
            Map<String, String> jsonType = Map.of("Content-Type", "application/json");
            Map<String, String> withToken = Map.of("Content-Type", "application/json", "X-Auth-Token", "t");
            // 401: no credentials, a Bearer token, a token in the query, an API key
            answers.add(send(stub, path, json.getBytes(StandardCharsets.UTF_8), jsonType));
            answers.add(send(
                    stub,
                    path,
                    json.getBytes(StandardCharsets.UTF_8),
                    Map.of("Content-Type", "application/json", "Authorization", "Bearer " + MARKER)));
            answers.add(send(
                    stub,
                    path + "?token=" + MARKER + "&X-Auth-Token=" + MARKER + "&a=1",
                    json.getBytes(StandardCharsets.UTF_8),
                    Map.of("Content-Type", "application/json", "X-Api-Key", MARKER, "Api-Key", MARKER)));
            // 401: a bad signature over secret headers and a secret query parameter
            Map<String, String> signed = new LinkedHashMap<>();
            signed.put("Content-Type", "application/json");
            signed.put("X-Sdk-Date", SdkHmacSha256Signer.formatDate(Instant.now()));
            signed.put("X-Security-Token", MARKER);
            signed.put("Cookie", "session=" + MARKER);
            signed.put(
                    "Authorization",
                    "SDK-HMAC-SHA256 Access=AK1, SignedHeaders=content-type;cookie;x-sdk-date;"
                            + "x-security-token, Signature=" + "0".repeat(64));
            String badSignature =
                    send(stub, path + "?access_token=" + MARKER, json.getBytes(StandardCharsets.UTF_8), signed);
            assertTrue(badSignature.startsWith("401") && badSignature.contains("canonical request"), badSignature);
            answers.add(badSignature);
            // 400: wrong content type, malformed JSON, an unquoted secret, a secret number, non-UTF-8, a bad
            // surrogate escape, too deep nesting, a top-level array, a duplicate member
            answers.add(send(
                    stub,
                    path,
                    json.getBytes(StandardCharsets.UTF_8),
                    Map.of("Content-Type", "text/plain", "X-Auth-Token", "t")));
            answers.add(
                    send(stub, path, json.substring(0, json.length() - 1).getBytes(StandardCharsets.UTF_8), withToken));
            answers.add(send(
                    stub,
                    path,
                    json.replace("\"" + MARKER + "\"", MARKER).getBytes(StandardCharsets.UTF_8),
                    withToken));
            answers.add(send(
                    stub,
                    path,
                    json.replace("\"" + MARKER + "\"", NUMBER + "x").getBytes(StandardCharsets.UTF_8),
                    withToken));
            answers.add(send(
                    stub,
                    path,
                    json.replace("\"" + MARKER + "\"", "\"" + MARKER + "\"" + NUMBER)
                            .getBytes(StandardCharsets.UTF_8),
                    withToken));
            ByteArrayOutputStream notUtf8 = new ByteArrayOutputStream();
            notUtf8.writeBytes(json.substring(0, json.length() - 1).getBytes(StandardCharsets.UTF_8));
            notUtf8.writeBytes(",\"x\":\"\u00ff\"}".getBytes(StandardCharsets.ISO_8859_1));
            answers.add(send(stub, path, notUtf8.toByteArray(), withToken));
            answers.add(send(
                    stub,
                    path,
                    json.replace("\"kind\"", "\"x\":\"\\ud800\",\"kind\"").getBytes(StandardCharsets.UTF_8),
                    withToken));
            answers.add(send(
                    stub,
                    path,
                    json.replace("\"kind\"", "\"x\":" + "[".repeat(40) + "]".repeat(40) + ",\"kind\"")
                            .getBytes(StandardCharsets.UTF_8),
                    withToken));
            answers.add(send(stub, path, ("[" + json + "]").getBytes(StandardCharsets.UTF_8), withToken));
            answers.add(send(
                    stub,
                    path,
                    json.replace("\"kind\"", "\"userPassword\":\"" + MARKER + "\",\"userPassword\":1," + "\"kind\"")
                            .getBytes(StandardCharsets.UTF_8),
                    withToken));
            // a secret elsewhere in a body that breaks the schema, and the valid request itself
            answers.add(send(
                    stub,
                    path,
                    json.replace("\"kind\"", "\"x\":{\"clientSecret\":\"" + MARKER + "\"},\"kind\"")
                            .replace("\"initialNodeCount\"", "\"initialNodeCount\":\"x\",\"y\"")
                            .getBytes(StandardCharsets.UTF_8),
                    withToken));
            String created = send(stub, path, json.getBytes(StandardCharsets.UTF_8), withToken);
            assertTrue(created.startsWith("201"), created);
            answers.add(created);

            List<JournalEntry> journal = stub.journal();
            assertEquals(answers.size(), journal.size(), "every request is journaled");
            String adminJournal = send(stub, "/__admin/requests", null, Map.of());
            assertTrue(adminJournal.startsWith("200"), adminJournal);
            String adminPools = send(stub, "/__admin/nodepools", null, Map.of());
            StringBuilder everything = new StringBuilder();
            answers.forEach(a -> everything.append(a).append('\n'));
            everything.append(adminJournal).append('\n').append(adminPools).append('\n');
            for (JournalEntry entry : journal) {
                everything
                        .append(entry.toJson())
                        .append('\n')
                        .append(entry.query())
                        .append(entry.headers())
                        .append(entry.body())
                        .append('\n');
            }
            everything.append(log);
            assertFalse(everything.toString().contains(MARKER), () -> "the secret appears in:\n" + everything);
            assertFalse(everything.toString().contains(NUMBER), () -> "the secret number appears in:\n" + everything);
            assertEquals(0, stub.internalErrors());
        } finally {
            root.removeHandler(capture);
            stubLogger.setLevel(level);
        }
    }

    /** Status, headers and body of an answer, as one text. */
    private static String send(CceNodePoolStub stub, String pathAndQuery, byte[] body, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(stub.baseUrl() + pathAndQuery))
                .timeout(Duration.ofSeconds(10))
                .method(
                        body == null ? "GET" : "POST",
                        body == null
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(request::header);
        StubHttp.Answer answer = StubHttp.send(request.build());
        return answer.status() + " " + answer.headers().map() + " " + answer.text();
    }
}
