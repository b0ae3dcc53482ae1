package io.github.ccecontract.nodepool.stub.http;

import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The JDK's HTTP server ({@code com.sun.net.httpserver}) on a pool of daemon threads.
 *
 * <p><b>Slow clients (issue 10, item 2).</b> The JDK server reads a request's line, headers and body on
 * the executor's threads ({@code sun.net.httpserver.ServerImpl.Exchange}), so a client that trickles
 * its headers holds a thread for as long as it likes. Two measures:
 * <ul>
 *   <li>The pool keeps {@code threads} threads and starts more, up to {@link #MAX_THREADS}, whenever
 *       none is free (no queue): requests waiting for slow clients' bytes do not queue up the others.
 *       Beyond {@link #MAX_THREADS} busy threads the JDK server closes new connections.</li>
 *   <li>{@code sun.net.httpserver.maxReqTime} (JDK 17: seconds from a request's first byte until its
 *       body is read; checked every {@code sun.net.httpserver.timerMillis}) is set to
 *       {@link #DEFAULT_MAX_REQUEST_SECONDS} unless the user set it: a request whose headers and body
 *       have not arrived by then is cut (the connection is closed; the JDK server cannot answer 408).</li>
 * </ul>
 * Connections that send nothing at all hold no thread (the JDK server's selector watches them) and
 * are closed after {@code sun.net.httpserver.idleInterval} (30 s).
 */
public final class StubServer implements AutoCloseable {

    /** Default number of request threads kept ready. */
    public static final int DEFAULT_THREADS =
            Math.max(4, 2 * Runtime.getRuntime().availableProcessors());

    /** Most request threads at once (slow clients each hold one while their request arrives). */
    public static final int MAX_THREADS = 256;

    /** Seconds a request may take to arrive, headers and body (sun.net.httpserver.maxReqTime). */
    public static final int DEFAULT_MAX_REQUEST_SECONDS = 10;

    private static final AtomicInteger SERVERS = new AtomicInteger();

    private final HttpServer server;
    private final ExecutorService executor;

    private StubServer(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    /**
     * The JDK server reads its configuration once, when its first server of the JVM is made, from
     * system properties; those the stub needs are set before (unless the user set them):
     * {@code sun.net.httpserver.nodelay=true} (without it every answer waits about 40 ms for the
     * client's delayed ACK) and {@code sun.net.httpserver.maxReqTime} (see the class comment).
     */
    static void configureJdkServer() {
        setIfAbsent("sun.net.httpserver.nodelay", "true");
        setIfAbsent("sun.net.httpserver.maxReqTime", String.valueOf(DEFAULT_MAX_REQUEST_SECONDS));
    }

    private static void setIfAbsent(String name, String value) {
        if (System.getProperty(name) == null) {
            System.setProperty(name, value);
        }
    }

    /**
     * Binds {@code address} (port 0: a free port) and serves {@code handler}, {@code threads} threads kept ready.
     *
     * @param address the address and port to bind
     * @param handler the handler of every request
     * @param threads the number of request threads kept ready
     * @return the server, listening
     * @throws IOException if the address cannot be bound
     */
    public static StubServer start(InetSocketAddress address, HttpHandler handler, int threads) throws IOException {
        configureJdkServer();
        HttpServer server = HttpServer.create(address, 128);
        int number = SERVERS.incrementAndGet();
        AtomicInteger count = new AtomicInteger();
        ThreadFactory factory = runnable -> {
            Thread thread = new Thread(runnable, "cce-stub-" + number + "-http-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
        ExecutorService executor = new ThreadPoolExecutor(
                threads, Math.max(threads, MAX_THREADS), 30, TimeUnit.SECONDS, new SynchronousQueue<>(), factory);
        server.createContext("/", handler);
        server.setExecutor(executor);
        server.start();
        return new StubServer(server, executor);
    }

    /**
     * The bound address (with the port chosen if 0 was asked for).
     *
     * @return the address the server listens on
     */
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
