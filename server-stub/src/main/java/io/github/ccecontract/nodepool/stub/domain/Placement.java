package io.github.ccecontract.nodepool.stub.domain;

/**
 * Where the nodes of a new node pool go. Not part of the 201 body (the response echoes the
 * requested {@code az}); kept with the stored pool so that tests can inspect the AZ decision.
 *
 * @param az    the AZ that takes all the new nodes (Table 5: "all nodes to be added" go to one AZ);
 *              {@code null} when no AZ could take them (sold out). Any other string is an AZ name as
 *              the request gave it: the document asks only for {@code minLength: 1}, so {@code " "}
 *              is a valid (if odd) AZ name and must not fail here (issue 10, item 1)
 * @param nodes the number of nodes to create, {@code spec.initialNodeCount}
 */
public record Placement(String az, int nodes) {

    /**
     * Requires a node count of 0 or more.
     *
     * @param az the AZ that takes the new nodes; null when sold out; never empty
     * @param nodes the number of nodes to create, 0 or more
     */
    public Placement {
        if (nodes < 0) {
            throw new IllegalArgumentException("nodes must be >= 0, was " + nodes);
        }
        if (az != null && az.isEmpty()) {
            throw new IllegalArgumentException("az must not be empty (use null for 'no AZ available')");
        }
    }

    /**
     * No AZ can take the nodes.
     *
     * @param nodes the number of nodes to create, 0 or more
     * @return a placement with no AZ
     */
    public static Placement soldOut(int nodes) {
        return new Placement(null, nodes);
    }

    /**
     * Whether no AZ could take the nodes.
     *
     * @return {@code true} if {@link #az()} is null
     */
    public boolean isSoldOut() {
        return az == null;
    }
}
