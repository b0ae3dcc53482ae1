package io.github.ccecontract.nodepool.stub.faults;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.ccecontract.nodepool.contract.ContractDocument;
import io.github.ccecontract.nodepool.contract.NodePoolContract;
import java.util.Collection;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The answers a fault may force: the operation's documented error responses (status 400 and up) of the bundled
 * document, each with the bodies of its documented examples. A forced answer is one of these bodies, so it
 * conforms to the document by construction: the document's own example, validated by the build against the
 * response's schema. {@code violations} of the 400 example are left out (they would name a field the request
 * may not have), and {@code errorMessage} says that the stub forced the answer.
 */
public final class ForcedResponses {

    /** The 401 example of the API gateway ({@code error_code}, {@code error_msg}). */
    public static final String GATEWAY_EXAMPLE = "gateway";

    /** The operation's documented error responses (status 400 and up), {@code $ref} resolved, by status. */
    private static final Map<Integer, JsonNode> RESPONSES = readResponses();

    /** Status to example name to body, in document order. */
    private static final Map<Integer, Map<String, ObjectNode>> BODIES = readBodies();

    /** The statuses whose documented answer has a {@code Retry-After} header (429, 503), ascending. */
    private static final List<Integer> RETRY_AFTER = BODIES.keySet().stream()
            .filter(status -> RESPONSES.get(status).path("headers").has("Retry-After"))
            .toList();

    private ForcedResponses() {}

    private static Map<Integer, JsonNode> readResponses() {
        JsonNode root = ContractDocument.bundled().root();
        JsonNode responses =
                root.path("paths").path(NodePoolContract.PATH).path("post").path("responses");
        Map<Integer, JsonNode> out = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = responses.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            if (!entry.getKey().matches("[45][0-9][0-9]")) {
                continue;
            }
            JsonNode response = entry.getValue();
            while (response.has("$ref")) {
                response = root.at(response.get("$ref").asText().substring(1));
            }
            out.put(Integer.parseInt(entry.getKey()), response);
        }
        return Collections.unmodifiableMap(out);
    }

    private static Map<Integer, Map<String, ObjectNode>> readBodies() {
        Map<Integer, Map<String, ObjectNode>> out = new TreeMap<>();
        RESPONSES.forEach((status, response) -> {
            JsonNode media = response.path("content").path("application/json");
            Map<String, ObjectNode> examples = new LinkedHashMap<>();
            if (media.path("example").isObject()) {
                examples.put("default", (ObjectNode) media.get("example"));
            }
            for (Iterator<Map.Entry<String, JsonNode>> ex =
                            media.path("examples").fields();
                    ex.hasNext(); ) {
                Map.Entry<String, JsonNode> e = ex.next();
                if (e.getValue().path("value").isObject()) {
                    examples.put(e.getKey(), (ObjectNode) e.getValue().get("value"));
                }
            }
            if (!examples.isEmpty()) {
                out.put(status, Collections.unmodifiableMap(examples));
            }
        });
        return Collections.unmodifiableMap(out);
    }

    /**
     * The statuses a forced answer may carry {@code Retry-After} with: those the document gives the header.
     *
     * @return the statuses that may carry {@code Retry-After}
     */
    public static List<Integer> retryAfterStatuses() {
        return RETRY_AFTER;
    }

    /**
     * The statuses a fault may force, ascending: the operation's documented error responses.
     *
     * @return a new list of the statuses, ascending
     */
    public static List<Integer> statuses() {
        return List.copyOf(BODIES.keySet());
    }

    /**
     * The names of the document's examples for a status, in document order.
     *
     * @param status an HTTP status
     * @return the example names, in document order; empty if the document has no example for the status
     */
    public static List<String> examples(int status) {
        Map<String, ObjectNode> examples = BODIES.get(status);
        return examples == null ? List.of() : List.copyOf(examples.keySet());
    }

    static void requireDocumentedStatus(int status, String field) {
        if (!BODIES.containsKey(status)) {
            throw new IllegalArgumentException(field + " must be an error status the document lists for the operation ("
                    + statusList() + "), was "
                    + status);
        }
    }

    static void requireExample(int status, String example, String field) {
        if (example == null || !BODIES.get(status).containsKey(example)) {
            throw new IllegalArgumentException(field + " must name one of the document's examples for status " + status
                    + " (" + String.join(", ", BODIES.get(status).keySet()) + "), was "
                    + (example == null ? "null" : "'" + shorten(example) + "'"));
        }
    }

    /** The body of a forced answer: the example's, with a note in {@code errorMessage}. */
    static ObjectNode body(int status, String example, String faultId) {
        Map<String, ObjectNode> examples = BODIES.get(status);
        ObjectNode body = (example == null ? examples.values().iterator().next() : examples.get(example)).deepCopy();
        body.remove("violations");
        if (body.has("errorMessage")) {
            body.put(
                    "errorMessage", body.get("errorMessage").asText() + " (forced by the stub: fault " + faultId + ")");
        }
        return body;
    }

    static String shorten(String s) {
        String printable = s.replaceAll("[^\\x20-\\x7e]", "?");
        return printable.length() <= 60 ? printable : printable.substring(0, 60) + "...";
    }

    /** Names of statuses as a list for messages: "400, 401, ...". */
    static String statusList() {
        return join(BODIES.keySet(), ", ");
    }

    /** {@code statuses} for a message, joined by {@code separator}: "429 or 503". */
    static String join(Collection<Integer> statuses, String separator) {
        return statuses.stream().map(String::valueOf).collect(Collectors.joining(separator));
    }
}
