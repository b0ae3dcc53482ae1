package io.github.ccecontract.nodepool.client;

import static io.github.ccecontract.nodepool.client.CceNodePoolClientTest.created;
import static io.github.ccecontract.nodepool.client.CceNodePoolClientTest.documentedRequest;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ccecontract.nodepool.client.auth.AkSkCredentials;
import io.github.ccecontract.nodepool.client.auth.TokenCredentials;
import io.github.ccecontract.nodepool.contract.NodePoolContract.DocumentedExample;
import io.github.ccecontract.nodepool.contract.model.NodePool;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.SocketEffect;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The retry policy on the wire: what is retried, how long the client waits, when it stops. */
class RetryTest {
    private static final Instant START = Instant.parse("2026-03-04T05:06:07Z");
    private static final String CONFLICT =
            "{\"errorCode\":\"CCE.01409001\",\"errorMessage\":\"The resource already exists\"}";

    private final MockWebServer server = new MockWebServer();
    private final FakeTime time = new FakeTime(START);
    private final NodePool pool = documentedRequest(DocumentedExample.CCE_CLUSTER_REQUEST);

    @BeforeEach
    void start() throws Exception {
        server.start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private CceNodePoolClient.Builder client(RetryPolicy policy) {
        return CceNodePoolClient.builder()
                .endpoint(server.url("/").toString())
                .projectId("p1")
                .credentials(new TokenCredentials("t0ken"))
                .retryPolicy(policy)
                .clock(time)
                .sleeper(time);
    }

    private static RetryPolicy.Builder noJitter() {
        return RetryPolicy.builder().jitter(0).initialBackoff(Duration.ofMillis(100));
    }

    private static MockResponse status(int code, String... headers) {
        MockResponse.Builder builder = new MockResponse.Builder().code(code).addHeader("X-Request-Id", "req-" + code);
        for (int i = 0; i < headers.length; i += 2) builder.addHeader(headers[i], headers[i + 1]);
        return builder.body(code == 409 ? CONFLICT : "").build();
    }

    // ------------------------------------------------------------------ 429 and Retry-After

    @Test
    void a429IsRetriedByDefaultAfterItsRetryAfterSeconds() throws Exception {
        server.enqueue(status(429, "Retry-After", "3"));
        server.enqueue(created(DocumentedExample.CCE_CLUSTER_RESPONSE));
        try (CceNodePoolClient c = client(RetryPolicy.defaults()).build()) {
            assertEquals(
                    "wyr-17-nodepool-53042",
                    c.createNodePool("c1", pool).getMetadata().getName());
        }
        assertEquals(2, server.getRequestCount());
        assertEquals(List.of(Duration.ofSeconds(3)), time.sleeps, "Retry-After, not the backoff");
        byte[] first = server.takeRequest().getBody().toByteArray();
        assertEquals(
                new String(first), new String(server.takeRequest().getBody().toByteArray()), "the same request");
    }

    @Test
    void retryAfterAsAnHttpDate() {
        String date =
                DateTimeFormatter.RFC_1123_DATE_TIME.format(START.plusSeconds(7).atZone(ZoneOffset.UTC));
        server.enqueue(status(429, "Retry-After", date));
        server.enqueue(created(DocumentedExample.CCE_CLUSTER_RESPONSE));
        try (CceNodePoolClient c = client(RetryPolicy.defaults()).build()) {
            c.createNodePool("c1", pool);
        }
        assertEquals(List.of(Duration.ofSeconds(7)), time.sleeps);
    }

    @Test
    void a429WithoutRetryAfterWaitsTheBackoffAndTheLastAnswerIsTheResult() {
        for (int i = 0; i < 3; i++) server.enqueue(status(429));
        try (CceNodePoolClient c = client(noJitter().build()).build()) {
            CceServiceException e = assertThrows(CceServiceException.class, () -> c.createNodePool("c1", pool));
            assertEquals(429, e.statusCode());
        }
        assertEquals(3, server.getRequestCount(), "maxAttempts 3");
        assertEquals(List.of(Duration.ofMillis(100), Duration.ofMillis(200)), time.sleeps, "exponential");
    }

    @Test
    void theAsyncCallRetriesToo() throws Exception {
        server.enqueue(status(429, "Retry-After", "1"));
        server.enqueue(created(DocumentedExample.CCE_CLUSTER_RESPONSE));
        try (CceNodePoolClient c = client(RetryPolicy.defaults()).build()) {
            assertEquals(
                    201,
                    c.createNodePoolWithResponseAsync("c1", pool)
                            .get(10, TimeUnit.SECONDS)
                            .statusCode());
        }
        assertEquals(2, server.getRequestCount());
    }

    @Test
    void everyAttemptIsSignedAfresh() throws Exception {
        server.enqueue(status(429, "Retry-After", "2"));
        server.enqueue(created(DocumentedExample.CCE_CLUSTER_RESPONSE));
        try (CceNodePoolClient c = client(RetryPolicy.defaults())
                .credentials(new AkSkCredentials("AK", "SK"))
                .build()) {
            c.createNodePool("c1", pool);
        }
        String first = server.takeRequest().getHeaders().get("X-Sdk-Date");
        String second = server.takeRequest().getHeaders().get("X-Sdk-Date");
        assertEquals("20260304T050607Z", first);
        assertEquals("20260304T050609Z", second, "signed when sent, after the wait");
    }

    // ------------------------------------------------------------------ answers that may follow a creation

    @ParameterizedTest
    @ValueSource(ints = {500, 502, 503, 504})
    void possiblyProcessedAnswersAreNotRetriedByDefault(int code) {
        server.enqueue(status(code));
        try (CceNodePoolClient c = client(RetryPolicy.defaults()).build()) {
            assertEquals(
                    code,
                    assertThrows(CceServiceException.class, () -> c.createNodePool("c1", pool))
                            .statusCode());
        }
        assertEquals(1, server.getRequestCount());
        assertEquals(List.of(), time.sleeps);
    }

    @ParameterizedTest
    @ValueSource(ints = {500, 502, 503, 504})
    void possiblyProcessedAnswersAreRetriedWhenTheCallerOptsIn(int code) {
        server.enqueue(status(code));
        server.enqueue(created(DocumentedExample.CCE_CLUSTER_RESPONSE));
        try (CceNodePoolClient c =
                client(noJitter().retryPossiblyProcessed(true).build()).build()) {
            c.createNodePool("c1", pool);
        }
        assertEquals(2, server.getRequestCount());
        assertEquals(List.of(Duration.ofMillis(100)), time.sleeps);
    }

    @Test
    void a409AfterSuchARetryIsReportedAsPossiblyCreated() {
        server.enqueue(status(500));
        server.enqueue(status(409));
        try (CceNodePoolClient c =
                client(noJitter().retryPossiblyProcessed(true).build()).build()) {
            CcePossiblyCreatedException e =
                    assertThrows(CcePossiblyCreatedException.class, () -> c.createNodePool("c1", pool));
            assertEquals(409, e.statusCode());
            assertEquals("CCE.01409001", e.errorCode());
            assertEquals(2, e.attempts());
            assertEquals("req-409", e.headers().get("X-Request-Id"));
            assertTrue(e.getMessage().contains("may have created the node pool"), e.getMessage());
        }
    }

    @Test
    void a409AfterARetryOfA429IsAPlainConflict() {
        server.enqueue(status(429, "Retry-After", "0"));
        server.enqueue(status(409));
        try (CceNodePoolClient c =
                client(noJitter().retryPossiblyProcessed(true).build()).build()) {
            CceServiceException e = assertThrows(CceServiceException.class, () -> c.createNodePool("c1", pool));
            assertEquals(409, e.statusCode());
            assertFalse(e instanceof CcePossiblyCreatedException, "a 429 was not processed");
        }
    }

    @Test
    void aReadTimeoutIsRetriedOnlyWhenTheCallerOptsInAndThenA409IsPossiblyCreated() {
        server.enqueue(new MockResponse.Builder()
                .onResponseStart(SocketEffect.Stall.INSTANCE)
                .build());
        try (CceNodePoolClient c = client(RetryPolicy.defaults())
                .readTimeout(Duration.ofMillis(200))
                .build()) {
            CceClientException e = assertThrows(CceClientException.class, () -> c.createNodePool("c1", pool));
            assertInstanceOf(SocketTimeoutException.class, e.getCause());
        }
        assertEquals(1, server.getRequestCount(), "not retried by default");

        server.enqueue(new MockResponse.Builder()
                .onResponseStart(SocketEffect.Stall.INSTANCE)
                .build());
        server.enqueue(status(409));
        try (CceNodePoolClient c = client(
                        noJitter().retryPossiblyProcessed(true).build())
                .readTimeout(Duration.ofMillis(200))
                .build()) {
            assertEquals(
                    2,
                    assertThrows(CcePossiblyCreatedException.class, () -> c.createNodePool("c1", pool))
                            .attempts());
        }
        assertEquals(3, server.getRequestCount());
    }

    @Test
    void aConnectionClosedWithoutAnswerIsRetriedOnlyWhenTheCallerOptsIn() {
        server.enqueue(new MockResponse.Builder()
                .onRequestStart(new SocketEffect.CloseSocket())
                .build());
        try (CceNodePoolClient c = client(RetryPolicy.defaults()).build()) {
            assertThrows(CceClientException.class, () -> c.createNodePool("c1", pool));
        }
        assertEquals(List.of(), time.sleeps, "not retried by default: the request may have been read");

        server.enqueue(new MockResponse.Builder()
                .onRequestStart(new SocketEffect.CloseSocket())
                .build());
        server.enqueue(created(DocumentedExample.CCE_CLUSTER_RESPONSE));
        try (CceNodePoolClient c =
                client(noJitter().retryPossiblyProcessed(true).build()).build()) {
            c.createNodePool("c1", pool);
        }
        assertEquals(List.of(Duration.ofMillis(100)), time.sleeps);
    }

    // ------------------------------------------------------------------ nothing reached the server

    @Test
    void connectionRefusedIsRetriedByDefault() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        try (CceNodePoolClient c = client(noJitter().build())
                .endpoint("http://127.0.0.1:" + closedPort)
                .build()) {
            CceClientException e = assertThrows(CceClientException.class, () -> c.createNodePool("c1", pool));
            assertInstanceOf(ConnectException.class, e.getCause());
        }
        assertEquals(List.of(Duration.ofMillis(100), Duration.ofMillis(200)), time.sleeps, "3 attempts");
    }

