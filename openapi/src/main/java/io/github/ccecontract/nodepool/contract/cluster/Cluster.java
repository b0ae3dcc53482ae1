package io.github.ccecontract.nodepool.contract.cluster;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What the cluster a node pool is created in decides, beyond the request: the rules of the document
 * with {@code scope: cluster} (node limit, ElasticBMS in CCE Turbo clusters only) and, for the stub,
 * where new nodes go (the AZ rule of Table 5).
 *
 * @param type     CCE or CCE Turbo; {@code null} means "not known": both node pool types are
 *                 accepted, so nothing a real cluster of either kind would accept is rejected
 * @param maxNodes the maximum number of nodes the cluster allows (Table 5, {@code initialNodeCount};
 *                 Table 21, {@code maxNodeCount}); at least 1
 * @param azs      the AZ inventory, in AZ order (the order that breaks ties of the AZ rule); empty
 *                 means "no inventory known": every requested AZ is taken as it is
 */
public record Cluster(ClusterType type, int maxNodes, List<AzInventory> azs) {

    /**
     * Node limit of a cluster nobody described. The page gives no number ("the maximum number of nodes
     * allowed for the cluster"); 2000 is the largest cluster scale CCE offers, so the default
     * rejects only what no cluster would accept.
     */
    public static final int DEFAULT_MAX_NODES = 2000;

    public Cluster {
        if (maxNodes < 1) {
            throw new IllegalArgumentException("maxNodes must be at least 1, was " + maxNodes);
        }
        Objects.requireNonNull(azs, "azs must not be null (an empty list means no inventory)");
        Set<String> names = new HashSet<>();
        for (AzInventory az : azs) {
            Objects.requireNonNull(az, "azs must not contain null");
            if (!names.add(az.name())) {
                throw new IllegalArgumentException("AZ " + az.name() + " is listed twice");
            }
        }
        azs = List.copyOf(azs);
    }

    /** A CCE cluster allowing at most {@code maxNodes} nodes, no AZ inventory. */
    public static Cluster cce(int maxNodes) {
        return new Cluster(ClusterType.CCE, maxNodes, List.of());
    }

    /** A CCE Turbo cluster allowing at most {@code maxNodes} nodes, no AZ inventory. */
    public static Cluster turbo(int maxNodes) {
        return new Cluster(ClusterType.TURBO, maxNodes, List.of());
    }

    /** A cluster nobody described: type unknown, {@link #DEFAULT_MAX_NODES}, no AZ inventory. */
    public static Cluster unspecified() {
        return new Cluster(null, DEFAULT_MAX_NODES, List.of());
    }

    /** Whether node pools of type {@code ElasticBMS} may be created here; an unknown type allows them. */
    public boolean allowsElasticBms() {
        return type == null || type.allowsElasticBms();
    }

    /** Whether an AZ inventory is known (otherwise every requested AZ is taken as it is). */
    public boolean hasInventory() {
        return !azs.isEmpty();
    }

    /** The inventory entry of an AZ, if the inventory lists it. */
    public Optional<AzInventory> az(String name) {
        return azs.stream().filter(az -> az.name().equals(name)).findFirst();
    }
}
