package io.github.ccecontract.nodepool.conformance.checks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ccecontract.nodepool.client.CceClientException;
import io.github.ccecontract.nodepool.client.CceNodePoolClient;
import io.github.ccecontract.nodepool.client.CcePossiblyCreatedException;
import io.github.ccecontract.nodepool.client.CceServiceException;
import io.github.ccecontract.nodepool.client.RetryPolicy;
import io.github.ccecontract.nodepool.client.Sleeper;
import io.github.ccecontract.nodepool.client.auth.TokenCredentials;
import io.github.ccecontract.nodepool.conformance.support.Checks;
import io.github.ccecontract.nodepool.contract.CceJson;
import io.github.ccecontract.nodepool.contract.NodePoolContract.DocumentedExample;
import io.github.ccecontract.nodepool.contract.model.NodePool;
import io.github.ccecontract.nodepool.contract.model.NodePoolResponse;
import io.github.ccecontract.nodepool.stub.faults.Fault;
import io.github.ccecontract.nodepool.stub.junit.CceNodePoolStubExtension;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Check 2 for the client's retries (issue 11, item 3): the real client against the stub's fault simulation, over
 * HTTP on loopback. The waits go through a {@link Sleeper} that records them instead of sleeping.
 *
 * <p>The stub's status faults act before the request is processed (after its body is read, before authentication
 * and validation): a forced 500 never creates the pool, so "processed but answered 500" cannot be forced as such.
 * What the stub can do is delay a request and then process it: with a client read timeout shorter than the delay,
 * the first attempt creates the pool and the client sees no answer, the same uncertainty as a 500 after
 * processing. That is how the 409 after a possibly processed attempt is shown with a pool the first attempt really
 * created; a forced 500 in front of a pool that already exists shows the same report.
 */
@Tag(Checks.CLIENT_AGAINST_STUB)
class ClientRetriesAgainstStubTest {

    private static final String CLUSTER = "c1";

    /** Reset before each test: pools, journal and the faults a test added. */
    @RegisterExtension
    static final CceNodePoolStubExtension stub =
            CceNodePoolStubExtension.builder().build();

    /** Records the waits; optionally runs something in their place. */
    static final class RecordingSleeper implements Sleeper {
        final List<Duration> waits = new CopyOnWriteArrayList<>();
        private final Runnable instead;

        RecordingSleeper(Runnable instead) {
            this.instead = instead;
        }

        RecordingSleeper() {
            this(() -> {});
        }

        @Override
        public void sleep(Duration duration) {
            waits.add(duration);
            instead.run();
        }
    }

    static NodePool nodePool() throws IOException {
        return CceJson.newObjectMapper().readValue(DocumentedExample.CCE_CLUSTER_REQUEST.bytes(), NodePool.class);
    }

    static String name() throws IOException {
        return nodePool().getMetadata().getName();
    }

    static CceNodePoolClient client(RetryPolicy policy, Sleeper sleeper, Duration readTimeout) {
        CceNodePoolClient.Builder builder = CceNodePoolClient.builder()
                .endpoint(stub.baseUrl())
                .projectId(stub.projectId())
                .credentials(new TokenCredentials(stub.token()))
                .retryPolicy(policy)
                .sleeper(sleeper);
        if (readTimeout != null) {
            builder.readTimeout(readTimeout);
        }
        return builder.build();
    }

    static RetryPolicy optIn() {
        return RetryPolicy.builder().retryPossiblyProcessed(true).build();
    }

    @Test
    @DisplayName("a 429 forced twice with Retry-After: 1 is retried after 1 s each time, the third attempt creates")
    void throttledTwiceThenCreated() throws IOException {
        stub.faults().add(Fault.status(429).retryAfter(1).times(2).forCluster(CLUSTER));
        RecordingSleeper sleeper = new RecordingSleeper();
        try (CceNodePoolClient client = client(RetryPolicy.defaults(), sleeper, null)) {
            NodePoolResponse created = client.createNodePool(CLUSTER, nodePool());
            assertEquals(name(), created.getMetadata().getName());
        }
        assertEquals(List.of(Duration.ofSeconds(1), Duration.ofSeconds(1)), sleeper.waits, "the Retry-After waits");
        stub.requests().toCluster(CLUSTER).withStatus(429).verify(2);
        stub.requests().toCluster(CLUSTER).withStatus(201).verify(1);
        assertEquals(3, stub.requests().size());
        assertEquals(1, stub.nodePools().size());
    }

