package io.github.ccecontract.nodepool.stub.domain;

import io.github.ccecontract.nodepool.contract.cluster.AzInventory;
import io.github.ccecontract.nodepool.contract.cluster.Cluster;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** Chooses the AZ of a new node pool's nodes (Table 5, row {@code nodeTemplate}). */
public final class AzPlacement {

    /** The {@code az} value that asks CCE to choose the AZ. */
    public static final String RANDOM = "random";

    private AzPlacement() {}

    /**
     * The page's rule for {@code az: random}: among the AZs that are not sold out, the one with
     * the fewest existing nodes; on a tie the first in AZ order. Empty when every AZ is sold out
     * (or none is listed).
     *
     * @param azs the cluster's AZ inventory, in AZ order
     * @return the chosen AZ, or empty if every AZ is sold out or none is listed
     */
    public static Optional<AzInventory> chooseForRandom(List<AzInventory> azs) {
        AzInventory best = null;
        for (AzInventory az : azs) {
            // Strictly fewer: an equal count keeps the earlier AZ ("based on the AZ sequence").
            if (!az.soldOut() && (best == null || az.existingNodes() < best.existingNodes())) {
                best = az;
            }
        }
        return Optional.ofNullable(best);
    }

    /**
     * Where {@code nodes} new nodes requested in {@code requestedAz} go in {@code cluster}.
     * <ul>
     *   <li>No inventory configured: the requested AZ as it is. For {@code random} the stub has no
     *       AZ to choose from, so the placement stays {@code random} (not sold out).</li>
     *   <li>{@code random}: {@link #chooseForRandom}; sold out when it finds nothing.</li>
     *   <li>A named AZ: that AZ; sold out when the inventory marks it sold out, and also when the
     *       inventory does not list it (an AZ the cluster has no resources in). Whoever prefers to
     *       reject an unknown AZ can ask {@link Cluster#az(String)} first.</li>
     * </ul>
     *
     * @param requestedAz the request's {@code nodeTemplate.az}, or {@code random}; not null
     * @param nodes the number of nodes to create
     * @param cluster the cluster the pool is created in; not null
     * @return the placement: the AZ taking the nodes, or sold out
     */
    public static Placement place(String requestedAz, int nodes, Cluster cluster) {
        Objects.requireNonNull(requestedAz, "requestedAz must not be null (nodeTemplate.az is mandatory, Table 6)");
        Objects.requireNonNull(cluster, "cluster must not be null");
        if (!cluster.hasInventory()) {
            return new Placement(requestedAz, nodes);
        }
        Optional<AzInventory> chosen = RANDOM.equals(requestedAz)
                ? chooseForRandom(cluster.azs())
                : cluster.az(requestedAz).filter(az -> !az.soldOut());
        return chosen.map(az -> new Placement(az.name(), nodes)).orElseGet(() -> Placement.soldOut(nodes));
    }
}
