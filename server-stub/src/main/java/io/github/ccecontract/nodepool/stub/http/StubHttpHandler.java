package io.github.ccecontract.nodepool.stub.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.github.ccecontract.nodepool.contract.NodePoolContract;
import io.github.ccecontract.nodepool.stub.admin.AdminApi;
import io.github.ccecontract.nodepool.stub.admin.RequestJournal;
import io.github.ccecontract.nodepool.stub.errors.CceErrors;
import io.github.ccecontract.nodepool.stub.faults.Faults;
import io.github.ccecontract.nodepool.stub.service.NodePoolService;
import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;

/**
 * Every HTTP request of the stub, routed: the operation ({@link CreateNodePoolRoute}), the document
 * ({@code /openapi.yaml}, {@code /openapi.json}), its reference page ({@code /docs}, not journaled), the
 * inspection API ({@code /__admin/...}), and 404 for the rest.
 *
 * <p>Every answer is JSON ({@code application/json}) with an {@code X-Request-Id}, except the YAML
 * document and the reference page. Whatever the request, the handler answers; an exception of the stub
 * itself is logged and answered 500 {@code CCE.01500001} without details (and counted: tests expect none).
 */
public final class StubHttpHandler implements HttpHandler {

    private static final System.Logger LOG = System.getLogger("io.github.ccecontract.nodepool.stub");

    private final RequestJournal journal;
    private final AdminApi admin;
    private final Clock clock;
    private final CreateNodePoolRoute createNodePool;
    private final LongAdder internalErrors = new LongAdder();
    private final boolean journalAllRequests;

    /** Most bytes of an admin request's body (a fault is a few hundred). */
    static final int MAX_ADMIN_BODY_BYTES = 64 * 1024;

    /**
     * A handler without faults.
     *
     * @param service the operation's service
     * @param journal the journal requests are recorded in
     * @param admin the inspection API, for {@code /__admin} requests
     * @param clock the clock of journal times and signature checks
     */
    public StubHttpHandler(NodePoolService service, RequestJournal journal, AdminApi admin, Clock clock) {
        this(service, journal, admin, clock, new Faults(List.of()));
    }

    /**
     * A handler that simulates {@code faults} on the operation.
     *
     * @param service the operation's service
     * @param journal the journal requests are recorded in
     * @param admin the inspection API, for {@code /__admin} requests
     * @param clock the clock of journal times and signature checks
     * @param faults the faults to simulate
     */
    public StubHttpHandler(
            NodePoolService service, RequestJournal journal, AdminApi admin, Clock clock, Faults faults) {
        this.journal = journal;
        this.admin = admin;
        this.clock = clock;
        this.createNodePool = new CreateNodePoolRoute(service, clock, faults);
        this.journalAllRequests = service.config().journalAllRequests();
    }

    /**
     * Requests the stub failed on (answered 500): a bug of the stub; tests expect 0.
     *
     * @return the number of requests answered with an internal error
     */
    public long internalErrors() {
        return internalErrors.sum();
    }

    @Override
    public void handle(HttpExchange httpExchange) {
        Exchange exchange = new Exchange(httpExchange, RequestIds.next(), clock.instant(), System.nanoTime(), journal);
        try {
            dispatch(exchange);
        } catch (IOException e) {
            // The connection failed (the client went away): there is nobody to answer.
            LOG.log(System.Logger.Level.DEBUG, "request " + exchange.id + ": connection failed: " + e);
        } catch (Throwable t) { // the catch-all: no request gets a stack trace
            internalErrors.increment();
            LOG.log(
                    System.Logger.Level.ERROR,
                    "request " + exchange.id + " (" + exchange.method + " " + exchange.path
                            + ") failed in the stub; answered 500",
                    t);
            answerInternalError(exchange);
        } finally {
            exchange.record(); // if no answer was sent (it records itself before it is sent)
            httpExchange.close();
        }
    }

