package io.github.ccecontract.nodepool.stub.domain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.ccecontract.nodepool.contract.cluster.Cluster;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Builds the 201 body of "Create Node Pool" for a request that has passed validation.
 *
 * <p>The rules are read from the page's two documented request/response pairs: sent the CCE
 * request it answers the CCE response, sent the CCE Turbo request the Turbo response, except for
 * the generated {@code metadata.uid} and {@code extendParam.publicKey}. The nodeTemplate rules are
 * in {@link ResponseNodeTemplate}, the status rules in {@link NodePoolStatus}.
 */
public final class NodePoolFactory {

    /** Member order of the response (both documented responses). */
    static final List<String> KEY_ORDER = List.of("kind", "apiVersion", "metadata", "spec", "status");

    /**
     * Member order of the response's spec. The CCE response moves nodeTemplate before autoscaling
     * and nodeManagement, which the request sends first; other members follow in request order.
     */
    static final List<String> SPEC_KEY_ORDER =
            List.of("initialNodeCount", "type", "nodeTemplate", "autoscaling", "nodeManagement");

    private NodePoolFactory() {}

    /**
     * Where the request's new nodes go in {@code cluster} (see {@link AzPlacement#place}).
     *
     * @param request the request body
     * @param cluster the cluster the pool is created in
     * @return where the {@code spec.initialNodeCount} new nodes go
     */
    public static Placement placementFor(JsonNode request, Cluster cluster) {
        JsonNode spec = request.path("spec");
        return AzPlacement.place(spec.path("nodeTemplate").path("az").textValue(), initialNodeCount(spec), cluster);
    }

    /**
     * The 201 body for {@code request} created in {@code cluster}.
     *
     * @param request the request body
     * @param cluster the cluster the pool is created in
     * @param uid the new pool's {@code metadata.uid}
     * @param publicKey the source of {@code nodeTemplate.extendParam.publicKey} (vm pools)
     * @return a new 201 body
     */
    public static ObjectNode build(JsonNode request, Cluster cluster, String uid, Supplier<String> publicKey) {
        return build(request, placementFor(request, cluster), uid, publicKey);
    }

    /**
     * The 201 body for {@code request} whose nodes were placed as {@code placement} (from
     * {@link #placementFor}), so that a caller storing the placement computes it once.
     *
     * @param request the request body; not null
     * @param placement where the new nodes go; not null
     * @param uid the new pool's {@code metadata.uid}; not null
     * @param publicKey the source of {@code nodeTemplate.extendParam.publicKey} (vm pools); not null
     * @return a new 201 body
     */
    public static ObjectNode build(JsonNode request, Placement placement, String uid, Supplier<String> publicKey) {
        Objects.requireNonNull(request, "request must not be null");
        Objects.requireNonNull(placement, "placement must not be null");
        Objects.requireNonNull(uid, "uid must not be null");
        Objects.requireNonNull(publicKey, "publicKey supplier must not be null");
        JsonNode spec = request.path("spec");
        NodePoolType type = NodePoolType.ofSpec(spec);
        String name = request.path("metadata").path("name").asText();

        ObjectNode response = JsonNodeFactory.instance.objectNode();
        response.put("kind", kind(request));
        response.put("apiVersion", apiVersion(request));
        response.set("metadata", metadata(name, uid));
        response.set("spec", spec(spec, type, name, publicKey));
        response.set(
                "status",
                NodePoolStatus.afterCreation(initialNodeCount(spec), placement.isSoldOut())
                        .toJson(type));
        return JsonObjects.ordered(response, KEY_ORDER);
    }

    /** {@code kind} is copied from the request (both responses); Table 18 fixes it at NodePool. */
    static String kind(JsonNode request) {
        return request.path("kind").asText("NodePool");
    }

    /** {@code apiVersion} is copied from the request (both responses); Table 18 fixes it at v3. */
    static String apiVersion(JsonNode request) {
        return request.path("apiVersion").asText("v3");
    }

    /**
     * {@code metadata} is the pool's name and its new uid, and nothing else: both responses (and
     * Table 19) have exactly these two members.
     */
    static ObjectNode metadata(String name, String uid) {
        ObjectNode metadata = JsonNodeFactory.instance.objectNode();
        metadata.put("name", name);
        metadata.put("uid", uid);
        return metadata;
    }

    /**
     * {@code spec} echoes the request's spec (both responses), with {@code type} written out even
     * when the request left it out (Table 5: vm by default; D18) and the derived nodeTemplate.
     */
    static ObjectNode spec(JsonNode requestSpec, NodePoolType type, String name, Supplier<String> publicKey) {
        ObjectNode spec =
                requestSpec instanceof ObjectNode object ? object.deepCopy() : JsonNodeFactory.instance.objectNode();
        spec.put("type", type.wireValue());
        spec.set("nodeTemplate", ResponseNodeTemplate.from(requestSpec.path("nodeTemplate"), type, name, publicKey));
        return JsonObjects.ordered(spec, SPEC_KEY_ORDER);
    }

    /** The nodes this call creates (D21); mandatory in a validated request (Table 5). */
    static int initialNodeCount(JsonNode spec) {
        return spec.path("initialNodeCount").asInt(0);
    }
}
