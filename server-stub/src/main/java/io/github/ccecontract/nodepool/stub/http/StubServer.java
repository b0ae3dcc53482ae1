package io.github.ccecontract.nodepool.stub.http;

import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** The JDK's HTTP server ({@code com.sun.net.httpserver}) on a fixed pool of daemon threads. */
public final class StubServer implements AutoCloseable {

    /** Default number of request threads. */
    public static final int DEFAULT_THREADS = Math.max(4, 2 * Runtime.getRuntime().availableProcessors());

    private static final AtomicInteger SERVERS = new AtomicInteger();

    private final HttpServer server;
    private final ExecutorService executor;

    private StubServer(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    /**
     * Without {@code sun.net.httpserver.nodelay} the JDK server leaves Nagle's algorithm on and every
     * answer waits for the client's delayed ACK: about 40 ms per request. The property is read once,
     * when the JDK server's configuration is first loaded, so it is set before the first server of the
     * JVM (unless the user set it).
     */
    static void enableNoDelay() {
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    /** Binds {@code address} (port 0: a free port) and serves {@code handler} on {@code threads} threads. */
    public static StubServer start(InetSocketAddress address, HttpHandler handler, int threads) throws IOException {
        enableNoDelay();
        HttpServer server = HttpServer.create(address, 128);
        int number = SERVERS.incrementAndGet();
        AtomicInteger count = new AtomicInteger();
        ThreadFactory factory = runnable -> {
            Thread thread = new Thread(runnable, "cce-stub-" + number + "-http-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
        ExecutorService executor = Executors.newFixedThreadPool(threads, factory);
        server.createContext("/", handler);
        server.setExecutor(executor);
        server.start();
        return new StubServer(server, executor);
    }

    /** The bound address (with the port chosen if 0 was asked for). */
    public InetSocketAddress address() {
        return server.getAddress();
    }

    /** Stops listening at once, then lets running requests finish for up to a second. */
    @Override
    public void close() {
        server.stop(0);
        executor.shutdown();
        try {
            if (!executor.awaitTermination(1, TimeUnit.SECONDS)) {
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
