package io.github.ccecontract.nodepool.stub;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.ccecontract.nodepool.contract.CceJson;
import io.github.ccecontract.nodepool.contract.model.NodePool;
import io.github.ccecontract.nodepool.contract.model.NodePoolResponse;
import io.github.ccecontract.nodepool.stub.api.NodePoolApi;
import io.github.ccecontract.nodepool.stub.service.CreateOutcome;
import io.github.ccecontract.nodepool.stub.service.NodePoolService;
import java.util.Objects;

/**
 * The stub behind the operation interface generated from the document ({@link NodePoolApi},
 * jaxrs-spec, with the client's models): a call runs exactly what an HTTP request runs after its
 * body is parsed (cluster, schema, rules, store), without HTTP and without the journal.
 *
 * <p>A refused creation throws {@link CceStubException} with the status and CCE error body the HTTP
 * answer would carry.
 */
public final class StubNodePoolApi implements NodePoolApi {

    private final NodePoolService service;
    private final ObjectMapper mapper = CceJson.newObjectMapper();

    StubNodePoolApi(NodePoolService service) {
        this.service = Objects.requireNonNull(service, "service");
    }

    @Override
    public NodePoolResponse createNodePool(String projectId, String clusterId, NodePool nodePool) {
        JsonNode body = mapper.valueToTree(Objects.requireNonNull(nodePool, "nodePool"));
        CreateOutcome outcome = service.create(projectId, clusterId, body);
        if (!outcome.created()) {
            throw new CceStubException(outcome.status(), outcome.body());
        }
        try {
            return mapper.treeToValue(outcome.body(), NodePoolResponse.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the stub's 201 body does not read as NodePoolResponse", e);
        }
    }
}
