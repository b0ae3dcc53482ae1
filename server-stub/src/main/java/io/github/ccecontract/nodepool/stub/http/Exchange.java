package io.github.ccecontract.nodepool.stub.http;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import io.github.ccecontract.nodepool.stub.admin.AdminApi;
import io.github.ccecontract.nodepool.stub.admin.JournalEntry;
import io.github.ccecontract.nodepool.stub.admin.Redaction;
import io.github.ccecontract.nodepool.stub.admin.RequestJournal;
import io.github.ccecontract.nodepool.stub.validation.DeclaredMembers;
import io.github.ccecontract.nodepool.stub.validation.JsonBodyParser;
import io.github.ccecontract.nodepool.stub.validation.UnknownMember;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One HTTP exchange of the stub: reading the request (headers copied once, the body up to a limit),
 * answering it (JSON or bytes, always with {@code X-Request-Id}), and its journal entry, recorded
 * once, before the answer is sent.
 */
final class Exchange {
    private static final System.Logger LOG = System.getLogger("io.github.ccecontract.nodepool.stub");
    static final String REQUEST_ID = "X-Request-Id";

    final HttpExchange exchange;
    final String id;
    final Instant receivedAt;
    final long startNanos;
    final String method;
    final String path;
    final String query;
    final Map<String, List<String>> headers;
    byte[] body;
    int bodyBytes;
    JsonNode bodyJson;
    int status;
    byte[] response;
    boolean responded;
    boolean journaled = true;
    /** The request's unknown members to journal as warnings (D4). */
    List<UnknownMember> warnings = List.of();

    /** All unknown members of {@link #bodyJson}, once a route has looked for them; else null. */
    List<UnknownMember> unknownMembers;

    private final RequestJournal journal;
    private boolean recorded;

    Exchange(HttpExchange exchange, String id, Instant receivedAt, long startNanos, RequestJournal journal) {
        this.exchange = exchange;
        this.journal = journal;
        this.id = id;
        this.receivedAt = receivedAt;
        this.startNanos = startNanos;
        this.method = exchange.getRequestMethod();
        String rawPath = exchange.getRequestURI().getRawPath();
        this.path = rawPath == null ? "" : rawPath;
        this.query = exchange.getRequestURI().getRawQuery();
        Map<String, List<String>> copy = new LinkedHashMap<>();
        exchange.getRequestHeaders().forEach((name, values) -> copy.put(name, List.copyOf(values)));
        this.headers = copy;
    }

