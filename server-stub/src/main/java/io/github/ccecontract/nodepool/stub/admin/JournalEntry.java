package io.github.ccecontract.nodepool.stub.admin;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.ccecontract.nodepool.stub.validation.UnknownMember;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * One request the stub received and what it answered. Secrets are redacted before an entry is
 * made: the values of {@code X-Auth-Token} and other credential headers, the signature of an
 * {@code Authorization} header, and {@code spec.nodeTemplate.login.userPassword} of a JSON body.
 *
 * <p>An entry keeps texts, not JSON trees (a tree takes several times the memory of its text);
 * {@link #bodyJson()} and {@link #response()} parse them when asked. Immutable.
 */
public final class JournalEntry {

    private static final ObjectMapper JSON = JsonMapper.builder().build();

    private final String id;
    private final Instant receivedAt;
    private final String method;
    private final String path;
    private final String query;
    private final Map<String, List<String>> headers;
    private final String body;
    private final boolean bodyIsJson;
    private final int bodyBytes;
    private final boolean bodyTruncated;
    private final int status;
    private final byte[] response;
    private final long durationMillis;
    private final List<UnknownMember> warnings;

    /**
     * @param id             the X-Request-Id the stub answered with
     * @param receivedAt     when the request arrived
     * @param method         HTTP method
     * @param path           raw path, as sent
     * @param query          raw query without "?", or null
     * @param headers        request headers (redacted), names as the JDK server normalises them
     *                       ({@code X-Auth-Token} arrives as {@code X-auth-token}): look them up with {@link #header}
     * @param body           the body as text: the redacted JSON if it was JSON, else the bytes decoded as
     *                       UTF-8; at most {@link RequestJournal#MAX_BODY_CHARS} characters; null if none
     * @param bodyIsJson     whether {@code body} is the (redacted) JSON of the request
     * @param bodyBytes      length of the body in bytes as received (0 if it was not read)
     * @param bodyTruncated  whether {@code body} is cut short
     * @param status         the status answered (0 if none could be sent)
     * @param response       the JSON answered (UTF-8), or null (a document, or nothing)
     * @param durationMillis time from arrival to answer
     * @param warnings       the stub's warnings about the request: its unknown members (option
     *                       {@code unknownMembers: warn}, D4), in body order
     */
    public JournalEntry(
            String id,
            Instant receivedAt,
            String method,
            String path,
            String query,
            Map<String, List<String>> headers,
            String body,
            boolean bodyIsJson,
            int bodyBytes,
            boolean bodyTruncated,
            int status,
            byte[] response,
            long durationMillis,
            List<UnknownMember> warnings) {
        this.id = Objects.requireNonNull(id, "id");
        this.receivedAt = Objects.requireNonNull(receivedAt, "receivedAt");
        this.method = method;
        this.path = path;
        this.query = query;
        this.headers = Map.copyOf(headers);
        this.body = body;
        this.bodyIsJson = bodyIsJson && body != null;
        this.bodyBytes = bodyBytes;
        this.bodyTruncated = bodyTruncated;
        this.status = status;
        this.response = response == null ? null : response.clone();
        this.durationMillis = durationMillis;
        this.warnings = List.copyOf(warnings);
    }

    /**
     * The X-Request-Id the stub answered with.
     *
     * @return the request id sent back in {@code X-Request-Id}
     */
    public String id() {
        return id;
    }

    /**
     * When the stub received the request (the stub's clock).
     *
     * @return the time the request was received
     */
    public Instant receivedAt() {
        return receivedAt;
    }

    /**
     * The HTTP method, as sent.
     *
     * @return the HTTP method, for example {@code POST}
     */
    public String method() {
        return method;
    }

    /**
     * The raw path, as sent.
     *
     * @return the raw path, not decoded
     */
    public String path() {
        return path;
    }

    /**
     * The raw query without "?", or null.
     *
     * @return the raw query without "?", or null if the request had none
     */
    public String query() {
        return query;
    }

    /**
     * The request headers, redacted.
     *
     * @return the redacted request headers, by name as sent
     */
    public Map<String, List<String>> headers() {
        return headers;
    }

    /**
     * First value of a request header (name case-insensitive), or null.
     *
     * @param name the header name, matched ignoring case
     * @return the header's first value, or null if the request had no such header or it had no value
     */
    public String header(String name) {
        for (Map.Entry<String, List<String>> e : headers.entrySet()) {
            if (e.getKey().equalsIgnoreCase(name) && !e.getValue().isEmpty()) {
                return e.getValue().get(0);
            }
        }
        return null;
    }

    /**
     * The body as text (the redacted JSON if it was JSON), or null.
     *
     * @return the body text, or null if it was not kept
     */
    public String body() {
        return body;
    }

    /**
     * The body's JSON (redacted) if it was JSON, else null; a new tree on every call.
     *
     * @return a new tree of the redacted JSON body, or null if the body was not JSON
     */
    public JsonNode bodyJson() {
        return bodyIsJson ? parse(body) : null;
    }

    /**
     * Length of the body in bytes as received.
     *
     * @return the number of body bytes received
     */
    public int bodyBytes() {
        return bodyBytes;
    }

    /**
     * Whether the body was too long or unreadable as JSON and is therefore not kept ({@link #body()} is null then).
     *
     * @return {@code true} if the body was not kept
     */
    public boolean bodyTruncated() {
        return bodyTruncated;
    }

    /**
     * The status answered (0 if none could be sent).
     *
     * @return the HTTP status answered, or 0 if none was sent
     */
    public int status() {
        return status;
    }

    /**
     * The JSON answered, or null; a new tree on every call.
     *
     * @return a new tree of the JSON answered, or null if no JSON was answered
     */
    public JsonNode response() {
        return response == null ? null : parse(new String(response, StandardCharsets.UTF_8));
    }

    /**
     * The {@code errorCode} answered, or null.
     *
     * @return the answered {@code errorCode}, or null if the answer had none
     */
    public String errorCode() {
        JsonNode answer = response();
        return answer == null ? null : answer.path("errorCode").textValue();
    }

    /**
     * How long the stub took from reading the request to sending its answer, in milliseconds.
     *
     * @return the time taken to answer, in milliseconds
     */
    public long durationMillis() {
        return durationMillis;
    }

    /**
     * The stub's warnings about the request, in body order: the members the document does not declare where
     * they stand (with {@code unknownMembers: warn}, whatever the answer; D4). Names only, never a value.
     *
     * @return the warnings, in body order; empty when there are none
     */
    public List<UnknownMember> warnings() {
        return warnings;
    }

    private static JsonNode parse(String text) {
        try {
            return JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a journal entry holds JSON the stub wrote itself", e);
        }
    }

    /**
     * The entry as {@code GET /__admin/requests} shows it.
     *
     * @return a new JSON object describing the request and its answer
     */
    public ObjectNode toJson() {
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode o = f.objectNode();
        o.put("id", id);
        o.put("receivedAt", receivedAt.toString());
        ObjectNode request = o.putObject("request");
        request.put("method", method);
        request.put("path", path);
        if (query != null) {
            request.put("query", query);
        }
        ObjectNode h = request.putObject("headers");
        headers.entrySet().stream()
                .sorted(Map.Entry.comparingByKey(String.CASE_INSENSITIVE_ORDER))
                .forEach(e -> {
                    var values = h.putArray(e.getKey().toLowerCase(Locale.ROOT));
                    e.getValue().forEach(values::add);
                });
        if (bodyIsJson) {
            request.set("json", bodyJson());
        } else if (body != null && !body.isEmpty()) {
            request.put("body", body);
        }
        request.put("bodyBytes", bodyBytes);
        if (bodyTruncated) {
            request.put("bodyTruncated", true);
        }
        ObjectNode answer = o.putObject("response");
        answer.put("status", status);
        if (response != null) {
            answer.set("body", response());
        }
        o.put("durationMillis", durationMillis);
        if (!warnings.isEmpty()) {
            var list = o.putArray("warnings");
            warnings.forEach(w -> list.add(w.toJson()));
        }
        return o;
    }

    /** Characters and bytes this entry keeps of body and answer: what {@link RequestJournal} budgets. */
    long retainedSize() {
        long size = (body == null ? 0 : body.length()) + (response == null ? 0 : response.length);
        for (UnknownMember warning : warnings) {
            size += warning.pointer().length() * 2L + 64;
        }
        return size;
    }

    /**
     * Writes the entry as {@link #toJson()} shows it, without making trees of its body and answer (they are
     * written as the JSON text they are kept as).
     *
     * @param json the generator to write the entry to
     * @throws IOException if the generator fails to write
     */
    public void writeTo(JsonGenerator json) throws IOException {
        json.writeStartObject();
        json.writeStringField("id", id);
        json.writeStringField("receivedAt", receivedAt.toString());
        json.writeObjectFieldStart("request");
        json.writeStringField("method", method);
        json.writeStringField("path", path);
        if (query != null) {
            json.writeStringField("query", query);
        }
        json.writeObjectFieldStart("headers");
        List<Map.Entry<String, List<String>>> sorted = new java.util.ArrayList<>(headers.entrySet());
        sorted.sort(Map.Entry.comparingByKey(String.CASE_INSENSITIVE_ORDER));
        for (Map.Entry<String, List<String>> e : sorted) {
            json.writeArrayFieldStart(e.getKey().toLowerCase(Locale.ROOT));
            for (String value : e.getValue()) {
                json.writeString(value);
            }
            json.writeEndArray();
        }
        json.writeEndObject();
        if (bodyIsJson) {
            json.writeFieldName("json");
            json.writeRawValue(body);
        } else if (body != null && !body.isEmpty()) {
            json.writeStringField("body", body);
        }
        json.writeNumberField("bodyBytes", bodyBytes);
        if (bodyTruncated) {
            json.writeBooleanField("bodyTruncated", true);
        }
        json.writeEndObject();
        json.writeObjectFieldStart("response");
        json.writeNumberField("status", status);
        if (response != null) {
            json.writeFieldName("body");
            json.writeRawValue(new String(response, StandardCharsets.UTF_8));
        }
        json.writeEndObject();
        json.writeNumberField("durationMillis", durationMillis);
        if (!warnings.isEmpty()) {
            json.writeFieldName("warnings");
            json.writeStartArray();
            for (UnknownMember warning : warnings) {
                json.writeTree(warning.toJson());
            }
            json.writeEndArray();
        }
        json.writeEndObject();
    }

    @Override
    public String toString() {
        return "JournalEntry{" + id + " " + method + " " + path + " -> " + status + "}";
    }
}
