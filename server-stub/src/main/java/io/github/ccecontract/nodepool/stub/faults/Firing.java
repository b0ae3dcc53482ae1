package io.github.ccecontract.nodepool.stub.faults;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A fault firing for one request: wait {@link #delayMillis()}, then answer {@link #status()} with
 * {@link #body()}, or close the connection, or (neither) handle the request as usual.
 *
 * @param id          the fault's id ({@code f1}, ...), or {@code prefer} for a {@code Prefer} header's
 * @param fault       the fault
 * @param delayMillis the delay drawn for this request
 */
public record Firing(String id, Fault fault, long delayMillis) {

    /** Header of a forced answer naming the fault ({@code f1}, or {@code prefer}). */
    public static final String HEADER = "X-Stub-Fault";

    /**
     * The status to answer, or 0 (no answer forced).
     *
     * @return the HTTP status, or 0 when the fault forces no answer
     */
    public int status() {
        return fault.status().orElse(0);
    }

    /**
     * Whether the connection is closed without an answer.
     *
     * @return {@code true} if the connection is closed instead of answered
     */
    public boolean closesConnection() {
        return fault.connection().isPresent();
    }

    /**
     * The body of the forced answer (a document's example).
     *
     * @return a new copy of the example's body, its {@code errorMessage} (if any) marked as forced by the stub
     */
    public ObjectNode body() {
        return ForcedResponses.body(status(), fault.example().orElse(null), id);
    }

    /**
     * {@code Retry-After} seconds, or -1.
     *
     * @return the {@code Retry-After} seconds, or -1 when no header is sent
     */
    public int retryAfter() {
        return fault.retryAfter().orElse(-1);
    }
}
