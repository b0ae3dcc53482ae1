package io.github.ccecontract.nodepool.stub.domain;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;

/**
 * {@code status} of a node pool (Table 23).
 *
 * @param currentNode the number of nodes the pool has
 * @param deletingNode the number of nodes being deleted
 * @param creatingNode the number of nodes being created
 * @param phase the pool's phase; not null
 */
public record NodePoolStatus(int currentNode, int deletingNode, int creatingNode, NodePoolPhase phase) {

    /**
     * Requires the phase.
     *
     * @param currentNode the number of nodes the pool has
     * @param deletingNode the number of nodes being deleted
     * @param creatingNode the number of nodes being created
     * @param phase the pool's phase; not null
     */
    public NodePoolStatus {
        Objects.requireNonNull(phase, "phase must not be null");
    }

    /**
     * Status of a pool just created with {@code initialNodeCount} nodes.
     * <ul>
     *   <li>No node exists yet and none is being deleted: {@code currentNode} and
     *       {@code deletingNode} are 0 (CCE response).</li>
     *   <li>Nothing to create: phase blank, "normal" (both documented responses, which create 0
     *       nodes; D13).</li>
     *   <li>Nodes to create but no AZ can take them: {@code SoldOut}, and 0 nodes being created,
     *       since none can be (the page is silent; stub's choice).</li>
     *   <li>Otherwise the nodes are being created: {@code creatingNode = initialNodeCount},
     *       phase {@code Synchronizing}.</li>
     * </ul>
     *
     * @param initialNodeCount the request's {@code spec.initialNodeCount}
     * @param soldOut whether no AZ can take the nodes
     * @return the new pool's status
     */
    public static NodePoolStatus afterCreation(int initialNodeCount, boolean soldOut) {
        if (initialNodeCount == 0) {
            return new NodePoolStatus(0, 0, 0, NodePoolPhase.NORMAL);
        }
        if (soldOut) {
            return new NodePoolStatus(0, 0, 0, NodePoolPhase.SOLD_OUT);
        }
        return new NodePoolStatus(0, 0, initialNodeCount, NodePoolPhase.SYNCHRONIZING);
    }

    /**
     * The JSON {@code status} for a pool of {@code type}: all four fields for {@code vm} (CCE
     * response), {@code phase} alone for {@code ElasticBMS} (CCE Turbo response; D12).
     *
     * @param type the pool's type
     * @return a new JSON object holding the status fields the type's response shows
     */
    public ObjectNode toJson(NodePoolType type) {
        ObjectNode status = JsonNodeFactory.instance.objectNode();
        if (type == NodePoolType.VM) {
            status.put("currentNode", currentNode);
            status.put("deletingNode", deletingNode);
            status.put("creatingNode", creatingNode);
        }
        status.put("phase", phase.wireValue());
        return status;
    }
}
