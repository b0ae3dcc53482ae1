package io.github.ccecontract.nodepool.stub.domain;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;

/**
 * A node pool the stub has created.
 *
 * <p>Kept small, because a stub under load holds tens of thousands of them in a 128 MiB heap, and the
 * collector's marking work grows with the number of objects held: the 201 body as {@link PackedJson}
 * (not a Jackson tree, several times the size of its bytes; not the plain bytes, which repeat the
 * documented response almost entirely), the time as two numbers, the uid and the requested AZ read
 * back from the body when asked; {@link NodePoolStore} shares one instance of each cluster ID and each
 * placement among its pools. Each {@link #response()} reads a fresh tree, so
 * nobody can change a stored pool through a reference.
 */
public final class StoredNodePool {

    private final String clusterId;
    private final String name;
    private final long createdAtSecond;
    private final int createdAtNano;
    private final byte[] packedResponse;
    private final Placement placement;

    /**
     * @param clusterId    the cluster it was created in
     * @param name         its name, unique within the cluster
     * @param createdAt    when the store accepted it
     * @param responseJson the 201 body it was answered with, as UTF-8 JSON (packed, not kept)
     * @param placement    where its nodes went; {@code null} when the creator recorded none
     */
    public StoredNodePool(String clusterId, String name, Instant createdAt, byte[] responseJson, Placement placement) {
        this.clusterId = Objects.requireNonNull(clusterId, "clusterId must not be null");
        this.name = Objects.requireNonNull(name, "name must not be null");
        Objects.requireNonNull(createdAt, "createdAt must not be null");
        this.createdAtSecond = createdAt.getEpochSecond();
        this.createdAtNano = createdAt.getNano();
        this.packedResponse = PackedJson.pack(Objects.requireNonNull(responseJson, "responseJson must not be null"));
        this.placement = placement;
    }

    /**
     * The {@code cluster_id} of the request's path.
     *
     * @return the cluster ID
     */
    public String clusterId() {
        return clusterId;
    }

    /**
     * The pool's {@code metadata.name}.
     *
     * @return the pool's name
     */
    public String name() {
        return name;
    }

    /**
     * The {@code metadata.uid} the stub gave it, read from the 201 body.
     *
     * @return the pool's uid
     */
    public String uid() {
        return response().path("metadata").path("uid").textValue();
    }

    /**
     * When it was created (the stub's clock).
     *
     * @return the creation time
     */
    public Instant createdAt() {
        return Instant.ofEpochSecond(createdAtSecond, createdAtNano);
    }

    /**
     * The 201 body as the JSON it was answered with (UTF-8), unpacked afresh: for listing without a tree
     * (issue 10, item 4).
     *
     * @return a new array holding the 201 body's UTF-8 JSON
     */
    public byte[] responseJson() {
        return PackedJson.unpack(packedResponse);
    }

    /**
     * The 201 body's JSON as text.
     *
     * @return the 201 body's JSON text
     */
    public String responseText() {
        return new String(responseJson(), StandardCharsets.UTF_8);
    }

    /**
     * The {@code spec.nodeTemplate.az} the pool was requested with (the 201 body echoes it), or null.
     *
     * @return the requested AZ, or null if the body has none
     */
    public String requestedAz() {
        return response().path("spec").path("nodeTemplate").path("az").textValue();
    }

    /**
     * A fresh tree of the 201 body.
     *
     * @return a new tree of the 201 body
     */
    public ObjectNode response() {
        return (ObjectNode) JsonObjects.tree(responseJson());
    }

    /**
     * Where its nodes go: the AZ chosen, or none if sold out.
     *
     * @return the placement, or null if none was recorded
     */
    public Placement placement() {
        return placement;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof StoredNodePool that
                && clusterId.equals(that.clusterId)
                && name.equals(that.name)
                && createdAtSecond == that.createdAtSecond
                && createdAtNano == that.createdAtNano
                && Arrays.equals(packedResponse, that.packedResponse)
                && Objects.equals(placement, that.placement);
    }

    @Override
    public int hashCode() {
        return Objects.hash(
                clusterId, name, createdAtSecond, createdAtNano, Arrays.hashCode(packedResponse), placement);
    }

    @Override
    public String toString() {
        return "StoredNodePool[clusterId=" + clusterId + ", name=" + name + ", uid=" + uid() + ", createdAt="
                + createdAt() + ", placement=" + placement + "]";
    }
}
