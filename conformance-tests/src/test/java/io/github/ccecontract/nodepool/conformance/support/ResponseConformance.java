package io.github.ccecontract.nodepool.conformance.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import io.github.ccecontract.nodepool.contract.NodePoolContract;
import io.github.ccecontract.nodepool.openapi.testing.Contract;
import io.github.ccecontract.nodepool.openapi.testing.Json;
import io.github.ccecontract.nodepool.openapi.testing.Schemas;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

/**
 * Check 3: an answer of the stub against the document, judged by a validator this project did not write (networknt
 * json-schema-validator, OpenAPI 3.0 dialect, on the schemas of the bundled document). For the operation the request
 * addressed (path template and method of the document):
 * <ol>
 * <li>the status is one the operation documents (the status itself, its {@code NXX} range or {@code default});</li>
 * <li>the Content-Type's media type is one the documented response has under {@code content} (a response without
 * {@code content} must have no body);</li>
 * <li>the body is valid against that media type's schema;</li>
 * <li>headers the response documents as {@code required} are present and valid against their schema.</li>
 * </ol>
 * A request whose method the document does not define for the path has no operation: the answer must then be
 * {@code 405} with an {@code Allow} header naming exactly the document's methods for the path, and a {@code CceError}
 * body (the document's CceError says the stub answers so). A path the document does not have is a problem of the
 * suite (it sends none).
 *
 * <p>Every check through {@link #check(Exchange)} is counted for the end-of-run summary ({@link #checked()},
 * {@link #violations()}); {@link #verify(Exchange)} also fails at once with the exchange.
 */
public final class ResponseConformance {

    /** What part of an answer a problem is about (check 6 asserts them one by one). */
    public enum Aspect {
        /** The status is not documented for the operation (or not 405 for a method the path does not have). */
        STATUS,
        /** The media type is not one the documented response has. */
        CONTENT_TYPE,
        /** The body does not match the schema (or is missing, or is not JSON). */
        SCHEMA,
        /** A documented header is missing or wrong (Allow of a 405, required headers). */
        HEADER,
        /** The request itself addressed nothing the document has (a fault of the suite). */
        REQUEST
    }

    /** One problem of an answer. */
    public record Problem(Aspect aspect, String text) {
        @Override
        public String toString() {
            return aspect.name().toLowerCase(Locale.ROOT).replace('_', '-') + ": " + text;
        }
    }

    /** An exchange with at least one problem. */
    public record Violation(String caseName, List<Problem> problems, String exchange) {}

    private static final AtomicInteger CHECKED = new AtomicInteger();
    private static final Map<Integer, AtomicInteger> BY_STATUS = new ConcurrentHashMap<>();
    private static final List<Violation> VIOLATIONS = new CopyOnWriteArrayList<>();
    private static final Set<String> HTTP_METHODS =
            Set.of("get", "put", "post", "delete", "options", "head", "patch", "trace");
    private static volatile List<PathTemplate> templates;

    private ResponseConformance() {}

    /** A path of the document as a regular expression. */
    private record PathTemplate(String template, Pattern pattern) {}

    // ------------------------------------------------------------------------------ counting

    /** Answers checked so far in this JVM. */
    public static int checked() {
        return CHECKED.get();
    }

    /** Answers checked so far, by status. */
    public static Map<Integer, Integer> checkedByStatus() {
        Map<Integer, Integer> out = new TreeMap<>();
        BY_STATUS.forEach((k, v) -> out.put(k, v.get()));
        return out;
    }

    /** Problems found so far in this JVM (every exchange with at least one problem, in order). */
    public static List<Violation> violations() {
        return Collections.unmodifiableList(new ArrayList<>(VIOLATIONS));
    }

    /**
     * Checks and counts an exchange; returns the problems found (empty: the answer conforms). An exchange without an
     * answer is not counted (the sender failed already).
     */
    public static List<Problem> check(Exchange exchange) {
        if (exchange.response() == null) {
            return List.of();
        }
        List<Problem> problems = problems(exchange);
        CHECKED.incrementAndGet();
        BY_STATUS
                .computeIfAbsent(exchange.response().status(), s -> new AtomicInteger())
                .incrementAndGet();
        if (!problems.isEmpty()) {
            VIOLATIONS.add(new Violation(exchange.caseName(), List.copyOf(problems), exchange.describe()));
        }
        return problems;
    }