    private static void answerInternalError(Exchange exchange) {
        if (exchange.responded) {
            return;
        }
        try {
            exchange.send(
                    500,
                    CceErrors.error(
                            CceErrors.INTERNAL,
                            "Internal server error: the stub failed on" + " this request (X-Request-Id " + exchange.id
                                    + "); the cause is in its log."),
                    null);
        } catch (IOException | RuntimeException ignored) {
            // nothing more to do
        }
    }

    private void dispatch(Exchange exchange) throws IOException {
        String hostRefusal = hostRefusal(exchange);
        if (hostRefusal != null) {
            exchange.exchange.getResponseHeaders().set("Connection", "close");
            exchange.send(400, CceErrors.error(CceErrors.INVALID_REQUEST, hostRefusal), null);
            return;
        }
        Route route = Route.of(exchange.path);
        if (route.kind() != Route.Kind.CREATE_NODE_POOL && !journalAllRequests) {
            exchange.journaled = false; // the journal holds operation calls (journalAllRequests: every request)
        }
        switch (route.kind()) {
            case CREATE_NODE_POOL -> createNodePool.handle(exchange, route);
            case OPENAPI_YAML -> document(exchange, "application/yaml", NodePoolContract.openApiYamlBytes());
            case OPENAPI_JSON -> document(exchange, "application/json", NodePoolContract.openApiJsonBytes());
            case DOCS -> {
                exchange.journaled = false; // the page, not a call of the operation
                document(exchange, "text/html; charset=utf-8", NodePoolContract.openApiHtmlBytes());
            }
            case ADMIN -> {
                exchange.journaled = false;
                AdminApi.Answer refusal = admin.refuse(exchange.headers);
                if (refusal != null) {
                    exchange.send(refusal.status(), refusal.body(), refusal.allow());
                    return;
                }
                if (!exchange.readBody(MAX_ADMIN_BODY_BYTES)) {
                    exchange.exchange.getResponseHeaders().set("Connection", "close");
                    exchange.send(
                            413,
                            CceErrors.error(
                                    CceErrors.INVALID_REQUEST,
                                    "Admin request body too large:" + " at most " + MAX_ADMIN_BODY_BYTES + " bytes."),
                            null);
                    return;
                }
                AdminApi.Answer answer = admin.handle(exchange.method, exchange.path, exchange.query, exchange.body);
                if (answer.stream() != null) {
                    exchange.sendStreaming(answer.status(), answer.stream());
                } else {
                    exchange.send(answer.status(), answer.body(), answer.allow());
                }
            }
            default ->
                exchange.send(
                        404,
                        CceErrors.error(
                                CceErrors.NOT_FOUND,
                                "Resource not found: the stub serves POST " + NodePoolContract.PATH
                                        + ", GET /openapi.yaml, GET /openapi.json, GET /docs and /__admin/..."),
                        null);
        }
    }

    /**
     * RFC 9112, section 3.2: a server MUST answer 400 to an HTTP/1.1 request without a Host header and to
     * any request with more than one. (HTTP/1.0 requests may leave it out.)
     */
    static String hostRefusal(Exchange exchange) {
        int hosts = 0;
        for (var header : exchange.headers.entrySet()) {
            if (header.getKey().equalsIgnoreCase("Host")) {
                hosts += header.getValue().size();
            }
        }
        if (hosts > 1) {
            return "The request has " + hosts + " Host headers; HTTP allows one (RFC 9112, section 3.2).";
        }
        if (hosts == 0 && !"HTTP/1.0".equalsIgnoreCase(exchange.exchange.getProtocol())) {
            return "The request has no Host header; HTTP/1.1 requires one (RFC 9112, section 3.2).";
        }
        return null;
    }

    private static void document(Exchange exchange, String contentType, byte[] bytes) throws IOException {
        if (!exchange.method.equals("GET") && !exchange.method.equals("HEAD")) {
            exchange.send(
                    405,
                    CceErrors.error(
                            CceErrors.METHOD_NOT_ALLOWED,
                            "Method " + exchange.method + " is not allowed here; allowed: GET, HEAD."),
                    "GET, HEAD");
            return;
        }
        exchange.sendBytes(200, contentType, bytes);
    }
}
