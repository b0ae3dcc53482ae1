package io.github.ccecontract.nodepool.stub.validation;

import java.util.Objects;

/**
 * One rule a rejected request broke, as the 400 body's {@code violations} lists it.
 *
 * @param pointer JSON pointer (RFC 6901) of the offending value; for a missing member, the member's
 *                own pointer; empty for the whole body
 * @param rule    the JSON Schema keyword of the document ({@code required}, {@code pattern}, ...) or
 *                the id of an {@code x-cce-rules} entry
 * @param message what is wrong, for a person, naming the field; never repeats a string of the request
 */
public record RequestViolation(String pointer, String rule, String message) {
    public RequestViolation {
        Objects.requireNonNull(pointer, "pointer");
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(message, "message");
    }
}