    /** {@link #check(Exchange)}, failing with the exchange if there is a problem; returns the exchange. */
    public static Exchange verify(Exchange exchange) {
        List<Problem> problems = check(exchange);
        if (!problems.isEmpty()) {
            throw exchange.failure(describe(problems));
        }
        return exchange;
    }

    /** The failure text of problems. */
    public static String describe(List<Problem> problems) {
        StringBuilder sb = new StringBuilder("check 3: the answer does not conform to ")
                .append(NodePoolContract.OPENAPI_JSON)
                .append(':');
        problems.forEach(p -> sb.append("\n  - ").append(p.toString().replace("\n", "\n    ")));
        return sb.toString();
    }

    // ------------------------------------------------------------------------------ the checks

    /** The problems of an exchange, without counting it. */
    public static List<Problem> problems(Exchange exchange) {
        List<Problem> problems = new ArrayList<>();
        Exchange.Response response = exchange.response();
        if (response == null) {
            return List.of(new Problem(Aspect.REQUEST, "no answer"));
        }
        String method = exchange.request().method().toLowerCase(Locale.ROOT);
        String path = exchange.request().uri().getRawPath();
        Optional<String> template = template(path);
        if (template.isEmpty()) {
            return List.of(new Problem(
                    Aspect.REQUEST,
                    "the path " + path + " is not one of the document's paths (the suite sends none such)"));
        }
        JsonNode pathItem = Contract.document().path("paths").path(template.get());
        String pathPointer = "/paths/" + Json.escape(template.get());
        JsonNode operation = pathItem.get(method);
        if (operation == null) {
            checkUndocumentedMethod(pathItem, response, problems);
            return problems;
        }
        String status = Integer.toString(response.status());
        JsonNode responses = operation.path("responses");
        String key = responses.has(status)
                ? status
                : responses.has(status.charAt(0) + "XX")
                        ? status.charAt(0) + "XX"
                        : responses.has("default") ? "default" : null;
        if (key == null) {
            List<String> documented = new ArrayList<>();
            responses.fieldNames().forEachRemaining(documented::add);
            problems.add(new Problem(
                    Aspect.STATUS,
                    "status " + status + " is not documented for " + method.toUpperCase(Locale.ROOT) + " "
                            + template.get() + " (documented: " + String.join(", ", documented) + ")"));
            return problems;
        }
        String responsePointer = pathPointer + "/" + method + "/responses/" + key;
        JsonNode documentedResponse = responses.get(key);
        while (documentedResponse.has("$ref")) {
            responsePointer = documentedResponse.get("$ref").asText().substring(1);
            documentedResponse = Contract.deref(documentedResponse);
        }
        checkHeaders(documentedResponse, responsePointer, response, problems);
        checkContent(documentedResponse, responsePointer, response, problems);
        return problems;
    }

    private static void checkUndocumentedMethod(JsonNode pathItem, Exchange.Response response, List<Problem> problems) {
        List<String> documented = new ArrayList<>();
        pathItem.fieldNames().forEachRemaining(name -> {
            if (HTTP_METHODS.contains(name)) {
                documented.add(name.toUpperCase(Locale.ROOT));
            }
        });
        if (response.status() != 405) {
            problems.add(new Problem(
                    Aspect.STATUS,
                    "the document has no operation for this method on the path (only " + documented
                            + "): expected 405, got " + response.status()));
        }
        Optional<String> allow = response.header("Allow");
        if (allow.isEmpty()) {
            problems.add(new Problem(Aspect.HEADER, "405 without an Allow header"));
        } else {
            List<String> allowed = new ArrayList<>();
            for (String m : allow.get().split(",")) {
                if (!m.isBlank()) {
                    allowed.add(m.trim().toUpperCase(Locale.ROOT));
                }
            }
            Collections.sort(allowed);
            Collections.sort(documented);
            if (!allowed.equals(documented)) {
                problems.add(new Problem(
                        Aspect.HEADER,
                        "Allow: " + allow.get() + " does not name the document's methods for the path " + documented));
            }
        }
        if (!response.mediaType().equals("application/json")) {
            problems.add(new Problem(
                    Aspect.CONTENT_TYPE,
                    "405 with Content-Type '" + response.header("Content-Type").orElse("(none)")
                            + "', expected application/json (a CceError)"));
        }
        validateBody(Contract.ERROR_SCHEMA, response, problems);
    }

