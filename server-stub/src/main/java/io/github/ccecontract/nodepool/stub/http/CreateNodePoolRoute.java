package io.github.ccecontract.nodepool.stub.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.ccecontract.nodepool.contract.NodePoolContract;
import io.github.ccecontract.nodepool.stub.errors.CceErrors;
import io.github.ccecontract.nodepool.stub.faults.Fault;
import io.github.ccecontract.nodepool.stub.faults.Faults;
import io.github.ccecontract.nodepool.stub.faults.Firing;
import io.github.ccecontract.nodepool.stub.faults.PreferHeader;
import io.github.ccecontract.nodepool.stub.service.CreateOutcome;
import io.github.ccecontract.nodepool.stub.service.NodePoolService;
import io.github.ccecontract.nodepool.stub.validation.DeclaredMembers;
import io.github.ccecontract.nodepool.stub.validation.JsonBodyParser;
import io.github.ccecontract.nodepool.stub.validation.UnknownMember;
import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * The operation over HTTP. Its checks run in this order, each answering as soon as it fails: method
 * (405), Content-Length above the limit (413, the body is not read), the body read up to the limit
 * (413), a fault (a {@code Prefer} header's or one of {@link Faults}: delay, forced answer, closed
 * connection; a malformed {@code Prefer} is 400 CCE.01400001), authentication (401), cluster (404),
 * Content-Type (400 CCE.01400006), JSON (400 CCE.01400006); then the service: schema and rules (400 CCE.01400001 or CCE.01400014 with every
 * violation), name taken (409), store full (507), else 201.
 */
final class CreateNodePoolRoute {

    /**
     * Most bytes of a refused (too large) body read and thrown away before the 413 is sent. Closing a
     * connection with unread data resets it, and the client then sees a reset instead of the 413;
     * beyond this the stub answers and closes all the same.
     */
    static final long MAX_DISCARD = 16L << 20;

    /**
     * Heap a request may need per byte of its body while it is read, parsed (a tree takes up to about 12
     * times the JSON of many small members), validated and journaled.
     */
    static final int WORKING_MEMORY_PER_BODY_BYTE = 16;
    /** Heap a request needs besides its body (buffers, the answer, the journal entry). */
    static final int WORKING_MEMORY_BASE = 64 * 1024;
    /** How long a request waits for working memory before it is answered 429. */
    static final long MEMORY_WAIT_MILLIS = 5_000;

    private final NodePoolService service;
    private final Authenticator authenticator;
    private final int maxBodyBytes;
    private final Faults faults;
    /**
     * Working memory of the requests in progress, in KiB (issue 10, item 4): a third of the maximum heap, at
     * least 16 MiB. Each request reserves what its declared length may need (a chunked one: the body
     * limit's) before its body is read, and gives it back when it is answered; a request that finds none
     * free within {@link #MEMORY_WAIT_MILLIS} gets 429. Without it, a few dozen concurrent 1 MiB bodies
     * ran a 128 MiB heap out of memory (500s, and an OutOfMemoryError that can hit the JDK's dispatcher).
     */
    private final Semaphore memory;

    private final int memoryKib;

    /**
     * Requests parsed, validated and created at once: as many as there are processors. The stub's threads
     * are many (a slow client holds one while its request arrives), but this part only needs CPU: more of
     * it at once than processors only shares them out, so each request took longer, the JIT compiler got
     * a smaller share, and the slowest 1% waited longest (issue 10, benchmark). Fair: first come, first
     * served. Reading the body, faults (delays) and sending stay outside.
     */
    private final Semaphore processing =
            new Semaphore(Math.max(2, Runtime.getRuntime().availableProcessors()), true);

    CreateNodePoolRoute(NodePoolService service, Clock clock, Faults faults) {
        this.service = service;
        this.faults = faults;
        this.maxBodyBytes = service.config().maxBodyBytes();
        this.authenticator =
                new Authenticator(service.config().tokens(), service.config().accessKeys(), clock);
        long budget = Math.max(16L << 20, Runtime.getRuntime().maxMemory() / 3);
        this.memoryKib = (int) Math.min(Integer.MAX_VALUE, budget >> 10);
        this.memory = new Semaphore(memoryKib, true);
    }

    void handle(Exchange exchange, Route route) throws IOException {
        if (!methodAllowed(exchange) || !declaredLengthWithinLimit(exchange)) {
            return;
        }
        int reserved = workingMemoryKib(exchange);
        if (!reserve(reserved)) {
            if (!exchange.discardBody(MAX_DISCARD)) {
                exchange.exchange.getResponseHeaders().set("Connection", "close");
            }
            exchange.exchange.getResponseHeaders().set("Retry-After", "1");
            exchange.send(
                    429,
                    CceErrors.error(
                            CceErrors.THROTTLED,
                            "Too many requests: the stub's memory for"
                                    + " request bodies is taken by other requests; retry later. This answer is the stub's own."),
                    null);
            return;
        }
        try {
            handleWithinMemory(exchange, route);
        } finally {
            memory.release(reserved);
        }
    }

    /** KiB of heap the request may need (its declared length, else the body limit), at most the whole budget. */
    private int workingMemoryKib(Exchange exchange) {
        List<String> lengths = exchange.exchange.getRequestHeaders().get("Content-Length");
        long declared = lengths == null || lengths.isEmpty()
                ? maxBodyBytes
                : Math.max(0, Math.min(maxBodyBytes, declaredLength(lengths.get(0))));
        long bytes = declared * WORKING_MEMORY_PER_BODY_BYTE + WORKING_MEMORY_BASE;
        return (int) Math.min(memoryKib, (bytes + 1023) >> 10);
    }

