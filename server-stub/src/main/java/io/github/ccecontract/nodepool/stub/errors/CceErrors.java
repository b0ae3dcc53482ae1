package io.github.ccecontract.nodepool.stub.errors;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.ccecontract.nodepool.contract.model.Violation;
import java.util.List;

/**
 * The stub's error answers: CCE's error body ({@code CceError}: {@code errorCode}, {@code errorMessage})
 * and, for a rejected request, every violation. The codes are the document's (responses of
 * createNodePool), except the three marked as the stub's own.
 */
public final class CceErrors {

    /** 400: the request breaks rules of the document (with violations); also 413, as the document's example. */
    public static final String INVALID_REQUEST = "CCE.01400001";
    /** 400: the body is not JSON, or not sent as application/json. */
    public static final String BAD_BODY = "CCE.01400006";
    /** 400: a node count above the cluster's limit (rules node-count-within-cluster-limit, max- and min-node-count-within-cluster-limit). */
    public static final String NODE_LIMIT = "CCE.01400014";
    /** 401: no token, a token not accepted, or a bad AK/SK signature. */
    public static final String UNAUTHORIZED = "CCE.01401001";
    /** 403: the inspection API is off (the stub listens off loopback without an admin token). */
    public static final String FORBIDDEN = "CCE.01403001";
    /** 404: an unknown path, or a cluster the stub is not configured with. */
    public static final String NOT_FOUND = "CCE.01404001";
    /** 405: a method other than the path's (the stub's own code: the document lists no 405). */
    public static final String METHOD_NOT_ALLOWED = "CCE.01405001";
    /** 409: a node pool of that name already exists in the cluster. */
    public static final String CONFLICT = "CCE.01409001";
    /** 429: requests are throttled (the document's TooManyRequests); the stub's memory for bodies is taken. */
    public static final String THROTTLED = "CCE.02429001";
    /** 500: the stub failed (a bug of the stub; logged). */
    public static final String INTERNAL = "CCE.01500001";
    /**
     * 507: the stub holds its maximum number of node pools (the stub's own code and status: CCE has
     * no such state; reset the stub or raise maxNodePools).
     */
    public static final String STORE_FULL = "CCE.01507001";

    private CceErrors() {}

    /**
     * {@code {"errorCode": code, "errorMessage": message}}.
     *
     * @param code the CCE error code, for example {@code CCE.01400001}
     * @param message the error message
     * @return a new error body
     */
    public static ObjectNode error(String code, String message) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("errorCode", code);
        body.put("errorMessage", message);
        return body;
    }

    /**
     * An error with its violations.
     *
     * @param code the CCE error code, for example {@code CCE.01400001}
     * @param message the error message
     * @param violations the violations, listed in this order under {@code violations}
     * @return a new error body with a {@code violations} array
     */
    public static ObjectNode rejected(String code, String message, List<Violation> violations) {
        ObjectNode body = error(code, message);
        ArrayNode list = body.putArray("violations");
        for (Violation v : violations) {
            ObjectNode item = list.addObject();
            item.put("pointer", v.getPointer());
            item.put("rule", v.getRule());
            item.put("message", v.getMessage());
        }
        return body;
    }
}
