package io.github.ccecontract.nodepool.stub.service;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.ccecontract.nodepool.stub.domain.StoredNodePool;
import io.github.ccecontract.nodepool.stub.validation.JsonBodyParser;
import io.github.ccecontract.nodepool.stub.validation.UnknownMember;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * What a Create Node Pool request came to.
 *
 * @param status      HTTP status: 201, or the error's
 * @param body        the error body; for a 201, null: {@link #body()} reads {@code createdJson} when asked
 *                    (the HTTP layer sends that JSON as it is, without a tree: issue 10, item 4)
 * @param pool        the stored pool (201 only), else null
 * @param createdJson the 201 body as written, UTF-8 JSON (201 only), else null
 * @param warnings    the request's unknown members with {@code unknownMembers: warn} (D4), whatever the
 *                    status; else empty
 */
public record CreateOutcome(
        int status, ObjectNode body, StoredNodePool pool, byte[] createdJson, List<UnknownMember> warnings) {

    /**
     * Copies the warnings.
     *
     * @param status the HTTP status: 201, or the error's
     * @param body the error body; null for a 201
     * @param pool the stored pool (201 only), else null
     * @param createdJson the 201 body as UTF-8 JSON (201 only), else null
     * @param warnings the request's unknown members reported as warnings; copied, not null
     */
    public CreateOutcome {
        warnings = List.copyOf(warnings);
    }

    /**
     * A 201 with the stored pool and the body it was answered with.
     *
     * @param pool the stored pool
     * @param createdJson the 201 body as UTF-8 JSON
     * @return a 201 outcome without warnings
     */
    public static CreateOutcome created(StoredNodePool pool, byte[] createdJson) {
        return new CreateOutcome(201, null, pool, createdJson, List.of());
    }

    /**
     * This outcome with {@code list} as its warnings.
     *
     * @param list the warnings; not null
     * @return a new outcome equal to this one but for its warnings
     */
    public CreateOutcome withWarnings(List<UnknownMember> list) {
        return new CreateOutcome(status, body, pool, createdJson, list);
    }

    /**
     * The 201 body (a fresh tree) or the error body.
     *
     * @return the error body, or a new tree of the 201 body
     */
    @Override
    public ObjectNode body() {
        if (body != null) {
            return body;
        }
        try {
            return (ObjectNode) JsonBodyParser.mapper().readTree(createdJson);
        } catch (IOException e) {
            throw new UncheckedIOException("the stub's own 201 body cannot be read back", e);
        }
    }

    /**
     * An error answer with this status and CCE error body.
     *
     * @param status the HTTP error status
     * @param body the CCE error body
     * @return an error outcome without warnings
     */
    public static CreateOutcome error(int status, ObjectNode body) {
        return new CreateOutcome(status, body, null, null, List.of());
    }

    /**
     * Whether the pool was created.
     *
     * @return {@code true} if the status is 201
     */
    public boolean created() {
        return status == 201;
    }
}
