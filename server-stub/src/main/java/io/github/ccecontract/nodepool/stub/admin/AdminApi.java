package io.github.ccecontract.nodepool.stub.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.ccecontract.nodepool.stub.errors.CceErrors;
import io.github.ccecontract.nodepool.stub.domain.NodePoolStore;
import io.github.ccecontract.nodepool.stub.domain.Placement;
import io.github.ccecontract.nodepool.stub.domain.StoredNodePool;
import io.github.ccecontract.nodepool.stub.faults.Faults;
import java.util.List;
import java.util.Objects;

/**
 * The inspection API, in the manner of WireMock's admin API; every answer is JSON.
 *
 * <ul>
 *   <li>{@code GET /__admin/requests}: the journal, oldest first ({@link RequestJournal#toJson()}).</li>
 *   <li>{@code GET /__admin/nodepools}: the node pools created, in creation order, with their
 *       placement.</li>
 *   <li>{@code POST /__admin/reset}: forgets node pools and journal, and brings back the configured faults.</li>
 *   <li>{@code /__admin/faults}: the faults ({@link FaultsAdminApi}).</li>
 * </ul>
 * Admin requests are not journaled.
 */
public final class AdminApi {

    /** An answer: status, JSON body, and the methods allowed (for 405). */
    public record Answer(int status, JsonNode body, String allow) {
    }

    private final RequestJournal journal;
    private final NodePoolStore store;
    private final Faults faults;

    public AdminApi(RequestJournal journal, NodePoolStore store) {
        this(journal, store, new Faults(List.of()));
    }

    public AdminApi(RequestJournal journal, NodePoolStore store, Faults faults) {
        this.journal = Objects.requireNonNull(journal, "journal");
        this.store = Objects.requireNonNull(store, "store");
        this.faults = Objects.requireNonNull(faults, "faults");
    }

    /** Answers {@code method} on {@code rawPath} (which starts with {@code /__admin}). */
    public Answer handle(String method, String rawPath) {
        return handle(method, rawPath, null);
    }

    /** Answers {@code method} on {@code rawPath} (which starts with {@code /__admin}) with the request body. */
    public Answer handle(String method, String rawPath, byte[] requestBody) {
        if (FaultsAdminApi.handles(rawPath)) {
            return FaultsAdminApi.handle(faults, method, rawPath, requestBody);
        }
        String allow;
        switch (rawPath) {
            case "/__admin/requests" -> {
                allow = "GET";
                if (method.equals("GET")) {
                    return new Answer(200, journal.toJson(), null);
                }
            }
            case "/__admin/nodepools" -> {
                allow = "GET";
                if (method.equals("GET")) {
                    return new Answer(200, nodePools(), null);
                }
            }
            case "/__admin/reset" -> {
                allow = "POST";
                if (method.equals("POST")) {
                    reset();
                    ObjectNode body = JsonNodeFactory.instance.objectNode();
                    body.put("reset", true);
                    return new Answer(200, body, null);
                }
            }
            default -> {
                return new Answer(404, CceErrors.error(CceErrors.NOT_FOUND, "No admin resource at this path: the stub has GET"
                        + " /__admin/requests, GET /__admin/nodepools, POST /__admin/reset and /__admin/faults."), null);
            }
        }
        return new Answer(405, CceErrors.error(CceErrors.METHOD_NOT_ALLOWED, "Method " + method + " is not allowed here; allowed: " + allow
                + "."), allow);
    }

    /** Forgets the node pools and the journal; the faults are the configured ones again. */
    public void reset() {
        store.reset();
        journal.clear();
        faults.reset();
    }

    /** {@code GET /__admin/nodepools}. */
    public ObjectNode nodePools() {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        ArrayNode list = o.putArray("nodePools");
        for (StoredNodePool pool : store.list()) {
            list.add(toJson(pool));
        }
        o.put("count", store.size());
        o.put("maxNodePools", store.maxPools());
        return o;
    }

    /** One stored pool: cluster, name, uid, creation time, placement, and the 201 body. */
    public static ObjectNode toJson(StoredNodePool pool) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("clusterId", pool.clusterId());
        o.put("name", pool.name());
        o.put("uid", pool.uid());
        o.put("createdAt", pool.createdAt().toString());
        Placement placement = pool.placement();
        if (placement != null) {
            ObjectNode p = o.putObject("placement");
            p.put("requestedAz", pool.response().path("spec").path("nodeTemplate").path("az").asText(null));
            if (placement.az() == null) {
                p.putNull("az");
            } else {
                p.put("az", placement.az());
            }
            p.put("nodes", placement.nodes());
            p.put("soldOut", placement.isSoldOut());
        }
        o.set("nodePool", pool.response());
        return o;
    }
}
