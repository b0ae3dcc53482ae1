package io.github.ccecontract.nodepool.stub.domain;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Objects;

/**
 * A node pool the stub has created.
 *
 * @param clusterId the cluster it was created in
 * @param name      its name, unique within the cluster
 * @param uid       its {@code metadata.uid}
 * @param createdAt when the store accepted it
 * @param response  the 201 body it was answered with; copied in and out, so that nobody can change
 *                  a stored pool through a reference
 * @param placement where its nodes went; {@code null} when the creator recorded none
 */
public record StoredNodePool(
        String clusterId, String name, String uid, Instant createdAt, ObjectNode response, Placement placement) {

    public StoredNodePool {
        Objects.requireNonNull(clusterId, "clusterId must not be null");
        Objects.requireNonNull(name, "name must not be null");
        Objects.requireNonNull(uid, "uid must not be null");
        Objects.requireNonNull(createdAt, "createdAt must not be null");
        Objects.requireNonNull(response, "response must not be null");
        response = response.deepCopy();
    }

    /** A copy of the 201 body. */
    @Override
    public ObjectNode response() {
        return response.deepCopy();
    }
}
