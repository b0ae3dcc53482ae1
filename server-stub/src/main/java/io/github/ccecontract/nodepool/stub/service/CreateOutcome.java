package io.github.ccecontract.nodepool.stub.service;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.ccecontract.nodepool.stub.domain.StoredNodePool;
import io.github.ccecontract.nodepool.stub.validation.UnknownMember;
import java.util.List;

/**
 * What a Create Node Pool request came to.
 *
 * @param status HTTP status: 201, or the error's
 * @param body   the error body; for a 201, null: {@link #body()} reads the stored pool's body when asked
 *               (the HTTP layer sends the stored JSON as it is, without a tree: issue 10, item 4)
 * @param pool   the stored pool (201 only), else null
 * @param warnings the request's unknown members with {@code unknownMembers: warn} (D4), whatever the
 *               status; else empty
 */
public record CreateOutcome(int status, ObjectNode body, StoredNodePool pool, List<UnknownMember> warnings) {

    /** Copies the warnings. */
    public CreateOutcome {
        warnings = List.copyOf(warnings);
    }

    /** A 201 with the stored pool. */
    public static CreateOutcome created(StoredNodePool pool) {
        return new CreateOutcome(201, null, pool, List.of());
    }

    /** This outcome with {@code list} as its warnings. */
    public CreateOutcome withWarnings(List<UnknownMember> list) {
        return new CreateOutcome(status, body, pool, list);
    }

    /** The 201 body (a fresh tree of the stored pool's) or the error body. */
    @Override
    public ObjectNode body() {
        return body != null ? body : pool.response();
    }

    /** An error answer with this status and CCE error body. */
    public static CreateOutcome error(int status, ObjectNode body) {
        return new CreateOutcome(status, body, null, List.of());
    }

    /** Whether the pool was created. */
    public boolean created() {
        return status == 201;
    }
}
