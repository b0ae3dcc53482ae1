package io.github.ccecontract.nodepool.client.benchmark;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.github.ccecontract.nodepool.contract.NodePoolContract.DocumentedExample;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A loopback HTTP server that answers every request with 201 and the documented CCE response body
 * ({@code cce-nodepool/examples/cce-cluster-response.json} of the openapi jar), as fast as the JDK's
 * server can: the exchange is handled on the server's dispatcher thread, no executor hand-off.
 *
 * <p>It can record the next request it receives ({@link #capture()}), so that the benchmark can
 * prove that its two callers send the same request.
 */
final class LoopbackCceServer implements AutoCloseable {
    static {
        // Read once, when the JDK's server implementation is first used: without it the server writes the
        // response headers and the body in two TCP segments, and Nagle's algorithm against the client's
        // delayed ACK adds ~40 ms to every call, which would drown what the benchmark measures.
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    /** What the server received: request line, headers (names case-insensitive), body. */
    record Recorded(String method, String uri, Map<String, List<String>> headers, byte[] body) {}

    private final HttpServer server;
    private final byte[] responseBody = DocumentedExample.CCE_CLUSTER_RESPONSE.bytes();
    private volatile boolean capturing;
    private volatile Recorded recorded;

    LoopbackCceServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(null); // the dispatcher thread handles the exchange itself
        server.start();
    }

    /** The base URL, e.g. {@code http://127.0.0.1:43210/}. */
    String url() {
        InetSocketAddress address = server.getAddress();
        return "http://" + address.getAddress().getHostAddress() + ":" + address.getPort() + "/";
    }

    /** Records the next request; {@link #recorded()} returns it. */
    void capture() {
        recorded = null;
        capturing = true;
    }

    Recorded recorded() {
        Recorded r = recorded;
        if (r == null) throw new IllegalStateException("no request recorded");
        return r;
    }

    private static Map<String, List<String>> headers(HttpExchange exchange) {
        Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        exchange.getRequestHeaders().forEach((name, values) -> headers.put(name, List.copyOf(values)));
        return headers;
    }

    private void handle(HttpExchange exchange) throws IOException {
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readAllBytes();
        }
        if (capturing) {
            capturing = false;
            recorded = new Recorded(
                    exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(), headers(exchange), body);
        }
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(201, responseBody.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(responseBody);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
