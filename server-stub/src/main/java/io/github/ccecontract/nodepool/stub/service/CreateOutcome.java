package io.github.ccecontract.nodepool.stub.service;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.ccecontract.nodepool.stub.domain.StoredNodePool;

/**
 * What a Create Node Pool request came to.
 *
 * @param status HTTP status: 201, or the error's
 * @param body   the 201 body or the error body
 * @param pool   the stored pool (201 only), else null
 */
public record CreateOutcome(int status, ObjectNode body, StoredNodePool pool) {

    public static CreateOutcome created(StoredNodePool pool) {
        return new CreateOutcome(201, pool.response(), pool);
    }

    public static CreateOutcome error(int status, ObjectNode body) {
        return new CreateOutcome(status, body, null);
    }

    /** Whether the pool was created. */
    public boolean created() {
        return status == 201;
    }
}
