package io.github.ccecontract.nodepool.conformance.generate;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import io.github.ccecontract.nodepool.contract.cluster.Cluster;
import io.github.ccecontract.nodepool.openapi.testing.Json;
import io.github.ccecontract.nodepool.openapi.testing.Schemas;
import java.util.List;
import java.util.Objects;

/**
 * An invalid request made from a valid one by one change, and what it must be rejected for: the JSON pointer of the
 * offending value and the JSON Schema keyword it breaks (the {@code pointer} and {@code rule} a CceError violation
 * of the stub names).
 *
 * @param kind     what was changed
 * @param pointer  RFC 6901 pointer of the changed value in the request; for {@link Kind#FIELD_DROPPED} the pointer of
 *                 the member that is now missing (as the constraint catalogue names required constraints)
 * @param keyword  the keyword the request now breaks: required, type, minimum, maximum, minLength, maxLength,
 *                 maxItems, maxProperties, enum, pattern or not
 * @param before   the value before the change (null: none)
 * @param after    the value after the change (null: removed)
 * @param request  the invalid request body (a new tree; the valid one is untouched); not an object when the whole
 *                 body changed type
 * @param cluster  the cluster the valid request was valid for
 */
public record Mutation(
        Kind kind, String pointer, String keyword, JsonNode before, JsonNode after, JsonNode request, Cluster cluster) {

    /** The kinds of change. */
    public enum Kind {
        /** A required member removed: keyword required. */
        FIELD_DROPPED,
        /** A value replaced by one of another JSON type: keyword type. */
        WRONG_TYPE,
        /** A number, length, item or member count past a bound: minimum, maximum, minLength, maxLength, maxItems, maxProperties. */
        OUT_OF_RANGE,
        /** A string outside an enum: keyword enum. */
        UNKNOWN_ENUM,
        /** A string that does not match the pattern: keyword pattern. */
        BROKEN_PATTERN,
        /** A value the schema excludes with not: {enum}: keyword not (metadata.name DefaultPool). */
        FORBIDDEN_VALUE
    }

    public Mutation {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(pointer, "pointer");
        Objects.requireNonNull(keyword, "keyword");
        Objects.requireNonNull(request, "request");
    }

    /** Where a JSON Schema validator reports the failure: the pointer, or the parent object for required. */
    public String errorPointer() {
        return kind == Kind.FIELD_DROPPED ? Json.parent(pointer) : pointer;
    }

    /** The missing member's name for required, else null. */
    public String missingMember() {
        return kind == Kind.FIELD_DROPPED ? Json.lastToken(pointer) : null;
    }

    /** Whether a networknt error is the one this mutation must cause. */
    public boolean isReportedBy(Error error) {
        return keyword.equals(error.getKeyword())
                && errorPointer().equals(Schemas.pointer(error.getInstanceLocation()))
                && (missingMember() == null || missingMember().equals(error.getProperty()));
    }

    /** Whether any of the errors is the one this mutation must cause. */
    public boolean isReportedByAny(List<Error> errors) {
        return errors.stream().anyMatch(this::isReportedBy);
    }

    /** One line: kind, keyword, pointer and the change. */
    public String summary() {
        return kind + " (" + keyword + ") at " + (pointer.isEmpty() ? "(root)" : pointer) + ": "
                + (before == null ? "(absent)" : cut(Json.compact(before))) + " -> "
                + (after == null ? "(removed)" : cut(Json.compact(after)));
    }

    /** Summary, cluster and the invalid request, for failure messages. */
    public String describe() {
        return "mutation: " + summary() + "\ncluster: " + cluster + "\ninvalid request body:\n" + Json.pretty(request);
    }

    private static String cut(String text) {
        return text.length() > 120 ? text.substring(0, 120) + "... (" + text.length() + " characters)" : text;
    }
}
