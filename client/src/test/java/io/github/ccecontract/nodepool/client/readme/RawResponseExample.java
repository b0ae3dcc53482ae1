package io.github.ccecontract.nodepool.client.readme;

import io.github.ccecontract.nodepool.client.CceNodePoolClient;
import io.github.ccecontract.nodepool.client.CceResponse;
import io.github.ccecontract.nodepool.client.CceServiceException;
import io.github.ccecontract.nodepool.client.auth.Credentials;
import io.github.ccecontract.nodepool.client.logging.HttpLogDetail;
import io.github.ccecontract.nodepool.contract.model.NodePool;
import io.github.ccecontract.nodepool.contract.model.NodePoolResponse;

/** The status and headers of the answer, and every exchange in the log. */
public final class RawResponseExample {
    private RawResponseExample() {}

    /** Creates the node pool and says which request of the service did it. */
    public static String create(
            String endpoint, String projectId, Credentials credentials, String clusterId, NodePool nodePool) {
        try (CceNodePoolClient client = CceNodePoolClient.builder()
                .endpoint(endpoint)
                .projectId(projectId)
                .credentials(credentials)
                .httpLogging(HttpLogDetail.HEADERS) // to System.Logger "io.github.ccecontract.nodepool.client.http"
                .build()) {
            CceResponse<NodePoolResponse> response = client.createNodePoolWithResponse(clusterId, nodePool);
            return response.statusCode() + " " + response.body().getMetadata().getName() + " (request "
                    + response.requestId().orElse("-") + ")";
        } catch (CceServiceException e) {
            return e.statusCode() + " (request " + e.requestId().orElse("-") + ", retry after "
                    + e.headers().get("Retry-After") + ")";
        }
    }
}
