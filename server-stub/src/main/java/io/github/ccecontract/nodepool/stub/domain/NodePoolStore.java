package io.github.ccecontract.nodepool.stub.domain;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The node pools the stub has created, in memory, keyed by (cluster ID, pool name).
 *
 * <p>Thread-safe. "Is the name free, is there room" and the reservation of the name are one step under the
 * store's lock, so two concurrent creations of one name yield exactly one {@link CreateResult.Created}
 * (the second waits for the first to be stored, then finds it). The body is built, written and packed
 * outside the lock: under load, threads queued on the lock for it (issue 10, benchmark). A reserved name
 * holds its place in the creation order and counts against the bound, but is not found or listed until
 * stored.
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
    /** Guarded by this; creation order. A null value is a name reserved by a creation under way. */
    private final Map<Key, StoredNodePool> pools = new LinkedHashMap<>();

    private int building; // guarded by this: the null values of pools
    private int waiting; // guarded by this: threads waiting for a reserved name
    private long resets; // guarded by this: a reservation made before the last reset is gone

    // Guarded by this: one instance of each value that many pools share, so that a pool holds fewer objects.
    private final Map<String, String> clusterIds = new HashMap<>();
    private final Map<Placement, Placement> placements = new HashMap<>();

    /** A store of {@link #DEFAULT_MAX_POOLS} pools on the system UTC clock. */
    public NodePoolStore() {
        this(DEFAULT_MAX_POOLS, Clock.systemUTC());
    }

    /**
     * A store of at most {@code maxPools} pools on the system UTC clock.
     *
     * @param maxPools the most pools held, at least 1
     */
    public NodePoolStore(int maxPools) {
        this(maxPools, Clock.systemUTC());
    }

    /**
     * A store of at most {@code maxPools} pools stamping {@code createdAt} from {@code clock}.
     *
     * @param maxPools the most pools held, at least 1
     * @param clock the clock of the pools' creation times; not null
     */
    public NodePoolStore(int maxPools, Clock clock) {
        if (maxPools < 1) {
            throw new IllegalArgumentException("maxPools must be >= 1, was " + maxPools);
        }
        this.maxPools = maxPools;
        this.clock = Objects.requireNonNull(clock, "clock must not be null");
    }

    /**
     * Creates a pool without recording a placement; see {@link #create(String, String, Placement, Supplier)}.
     *
     * @param clusterId the cluster ID of the request's path; not null
     * @param name the pool's {@code metadata.name}; not null
     * @param builder makes the 201 body, which must carry {@code metadata.uid}; not null
     * @return {@link CreateResult.Created}, {@link CreateResult.AlreadyExists} or {@link CreateResult.Full}
     */
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
     *
     * @param clusterId the cluster ID of the request's path; not null
     * @param name the pool's {@code metadata.name}; not null
     * @param placement where the pool's nodes go, or null to record none
     * @param builder makes the 201 body, which must carry {@code metadata.uid}; not null
     * @return {@link CreateResult.Created}, {@link CreateResult.AlreadyExists} or {@link CreateResult.Full}
     */
    public CreateResult create(String clusterId, String name, Placement placement, Supplier<ObjectNode> builder) {
        Objects.requireNonNull(builder, "builder must not be null");
        Objects.requireNonNull(clusterId, "clusterId must not be null");
        Objects.requireNonNull(name, "name must not be null");
        Key key;
        Instant createdAt;
        long generation;
        synchronized (this) {
            StoredNodePool existing = awaitBuilt(new Key(clusterId, name));
            if (existing != null) {
                return new CreateResult.AlreadyExists(existing);
            }
            if (pools.size() >= maxPools) {
                return new CreateResult.Full(maxPools);
            }
            key = new Key(clusterIds.computeIfAbsent(clusterId, id -> id), name);
            if (placement != null) {
                placement = placements.computeIfAbsent(placement, p -> p);
            }
            pools.put(key, null); // reserved: its place in the creation order, and room
            building++;
            generation = resets;
            createdAt = clock.instant();
        }
        StoredNodePool pool;
        byte[] json;
        try {
            ObjectNode response = Objects.requireNonNull(builder.get(), "builder returned null");
            json = JsonObjects.bytes(response);
            requireUid(response);
            pool = new StoredNodePool(key.clusterId(), name, createdAt, json, placement);
        } catch (RuntimeException | Error e) {
            synchronized (this) {
                if (generation == resets) {
                    building--;
                    pools.remove(key);
                }
                wakeWaiters();
            }
            throw e;
        }
        synchronized (this) {
            if (generation == resets) {
                building--;
                pools.put(key, pool);
            } else {
                pools.putIfAbsent(key, pool); // a reset came meanwhile: kept unless the name was taken again
            }
            wakeWaiters();
        }
        return new CreateResult.Created(pool, json);
    }

    /** The pool stored under {@code key} once no creation of it is under way; null if none. Holds the lock. */
    private StoredNodePool awaitBuilt(Key key) {
        boolean interrupted = false;
        try {
            while (pools.containsKey(key) && pools.get(key) == null) {
                waiting++;
                try {
                    wait(); // the builder takes microseconds, and always ends in wakeWaiters()
                } catch (InterruptedException e) {
                    interrupted = true;
                } finally {
                    waiting--;
                }
            }
            return pools.get(key);
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void wakeWaiters() {
        if (waiting > 0) {
            notifyAll();
        }
    }

    private static void requireUid(ObjectNode response) {
        String uid = response.path("metadata").path("uid").textValue();
        if (uid == null || uid.isEmpty()) {
            throw new IllegalArgumentException("the built node pool has no metadata.uid");
        }
    }

    /**
     * The pool {@code name} of cluster {@code clusterId}, if created.
     *
     * @param clusterId the cluster ID
     * @param name the pool's {@code metadata.name}
     * @return the stored pool, or empty if there is none (or it is still being built)
     */
    public synchronized Optional<StoredNodePool> find(String clusterId, String name) {
        return Optional.ofNullable(pools.get(new Key(clusterId, name)));
    }

    /**
     * All pools, in creation order.
     *
     * @return an unmodifiable list of the pools; empty when none is stored
     */
    public synchronized List<StoredNodePool> list() {
        List<StoredNodePool> result = new ArrayList<>(pools.size());
        for (StoredNodePool pool : pools.values()) {
            if (pool != null) {
                result.add(pool);
            }
        }
        return List.copyOf(result);
    }

    /**
     * The pools of one cluster, in creation order.
     *
     * @param clusterId the cluster ID
     * @return an unmodifiable list of the cluster's pools; empty when it has none
     */
    public synchronized List<StoredNodePool> list(String clusterId) {
        List<StoredNodePool> result = new ArrayList<>();
        for (StoredNodePool pool : pools.values()) {
            if (pool != null && pool.clusterId().equals(clusterId)) {
                result.add(pool);
            }
        }
        return List.copyOf(result);
    }

    /** Forgets every pool (between tests). */
    public synchronized void reset() {
        pools.clear();
        clusterIds.clear();
        placements.clear();
        building = 0;
        resets++;
    }

    /**
     * Number of pools stored, across all clusters.
     *
     * @return the number of pools stored, not counting those being built
     */
    public synchronized int size() {
        return pools.size() - building;
    }

    /**
     * The bound on {@link #size()}.
     *
     * @return the most pools the store holds
     */
    public int maxPools() {
        return maxPools;
    }
}
