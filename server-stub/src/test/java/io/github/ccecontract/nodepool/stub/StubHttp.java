package io.github.ccecontract.nodepool.stub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.ccecontract.nodepool.contract.NodePoolContract.DocumentedExample;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/** Test helpers: a JDK HttpClient against a stub on loopback, the documented examples, JSON. */
final class StubHttp {

    static final ObjectMapper JSON = JsonMapper.builder().build();
    static final HttpClient CLIENT = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    static final String TOKEN = "test-token";

    private StubHttp() {}

    /** An answer: status, headers, body text and the body's JSON (null if none). */
    record Answer(int status, java.net.http.HttpHeaders headers, String text, JsonNode json) {
        String errorCode() {
            return json == null ? null : json.path("errorCode").asText(null);
        }

        String header(String name) {
            return headers.firstValue(name).orElse(null);
        }

        /** Whether some violation has this pointer and rule. */
        boolean hasViolation(String pointer, String rule) {
            for (JsonNode v : json.path("violations")) {
                if (v.path("pointer").asText().equals(pointer)
                        && v.path("rule").asText().equals(rule)) {
                    return true;
                }
            }
            return false;
        }
    }

    static String nodePoolsPath(String projectId, String clusterId) {
        return "/api/v3/projects/" + projectId + "/clusters/" + clusterId + "/nodepools";
    }

    static ObjectNode example(DocumentedExample example) {
        try {
            return (ObjectNode) JSON.readTree(example.bytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] bytes(JsonNode node) {
        try {
            return JSON.writeValueAsBytes(node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** POSTs JSON with a token to the operation of cluster {@code clusterId}. */
    static Answer create(CceNodePoolStub stub, String clusterId, JsonNode body) {
        return send(
                stub,
                "POST",
                nodePoolsPath("p1", clusterId),
                bytes(body),
                Map.of("Content-Type", "application/json", "X-Auth-Token", TOKEN));
    }

    static Answer send(CceNodePoolStub stub, String method, String path, byte[] body, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(stub.baseUrl() + path))
                .timeout(Duration.ofSeconds(10))
                .method(
                        method,
                        body == null
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(request::header);
        return send(request.build());
    }

    static Answer send(HttpRequest request) {
        try {
            HttpResponse<byte[]> response = CLIENT.send(request, HttpResponse.BodyHandlers.ofByteArray());
            String text = new String(response.body(), StandardCharsets.UTF_8);
            JsonNode json = null;
            if (response.headers().firstValue("Content-Type").orElse("").startsWith("application/json")
                    && !text.isEmpty()) {
                json = JSON.readTree(text);
            }
            return new Answer(response.statusCode(), response.headers(), text, json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** {@link #assertCceShaped}, but for the API gateway's 401 body (error_code, error_msg), which a fault may force. */
    static void assertCceShapedUnlessAsked(Answer answer) {
        if (answer.json() != null && answer.json().has("error_code")) {
            assertTrue(answer.json().path("error_msg").isTextual(), "error_msg of " + answer.text());
            return;
        }
        assertEquals("application/json", answer.header("Content-Type"), "Content-Type of " + answer.text());
        assertNotNull(answer.json(), "a JSON body");
        assertTrue(
                answer.errorCode() != null && answer.errorCode().matches("CCE\\.[0-9]{8}"),
                "errorCode of " + answer.text());
    }

    /** Every answer is JSON of the documented content type with an X-Request-Id (32 hex digits). */
    static void assertCceShaped(Answer answer) {
        assertEquals("application/json", answer.header("Content-Type"), "Content-Type of " + answer.text());
        String id = answer.header("X-Request-Id");
        assertNotNull(id, "X-Request-Id");
        assertTrue(id.matches("[0-9a-f]{32}"), "X-Request-Id " + id);
        assertNotNull(answer.json(), "a JSON body");
        if (answer.status() >= 400) {
            assertTrue(
                    answer.errorCode() != null && answer.errorCode().matches("CCE\\.[0-9]{8}"),
                    "errorCode of " + answer.text());
            assertTrue(answer.json().path("errorMessage").isTextual(), "errorMessage of " + answer.text());
            assertTrue(answer.status() != 500, "no 500: " + answer.text());
        }
    }
}
