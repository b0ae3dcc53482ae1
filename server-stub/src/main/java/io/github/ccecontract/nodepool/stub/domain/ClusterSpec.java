package io.github.ccecontract.nodepool.stub.domain;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What the stub knows about one cluster: the facts that request validation alone cannot check
 * (rules with {@code scope: cluster} in the document) and that AZ placement needs.
 *
 * @param id       the cluster ID of the request path
 * @param type     CCE or CCE Turbo; {@code null} means "not configured": both node pool types are
 *                 accepted, so an unconfigured stub rejects nothing a real cluster of either kind
 *                 would accept
 * @param maxNodes the maximum number of nodes the cluster allows (Table 5, {@code initialNodeCount};
 *                 Table 21, {@code maxNodeCount}); at least 1
 * @param azs      the AZ inventory, in AZ order (the order that breaks ties of the AZ rule); empty
 *                 means "no inventory configured": every requested AZ is accepted as it is
 */
public record ClusterSpec(String id, ClusterType type, int maxNodes, List<AzInventory> azs) {

    /**
     * Node limit of an unconfigured cluster. The page gives no number ("the maximum number of nodes
     * allowed for the cluster"); 2000 is the largest cluster scale CCE offers, so the default
     * rejects only what no cluster would accept.
     */
    public static final int DEFAULT_MAX_NODES = 2000;

    public ClusterSpec {
        Objects.requireNonNull(id, "cluster id must not be null");
        if (id.isBlank()) {
            throw new IllegalArgumentException("cluster id must not be blank");
        }
        if (maxNodes < 1) {
            throw new IllegalArgumentException("cluster " + id + ": maxNodes must be >= 1, was " + maxNodes);
        }
        Objects.requireNonNull(azs, "cluster " + id + ": azs must not be null (an empty list means no inventory)");
        Set<String> names = new HashSet<>();
        for (AzInventory az : azs) {
            Objects.requireNonNull(az, "cluster " + id + ": azs must not contain null");
            if (!names.add(az.name())) {
                throw new IllegalArgumentException("cluster " + id + ": AZ " + az.name() + " is listed twice");
            }
        }
        azs = List.copyOf(azs);
    }

    /** A cluster nobody configured: type unknown, {@link #DEFAULT_MAX_NODES}, no AZ inventory. */
    public static ClusterSpec permissive(String id) {
        return new ClusterSpec(id, null, DEFAULT_MAX_NODES, List.of());
    }

    /** Whether an AZ inventory is configured (otherwise every requested AZ is taken as it is). */
    public boolean hasInventory() {
        return !azs.isEmpty();
    }

    /** The inventory entry of an AZ, if the inventory lists it. */
    public Optional<AzInventory> az(String name) {
        return azs.stream().filter(az -> az.name().equals(name)).findFirst();
    }

    /** Whether a node pool of this type may be created here; an unknown cluster type allows both. */
    public boolean allows(NodePoolType nodePoolType) {
        return type == null || type.allows(nodePoolType);
    }
}
