package io.github.ccecontract.nodepool.contract.rules;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * One entry of the document's {@code x-cce-rules}: a rule JSON Schema cannot state.
 *
 * @param id        the rule's id, which violations name as their {@code rule}
 * @param scope     whether the request alone decides, or the cluster too
 * @param message   the document's message, which every violation of the rule starts with
 * @param tables    the tables of the reference page the rule comes from
 * @param fields    JSON pointers of the fields the rule reads ({@code *} for any member or index)
 * @param errorCode the CCE error code of a rejection for this rule alone; empty for the default
 * @param schemaKeywords document pointers of the schema keywords that state this rule as well (a
 *     {@code not}): the rule reports such a violation, the keyword's own errors are left out
 */
public record Rule(
        String id,
        Scope scope,
        String message,
        List<Integer> tables,
        List<String> fields,
        Optional<String> errorCode,
        List<String> schemaKeywords) {

    /** Where a rule applies. */
    public enum Scope {
        /** The request alone decides. */
        REQUEST,
        /** The cluster decides too: checked only when the cluster is known. */
        CLUSTER
    }

    public Rule {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(message, "message");
        tables = List.copyOf(tables);
        fields = List.copyOf(fields);
        Objects.requireNonNull(errorCode, "errorCode");
        schemaKeywords = List.copyOf(schemaKeywords);
    }

    /** Reads one entry of {@code x-cce-rules}; {@code scope} defaults to {@code request}. */
    public static Rule fromDocument(JsonNode entry) {
        List<Integer> tables = new ArrayList<>();
        entry.path("tables").forEach(t -> tables.add(t.asInt()));
        List<String> fields = new ArrayList<>();
        entry.path("fields").forEach(f -> fields.add(f.asText()));
        List<String> schemaKeywords = new ArrayList<>();
        entry.path("schemaKeywords").forEach(k -> schemaKeywords.add(k.asText()));
        Scope scope = Scope.valueOf(entry.path("scope").asText("request").toUpperCase(Locale.ROOT));
        return new Rule(
                entry.path("id").asText(),
                scope,
                entry.path("message").asText(),
                tables,
                fields,
                Optional.ofNullable(entry.path("errorCode").textValue()),
                schemaKeywords);
    }

    /** Whether the rule depends on the cluster. */
    public boolean clusterScoped() {
        return scope == Scope.CLUSTER;
    }
}
