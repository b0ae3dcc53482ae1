package io.github.ccecontract.nodepool.stub.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.ccecontract.nodepool.stub.errors.CceErrors;
import io.github.ccecontract.nodepool.stub.faults.Fault;
import io.github.ccecontract.nodepool.stub.faults.FaultJson;
import io.github.ccecontract.nodepool.stub.faults.Faults;
import io.github.ccecontract.nodepool.stub.validation.JsonBodyParser;

/**
 * {@code /__admin/faults}: the faults of a running stub, as JSON ({@link FaultJson}).
 *
 * <ul>
 *   <li>{@code GET /__admin/faults}: {@code {"faults": [{"id": "f1", ...the fault..., "fired": 0, "remaining": 2}]}},
 *       in the order they are tried;</li>
 *   <li>{@code POST /__admin/faults} with one fault: 201 with it and its {@code id};</li>
 *   <li>{@code GET /__admin/faults/f1}, {@code DELETE /__admin/faults/f1}: one fault;</li>
 *   <li>{@code DELETE /__admin/faults}: every fault, the configured ones too (until a reset).</li>
 * </ul>
 */
final class FaultsAdminApi {

    static final String PATH = "/__admin/faults";

    private FaultsAdminApi() {}

    static boolean handles(String rawPath) {
        return rawPath.equals(PATH) || rawPath.startsWith(PATH + "/");
    }

    static AdminApi.Answer handle(Faults faults, String method, String rawPath, byte[] body) {
        if (rawPath.equals(PATH)) {
            switch (method) {
                case "GET":
                    return new AdminApi.Answer(200, faults.toJson(), null);
                case "POST":
                    return add(faults, body);
                case "DELETE": {
                    ObjectNode o = JsonNodeFactory.instance.objectNode();
                    o.put("deleted", faults.clear());
                    return new AdminApi.Answer(200, o, null);
                }
                default:
                    return notAllowed(method, "GET, POST, DELETE");
            }
        }
        String id = rawPath.substring(PATH.length() + 1);
        var found = faults.get(id);
        if (found.isEmpty()) {
            return new AdminApi.Answer(
                    404,
                    CceErrors.error(
                            CceErrors.NOT_FOUND,
                            "No fault with the id '" + (id.matches("[A-Za-z0-9_-]{1,40}") ? id : "...") + "': GET "
                                    + PATH + " lists them."),
                    null);
        }
        switch (method) {
            case "GET":
                return new AdminApi.Answer(200, found.get().toJson(), null);
            case "DELETE": {
                faults.remove(id);
                ObjectNode o = JsonNodeFactory.instance.objectNode();
                o.put("deleted", 1);
                return new AdminApi.Answer(200, o, null);
            }
            default:
                return notAllowed(method, "GET, DELETE");
        }
    }

    private static AdminApi.Answer add(Faults faults, byte[] body) {
        JsonNode json;
        try {
            json = JsonBodyParser.parse(body == null ? new byte[0] : body);
        } catch (JsonBodyParser.MalformedBodyException e) {
            return bad("the body is no fault: " + e.getMessage());
        }
        Fault fault;
        try {
            fault = FaultJson.parse(json);
        } catch (IllegalArgumentException e) {
            return bad(e.getMessage());
        }
        String id = faults.add(fault);
        return new AdminApi.Answer(201, faults.get(id).orElseThrow().toJson(), null);
    }

    private static AdminApi.Answer bad(String message) {
        return new AdminApi.Answer(400, CceErrors.error(CceErrors.INVALID_REQUEST, "Invalid fault: " + message), null);
    }

    private static AdminApi.Answer notAllowed(String method, String allow) {
        return new AdminApi.Answer(
                405,
                CceErrors.error(
                        CceErrors.METHOD_NOT_ALLOWED,
                        "Method " + method + " is not allowed here; allowed: " + allow + "."),
                allow);
    }
}
