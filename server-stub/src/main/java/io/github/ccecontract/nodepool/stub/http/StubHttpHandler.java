package io.github.ccecontract.nodepool.stub.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.github.ccecontract.nodepool.contract.NodePoolContract;
import io.github.ccecontract.nodepool.stub.errors.CceErrors;
import io.github.ccecontract.nodepool.stub.service.CreateOutcome;
import io.github.ccecontract.nodepool.stub.service.NodePoolService;
import io.github.ccecontract.nodepool.stub.admin.AdminApi;
import io.github.ccecontract.nodepool.stub.admin.JournalEntry;
import io.github.ccecontract.nodepool.stub.admin.Redaction;
import io.github.ccecontract.nodepool.stub.admin.RequestJournal;
import io.github.ccecontract.nodepool.stub.validation.JsonBodyParser;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * Every HTTP request of the stub: the operation, the document ({@code /openapi.yaml},
 * {@code /openapi.json}), the inspection API ({@code /__admin/...}), and 404 for the rest.
 *
 * <p>The operation is checked in this order, each step answering as soon as it fails: method (405),
 * Content-Length above the limit (413, the body is not read), the body read up to the limit (413),
 * authentication (401), cluster (404), Content-Type (400 CCE.01400006), JSON (400 CCE.01400006),
 * schema and rules (400 CCE.01400001 or CCE.01400014 with every violation), name taken (409), store
 * full (507), else 201.
 *
 * <p>Every answer is JSON ({@code application/json}) with an {@code X-Request-Id}, except the YAML
 * document. Whatever the request, the handler answers; an exception of the stub itself is logged and
 * answered 500 {@code CCE.01500001} without details (and counted: tests expect none).
 */
public final class StubHttpHandler implements HttpHandler {

    private static final System.Logger LOG = System.getLogger("io.github.ccecontract.nodepool.stub");
    static final String REQUEST_ID = "X-Request-Id";
    /**
     * Most bytes of a refused (too large) body read and thrown away before the 413 is sent. Closing a
     * connection with unread data resets it, and the client then sees a reset instead of the 413;
     * beyond this the stub answers and closes all the same.
     */
    static final long MAX_DISCARD = 16L << 20;

    private final NodePoolService service;
    private final RequestJournal journal;
    private final AdminApi admin;
    private final Authenticator authenticator;
    private final Clock clock;
    private final int maxBodyBytes;
    private final LongAdder internalErrors = new LongAdder();
    private volatile byte[] openApiYaml;
    private volatile byte[] openApiJson;

    public StubHttpHandler(NodePoolService service, RequestJournal journal, AdminApi admin, Clock clock) {
        this.service = service;
        this.journal = journal;
        this.admin = admin;
        this.clock = clock;
        this.maxBodyBytes = service.config().maxBodyBytes();
        this.authenticator = new Authenticator(service.config().tokens(), service.config().accessKeys(), clock);
    }

    /** Requests the stub failed on (answered 500): a bug of the stub; tests expect 0. */
    public long internalErrors() {
        return internalErrors.sum();
    }

    @Override
    public void handle(HttpExchange exchange) {
        Call call = new Call(exchange, RequestIds.next(), clock.instant(), System.nanoTime(), journal);
        try {
            dispatch(call);
        } catch (IOException e) {
            // The connection failed (the client went away): there is nobody to answer.
            LOG.log(System.Logger.Level.DEBUG, "request " + call.id + ": connection failed: " + e);
        } catch (Throwable t) { // the catch-all: no request gets a stack trace
            internalErrors.increment();
            LOG.log(System.Logger.Level.ERROR, "request " + call.id + " (" + call.method + " " + call.path
                    + ") failed in the stub; answered 500", t);
            if (!call.responded) {
                try {
                    call.send(500, CceErrors.error(CceErrors.INTERNAL, "Internal server error: the stub failed on"
                            + " this request (X-Request-Id " + call.id + "); the cause is in its log."), null);
                } catch (IOException | RuntimeException ignored) {
                    // nothing more to do
                }
            }
        } finally {
            call.record(); // if no answer was sent (it records itself before it is sent)
            exchange.close();
        }
    }

    private void dispatch(Call call) throws IOException {
        Route route = Route.of(call.path);
        switch (route.kind()) {
            case CREATE_NODE_POOL -> createNodePool(call, route);
            case OPENAPI_YAML -> document(call, "application/yaml", true);
            case OPENAPI_JSON -> document(call, "application/json", false);
            case ADMIN -> {
                call.journaled = false;
                AdminApi.Answer answer = admin.handle(call.method, call.path);
                call.send(answer.status(), answer.body(), answer.allow());
            }
            default -> call.send(404, CceErrors.error(CceErrors.NOT_FOUND, "Resource not found: the stub serves POST "
                    + NodePoolContract.PATH + ", GET /openapi.yaml, GET /openapi.json and /__admin/..."), null);
        }
    }

