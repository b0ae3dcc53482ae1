package io.github.ccecontract.nodepool.stub.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.ccecontract.nodepool.contract.NodePoolContract;
import io.github.ccecontract.nodepool.stub.errors.CceErrors;
import io.github.ccecontract.nodepool.stub.service.CreateOutcome;
import io.github.ccecontract.nodepool.stub.service.NodePoolService;
import io.github.ccecontract.nodepool.stub.validation.JsonBodyParser;
import java.io.IOException;
import java.time.Clock;
import java.util.List;

/**
 * The operation over HTTP. Its checks run in this order, each answering as soon as it fails: method
 * (405), Content-Length above the limit (413, the body is not read), the body read up to the limit
 * (413), authentication (401), cluster (404), Content-Type (400 CCE.01400006), JSON (400
 * CCE.01400006); then the service: schema and rules (400 CCE.01400001 or CCE.01400014 with every
 * violation), name taken (409), store full (507), else 201.
 */
final class CreateNodePoolRoute {

    /**
     * Most bytes of a refused (too large) body read and thrown away before the 413 is sent. Closing a
     * connection with unread data resets it, and the client then sees a reset instead of the 413;
     * beyond this the stub answers and closes all the same.
     */
    static final long MAX_DISCARD = 16L << 20;

    private final NodePoolService service;
    private final Authenticator authenticator;
    private final int maxBodyBytes;

    CreateNodePoolRoute(NodePoolService service, Clock clock) {
        this.service = service;
        this.maxBodyBytes = service.config().maxBodyBytes();
        this.authenticator = new Authenticator(service.config().tokens(), service.config().accessKeys(), clock);
    }

    void handle(Exchange exchange, Route route) throws IOException {
        JsonNode json;
        if (methodAllowed(exchange)
                && declaredLengthWithinLimit(exchange)
                && bodyRead(exchange)
                && authenticated(exchange)
                && clusterKnown(exchange, route)
                && mediaTypeAccepted(exchange)
                && (json = parsed(exchange)) != null) {
            CreateOutcome outcome = service.create(route.projectId(), route.clusterId(), json);
            if (outcome.created()) {
                exchange.sendJson(outcome.status(), outcome.pool().responseJson());
            } else {
                exchange.send(outcome.status(), outcome.body(), null);
            }
        }
    }

    private static boolean methodAllowed(Exchange exchange) throws IOException {
        if (exchange.method.equals("POST")) {
            return true;
        }
        exchange.send(405, CceErrors.error(CceErrors.METHOD_NOT_ALLOWED, "Method " + exchange.method
                + " is not allowed on " + NodePoolContract.PATH + "; allowed: POST."), "POST");
        return false;
    }

    /** Refuses a declared length above the limit without reading the body into memory. */
    private boolean declaredLengthWithinLimit(Exchange exchange) throws IOException {
        List<String> lengths = exchange.exchange.getRequestHeaders().get("Content-Length");
        if (lengths == null || lengths.isEmpty() || declaredLength(lengths.get(0)) <= maxBodyBytes) {
            return true;
        }
        // A body the client is still sending is discarded up to MAX_DISCARD so that the client reads the 413
        // instead of a connection reset.
        if (declaredLength(lengths.get(0)) > MAX_DISCARD || !exchange.discardBody(MAX_DISCARD)) {
            exchange.exchange.getResponseHeaders().set("Connection", "close");
        }
        exchange.send(413, tooLarge(), null);
        return false;
    }

    private static long declaredLength(String header) {
        try {
            return Long.parseLong(header.strip());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private boolean bodyRead(Exchange exchange) throws IOException {
        boolean complete;
        try {
            complete = exchange.readBody(maxBodyBytes);
        } catch (IOException e) {
            // A broken chunked encoding or a body cut short: answer if the client still listens.
            exchange.exchange.getResponseHeaders().set("Connection", "close");
            exchange.send(400, CceErrors.error(CceErrors.BAD_BODY, "The request body cannot be read ("
                    + e.getMessage() + ")."), null);
            return false;
        }
        if (complete) {
            return true;
        }
        if (!exchange.discardBody(MAX_DISCARD)) {
            exchange.exchange.getResponseHeaders().set("Connection", "close");
        }
        exchange.send(413, tooLarge(), null);
        return false;
    }

    private boolean authenticated(Exchange exchange) throws IOException {
        String refusal = authenticator.refuse(exchange.method, exchange.path, exchange.query, exchange.headers,
                exchange.body);
        if (refusal == null) {
            return true;
        }
        exchange.send(401, CceErrors.error(CceErrors.UNAUTHORIZED, refusal), null);
        return false;
    }

    private boolean clusterKnown(Exchange exchange, Route route) throws IOException {
        if (service.cluster(route.clusterId()).isPresent()) {
            return true;
        }
        CreateOutcome unknown = service.unknownCluster(route.clusterId());
        exchange.send(unknown.status(), unknown.body(), null);
        return false;
    }

    private static boolean mediaTypeAccepted(Exchange exchange) throws IOException {
        String refusal = MediaTypes.refuse(exchange.exchange.getRequestHeaders().get("Content-Type"));
        if (refusal == null) {
            return true;
        }
        exchange.send(400, CceErrors.error(CceErrors.BAD_BODY, refusal), null);
        return false;
    }

    /** The body as JSON, or null after answering 400. */
    private static JsonNode parsed(Exchange exchange) throws IOException {
        try {
            exchange.bodyJson = JsonBodyParser.parse(exchange.body);
            return exchange.bodyJson;
        } catch (JsonBodyParser.MalformedBodyException e) {
            exchange.send(400, CceErrors.error(CceErrors.BAD_BODY, e.getMessage()), null);
            return null;
        }
    }

    private JsonNode tooLarge() {
        return CceErrors.error(CceErrors.INVALID_REQUEST, "Request body too large: the stub accepts at most "
                + maxBodyBytes + " bytes (maxBodyBytes).");
    }
}
