package io.github.ccecontract.nodepool.stub;

import com.fasterxml.jackson.databind.JsonNode;

/** A creation the stub refused, called through {@link StubNodePoolApi}: the HTTP status and CCE error body. */
public final class CceStubException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int status;
    private final transient JsonNode body;

    /**
     * A refusal with this HTTP status and CCE error body ({@code errorCode}, {@code errorMessage}, {@code violations}).
     *
     * @param status the HTTP status of the refusal, for example 400
     * @param body the CCE error body; the exception keeps a copy
     */
    public CceStubException(int status, JsonNode body) {
        super(status + " " + body.path("errorCode").asText() + ": "
                + body.path("errorMessage").asText());
        this.status = status;
        this.body = body.deepCopy();
    }

    /**
     * The HTTP status the request would have got.
     *
     * @return the HTTP status, for example 400 or 409
     */
    public int status() {
        return status;
    }

    /**
     * The CCE error code, for example CCE.01400001.
     *
     * @return the body's {@code errorCode} text, or an empty string if the body has none
     */
    public String errorCode() {
        return body.path("errorCode").asText();
    }

    /**
     * A copy of the error body (errorCode, errorMessage, violations).
     *
     * @return a deep copy of the error body, which the caller may change
     */
    public JsonNode body() {
        return body.deepCopy();
    }
}