    private void document(Call call, String contentType, boolean yaml) throws IOException {
        if (!call.method.equals("GET") && !call.method.equals("HEAD")) {
            call.send(405, CceErrors.error(CceErrors.METHOD_NOT_ALLOWED, "Method " + call.method
                    + " is not allowed here; allowed: GET, HEAD."), "GET, HEAD");
            return;
        }
        byte[] bytes = yaml ? openApiYaml : openApiJson;
        if (bytes == null) {
            bytes = yaml ? NodePoolContract.openApiYamlBytes() : NodePoolContract.openApiJsonBytes();
            if (yaml) {
                openApiYaml = bytes;
            } else {
                openApiJson = bytes;
            }
        }
        call.sendBytes(200, contentType, bytes);
    }

    private void createNodePool(Call call, Route route) throws IOException {
        if (!call.method.equals("POST")) {
            call.send(405, CceErrors.error(CceErrors.METHOD_NOT_ALLOWED, "Method " + call.method
                    + " is not allowed on " + NodePoolContract.PATH + "; allowed: POST."), "POST");
            return;
        }
        List<String> lengths = call.exchange.getRequestHeaders().get("Content-Length");
        if (lengths != null && !lengths.isEmpty()) {
            long declared;
            try {
                declared = Long.parseLong(lengths.get(0).strip());
            } catch (NumberFormatException e) {
                declared = -1;
            }
            if (declared > maxBodyBytes) {
                // Refused without reading into memory. A body the client is still sending is discarded up
                // to MAX_DISCARD so that the client reads the 413 instead of a connection reset.
                if (declared > MAX_DISCARD || !call.discardBody(MAX_DISCARD)) {
                    call.exchange.getResponseHeaders().set("Connection", "close");
                }
                call.send(413, tooLarge(), null);
                return;
            }
        }
        boolean complete;
        try {
            complete = call.readBody(maxBodyBytes);
        } catch (IOException e) {
            // A broken chunked encoding or a body cut short: answer if the client still listens.
            call.exchange.getResponseHeaders().set("Connection", "close");
            call.send(400, CceErrors.error(CceErrors.BAD_BODY, "The request body cannot be read ("
                    + e.getMessage() + ")."), null);
            return;
        }
        if (!complete) {
            if (!call.discardBody(MAX_DISCARD)) {
                call.exchange.getResponseHeaders().set("Connection", "close");
            }
            call.send(413, tooLarge(), null);
            return;
        }
        String refusal = authenticator.refuse(call.method, call.path, call.query, call.headers, call.body);
        if (refusal != null) {
            call.send(401, CceErrors.error(CceErrors.UNAUTHORIZED, refusal), null);
            return;
        }
        if (service.cluster(route.clusterId()).isEmpty()) {
            CreateOutcome unknown = service.unknownCluster(route.clusterId());
            call.send(unknown.status(), unknown.body(), null);
            return;
        }
        String mediaRefusal = MediaTypes.refuse(call.exchange.getRequestHeaders().get("Content-Type"));
        if (mediaRefusal != null) {
            call.send(400, CceErrors.error(CceErrors.BAD_BODY, mediaRefusal), null);
            return;
        }
        JsonNode json;
        try {
            json = JsonBodyParser.parse(call.body);
        } catch (JsonBodyParser.MalformedBodyException e) {
            call.send(400, CceErrors.error(CceErrors.BAD_BODY, e.getMessage()), null);
            return;
        }
        call.bodyJson = json;
        CreateOutcome outcome = service.create(route.projectId(), route.clusterId(), json);
        call.send(outcome.status(), outcome.body(), null);
    }

    private JsonNode tooLarge() {
        return CceErrors.error(CceErrors.INVALID_REQUEST, "Request body too large: the stub accepts at most "
                + maxBodyBytes + " bytes (maxBodyBytes).");
    }

    /** One exchange and what the journal needs of it. */
    private static final class Call {
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
        private final RequestJournal journal;
        private boolean recorded;

        Call(HttpExchange exchange, String id, Instant receivedAt, long startNanos, RequestJournal journal) {
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
            ByteArrayOutputStream out = new ByteArrayOutputStream(Math.min(limit, 16 * 1024));
            byte[] buffer = new byte[16 * 1024];
            try (InputStream in = exchange.getRequestBody()) {
                int n;
                while ((n = in.read(buffer)) != -1) {
                    bodyBytes += n;
                    if (bodyBytes > limit) {
                        body = out.toByteArray();
                        return false;
                    }
                    out.write(buffer, 0, n);
                }
            }
            body = out.toByteArray();
            return true;
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

        JournalEntry entry() {
            String text = null;
            boolean json = false;
            boolean truncated = false;
            if (bodyJson != null) {
                text = JsonBodyParser.write(Redaction.body(bodyJson));
                json = true;
            } else if (body != null && body.length > 0) {
                text = new String(body, 0, Math.min(body.length, RequestJournal.MAX_BODY_CHARS * 4),
                        StandardCharsets.UTF_8);
                truncated = bodyBytes > body.length || body.length > RequestJournal.MAX_BODY_CHARS * 4;
            }
            if (text != null && text.length() > RequestJournal.MAX_BODY_CHARS) {
                text = text.substring(0, RequestJournal.MAX_BODY_CHARS);
                truncated = true;
                json = false; // no longer JSON
            }
            long millis = (System.nanoTime() - startNanos) / 1_000_000;
            return new JournalEntry(id, receivedAt, method, path, query, Redaction.headers(headers), text, json,
                    bodyBytes, truncated, status, response, millis);
        }
    }
}
