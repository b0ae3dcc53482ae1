package io.github.ccecontract.nodepool.stub.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.github.ccecontract.nodepool.contract.NodePoolContract;
import io.github.ccecontract.nodepool.stub.admin.AdminApi;
import io.github.ccecontract.nodepool.stub.admin.RequestJournal;
import io.github.ccecontract.nodepool.stub.errors.CceErrors;
import io.github.ccecontract.nodepool.stub.service.NodePoolService;
import java.io.IOException;
import java.time.Clock;
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

    public StubHttpHandler(NodePoolService service, RequestJournal journal, AdminApi admin, Clock clock) {
        this.journal = journal;
        this.admin = admin;
        this.clock = clock;
        this.createNodePool = new CreateNodePoolRoute(service, clock);
    }

    /** Requests the stub failed on (answered 500): a bug of the stub; tests expect 0. */
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
            LOG.log(System.Logger.Level.ERROR, "request " + exchange.id + " (" + exchange.method + " " + exchange.path
                    + ") failed in the stub; answered 500", t);
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
            exchange.send(500, CceErrors.error(CceErrors.INTERNAL, "Internal server error: the stub failed on"
                    + " this request (X-Request-Id " + exchange.id + "); the cause is in its log."), null);
        } catch (IOException | RuntimeException ignored) {
            // nothing more to do
        }
    }

    private void dispatch(Exchange exchange) throws IOException {
        Route route = Route.of(exchange.path);
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
                AdminApi.Answer answer = admin.handle(exchange.method, exchange.path);
                exchange.send(answer.status(), answer.body(), answer.allow());
            }
            default -> exchange.send(404, CceErrors.error(CceErrors.NOT_FOUND, "Resource not found: the stub serves POST "
                    + NodePoolContract.PATH + ", GET /openapi.yaml, GET /openapi.json, GET /docs and /__admin/..."),
                    null);
        }
    }

    private static void document(Exchange exchange, String contentType, byte[] bytes) throws IOException {
        if (!exchange.method.equals("GET") && !exchange.method.equals("HEAD")) {
            exchange.send(405, CceErrors.error(CceErrors.METHOD_NOT_ALLOWED, "Method " + exchange.method
                    + " is not allowed here; allowed: GET, HEAD."), "GET, HEAD");
            return;
        }
        exchange.sendBytes(200, contentType, bytes);
    }
}
