package io.github.ccecontract.nodepool.stub.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.ccecontract.nodepool.stub.errors.CceErrors;
import io.github.ccecontract.nodepool.stub.domain.NodePoolStore;
import io.github.ccecontract.nodepool.stub.domain.Placement;
import io.github.ccecontract.nodepool.stub.domain.StoredNodePool;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The inspection API, in the manner of WireMock's admin API; every answer is JSON.
 *
 * <ul>
 *   <li>{@code GET /__admin/requests}: the journal, oldest first ({@link RequestJournal#toJson()}).</li>
 *   <li>{@code GET /__admin/nodepools}: the node pools created, in creation order, with their
 *       placement.</li>
 *   <li>{@code POST /__admin/reset}: forgets node pools and journal.</li>
 * </ul>
 * Admin requests are not journaled.
 *
 * <p>Access ({@link #refuse}), as WireMock's admin authentication: with an admin token configured, every
 * admin request must carry it ({@code Authorization: Bearer <token>} or {@code X-Admin-Token: <token>});
 * without one, the API answers anyone on a loopback address and nobody (403) on any other address.
 */
public final class AdminApi {

    /** An answer: status, JSON body, and the methods allowed (for 405). */
    public record Answer(int status, JsonNode body, String allow) {
    }

    private final RequestJournal journal;
    private final NodePoolStore store;
    private final byte[] token;
    private final boolean exposed;

    /** An inspection API that answers anyone (a stub on a loopback address without an admin token). */
    public AdminApi(RequestJournal journal, NodePoolStore store) {
        this(journal, store, null, false);
    }

    /**
     * @param token   the admin token, or null
     * @param exposed whether the stub listens on an address other than loopback
     */
    public AdminApi(RequestJournal journal, NodePoolStore store, String token, boolean exposed) {
        this.journal = Objects.requireNonNull(journal, "journal");
        this.store = Objects.requireNonNull(store, "store");
        this.token = token == null ? null : token.getBytes(StandardCharsets.UTF_8);
        this.exposed = exposed;
    }

    /**
     * The answer refusing an admin request with these headers (names in any case), or null if it may
     * be served: 403 when the API is off (not loopback, no token configured), 401 without the token.
     */
    public Answer refuse(Map<String, List<String>> headers) {
        if (token == null) {
            return !exposed ? null : new Answer(403, CceErrors.error(CceErrors.FORBIDDEN, "The inspection API"
                    + " (/__admin) is off: the stub listens on an address other than loopback and no adminToken is"
                    + " configured. Configure adminToken and send it as 'Authorization: Bearer <adminToken>' or"
                    + " 'X-Admin-Token: <adminToken>'."), null);
        }
        for (Map.Entry<String, List<String>> header : headers.entrySet()) {
            String name = header.getKey().toLowerCase(Locale.ROOT);
            for (String value : header.getValue()) {
                String sent = name.equals("x-admin-token") ? value.strip()
                        : name.equals("authorization") && value.regionMatches(true, 0, "Bearer ", 0, 7)
                                ? value.substring(7).strip() : null;
                if (sent != null && MessageDigest.isEqual(token, sent.getBytes(StandardCharsets.UTF_8))) {
                    return null;
                }
            }
        }
        return new Answer(401, CceErrors.error(CceErrors.UNAUTHORIZED, "The inspection API (/__admin) needs the"
                + " stub's adminToken: send 'Authorization: Bearer <adminToken>' or 'X-Admin-Token: <adminToken>'."),
                null);
    }

    /** Answers {@code method} on {@code rawPath} (which starts with {@code /__admin}). */
    public Answer handle(String method, String rawPath) {
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
                        + " /__admin/requests, GET /__admin/nodepools and POST /__admin/reset."), null);
            }
        }
        return new Answer(405, CceErrors.error(CceErrors.METHOD_NOT_ALLOWED, "Method " + method + " is not allowed here; allowed: " + allow
                + "."), allow);
    }

    /** Forgets the node pools and the journal. */
    public void reset() {
        store.reset();
        journal.clear();
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