    @Test
    @DisplayName(
            "a 503 with Retry-After: 2 and the gateway's 502 and 504 are retried with the opt-in, the fourth attempt"
                    + " creates")
    void unavailableAndGatewayAnswersRetriedWithOptIn() throws IOException {
        stub.faults().add(Fault.status(503).retryAfter(2).once().forCluster(CLUSTER));
        stub.faults().add(Fault.status(502).once().forCluster(CLUSTER));
        stub.faults().add(Fault.status(504).once().forCluster(CLUSTER));
        RecordingSleeper sleeper = new RecordingSleeper();
        RetryPolicy fourAttempts = RetryPolicy.builder()
                .retryPossiblyProcessed(true)
                .maxAttempts(4)
                .build();
        try (CceNodePoolClient client = client(fourAttempts, sleeper, null)) {
            assertEquals(
                    name(),
                    client.createNodePool(CLUSTER, nodePool()).getMetadata().getName());
        }
        assertEquals(3, sleeper.waits.size(), sleeper.waits.toString());
        assertEquals(Duration.ofSeconds(2), sleeper.waits.get(0), "the 503's Retry-After");
        stub.requests().withStatus(503).verify(1);
        stub.requests().withStatus(502).verify(1);
        stub.requests().withStatus(504).verify(1);
        stub.requests().withStatus(201).verify(1);
    }

    @Test
    @DisplayName("a forced 503 is not retried by default: the service may have taken it")
    void unavailableNotRetriedByDefault() throws IOException {
        stub.faults().add(Fault.status(503).retryAfter(1).once().forCluster(CLUSTER));
        try (CceNodePoolClient client = client(RetryPolicy.defaults(), new RecordingSleeper(), null)) {
            NodePool pool = nodePool();
            CceServiceException e = assertThrows(CceServiceException.class, () -> client.createNodePool(CLUSTER, pool));
            assertEquals(503, e.statusCode());
            assertEquals("CCE.01503001", e.errorCode());
        }
        assertEquals(1, stub.requests().size(), "one attempt");
    }

    @Test
    @DisplayName("a forced 500 is not retried by default")
    void serverErrorNotRetriedByDefault() throws IOException {
        stub.faults().add(Fault.status(500).once().forCluster(CLUSTER));
        RecordingSleeper sleeper = new RecordingSleeper();
        try (CceNodePoolClient client = client(RetryPolicy.defaults(), sleeper, null)) {
            NodePool pool = nodePool();
            CceServiceException e = assertThrows(CceServiceException.class, () -> client.createNodePool(CLUSTER, pool));
            assertEquals(500, e.statusCode());
            assertFalse(e instanceof CcePossiblyCreatedException, e.toString());
        }
        assertEquals(List.of(), sleeper.waits);
        assertEquals(1, stub.requests().size(), "one attempt");
        assertTrue(stub.nodePools().isEmpty(), "a forced 500 comes before processing");
    }

    @Test
    @DisplayName("a forced 500 is retried with retryPossiblyProcessed(true), and the retry creates")
    void serverErrorRetriedWithOptIn() throws IOException {
        stub.faults().add(Fault.status(500).once().forCluster(CLUSTER));
        RecordingSleeper sleeper = new RecordingSleeper();
        try (CceNodePoolClient client = client(optIn(), sleeper, null)) {
            assertEquals(
                    name(),
                    client.createNodePool(CLUSTER, nodePool()).getMetadata().getName());
        }
        assertEquals(1, sleeper.waits.size(), sleeper.waits.toString());
        stub.requests().withStatus(500).verify(1);
        stub.requests().withStatus(201).verify(1);
    }

