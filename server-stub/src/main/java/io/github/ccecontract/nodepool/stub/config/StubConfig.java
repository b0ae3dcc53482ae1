package io.github.ccecontract.nodepool.stub.config;

import io.github.ccecontract.nodepool.contract.cluster.AzInventory;
import io.github.ccecontract.nodepool.contract.cluster.Cluster;
import io.github.ccecontract.nodepool.contract.cluster.ClusterType;
import io.github.ccecontract.nodepool.stub.domain.NodePoolStore;
import io.github.ccecontract.nodepool.stub.faults.Fault;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What a stub knows and how much it holds: its clusters, the tokens and access keys it accepts,
 * and its limits. Immutable; {@link #builder()} or {@link ConfigLoader} make one.
 *
 * <ul>
 *   <li>clusters: none configured means every cluster ID is accepted (CCE or Turbo alike, at most
 *       {@link Cluster#DEFAULT_MAX_NODES} nodes, AZs taken as requested); once one is configured,
 *       other cluster IDs are answered 404.</li>
 *   <li>tokens: none configured means any non-empty {@code X-Auth-Token} is accepted.</li>
 *   <li>accessKeys: AK to SK; an {@code SDK-HMAC-SHA256} signature is accepted only for these.</li>
 *   <li>faults: the faults the stub simulates from the start and after every reset ({@link Fault}).</li>
 *   <li>journalAllRequests: whether the journal also records requests that are not operation calls (the
 *       document, unknown paths); default false.</li>
 *   <li>adminToken: the token the inspection API ({@code /__admin/...}) asks for. None configured: the
 *       inspection API answers without credentials on a loopback address and is off (403) on any
 *       other address.</li>
 *   <li>unknownMembers: what the operation does with request members the document does not declare
 *       ({@link UnknownMembers}); default {@link UnknownMembers#WARN}.</li>
 * </ul>
 */
public final class StubConfig {

    /** Default {@link #maxBodyBytes()}: 1 MiB, 500 times the documented CCE request. */
    public static final int DEFAULT_MAX_BODY_BYTES = 1 << 20;
    /** Default {@link #maxNodePools()}. */
    public static final int DEFAULT_MAX_NODE_POOLS = NodePoolStore.DEFAULT_MAX_POOLS;
    /** Default {@link #journalSize()}: the journal keeps the last 1000 requests. */
    public static final int DEFAULT_JOURNAL_SIZE = 1000;

    private final Map<String, Cluster> clusters;
    private final Set<String> tokens;
    private final Map<String, String> accessKeys;
    private final int maxNodePools;
    private final int maxBodyBytes;
    private final int journalSize;
    private final List<Fault> faults;
    private final boolean journalAllRequests;
    private final String adminToken;
    private final UnknownMembers unknownMembers;

    private StubConfig(Builder b) {
        this.clusters = Collections.unmodifiableMap(new LinkedHashMap<>(b.clusters));
        this.tokens = Collections.unmodifiableSet(new LinkedHashSet<>(b.tokens));
        this.accessKeys = Collections.unmodifiableMap(new LinkedHashMap<>(b.accessKeys));
        this.maxNodePools = positive("maxNodePools", b.maxNodePools);
        this.maxBodyBytes = positive("maxBodyBytes", b.maxBodyBytes);
        this.journalSize = positive("journalSize", b.journalSize);
        this.faults = List.copyOf(b.faults);
        this.journalAllRequests = b.journalAllRequests;
        this.adminToken = b.adminToken;
        this.unknownMembers = b.unknownMembers;
    }

    private static int positive(String name, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(name + " must be at least 1, was " + value);
        }
        return value;
    }

    /**
     * The defaults: no clusters, any token, no access keys.
     *
     * @return the default configuration
     */
    public static StubConfig defaults() {
        return builder().build();
    }

    /**
     * A builder with the defaults: every cluster and every non-empty token accepted, no access keys, no faults.
     *
     * @return a new builder with the defaults
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A builder holding this configuration, to change some of it.
     *
     * @return a new builder holding this configuration's values
     */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.clusters.putAll(clusters);
        b.tokens.addAll(tokens);
        b.accessKeys.putAll(accessKeys);
        b.maxNodePools = maxNodePools;
        b.maxBodyBytes = maxBodyBytes;
        b.journalSize = journalSize;
        b.faults.addAll(faults);
        b.journalAllRequests = journalAllRequests;
        b.adminToken = adminToken;
        b.unknownMembers = unknownMembers;
        return b;
    }

    /**
     * The configured clusters by ID, in configuration order.
     *
     * @return an unmodifiable map from cluster ID to cluster; empty when none is configured
     */
    public Map<String, Cluster> clusters() {
        return clusters;
    }

    /**
     * The cluster a request for {@code clusterId} is created in: the configured one; if no cluster is
     * configured, {@link Cluster#unspecified}; else empty (unknown cluster, 404).
     *
     * @param clusterId the cluster ID of the request's path
     * @return the cluster to create in, or empty if the ID is not configured
     */
    public Optional<Cluster> cluster(String clusterId) {
        if (clusters.isEmpty()) {
            return Optional.of(Cluster.unspecified());
        }
        return Optional.ofNullable(clusters.get(clusterId));
    }

    /**
     * Accepted tokens; empty: any non-empty token.
     *
     * @return an unmodifiable set of the accepted tokens; empty when any non-empty token is accepted
     */
    public Set<String> tokens() {
        return tokens;
    }

    /**
     * Access key to secret key.
     *
     * @return an unmodifiable map from access key to secret key; empty when none is configured
     */
    public Map<String, String> accessKeys() {
        return accessKeys;
    }

    /**
     * Most node pools the stub holds (all clusters together).
     *
     * @return the most node pools held, at least 1
     */
    public int maxNodePools() {
        return maxNodePools;
    }

    /**
     * Largest request body accepted, in bytes; larger ones get 413.
     *
     * @return the largest body accepted, in bytes, at least 1
     */
    public int maxBodyBytes() {
        return maxBodyBytes;
    }

    /**
     * Number of requests the journal keeps (the oldest go first).
     *
     * @return the number of journal entries kept, at least 1
     */
    public int journalSize() {
        return journalSize;
    }

    /**
     * The faults simulated from the start and after every reset, in the order they are tried.
     *
     * @return an unmodifiable list of the configured faults; empty when none is configured
     */
    public List<Fault> faults() {
        return faults;
    }

    /**
     * Whether the journal records every request; default false: only calls of the operation (requests to its
     * path, whatever the method), not {@code GET /openapi.yaml} (a readiness probe) or unknown paths. Admin
     * requests are never recorded.
     *
     * @return {@code true} if the journal records every request
     */
    public boolean journalAllRequests() {
        return journalAllRequests;
    }

    /**
     * The token of the inspection API ({@code Authorization: Bearer <token>} or
     * {@code X-Admin-Token: <token>}), or null: then the inspection API needs no credentials on a
     * loopback address and is off on any other.
     *
     * @return the admin token, or null if none is configured
     */
    public String adminToken() {
        return adminToken;
    }

    /**
     * What the operation does with request members the document does not declare where they stand (a
     * typo such as {@code initalNodeCount}); default {@link UnknownMembers#WARN}.
     *
     * @return the handling of undeclared request members
     */
    public UnknownMembers unknownMembers() {
        return unknownMembers;
    }

    /** Shows access keys but no secret and no token. */
    @Override
    public String toString() {
        return "StubConfig{clusters=" + clusters.keySet() + ", tokens=" + (tokens.isEmpty() ? "any" : tokens.size())
                + ", accessKeys=" + accessKeys.keySet() + ", maxNodePools=" + maxNodePools + ", maxBodyBytes="
                + maxBodyBytes + ", journalSize=" + journalSize + (faults.isEmpty() ? "" : ", faults=" + faults)
                + (journalAllRequests ? ", journalAllRequests=true" : "") + ", adminToken="
                + (adminToken == null ? "none" : "set") + ", unknownMembers=" + unknownMembers.configName() + "}";
    }

    /** Builds a {@link StubConfig}. */
    public static final class Builder {
        private final Map<String, Cluster> clusters = new LinkedHashMap<>();
        private final Set<String> tokens = new LinkedHashSet<>();
        private final Map<String, String> accessKeys = new LinkedHashMap<>();
        private int maxNodePools = DEFAULT_MAX_NODE_POOLS;
        private int maxBodyBytes = DEFAULT_MAX_BODY_BYTES;
        private int journalSize = DEFAULT_JOURNAL_SIZE;
        private final List<Fault> faults = new ArrayList<>();
        private boolean journalAllRequests;
        private String adminToken;
        private UnknownMembers unknownMembers = UnknownMembers.WARN;

        private Builder() {}

        /**
         * What the operation does with request members the document does not declare where they stand:
         * {@link UnknownMembers#WARN} (the default), {@link UnknownMembers#REJECT} or {@link UnknownMembers#IGNORE}.
         *
         * @param value the handling of undeclared members; not null
         * @return this builder
         */
        public Builder unknownMembers(UnknownMembers value) {
            this.unknownMembers = Objects.requireNonNull(value, "unknownMembers");
            return this;
        }

        /**
         * Adds faults the stub simulates from the start and after every reset (tried in the order added).
         *
         * @param added the faults to add; none may be null
         * @return this builder
         */
        public Builder faults(Fault... added) {
            for (Fault fault : added) {
                faults.add(Objects.requireNonNull(fault, "fault"));
            }
            return this;
        }

        /**
         * Whether the journal records every request, not only operation calls; default false.
         *
         * @param value {@code true} to journal every request
         * @return this builder
         */
        public Builder journalAllRequests(boolean value) {
            this.journalAllRequests = value;
            return this;
        }

        /**
         * Adds a cluster under its ID; once one is added, requests for other cluster IDs get 404.
         *
         * @param id the cluster ID; neither null nor blank, and not added before
         * @param cluster the cluster; not null
         * @return this builder
         */
        public Builder cluster(String id, Cluster cluster) {
            Objects.requireNonNull(id, "cluster id must not be null");
            if (id.isBlank()) {
                throw new IllegalArgumentException("cluster id must not be blank");
            }
            if (clusters.putIfAbsent(id, Objects.requireNonNull(cluster, "cluster")) != null) {
                throw new IllegalArgumentException("cluster " + id + " is configured twice");
            }
            return this;
        }

        /**
         * Adds a cluster of a type with a node limit and, optionally, its AZ inventory in AZ order.
         *
         * @param id the cluster ID; neither null nor blank, and not added before
         * @param type CCE or CCE Turbo; null: not known (both node pool types accepted)
         * @param maxNodes the most nodes the cluster allows, at least 1
         * @param azs the cluster's AZ inventory, in AZ order; none: AZs are taken as requested
         * @return this builder
         */
        public Builder cluster(String id, ClusterType type, int maxNodes, AzInventory... azs) {
            try {
                return cluster(id, new Cluster(type, maxNodes, List.of(azs)));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("cluster " + id + ": " + e.getMessage(), e);
            }
        }

        /**
         * Adds tokens; once one is added, only the added ones are accepted.
         *
         * @param accepted the tokens to accept; none may be null or empty
         * @return this builder
         */
        public Builder tokens(String... accepted) {
            for (String token : accepted) {
                if (token == null || token.isEmpty()) {
                    throw new IllegalArgumentException("a token must not be empty");
                }
                tokens.add(token);
            }
            return this;
        }

        /**
         * Adds an access key and its secret key for SDK-HMAC-SHA256 signatures.
         *
         * @param accessKey the access key; neither null nor empty
         * @param secretKey the secret key it signs with; neither null nor empty
         * @return this builder
         */
        public Builder accessKey(String accessKey, String secretKey) {
            if (accessKey == null || accessKey.isEmpty() || secretKey == null || secretKey.isEmpty()) {
                throw new IllegalArgumentException("access key and secret key must not be empty");
            }
            accessKeys.put(accessKey, secretKey);
            return this;
        }

        /**
         * How many node pools the stub holds (all clusters) before it answers 507; default 10000.
         *
         * @param value the most node pools held; {@link #build()} refuses less than 1
         * @return this builder
         */
        public Builder maxNodePools(int value) {
            this.maxNodePools = value;
            return this;
        }

        /**
         * Bodies longer than this get 413; default 1048576 (1 MiB).
         *
         * @param value the largest body accepted, in bytes; {@link #build()} refuses less than 1
         * @return this builder
         */
        public Builder maxBodyBytes(int value) {
            this.maxBodyBytes = value;
            return this;
        }

        /**
         * How many requests the journal keeps; default 1000.
         *
         * @param value the number of requests kept; {@link #build()} refuses less than 1
         * @return this builder
         */
        public Builder journalSize(int value) {
            this.journalSize = value;
            return this;
        }

        /**
         * The token the inspection API asks for (see {@link StubConfig#adminToken()}); null: none. Printable
         * ASCII without spaces (it travels in a header); use a long random one.
         *
         * @param token the admin token, or null for none
         * @return this builder
         */
        public Builder adminToken(String token) {
            if (token != null && (token.isEmpty() || !token.chars().allMatch(c -> c > 0x20 && c < 0x7f))) {
                throw new IllegalArgumentException(
                        "adminToken must be printable ASCII characters without spaces, at" + " least one");
            }
            this.adminToken = token;
            return this;
        }

        /**
         * The configuration; a bad value throws {@link IllegalArgumentException} naming the member.
         *
         * @return a new immutable configuration
         */
        public StubConfig build() {
            return new StubConfig(this);
        }
    }
}
