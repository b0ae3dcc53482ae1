package io.github.ccecontract.nodepool.stub.admin;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.ccecontract.nodepool.stub.domain.NodePoolStore;
import io.github.ccecontract.nodepool.stub.domain.Placement;
import io.github.ccecontract.nodepool.stub.domain.StoredNodePool;
import io.github.ccecontract.nodepool.stub.errors.CceErrors;
import io.github.ccecontract.nodepool.stub.faults.Faults;
import java.io.IOException;
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
 *   <li>{@code POST /__admin/reset}: forgets node pools and journal, and brings back the configured faults.</li>
 *   <li>{@code /__admin/faults}: the faults ({@link FaultsAdminApi}).</li>
 * </ul>
 * Admin requests are not journaled.
 *
 * <p>Access ({@link #refuse}), as WireMock's admin authentication: with an admin token configured, every
 * admin request must carry it ({@code Authorization: Bearer <token>} or {@code X-Admin-Token: <token>});
 * without one, the API answers anyone on a loopback address and nobody (403) on any other address.
 */
public final class AdminApi {

    /** JSON written straight to the answer (the listings, too large to build as a tree first). */
    @FunctionalInterface
    public interface JsonBody {
        /**
         * Writes the body as it is sent.
         *
         * @param json the generator to write the JSON value to
         * @throws IOException if writing to the answer fails
         */
        void write(JsonGenerator json) throws IOException;
    }

    /**
     * An answer: status, JSON body (or, for the listings, {@code stream}: JSON written as it is sent), and
     * the methods allowed (for 405).
     *
     * @param status the HTTP status
     * @param body the JSON body, or null when there is none or {@code stream} writes it
     * @param allow the value of the {@code Allow} header (for 405), or null
     * @param stream the JSON written as it is sent, or null when {@code body} is the answer
     */
    public record Answer(int status, JsonNode body, String allow, JsonBody stream) {
        /**
         * An answer with a body built as a tree (no streamed body).
         *
         * @param status the HTTP status
         * @param body the JSON body, or null for none
         * @param allow the value of the {@code Allow} header (for 405), or null
         */
        public Answer(int status, JsonNode body, String allow) {
            this(status, body, allow, null);
        }
    }

    private final RequestJournal journal;
    private final NodePoolStore store;
    private final Faults faults;
    private final byte[] token;
    private final boolean exposed;

    /**
     * An inspection API that answers anyone (a stub on a loopback address without an admin token).
     *
     * @param journal the stub's request journal, shown under {@code /__admin/requests}
     * @param store the stub's node pools, shown under {@code /__admin/nodepools}
     */
    public AdminApi(RequestJournal journal, NodePoolStore store) {
        this(journal, store, new Faults(List.of()), null, false);
    }

    /**
     * @param journal the stub's request journal, shown under {@code /__admin/requests}
     * @param store   the stub's node pools, shown under {@code /__admin/nodepools}
     * @param faults  the stub's faults, managed under {@code /__admin/faults}
     * @param token   the admin token, or null
     * @param exposed whether the stub listens on an address other than loopback
     */
    public AdminApi(RequestJournal journal, NodePoolStore store, Faults faults, String token, boolean exposed) {
        this.journal = Objects.requireNonNull(journal, "journal");
        this.store = Objects.requireNonNull(store, "store");
        this.faults = Objects.requireNonNull(faults, "faults");
        this.token = token == null ? null : token.getBytes(StandardCharsets.UTF_8);
        this.exposed = exposed;
    }

    /**
     * The answer refusing an admin request with these headers (names in any case), or null if it may
     * be served: 403 when the API is off (not loopback, no token configured), 401 without the token.
     *
     * @param headers the request headers, each name with its values
     * @return the 401 or 403 answer, or null when the request may be served
     */
    public Answer refuse(Map<String, List<String>> headers) {
        if (token == null) {
            return !exposed
                    ? null
                    : new Answer(
                            403,
                            CceErrors.error(
                                    CceErrors.FORBIDDEN,
                                    "The inspection API"
                                            + " (/__admin) is off: the stub listens on an address other than loopback and no adminToken is"
                                            + " configured. Configure adminToken and send it as 'Authorization: Bearer <adminToken>' or"
                                            + " 'X-Admin-Token: <adminToken>'."),
                            null);
        }
        for (Map.Entry<String, List<String>> header : headers.entrySet()) {
            String name = header.getKey().toLowerCase(Locale.ROOT);
            for (String value : header.getValue()) {
                String sent = name.equals("x-admin-token")
                        ? value.strip()
                        : name.equals("authorization") && value.regionMatches(true, 0, "Bearer ", 0, 7)
                                ? value.substring(7).strip()
                                : null;
                if (sent != null && MessageDigest.isEqual(token, sent.getBytes(StandardCharsets.UTF_8))) {
                    return null;
                }
            }
        }
        return new Answer(
                401,
                CceErrors.error(
                        CceErrors.UNAUTHORIZED,
                        "The inspection API (/__admin) needs the"
                                + " stub's adminToken: send 'Authorization: Bearer <adminToken>' or 'X-Admin-Token: <adminToken>'."),
                null);
    }

    /**
     * Answers {@code method} on {@code rawPath} (which starts with {@code /__admin}).
     *
     * @param method the HTTP method, for example {@code GET}
     * @param rawPath the raw request path, starting with {@code /__admin}
     * @return the answer to send
     */
    public Answer handle(String method, String rawPath) {
        return handle(method, rawPath, null, null);
    }

    /**
     * Answers {@code method} on {@code rawPath} (which starts with {@code /__admin}) with the raw query
     * {@code rawQuery} (or null) and the request body (or null). The listings stream:
     * {@code GET /__admin/nodepools} takes {@code offset} (default 0) and {@code limit} (default: all) and
     * reports the total as {@code count}.
     *
     * @param method the HTTP method, for example {@code GET}
     * @param rawPath the raw request path, starting with {@code /__admin}
     * @param rawQuery the raw query without "?", or null
     * @param requestBody the request body's bytes, or null
     * @return the answer to send
     */
    public Answer handle(String method, String rawPath, String rawQuery, byte[] requestBody) {
        if (FaultsAdminApi.handles(rawPath)) {
            return FaultsAdminApi.handle(faults, method, rawPath, requestBody);
        }
        String allow;
        switch (rawPath) {
            case "/__admin/requests" -> {
                allow = "GET";
                if (method.equals("GET")) {
                    return new Answer(200, null, null, journal::writeTo);
                }
            }
            case "/__admin/nodepools" -> {
                allow = "GET";
                if (method.equals("GET")) {
                    return nodePools(rawQuery);
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
                return new Answer(
                        404,
                        CceErrors.error(
                                CceErrors.NOT_FOUND,
                                "No admin resource at this path: the stub has GET"
                                        + " /__admin/requests, GET /__admin/nodepools, POST /__admin/reset and /__admin/faults."),
                        null);
            }
        }
        return new Answer(
                405,
                CceErrors.error(
                        CceErrors.METHOD_NOT_ALLOWED,
                        "Method " + method + " is not allowed here; allowed: " + allow + "."),
                allow);
    }

    /** Forgets the node pools and the journal; the faults are the configured ones again. */
    public void reset() {
        store.reset();
        journal.clear();
        faults.reset();
    }

    private Answer nodePools(String rawQuery) {
        long offset = 0;
        long limit = Long.MAX_VALUE;
        if (rawQuery != null && !rawQuery.isEmpty()) {
            for (String parameter : rawQuery.split("&")) {
                int equals = parameter.indexOf('=');
                String name = equals < 0 ? parameter : parameter.substring(0, equals);
                String value = equals < 0 ? "" : parameter.substring(equals + 1);
                if (!name.equals("offset") && !name.equals("limit")) {
                    continue;
                }
                long number;
                try {
                    number = value.length() > 12 ? -1 : Long.parseLong(value);
                } catch (NumberFormatException e) {
                    number = -1;
                }
                if (number < 0 || name.equals("limit") && number < 1) {
                    return new Answer(
                            400,
                            CceErrors.error(
                                    CceErrors.INVALID_REQUEST,
                                    "Query parameter " + name
                                            + " of /__admin/nodepools must be an integer of at least "
                                            + (name.equals("limit") ? 1 : 0)
                                            + "."),
                            null);
                }
                if (name.equals("offset")) {
                    offset = number;
                } else {
                    limit = number;
                }
            }
        }
        List<StoredNodePool> all = store.list();
        int from = (int) Math.min(offset, all.size());
        int to = (int) Math.min(all.size(), from + Math.min(limit, Integer.MAX_VALUE));
        List<StoredNodePool> page = all.subList(from, to);
        long shownLimit = limit;
        return new Answer(200, null, null, json -> {
            json.writeStartObject();
            json.writeArrayFieldStart("nodePools");
            for (StoredNodePool pool : page) {
                writeTo(pool, json);
            }
            json.writeEndArray();
            json.writeNumberField("count", all.size());
            json.writeNumberField("offset", from);
            if (shownLimit != Long.MAX_VALUE) {
                json.writeNumberField("limit", shownLimit);
            }
            json.writeNumberField("maxNodePools", store.maxPools());
            json.writeEndObject();
        });
    }

    /** One stored pool as the listing shows it, written without a tree of its body. */
    static void writeTo(StoredNodePool pool, JsonGenerator json) throws IOException {
        json.writeStartObject();
        json.writeStringField("clusterId", pool.clusterId());
        json.writeStringField("name", pool.name());
        json.writeStringField("uid", pool.uid());
        json.writeStringField("createdAt", pool.createdAt().toString());
        Placement placement = pool.placement();
        if (placement != null) {
            json.writeObjectFieldStart("placement");
            json.writeStringField("requestedAz", pool.requestedAz());
            json.writeStringField("az", placement.az());
            json.writeNumberField("nodes", placement.nodes());
            json.writeBooleanField("soldOut", placement.isSoldOut());
            json.writeEndObject();
        }
        json.writeFieldName("nodePool");
        json.writeRawValue(pool.responseText());
        json.writeEndObject();
    }

    /**
     * {@code GET /__admin/nodepools} as a tree (all pools).
     *
     * @return the listing: {@code nodePools}, {@code count} and {@code maxNodePools}
     */
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

    /**
     * One stored pool: cluster, name, uid, creation time, placement, and the 201 body.
     *
     * @param pool the stored node pool
     * @return a new JSON object describing the pool
     */
    public static ObjectNode toJson(StoredNodePool pool) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("clusterId", pool.clusterId());
        o.put("name", pool.name());
        o.put("uid", pool.uid());
        o.put("createdAt", pool.createdAt().toString());
        Placement placement = pool.placement();
        if (placement != null) {
            ObjectNode p = o.putObject("placement");
            p.put("requestedAz", pool.requestedAz());
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