    @Test
    void anUnknownHostIsRetriedByDefault() {
        AtomicInteger lookups = new AtomicInteger();
        OkHttpClient http = new OkHttpClient.Builder()
                .dns(host -> {
                    lookups.incrementAndGet();
                    throw new UnknownHostException(host);
                })
                .build();
        try (CceNodePoolClient c = client(noJitter().build())
                .endpoint("https://cce.invalid")
                .okHttpClient(http)
                .build()) {
            CceClientException e = assertThrows(CceClientException.class, () -> c.createNodePool("c1", pool));
            assertInstanceOf(UnknownHostException.class, e.getCause());
        }
        assertEquals(3, lookups.get());
    }

    @Test
    void noRetryWithPolicyNone() {
        server.enqueue(status(429, "Retry-After", "1"));
        try (CceNodePoolClient c = client(RetryPolicy.none()).build()) {
            assertEquals(
                    429,
                    assertThrows(CceServiceException.class, () -> c.createNodePool("c1", pool))
                            .statusCode());
        }
        assertEquals(1, server.getRequestCount());
    }

    // ------------------------------------------------------------------ backoff, jitter, deadline

    @Test
    void theBackoffDoublesUpToItsMaximum() {
        for (int i = 0; i < 5; i++) server.enqueue(status(429));
        try (CceNodePoolClient c = client(noJitter()
                        .maxAttempts(5)
                        .maxBackoff(Duration.ofMillis(300))
                        .build())
                .build()) {
            assertThrows(CceServiceException.class, () -> c.createNodePool("c1", pool));
        }
        assertEquals(
                List.of(Duration.ofMillis(100), Duration.ofMillis(200), Duration.ofMillis(300), Duration.ofMillis(300)),
                time.sleeps);
    }