    @Test
    @DisplayName("a 409 after a retried 500 is CcePossiblyCreatedException (the pool existed before the 500)")
    void conflictAfterServerErrorIsPossiblyCreated() throws IOException {
        try (CceNodePoolClient client = client(RetryPolicy.none(), new RecordingSleeper(), null)) {
            client.createNodePool(CLUSTER, nodePool()); // stands for a 500 answered after processing
        }
        stub.faults().add(Fault.status(500).once().forCluster(CLUSTER));
        try (CceNodePoolClient client = client(optIn(), new RecordingSleeper(), null)) {
            NodePool pool = nodePool();
            CcePossiblyCreatedException e =
                    assertThrows(CcePossiblyCreatedException.class, () -> client.createNodePool(CLUSTER, pool));
            assertEquals(409, e.statusCode());
            assertEquals("CCE.01409001", e.errorCode());
            assertEquals(2, e.attempts());
        }
        assertEquals(1, stub.nodePools().size());
    }

    @Test
    @DisplayName("processed but unanswered (delay > read timeout), retried with the opt-in: the 409 is"
            + " CcePossiblyCreatedException, and the pool is the first attempt's")
    void firstAttemptCreatedThenConflict() throws IOException {
        stub.faults().add(Fault.delay(Duration.ofMillis(1500)).once().forCluster(CLUSTER));
        // The retry waits until the delayed first attempt has been processed, as a real backoff would.
        RecordingSleeper sleeper = new RecordingSleeper(() -> awaitPools(1));
        try (CceNodePoolClient client = client(optIn(), sleeper, Duration.ofMillis(300))) {
            NodePool pool = nodePool();
            CcePossiblyCreatedException e =
                    assertThrows(CcePossiblyCreatedException.class, () -> client.createNodePool(CLUSTER, pool));
            assertEquals(409, e.statusCode());
            assertEquals(2, e.attempts());
        }
        assertEquals(1, sleeper.waits.size());
        assertEquals(1, stub.nodePools().size(), "the first attempt created the pool");
        stub.requests().withStatus(201).verify(1); // the first attempt's answer, sent after the client gave up
        stub.requests().withStatus(409).verify(1);
    }

    @Test
    @DisplayName("a closed connection is not retried by default")
    void closedConnectionNotRetriedByDefault() throws IOException {
        stub.faults().add(Fault.closeConnection().once().forCluster(CLUSTER));
        RecordingSleeper sleeper = new RecordingSleeper();
        try (CceNodePoolClient client = client(RetryPolicy.defaults(), sleeper, null)) {
            NodePool pool = nodePool();
            CceClientException e = assertThrows(CceClientException.class, () -> client.createNodePool(CLUSTER, pool));
            assertInstanceOf(IOException.class, e.getCause(), e.toString());
        }
        assertEquals(List.of(), sleeper.waits);
        stub.requests().withStatus(0).verify(1);
        assertEquals(1, stub.requests().size(), "one attempt");
        assertTrue(stub.nodePools().isEmpty());
    }

    @Test
    @DisplayName("a closed connection is retried with retryPossiblyProcessed(true), and the retry creates")
    void closedConnectionRetriedWithOptIn() throws IOException {
        stub.faults().add(Fault.closeConnection().once().forCluster(CLUSTER));
        RecordingSleeper sleeper = new RecordingSleeper();
        try (CceNodePoolClient client = client(optIn(), sleeper, null)) {
            assertEquals(
                    name(),
                    client.createNodePool(CLUSTER, nodePool()).getMetadata().getName());
        }
        assertEquals(1, sleeper.waits.size());
        stub.requests().withStatus(0).verify(1);
        stub.requests().withStatus(201).verify(1);
    }

    private static void awaitPools(int count) {
        long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (stub.nodePools().size() < count && System.nanoTime() < end) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
