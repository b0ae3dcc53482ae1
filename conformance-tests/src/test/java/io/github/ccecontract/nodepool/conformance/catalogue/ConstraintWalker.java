package io.github.ccecontract.nodepool.conformance.catalogue;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.ccecontract.nodepool.conformance.support.Contract;
import io.github.ccecontract.nodepool.conformance.support.Json;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The constraints of the request schema {@code NodePool}, found by walking the bundled document from the schema's
 * root and following {@code $ref}s, named as the constraint catalogue names them: {@code <instance pointer>#<keyword>}
 * (array items {@code /0}, map values under the catalogue's {@code sampleMapKey}, a required member by its own
 * pointer). The same walk as the openapi module's catalogue test, written again here so that check 4 fails by itself
 * when the document has a constraint without cases. A keyword the walker does not know fails the walk.
 */
public final class ConstraintWalker {

    /** Keywords whose failure rejects a request. */
    static final Set<String> CONSTRAINT_KEYWORDS = Set.of(
            "type",
            "enum",
            "pattern",
            "minimum",
            "maximum",
            "exclusiveMinimum",
            "exclusiveMaximum",
            "minLength",
            "maxLength",
            "minItems",
            "maxItems",
            "uniqueItems",
            "minProperties",
            "maxProperties",
            "multipleOf",
            "not");

    /** Keywords that reject nothing. */
    static final Set<String> ANNOTATIONS = Set.of(
            "description",
            "title",
            "default",
            "example",
            "externalDocs",
            "deprecated",
            "readOnly",
            "writeOnly",
            "xml",
            "nullable");

    /** Formats the OpenAPI 3.0 dialect of networknt does not assert. */
    static final Set<String> NON_ASSERTED_FORMATS =
            Set.of("int32", "int64", "float", "double", "byte", "binary", "password");

    private ConstraintWalker() {}

    /** Every constraint id of NodePool. */
    public static Set<String> constraints(String sampleMapKey) {
        Set<String> out = new TreeSet<>();
        walk(Contract.at(Contract.REQUEST_SCHEMA), Contract.REQUEST_SCHEMA, "", sampleMapKey, out, new ArrayDeque<>());
        return out;
    }

    private static void walk(
            JsonNode schema,
            String schemaPointer,
            String instance,
            String sampleMapKey,
            Set<String> out,
            Deque<String> refs) {
        if (schema.has("$ref")) {
            String target = schema.get("$ref").asText().substring(1);
            if (refs.contains(target)) {
                throw new IllegalStateException(schemaPointer + ": recursive $ref " + target);
            }
            refs.push(target);
            walk(Contract.at(target), target, instance, sampleMapKey, out, refs);
            refs.pop();
            return;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = schema.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            String keyword = entry.getKey();
            JsonNode value = entry.getValue();
            String keywordPointer = Json.child(schemaPointer, keyword);
            if (keyword.startsWith("x-") || ANNOTATIONS.contains(keyword)) {
                continue;
            }
            if (Contract.ruleStatedKeywords().contains(keywordPointer)) {
                continue; // states a rule of x-cce-rules (schemaKeywords): the rule's cases cover it
            }
            switch (keyword) {
                case "required" -> value.forEach(name -> out.add(Json.child(instance, name.asText()) + "#required"));
                case "properties" ->
                    value.fields()
                            .forEachRemaining(p -> walk(
                                    p.getValue(),
                                    Json.child(keywordPointer, p.getKey()),
                                    Json.child(instance, p.getKey()),
                                    sampleMapKey,
                                    out,
                                    refs));
                case "items" -> walk(value, keywordPointer, instance + "/0", sampleMapKey, out, refs);
                case "additionalProperties" -> {
                    if (value.isBoolean()) {
                        if (!value.booleanValue()) {
                            out.add(instance + "#additionalProperties");
                        }
                    } else {
                        walk(value, keywordPointer, Json.child(instance, sampleMapKey), sampleMapKey, out, refs);
                    }
                }
                case "format" -> {
                    if (!NON_ASSERTED_FORMATS.contains(value.asText())) {
                        out.add(instance + "#format");
                    }
                }
                default -> {
                    if (!CONSTRAINT_KEYWORDS.contains(keyword)) {
                        throw new IllegalStateException(keywordPointer + ": keyword '" + keyword
                                + "' is not known to the suite's constraint walker (teach it, and the catalogue)");
                    }
                    out.add(instance + "#" + keyword);
                }
            }
        }
    }
}
