package io.github.ccecontract.nodepool.stub.domain;

import java.util.Objects;

/** Outcome of {@link NodePoolStore#create}. */
public sealed interface CreateResult permits CreateResult.Created, CreateResult.AlreadyExists, CreateResult.Full {

    /**
     * The pool was created and stored.
     *
     * @param pool         the stored pool
     * @param responseJson its 201 body as written (UTF-8 JSON), to answer with without unpacking the stored one
     */
    record Created(StoredNodePool pool, byte[] responseJson) implements CreateResult {
        /**
         * Requires both.
         *
         * @param pool the stored pool; not null
         * @param responseJson its 201 body as UTF-8 JSON; not null
         */
        public Created {
            Objects.requireNonNull(pool, "pool must not be null");
            Objects.requireNonNull(responseJson, "responseJson must not be null");
        }
    }

    /**
     * The cluster already has a pool of that name; nothing was built or stored.
     *
     * @param existing the pool already stored under that name
     */
    record AlreadyExists(StoredNodePool existing) implements CreateResult {
        /**
         * Requires the existing pool.
         *
         * @param existing the pool already stored under that name; not null
         */
        public AlreadyExists {
            Objects.requireNonNull(existing, "existing must not be null");
        }
    }

    /**
     * The store holds its maximum number of pools; nothing was built or stored.
     *
     * @param maxPools the most pools the store holds
     */
    record Full(int maxPools) implements CreateResult {}
}
