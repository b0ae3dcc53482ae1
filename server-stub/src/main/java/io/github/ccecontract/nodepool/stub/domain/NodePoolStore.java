package io.github.ccecontract.nodepool.stub.domain;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The node pools the stub has created, in memory, keyed by (cluster ID, pool name).
 *
 * <p>Thread-safe: every method holds the store's lock, so "is the name free, is there room, store"
 * is one step and two concurrent creations of one name yield exactly one {@link
 * CreateResult.Created}. Creating is cheap (the builder only assembles a JSON tree), so one lock is
 * simpler than anything finer and costs nothing measurable.
 *
 * <p>Bounded: a long-running stub fed by test suites must not grow without limit. Reaching
 * {@link #maxPools()} pools (across all clusters) makes further creations {@link CreateResult.Full}
 * until {@link #reset()}.
 */
public final class NodePoolStore {

    /** Default bound: far more pools than any test run creates, far less than memory allows. */
    public static final int DEFAULT_MAX_POOLS = 10_000;

    private record Key(String clusterId, String name) {}

    private final int maxPools;
    private final Clock clock;
    private final Map<Key, StoredNodePool> pools = new LinkedHashMap<>(); // guarded by this; creation order

    /** A store of {@link #DEFAULT_MAX_POOLS} pools on the system UTC clock. */
    public NodePoolStore() {
        this(DEFAULT_MAX_POOLS, Clock.systemUTC());
    }

    /** A store of at most {@code maxPools} pools on the system UTC clock. */
    public NodePoolStore(int maxPools) {
        this(maxPools, Clock.systemUTC());
    }

    /** A store of at most {@code maxPools} pools stamping {@code createdAt} from {@code clock}. */
    public NodePoolStore(int maxPools, Clock clock) {
        if (maxPools < 1) {
            throw new IllegalArgumentException("maxPools must be >= 1, was " + maxPools);
        }
        this.maxPools = maxPools;
        this.clock = Objects.requireNonNull(clock, "clock must not be null");
    }

    /** Creates a pool without recording a placement; see {@link #create(String, String, Placement, Supplier)}. */
    public CreateResult create(String clusterId, String name, Supplier<ObjectNode> builder) {
        return create(clusterId, name, null, builder);
    }

    /**
     * Creates pool {@code name} in cluster {@code clusterId} unless the cluster already has one of
     * that name ({@link CreateResult.AlreadyExists}, checked first: it is the more specific answer)
     * or the store is full ({@link CreateResult.Full}).
     *
     * <p>{@code builder} makes the 201 body and is called only when the pool will be stored, so a
     * refused creation spends no uid. Its body must carry {@code metadata.uid}. If it throws, nothing
     * is stored and the exception propagates.
     */
    public synchronized CreateResult create(
            String clusterId, String name, Placement placement, Supplier<ObjectNode> builder) {
        Objects.requireNonNull(builder, "builder must not be null");
        Key key = new Key(
                Objects.requireNonNull(clusterId, "clusterId must not be null"),
                Objects.requireNonNull(name, "name must not be null"));
        StoredNodePool existing = pools.get(key);
        if (existing != null) {
            return new CreateResult.AlreadyExists(existing);
        }
        if (pools.size() >= maxPools) {
            return new CreateResult.Full(maxPools);
        }
        ObjectNode response = Objects.requireNonNull(builder.get(), "builder returned null");
        byte[] json = JsonObjects.bytes(response);
        StoredNodePool pool = new StoredNodePool(clusterId, name, uidOf(response), clock.instant(), json, placement);
        pools.put(key, pool);
        return new CreateResult.Created(pool, json);
    }

    private static String uidOf(ObjectNode response) {
        String uid = response.path("metadata").path("uid").textValue();
        if (uid == null || uid.isEmpty()) {
            throw new IllegalArgumentException("the built node pool has no metadata.uid");
        }
        return uid;
    }

    /** The pool {@code name} of cluster {@code clusterId}, if created. */
    public synchronized Optional<StoredNodePool> find(String clusterId, String name) {
        return Optional.ofNullable(pools.get(new Key(clusterId, name)));
    }

    /** All pools, in creation order. */
    public synchronized List<StoredNodePool> list() {
        return List.copyOf(pools.values());
    }

    /** The pools of one cluster, in creation order. */
    public synchronized List<StoredNodePool> list(String clusterId) {
        List<StoredNodePool> result = new ArrayList<>();
        for (StoredNodePool pool : pools.values()) {
            if (pool.clusterId().equals(clusterId)) {
                result.add(pool);
            }
        }
        return List.copyOf(result);
    }

    /** Forgets every pool (between tests). */
    public synchronized void reset() {
        pools.clear();
    }

    /** Number of pools stored, across all clusters. */
    public synchronized int size() {
        return pools.size();
    }

    /** The bound on {@link #size()}. */
    public int maxPools() {
        return maxPools;
    }
}
