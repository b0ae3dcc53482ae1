package io.github.ccecontract.nodepool.conformance.generate;

import java.util.Locale;
import java.util.Objects;

/**
 * The cluster a request is sent to: its type (rule elastic-bms-turbo-cluster-only) and the largest node count it
 * allows (rules node-count-within-cluster-limit, max-node-count-within-cluster-limit). The same notion as the
 * {@code cluster: {type, maxNodes}} of the constraint catalogue.
 */
public record ClusterProfile(Type type, int maxNodes) {

    /** Cluster types of the catalogue: {@code cce} (CCE cluster) and {@code turbo} (CCE Turbo cluster). */
    public enum Type {
        CCE, TURBO;

        /** The catalogue's spelling: cce or turbo. */
        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Type of(String id) {
            return valueOf(id.toUpperCase(Locale.ROOT));
        }
    }

    public ClusterProfile {
        Objects.requireNonNull(type, "type");
        if (maxNodes < 0) {
            throw new IllegalArgumentException("maxNodes < 0: " + maxNodes);
        }
    }

    /**
     * The cluster id the suite uses in request paths for this profile, for example {@code turbo-50}: a stub under
     * test registers one cluster per profile under this id (stub builder: {@code cluster(id, type, maxNodes)}).
     */
    public String clusterId() {
        return type.id() + "-" + maxNodes;
    }

    @Override
    public String toString() {
        return type.id() + " cluster, at most " + maxNodes + " nodes";
    }
}
