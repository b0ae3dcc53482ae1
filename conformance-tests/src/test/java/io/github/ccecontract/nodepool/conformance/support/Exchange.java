package io.github.ccecontract.nodepool.conformance.support;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.ccecontract.nodepool.openapi.testing.Json;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One HTTP exchange of a check: the case it belongs to, the request sent and the answer received. Every assertion
 * about an answer puts {@link #describe()} (or {@link #failure(String)}) into its message, so that a failure names the
 * case, the request and the answer.
 *
 * @param caseName the documented example, catalogue case or generated case, for example
 *                 {@code generated #17 (seed 20221110)} or {@code autoscaling-max-not-below-min / rejected: max-0-below-min-1}
 * @param request  what was sent
 * @param response what came back; null if nothing came back (the failure is then the exception)
 */
public record Exchange(String caseName, Request request, Response response) {

    /** Longest body text a description shows; longer bodies are cut. */
    public static final int MAX_BODY_CHARS = 6000;

    /** Headers whose values a description shortens (credentials, even fake ones, stay out of logs). */
    private static final List<String> SECRET_HEADERS = List.of("x-auth-token", "authorization");

    public Exchange {
        Objects.requireNonNull(caseName, "caseName");
        Objects.requireNonNull(request, "request");
    }

    /** An HTTP request as sent. Header names keep their case; body is the text sent (null: none). */
    public record Request(String method, URI uri, Map<String, List<String>> headers, String body) {
        public Request {
            Objects.requireNonNull(method, "method");
            Objects.requireNonNull(uri, "uri");
            headers = copy(headers);
        }

        /** The request's JSON body, or null if it has none or it is not JSON. */
        public JsonNode json() {
            return Json.parseOrNull(body);
        }
    }

    /** An HTTP response as received. Header names are kept as received; look-ups ignore case. */
    public record Response(int status, Map<String, List<String>> headers, String body) {
        public Response {
            headers = copy(headers);
        }

        /** First value of a header (case-insensitive name). */
        public Optional<String> header(String name) {
            return Exchange.header(headers, name);
        }

        /** The media type of Content-Type without parameters, lower case, or "" if absent. */
        public String mediaType() {
            return header("Content-Type")
                    .map(v -> v.split(";", 2)[0].trim().toLowerCase(Locale.ROOT))
                    .orElse("");
        }

        /** The body as JSON, or null if it is empty or not JSON. */
        public JsonNode json() {
            return Json.parseOrNull(body);
        }
    }

    /** The same exchange for another case name. */
    public Exchange named(String name) {
        return new Exchange(name, request, response);
    }

    /** Case, request and answer, several lines, bodies cut at {@value #MAX_BODY_CHARS} characters. */
    public String describe() {
        StringBuilder sb = new StringBuilder();
        sb.append("case: ").append(caseName).append('\n');
        sb.append("request sent:\n  ")
                .append(request.method())
                .append(' ')
                .append(request.uri())
                .append('\n');
        appendHeaders(sb, request.headers());
        appendBody(sb, request.body());
        if (response == null) {
            sb.append("answer received: none\n");
        } else {
            sb.append("answer received:\n  HTTP ").append(response.status()).append('\n');
            appendHeaders(sb, response.headers());
            appendBody(sb, response.body());
        }
        return sb.toString();
    }

    /** An assertion error whose message is the expectation followed by {@link #describe()}. */
    public AssertionError failure(String expectation) {
        return new AssertionError(expectation + "\n" + describe());
    }

    /** An assertion error with a cause (for example the client's exception). */
    public AssertionError failure(String expectation, Throwable cause) {
        return new AssertionError(expectation + " (" + cause + ")\n" + describe(), cause);
    }

    // ------------------------------------------------------------------------------ helpers

    static Optional<String> header(Map<String, List<String>> headers, String name) {
        for (Map.Entry<String, List<String>> e : headers.entrySet()) {
            if (e.getKey().equalsIgnoreCase(name) && !e.getValue().isEmpty()) {
                return Optional.of(e.getValue().get(0));
            }
        }
        return Optional.empty();
    }

    private static Map<String, List<String>> copy(Map<String, List<String>> headers) {
        Map<String, List<String>> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        if (headers != null) {
            headers.forEach((k, v) -> {
                if (k != null) {
                    copy.computeIfAbsent(k, x -> new ArrayList<>()).addAll(v);
                }
            });
        }
        return java.util.Collections.unmodifiableMap(copy);
    }

    private static void appendHeaders(StringBuilder sb, Map<String, List<String>> headers) {
        headers.forEach((name, values) -> {
            for (String value : values) {
                sb.append("  ")
                        .append(name)
                        .append(": ")
                        .append(redact(name, value))
                        .append('\n');
            }
        });
    }

    /** Keeps the first characters of a credential and says how long it was. */
    static String redact(String name, String value) {
        if (!SECRET_HEADERS.contains(name.toLowerCase(Locale.ROOT)) || value.length() <= 12) {
            return value;
        }
        if (name.equalsIgnoreCase("authorization")) {
            // SDK-HMAC-SHA256 Access=..., SignedHeaders=..., Signature=<hex>: keep the structure, cut the signature.
            return value.replaceAll("(Signature=)([0-9A-Za-z]{6})[0-9A-Za-z]*", "$1$2...");
        }
        return value.substring(0, 6) + "... (" + value.length() + " characters)";
    }

    private static void appendBody(StringBuilder sb, String body) {
        if (body == null || body.isEmpty()) {
            sb.append("  (no body)\n");
            return;
        }
        JsonNode json = Json.parseOrNull(body);
        String text = json != null ? Json.pretty(json) : body;
        if (text.length() > MAX_BODY_CHARS) {
            text = text.substring(0, MAX_BODY_CHARS) + "\n... (" + (text.length() - MAX_BODY_CHARS)
                    + " more characters)";
        }
        sb.append("  ").append(text.replace("\n", "\n  ")).append('\n');
    }
}
