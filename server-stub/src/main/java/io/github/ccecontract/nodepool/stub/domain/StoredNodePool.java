package io.github.ccecontract.nodepool.stub.domain;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;

/**
 * A node pool the stub has created.
 *
 * <p>The 201 body is kept as its serialized JSON, not as a Jackson tree: a tree of the documented
 * response takes several times the memory of its bytes, and a store of many thousand pools would
 * otherwise keep the garbage collector busy for every later request. Each {@link #response()} reads
 * a fresh tree, so nobody can change a stored pool through a reference.
 */
public final class StoredNodePool {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String clusterId;
    private final String name;
    private final String uid;
    private final Instant createdAt;
    private final byte[] responseJson;
    private final String requestedAz;
    private final Placement placement;

    /**
     * @param clusterId the cluster it was created in
     * @param name      its name, unique within the cluster
     * @param uid       its {@code metadata.uid}
     * @param createdAt when the store accepted it
     * @param response  the 201 body it was answered with (stored as JSON)
     * @param placement where its nodes went; {@code null} when the creator recorded none
     */
    public StoredNodePool(
            String clusterId, String name, String uid, Instant createdAt, ObjectNode response, Placement placement) {
        this.clusterId = Objects.requireNonNull(clusterId, "clusterId must not be null");
        this.name = Objects.requireNonNull(name, "name must not be null");
        this.uid = Objects.requireNonNull(uid, "uid must not be null");
        this.createdAt = Objects.requireNonNull(createdAt, "createdAt must not be null");
        Objects.requireNonNull(response, "response must not be null");
        try {
            this.responseJson = JSON.writeValueAsBytes(response);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("the node pool cannot be written as JSON", e);
        }
        this.requestedAz = response.path("spec").path("nodeTemplate").path("az").textValue();
        this.placement = placement;
    }

    /** The {@code cluster_id} of the request's path. */
    public String clusterId() {
        return clusterId;
    }

    /** The pool's {@code metadata.name}. */
    public String name() {
        return name;
    }

    /** The {@code metadata.uid} the stub gave it. */
    public String uid() {
        return uid;
    }

    /** When it was created (the stub's clock). */
    public Instant createdAt() {
        return createdAt;
    }

    /**
     * The 201 body as the JSON it was answered with (UTF-8), a copy: for answering and listing without a
     * tree (issue 10, item 4).
     */
    public byte[] responseJson() {
        return responseJson.clone();
    }

    /** The 201 body's JSON as text. */
    public String responseText() {
        return new String(responseJson, java.nio.charset.StandardCharsets.UTF_8);
    }

    /** The {@code spec.nodeTemplate.az} the pool was requested with (the 201 body echoes it), or null. */
    public String requestedAz() {
        return requestedAz;
    }

    /** A fresh tree of the 201 body. */
    public ObjectNode response() {
        try {
            return (ObjectNode) JSON.readTree(responseJson);
        } catch (IOException e) {
            throw new UncheckedIOException("a stored node pool cannot be read back", e);
        }
    }

    /** Where its nodes go: the AZ chosen, or none if sold out. */
    public Placement placement() {
        return placement;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof StoredNodePool that
                && clusterId.equals(that.clusterId)
                && name.equals(that.name)
                && uid.equals(that.uid)
                && createdAt.equals(that.createdAt)
                && Arrays.equals(responseJson, that.responseJson)
                && Objects.equals(placement, that.placement);
    }

    @Override
    public int hashCode() {
        return Objects.hash(clusterId, name, uid, createdAt, Arrays.hashCode(responseJson), placement);
    }

    @Override
    public String toString() {
        return "StoredNodePool[clusterId=" + clusterId + ", name=" + name + ", uid=" + uid + ", createdAt=" + createdAt
                + ", placement=" + placement + "]";
    }
}
