package io.github.ccecontract.nodepool.stub;

import static io.github.ccecontract.nodepool.stub.StubHttp.example;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.ccecontract.nodepool.contract.NodePoolContract.DocumentedExample;
import io.github.ccecontract.nodepool.stub.http.StubServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Issue 10, item 2: clients that trickle their headers (a byte per 500 ms, on loopback) neither starve
 * the others nor hold the stub forever.
 *
 * <p>Bounded: {@code stub.slowClients} slow connections (default 16, four times the stub's ready
 * threads) and {@code stub.normalRequests} normal requests (default 40). The bound asserted is generous
 * (a busy 2-core CI machine); the number printed is the measurement. The manual check of issue 10 runs
 * it with 64 slow clients: {@code -Dstub.slowClients=64 -Dstub.normalRequests=1000}.
 */
class SlowClientsTest {

    static final String PATH = StubHttp.nodePoolsPath("p1", "c1");

    /** A client sending its request a byte per 500 ms; cut by the stub, it connects again. */
    static final class SlowClient {
        private final int port;
        private final byte[] request;
        private Socket socket;
        private int sent;
        int reconnects;

        SlowClient(int port, int n) {
            this.port = port;
            // headers that never end: one more byte of a long header value every time
            this.request = ("POST " + PATH + " HTTP/1.1\r\nHost: stub\r\nX-Slow-" + n + ": " + "a".repeat(100_000))
                    .getBytes(StandardCharsets.ISO_8859_1);
        }

        void tick() {
            try {
                if (socket == null || sent >= request.length) {
                    close();
                    socket = new Socket("127.0.0.1", port);
                    sent = 0;
                }
                OutputStream out = socket.getOutputStream();
                out.write(request[sent++]);
                out.flush();
            } catch (IOException e) {
                reconnects++;
                close();
            }
        }

        void close() {
            if (socket != null) {
                try {
                    socket.close();
                } catch (IOException ignored) {
                    // closing anyway
                }
                socket = null;
            }
        }
    }

    @Test
    void slowClientsDoNotStarveTheOthers() throws Exception {
        int slowCount = Integer.getInteger("stub.slowClients", 16);
        int normal = Integer.getInteger("stub.normalRequests", 40);
        ScheduledExecutorService trickle = Executors.newSingleThreadScheduledExecutor();
        List<SlowClient> slow = new ArrayList<>();
        try (CceNodePoolStub stub = CceNodePoolStub.builder().start()) {
            for (int i = 0; i < slowCount; i++) {
                slow.add(new SlowClient(stub.port(), i));
            }
            trickle.scheduleAtFixedRate(() -> slow.forEach(SlowClient::tick), 0, 500, TimeUnit.MILLISECONDS);
            Thread.sleep(800); // every slow client has sent a byte or two: each holds a request thread
            ObjectNode request = example(DocumentedExample.CCE_CLUSTER_REQUEST);
            long[] millis = new long[normal];
            for (int i = 0; i < normal; i++) {
                ((ObjectNode) request.get("metadata")).put("name", "slow-test-" + i);
                long start = System.nanoTime();
                StubHttp.Answer answer = StubHttp.create(stub, "c1", request);
                millis[i] = (System.nanoTime() - start) / 1_000_000;
                assertEquals(201, answer.status(), answer.text());
            }
            Arrays.sort(millis);
            long p99 = millis[Math.min(normal - 1, (int) Math.ceil(normal * 0.99) - 1)];
            System.out.printf(
                    "SlowClientsTest: %d slow clients, %d requests: p50 %d ms, p99 %d ms, max %d ms%n",
                    slowCount, normal, millis[normal / 2], p99, millis[normal - 1]);
            // Without the fix every one of these waited (forever) behind the slow clients.
            assertTrue(p99 < 2_000, "p99 " + p99 + " ms with " + slowCount + " slow clients");
        } finally {
            trickle.shutdownNow();
            trickle.awaitTermination(5, TimeUnit.SECONDS);
            slow.forEach(SlowClient::close);
        }
    }

    @Test
    void aStalledRequestIsCut() throws Exception {
        try (CceNodePoolStub stub = CceNodePoolStub.builder().start()) {
            int limit = Integer.parseInt(System.getProperty("sun.net.httpserver.maxReqTime"));
            assertTrue(limit > 0 && limit <= StubServer.DEFAULT_MAX_REQUEST_SECONDS, "maxReqTime " + limit);
            String headersOnly = "POST " + PATH + " HTTP/1.1\r\nHost: stub\r\nX-Auth-Token: t\r\n";
            String bodyCutShort = "POST " + PATH + " HTTP/1.1\r\nHost: stub\r\nX-Auth-Token: t\r\n"
                    + "Content-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"kind\":";
            for (String stalled : List.of(headersOnly, bodyCutShort)) {
                try (Socket socket = new Socket("127.0.0.1", stub.port())) {
                    socket.setSoTimeout((limit + 5) * 1000);
                    long start = System.nanoTime();
                    socket.getOutputStream().write(stalled.getBytes(StandardCharsets.ISO_8859_1));
                    socket.getOutputStream().flush();
                    InputStream in = socket.getInputStream();
                    try {
                        while (in.read() != -1) {
                            // an answer (none is expected) is read to its end
                        }
                    } catch (SocketTimeoutException e) {
                        throw new AssertionError(
                                "not cut within " + (limit + 5) + " s: " + stalled.length() + " bytes");
                    } catch (IOException e) {
                        // reset: cut too
                    }
                    long seconds = (System.nanoTime() - start) / 1_000_000_000L;
                    assertTrue(seconds >= limit - 1 && seconds <= limit + 4, "cut after " + seconds + " s");
                }
            }
        }
    }
}
