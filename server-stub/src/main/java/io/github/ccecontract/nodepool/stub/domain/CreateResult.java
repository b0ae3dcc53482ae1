package io.github.ccecontract.nodepool.stub.domain;

import java.util.Objects;

/** Outcome of {@link NodePoolStore#create}. */
public sealed interface CreateResult permits CreateResult.Created, CreateResult.AlreadyExists, CreateResult.Full {

    /** The pool was created and stored. */
    record Created(StoredNodePool pool) implements CreateResult {
        /** Requires the pool. */
        public Created {
            Objects.requireNonNull(pool, "pool must not be null");
        }
    }

    /** The cluster already has a pool of that name; nothing was built or stored. */
    record AlreadyExists(StoredNodePool existing) implements CreateResult {
        /** Requires the existing pool. */
        public AlreadyExists {
            Objects.requireNonNull(existing, "existing must not be null");
        }
    }

    /** The store holds its maximum number of pools; nothing was built or stored. */
    record Full(int maxPools) implements CreateResult {}
}