    @Test
    void jitterTakesARandomPartOffTheBackoff() {
        RetryPolicy policy = RetryPolicy.builder()
                .initialBackoff(Duration.ofSeconds(1))
                .jitter(0.5)
                .build();
        List<Duration> waits = new java.util.ArrayList<>();
        for (int i = 0; i < 50; i++) waits.add(policy.backoff(2));
        for (Duration wait : waits) {
            assertTrue(
                    wait.compareTo(Duration.ofSeconds(1)) >= 0 && wait.compareTo(Duration.ofSeconds(2)) <= 0,
                    wait.toString());
        }
        assertNotEquals(1, waits.stream().distinct().count(), "random");
        assertEquals(Duration.ofSeconds(2), policy.toBuilder().jitter(0).build().backoff(2));
    }

    @Test
    void noWaitBeyondTheDeadline() {
        server.enqueue(status(429, "Retry-After", "10"));
        try (CceNodePoolClient c = client(
                        RetryPolicy.builder().deadline(Duration.ofSeconds(5)).build())
                .build()) {
            assertEquals(
                    429,
                    assertThrows(CceServiceException.class, () -> c.createNodePool("c1", pool))
                            .statusCode());
        }
        assertEquals(1, server.getRequestCount(), "the answer is the result at once");
        assertEquals(List.of(), time.sleeps);
    }