    private boolean reserve(int kib) {
        try {
            return memory.tryAcquire(kib, MEMORY_WAIT_MILLIS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private void handleWithinMemory(Exchange exchange, Route route) throws IOException {
        if (!bodyRead(exchange)
                || !notFaulted(exchange, route)
                || !authenticated(exchange)
                || !clusterKnown(exchange, route)
                || !mediaTypeAccepted(exchange)) {
            return;
        }
        CreateOutcome outcome;
        processing.acquireUninterruptibly();
        try {
            JsonNode json = parsed(exchange);
            if (json == null) {
                return;
            }
            exchange.unknownMembers = DeclaredMembers.bundled().allUnknownMembers(json);
            outcome = service.create(route.projectId(), route.clusterId(), json, exchange.unknownMembers);
        } finally {
            processing.release();
        }
        exchange.warnings = outcome.warnings();
        if (outcome.created()) {
            warningHeader(exchange, outcome.warnings());
            exchange.sendJson(outcome.status(), outcome.createdJson());
        } else {
            exchange.send(outcome.status(), outcome.body(), null);
        }
    }

    /** Name of the header of a 201 that lists the request's unknown members (D4). */
    static final String WARNING_HEADER = "Cce-Stub-Warning";

    /**
     * Most characters of {@value #WARNING_HEADER} field lines together: the first unknown members that fit are
     * sent (the journal lists them all), so that clients with a small header limit (Node.js: 16 KiB) still read
     * the answer.
     */
    static final int MAX_WARNING_HEADER_CHARS = 8192;

    /**
     * Adds one {@value #WARNING_HEADER} field line per unknown member, in body order (HTTP combines them into
     * one RFC 8941 List), as many as fit in {@link #MAX_WARNING_HEADER_CHARS}.
     */
    private static void warningHeader(Exchange exchange, List<UnknownMember> warnings) {
        int total = 0;
        for (UnknownMember warning : warnings) {
            String member = warning.headerMember();
            total += member.length() + 2;
            if (total > MAX_WARNING_HEADER_CHARS) {
                return;
            }
            exchange.exchange.getResponseHeaders().add(WARNING_HEADER, member);
        }
    }

    private static boolean methodAllowed(Exchange exchange) throws IOException {
        if (exchange.method.equals("POST")) {
            return true;
        }
        exchange.send(
                405,
                CceErrors.error(
                        CceErrors.METHOD_NOT_ALLOWED,
                        "Method " + exchange.method + " is not allowed on " + NodePoolContract.PATH
                                + "; allowed: POST."),
                "POST");
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
            exchange.send(
                    400,
                    CceErrors.error(CceErrors.BAD_BODY, "The request body cannot be read (" + e.getMessage() + ")."),
                    null);
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

    /**
     * Applies the fault a {@code Prefer} header asks for, else the first of {@link Faults} that fires: waits
     * its delay, then answers its status or closes the connection (false), or goes on (true).
     */
    private boolean notFaulted(Exchange exchange, Route route) throws IOException {
        List<String> prefer = exchange.exchange.getRequestHeaders().get("Prefer");
        if (prefer == null && faults.isEmpty()) {
            return true;
        }
        Firing firing = null;
        try {
            Fault asked = PreferHeader.parse(prefer);
            if (asked != null) {
                long min = asked.minDelayMillis();
                long max = asked.maxDelayMillis();
                firing = new Firing(
                        PreferHeader.ID,
                        asked,
                        min == max ? min : ThreadLocalRandom.current().nextLong(min, max + 1));
            }
        } catch (IllegalArgumentException e) {
            journalAsJson(exchange);
            exchange.send(400, CceErrors.error(CceErrors.INVALID_REQUEST, e.getMessage() + "."), null);
            return false;
        }
        if (firing == null && !faults.isEmpty()) {
            String name = null;
            if (faults.matchesNames()) {
                JsonNode json = quietlyParsed(exchange.body);
                name = json == null ? null : json.path("metadata").path("name").textValue();
            }
            firing = faults.fire(route.clusterId(), name, exchange.exchange.getRequestHeaders()::getFirst);
        }
        if (firing == null) {
            return true;
        }
        if (firing.status() != 0 || firing.closesConnection()) {
            journalAsJson(exchange);
        }
        if (firing.delayMillis() > 0) {
            try {
                Thread.sleep(firing.delayMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt(); // the stub is stopping: no answer
                return false;
            }
        }
        if (firing.closesConnection()) {
            return false; // no answer: StubHttpHandler closes the exchange, which closes the connection
        }
        if (firing.status() == 0) {
            return true; // a delay only
        }
        exchange.exchange.getResponseHeaders().set(Firing.HEADER, firing.id());
        if (firing.retryAfter() >= 0) {
            exchange.exchange.getResponseHeaders().set("Retry-After", String.valueOf(firing.retryAfter()));
        }
        exchange.send(firing.status(), firing.body(), null);
        return false;
    }

    /**
     * A request answered before its body is parsed is journaled as JSON, if it is JSON, so that the journal
     * redacts its password as it does for every other JSON body.
     */
    private static void journalAsJson(Exchange exchange) {
        exchange.bodyJson = quietlyParsed(exchange.body);
    }

    /** A body as JSON, or null if it is none. */
    private static JsonNode quietlyParsed(byte[] body) {
        try {
            return JsonBodyParser.parse(body);
        } catch (JsonBodyParser.MalformedBodyException | RuntimeException e) {
            return null;
        }
    }

    private boolean authenticated(Exchange exchange) throws IOException {
        String refusal =
                authenticator.refuse(exchange.method, exchange.path, exchange.query, exchange.headers, exchange.body);
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
        return CceErrors.error(
                CceErrors.INVALID_REQUEST,
                "Request body too large: the stub accepts at most " + maxBodyBytes + " bytes (maxBodyBytes).");
    }
}
