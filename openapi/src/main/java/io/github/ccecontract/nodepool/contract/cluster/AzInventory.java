package io.github.ccecontract.nodepool.contract.cluster;

import java.util.Objects;

/**
 * One availability zone of a cluster as the AZ rule of Table 5 sees it: how many nodes of the pool
 * it already holds, and whether its resources are sold out.
 */
public record AzInventory(String name, int existingNodes, boolean soldOut) {

    public AzInventory {
        Objects.requireNonNull(name, "AZ name must not be null");
        if (name.isBlank()) {
            throw new IllegalArgumentException("AZ name must not be blank");
        }
        if (existingNodes < 0) {
            throw new IllegalArgumentException("AZ " + name + ": existingNodes must be >= 0, was " + existingNodes);
        }
    }

    /** An AZ where nodes can still be created. */
    public static AzInventory available(String name, int existingNodes) {
        return new AzInventory(name, existingNodes, false);
    }

    /** An AZ whose resources are sold out. */
    public static AzInventory soldOut(String name, int existingNodes) {
        return new AzInventory(name, existingNodes, true);
    }
}