    @Test
    void theDeadlineCountsFromTheStartOfTheCall() {
        for (int i = 0; i < 10; i++) server.enqueue(status(429));
        RetryPolicy policy = noJitter()
                .initialBackoff(Duration.ofSeconds(2))
                .maxBackoff(Duration.ofSeconds(60))
                .maxAttempts(10)
                .deadline(Duration.ofSeconds(7))
                .build();
        try (CceNodePoolClient c = client(policy).build()) {
            assertThrows(CceServiceException.class, () -> c.createNodePool("c1", pool));
        }
        // 2 s, then 4 s (6 s in all); 8 s more would end at 14 s, after the deadline.
        assertEquals(List.of(Duration.ofSeconds(2), Duration.ofSeconds(4)), time.sleeps);
        assertEquals(3, server.getRequestCount());
    }

    @Test
    void noWaitBeyondTheCallTimeout() {
        server.enqueue(status(429, "Retry-After", "5"));
        server.enqueue(created(DocumentedExample.CCE_CLUSTER_RESPONSE));
        try (CceNodePoolClient c = client(RetryPolicy.defaults())
                .callTimeout(Duration.ofSeconds(2))
                .build()) {
            assertEquals(
                    429,
                    assertThrows(CceServiceException.class, () -> c.createNodePool("c1", pool))
                            .statusCode());
        }
        assertEquals(1, server.getRequestCount(), "the call timeout would end the wait: the 429 is the answer");
        assertEquals(List.of(), time.sleeps);
    }

    @Test
    void anInterruptedWaitFailsTheCall() {
        server.enqueue(status(429, "Retry-After", "1"));
        try (CceNodePoolClient c = client(RetryPolicy.defaults())
                .sleeper(d -> {
                    throw new InterruptedException();
                })
                .build()) {
            CceClientException e = assertThrows(CceClientException.class, () -> c.createNodePool("c1", pool));
            assertInstanceOf(java.io.InterruptedIOException.class, e.getCause());
            assertTrue(Thread.interrupted(), "the interrupt is kept");
        }
    }

    @Test
    void policyArguments() {
        assertThrows(IllegalArgumentException.class, () -> RetryPolicy.builder().maxAttempts(0));
        assertThrows(IllegalArgumentException.class, () -> RetryPolicy.builder().jitter(1.5));
        assertThrows(IllegalArgumentException.class, () -> RetryPolicy.builder().deadline(Duration.ZERO));
        assertThrows(
                IllegalArgumentException.class, () -> RetryPolicy.builder().initialBackoff(Duration.ofSeconds(-1)));
        assertThrows(
                IllegalArgumentException.class,
                () -> RetryPolicy.builder()
                        .initialBackoff(Duration.ofSeconds(2))
                        .maxBackoff(Duration.ofSeconds(1))
                        .build());
        RetryPolicy defaults = RetryPolicy.defaults();
        assertEquals(3, defaults.maxAttempts());
        assertFalse(defaults.retryPossiblyProcessed());
        assertEquals(Duration.ofSeconds(60), defaults.deadline());
        assertEquals(1, RetryPolicy.none().maxAttempts());
    }
}