    private static void checkHeaders(
            JsonNode documentedResponse, String responsePointer, Exchange.Response response, List<Problem> problems) {
        for (Iterator<Map.Entry<String, JsonNode>> it =
                        documentedResponse.path("headers").fields();
                it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            JsonNode header = Contract.deref(entry.getValue());
            Optional<String> value = response.header(entry.getKey());
            if (value.isEmpty()) {
                if (header.path("required").asBoolean(false)) {
                    problems.add(new Problem(Aspect.HEADER, "the required header " + entry.getKey() + " is missing"));
                }
                continue;
            }
            JsonNode schema = Contract.deref(header.path("schema"));
            String type = schema.path("type").asText("string");
            if (!type.equals("string")) {
                problems.add(new Problem(
                        Aspect.HEADER,
                        "header " + entry.getKey() + ": the suite checks string headers only, the document says "
                                + type));
            }
        }
    }

    private static void checkContent(
            JsonNode documentedResponse, String responsePointer, Exchange.Response response, List<Problem> problems) {
        JsonNode content = documentedResponse.get("content");
        String body = response.body();
        boolean hasBody = body != null && !body.isEmpty();
        if (content == null || content.isEmpty()) {
            if (hasBody) {
                problems.add(
                        new Problem(Aspect.SCHEMA, "the documented response has no content, the answer has a body"));
            }
            return;
        }
        String mediaType = response.mediaType();
        String documentedKey = null;
        for (Iterator<String> it = content.fieldNames(); it.hasNext(); ) {
            String candidate = it.next();
            if (mediaTypeMatches(candidate, mediaType)) {
                documentedKey = candidate;
                break;
            }
        }
        if (documentedKey == null) {
            List<String> documented = new ArrayList<>();
            content.fieldNames().forEachRemaining(documented::add);
            problems.add(new Problem(
                    Aspect.CONTENT_TYPE,
                    "Content-Type '" + response.header("Content-Type").orElse("(none)")
                            + "' is not documented for status " + response.status() + " (documented: "
                            + String.join(", ", documented) + ")"));
            return;
        }
        JsonNode mediaTypeObject = content.get(documentedKey);
        if (!mediaTypeObject.has("schema")) {
            return;
        }
        String schemaPointer = responsePointer + "/content/" + Json.escape(documentedKey) + "/schema";
        validateBody(schemaPointer, response, problems);
    }

    private static void validateBody(String schemaPointer, Exchange.Response response, List<Problem> problems) {
        JsonNode json = response.json();
        if (json == null) {
            problems.add(new Problem(
                    Aspect.SCHEMA, "the body is not JSON (or empty); expected an instance of " + schemaPointer));
            return;
        }
        List<Error> errors = Schemas.validate(schemaPointer, json);
        if (!errors.isEmpty()) {
            problems.add(new Problem(
                    Aspect.SCHEMA,
                    "the body is invalid against " + schemaPointer + " (networknt, OpenAPI 3.0 dialect):\n  "
                            + Schemas.describe(errors).trim()));
        }
    }

    /** Whether an answer's media type (no parameters, lower case) matches a documented media range. */
    static boolean mediaTypeMatches(String documented, String actual) {
        String range = documented.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        if (actual.isEmpty()) {
            return false;
        }
        if (range.equals("*/*") || range.equals(actual)) {
            return true;
        }
        return range.endsWith("/*") && actual.startsWith(range.substring(0, range.length() - 1));
    }

    /** The document's path template a raw request path matches. */
    static Optional<String> template(String rawPath) {
        List<PathTemplate> list = templates;
        if (list == null) {
            List<PathTemplate> built = new ArrayList<>();
            Contract.document()
                    .path("paths")
                    .fieldNames()
                    .forEachRemaining(t -> built.add(new PathTemplate(
                            t, Pattern.compile(Pattern.quote(t).replaceAll("\\{[^}/]+}", "\\\\E[^/]+\\\\Q")))));
            list = List.copyOf(built);
            templates = list;
        }
        for (PathTemplate t : list) {
            if (t.pattern().matcher(rawPath).matches()) {
                return Optional.of(t.template());
            }
        }
        return Optional.empty();
    }
}
