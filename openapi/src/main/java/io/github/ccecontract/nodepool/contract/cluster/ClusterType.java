package io.github.ccecontract.nodepool.contract.cluster;

/** Kind of cluster a node pool is created in; it decides which node pool types are valid. */
public enum ClusterType {
    /** A CCE cluster: node pools of type {@code vm} only. */
    CCE,
    /** A CCE Turbo cluster: {@code ElasticBMS} is valid here (Table 5, row {@code type}), {@code vm} too. */
    TURBO;

    /** Whether node pools of type {@code ElasticBMS} may be created in a cluster of this kind. */
    public boolean allowsElasticBms() {
        return this == TURBO;
    }
}