    /** Reads the body, at most {@code limit} bytes; false if there is more. */
    boolean readBody(int limit) throws IOException {
        long declared = declaredLength();
        if (declared >= 0 && declared <= limit) {
            // The usual case: read into an array of the declared size (no growing buffer, no copy).
            byte[] exact = new byte[(int) declared];
            try (InputStream in = exchange.getRequestBody()) {
                int n = in.readNBytes(exact, 0, exact.length);
                bodyBytes = n;
                body = n == exact.length ? exact : java.util.Arrays.copyOf(exact, n);
                if (n < exact.length) {
                    throw new IOException("the body ended after " + n + " of " + declared + " bytes");
                }
            }
            return true;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(Math.min(limit, 16 * 1024));
        byte[] buffer = new byte[16 * 1024];
        InputStream in = exchange.getRequestBody();
        int n;
        while ((n = in.read(buffer)) != -1) {
            bodyBytes += n;
            if (bodyBytes > limit) {
                // Left open: the rest is discarded before the 413 (discardBody); the JDK's close would drain
                // only 64 KiB and refuse further reads, and a close with unread bytes resets the connection,
                // which can destroy the 413 before the client reads it.
                body = out.toByteArray();
                return false;
            }
            out.write(buffer, 0, n);
        }
        in.close();
        body = out.toByteArray();
        return true;
    }

    /** The Content-Length the client declared, or -1 (none, or not a number). */
    private long declaredLength() {
        List<String> lengths = exchange.getRequestHeaders().get("Content-Length");
        if (lengths == null || lengths.size() != 1) {
            return -1;
        }
        try {
            return Long.parseLong(lengths.get(0).strip());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** Reads and drops the rest of the body, at most {@code limit} bytes; true if it ended. */
    boolean discardBody(long limit) {
        byte[] buffer = new byte[64 * 1024];
        long dropped = 0;
        try {
            InputStream in = exchange.getRequestBody();
            int n;
            while ((n = in.read(buffer)) != -1) {
                bodyBytes += n;
                dropped += n;
                if (dropped > limit) {
                    return false;
                }
            }
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    void send(int status, JsonNode json, String allow) throws IOException {
        byte[] bytes;
        try {
            bytes = JsonBodyParser.mapper().writeValueAsBytes(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write an answer", e);
        }
        this.response = bytes;
        if (allow != null) {
            exchange.getResponseHeaders().set("Allow", allow);
        }
        sendBytes(status, "application/json", bytes);
    }

    /** Answers JSON already written (UTF-8). */
    void sendJson(int status, byte[] json) throws IOException {
        this.response = json;
        sendBytes(status, "application/json", json);
    }

    /**
     * Answers JSON written while it is sent (chunked), for answers too large to build first: the inspection
     * API's listings. Not journaled (only admin answers stream).
     */
    void sendStreaming(int status, AdminApi.JsonBody body) throws IOException {
        this.status = status;
        this.responded = true;
        record();
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.getResponseHeaders().set(REQUEST_ID, id);
        boolean head = method.equals("HEAD");
        exchange.sendResponseHeaders(status, head ? -1 : 0);
        if (!head) {
            try (OutputStream out = exchange.getResponseBody();
                    JsonGenerator json = JsonBodyParser.mapper().getFactory().createGenerator(out)) {
                body.write(json);
            }
        }
    }

    /**
     * Adds the journal entry, once. Called before the answer is sent, so that a client that has its
     * answer finds its request in the journal.
     */
    void record() {
        if (journaled && !recorded) {
            recorded = true;
            try {
                journal.add(entry());
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.ERROR, "request " + id + ": cannot journal", e);
            }
        }
    }

    void sendBytes(int status, String contentType, byte[] bytes) throws IOException {
        this.status = status;
        this.responded = true;
        record();
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.getResponseHeaders().set(REQUEST_ID, id);
        boolean head = method.equals("HEAD");
        exchange.sendResponseHeaders(status, head ? -1 : bytes.length);
        if (!head) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    /**
     * The journal entry. The body is kept only as JSON the stub could read, with its secrets redacted
     * ({@link Redaction#body}): a body that was not parsed (401, 415-like 400s) is parsed here for the
     * journal; one that cannot be parsed (not UTF-8, not JSON, too deep, cut short) is not kept at all
     * ({@code bodyTruncated} and {@code bodyBytes} say so), because no redaction can find a password
     * in text it cannot read. The query string is redacted too ({@link Redaction#query}).
     */
    JournalEntry entry() {
        String text = null;
        boolean json = false;
        boolean truncated = false;
        JsonNode readable = bodyJson;
        if (readable == null && body != null && body.length > 0 && bodyBytes <= body.length) {
            try {
                readable = JsonBodyParser.parse(body);
            } catch (JsonBodyParser.MalformedBodyException e) {
                readable = null;
            }
        }
        if (readable != null) {
            List<UnknownMember> unknown = readable == bodyJson && unknownMembers != null
                    ? unknownMembers
                    : DeclaredMembers.bundled().allUnknownMembers(readable);
            text = JsonBodyParser.write(Redaction.typos(Redaction.body(readable), unknown));
            json = true;
        } else if (bodyBytes > 0) {
            truncated = true; // not kept: it may hold a secret that only a JSON reader could find
        }
        if (text != null && text.length() > RequestJournal.MAX_BODY_CHARS) {
            text = text.substring(0, RequestJournal.MAX_BODY_CHARS);
            truncated = true;
            json = false; // no longer JSON
        }
        long millis = (System.nanoTime() - startNanos) / 1_000_000;
        return new JournalEntry(
                id,
                receivedAt,
                method,
                path,
                Redaction.query(query),
                Redaction.headers(headers),
                text,
                json,
                bodyBytes,
                truncated,
                status,
                response,
                millis,
                warnings);
    }
}
