package io.github.ccecontract.nodepool.client.readme;

import io.github.ccecontract.nodepool.client.CceNodePoolClient;
import io.github.ccecontract.nodepool.client.CcePossiblyCreatedException;
import io.github.ccecontract.nodepool.client.RetryPolicy;
import io.github.ccecontract.nodepool.client.auth.Credentials;
import io.github.ccecontract.nodepool.contract.model.NodePool;
import java.time.Duration;
import java.util.Optional;

/** Retries after 500, 502, 503, 504 and read timeouts too, and what a 409 then means. */
public final class RetryPolicyExample {
    private RetryPolicyExample() {}

    /** Creates the node pool and returns its uid; empty if an earlier attempt may have created it. */
    public static Optional<String> create(
            String endpoint, String projectId, Credentials credentials, String clusterId, NodePool nodePool) {
        RetryPolicy retries = RetryPolicy.builder()
                .maxAttempts(4) // the first attempt included
                .initialBackoff(Duration.ofMillis(200)) // doubles with each attempt, up to maxBackoff,
                .maxBackoff(Duration.ofSeconds(5)) //   less up to half of it at random (jitter 0.5)
                .deadline(Duration.ofSeconds(30)) // no attempt starts, no wait begins, that would end later
                .retryPossiblyProcessed(true) // also after 500, 502, 503, 504 and read timeouts
                .build();
        try (CceNodePoolClient client = CceNodePoolClient.builder()
                .endpoint(endpoint)
                .projectId(projectId)
                .credentials(credentials)
                .retryPolicy(retries)
                .build()) {
            return Optional.of(
                    client.createNodePool(clusterId, nodePool).getMetadata().getUid());
        } catch (CcePossiblyCreatedException e) { // a 409 after such a retry: most likely our own node pool
            return Optional.empty(); // look it up by name before creating another
        }
    }
}
