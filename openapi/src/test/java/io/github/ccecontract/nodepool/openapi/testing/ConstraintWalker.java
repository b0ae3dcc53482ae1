package io.github.ccecontract.nodepool.openapi.testing;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.ccecontract.nodepool.contract.NodePoolContract;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The constraints of the request schema {@code NodePool}, found by walking the bundled document from the schema's
 * root and following {@code $ref}s, named as the constraint catalogue ({@link ConstraintCases}) names them:
 * {@code <instance pointer>#<keyword>} (array items {@code /0}, map values under the catalogue's
 * {@code sampleMapKey}, a required member by its own pointer). A keyword that states a rule of {@code x-cce-rules}
 * (the rule's {@code schemaKeywords}) is left to the rule's cases. The one walk of the project: the openapi module's
 * catalogue test and the conformance suite's check 4 both check the catalogue against it. A keyword the walker does
 * not know, a {@code $ref} with siblings, an external or recursive {@code $ref}, and a constraint stated twice fail
 * the walk.
 */
public final class ConstraintWalker {

    /** Keywords whose failure rejects a request: each occurrence is a constraint of the catalogue. */
    public static final Set<String> CONSTRAINT_KEYWORDS = Set.of(
            "type",
            "enum",
            "pattern",
            "minimum",
            "maximum",
            "minLength",
            "maxLength",
            "minItems",
            "maxItems",
            "uniqueItems",
            "minProperties",
            "maxProperties",
            "multipleOf",
            "not");

    /** Keywords that reject nothing (the walker skips them). {@code x-} extensions are skipped too. */
    public static final Set<String> ANNOTATION_KEYWORDS = Set.of(
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

    /**
     * Formats networknt's OpenAPI 3.0 dialect does not know, so it does not assert them (it only asserts the formats
     * of its Formats.DEFAULT list): a {@code format} with one of these values is an annotation.
     */
    public static final Set<String> NON_ASSERTED_FORMATS =
            Set.of("int32", "int64", "float", "double", "byte", "binary", "password");

    /** A constraint: an instance pointer of the request and a keyword. Required: the pointer of the member. */
    public record Constraint(String pointer, String keyword, String schemaPointer) {
        /** {@code <pointer>#<keyword>}, the catalogue's id. */
        public String id() {
            return pointer + "#" + keyword;
        }

        /** Where networknt reports a failure: the pointer, or its parent object for required. */
        public String errorPointer() {
            return keyword.equals("required") ? Json.parent(pointer) : pointer;
        }
    }

    private final JsonNode document;
    private final String sampleMapKey;
    private final Set<String> ruleStated;
    private final Map<String, Constraint> out = new LinkedHashMap<>();

    private ConstraintWalker(String sampleMapKey) {
        this.document = Contract.document();
        this.sampleMapKey = sampleMapKey;
        this.ruleStated = Contract.ruleStatedKeywords();
    }

    /** Every constraint of NodePool by id, in the order of the walk. */
    public static Map<String, Constraint> constraints(String sampleMapKey) {
        ConstraintWalker walker = new ConstraintWalker(sampleMapKey);
        walker.walk(Contract.at(Contract.REQUEST_SCHEMA), Contract.REQUEST_SCHEMA, "", new ArrayDeque<>());
        return walker.out;
    }

    private void walk(JsonNode schema, String schemaPointer, String instancePointer, Deque<String> refs) {
        String where = NodePoolContract.OPENAPI_JSON + " " + schemaPointer;
        if (schema.isMissingNode()) {
            throw new IllegalStateException(where + ": missing");
        }
        if (schema.has("$ref")) {
            String ref = schema.get("$ref").asText();
            if (schema.size() != 1) {
                throw new IllegalStateException(where + ": the walker expects $ref alone (OpenAPI 3.0 ignores its"
                        + " siblings), got " + names(schema.fieldNames()));
            }
            if (!ref.startsWith("#/")) {
                throw new IllegalStateException(where + ": $ref '" + ref + "' is not internal");
            }
            String target = ref.substring(1);
            if (refs.contains(target)) {
                throw new IllegalStateException(where + ": recursive $ref '" + ref + "' (via " + refs
                        + "): the catalogue cannot list the constraints of a recursive schema");
            }
            refs.push(target);
            walk(Json.at(document, target), target, instancePointer, refs);
            refs.pop();
            return;
        }
        if (!schema.isObject()) {
            throw new IllegalStateException(where + ": a schema must be an object, got " + schema);
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = schema.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            String keyword = entry.getKey();
            JsonNode value = entry.getValue();
            String keywordPointer = Json.child(schemaPointer, keyword);
            if (keyword.startsWith("x-") || ANNOTATION_KEYWORDS.contains(keyword)) {
                continue;
            }
            if (ruleStated.contains(keywordPointer)) {
                continue; // states a rule of x-cce-rules (schemaKeywords): the rule's cases cover it
            }
            switch (keyword) {
                case "required" -> {
                    for (JsonNode name : value) {
                        add(new Constraint(Json.child(instancePointer, name.asText()), keyword, keywordPointer));
                    }
                }
                case "properties" -> {
                    for (Iterator<Map.Entry<String, JsonNode>> props = value.fields(); props.hasNext(); ) {
                        Map.Entry<String, JsonNode> prop = props.next();
                        walk(
                                prop.getValue(),
                                Json.child(keywordPointer, prop.getKey()),
                                Json.child(instancePointer, prop.getKey()),
                                refs);
                    }
                }
                case "items" -> walk(value, keywordPointer, instancePointer + "/0", refs);
                case "additionalProperties" -> {
                    if (value.isBoolean()) {
                        if (!value.booleanValue()) {
                            add(new Constraint(instancePointer, keyword, keywordPointer));
                        }
                    } else {
                        walk(value, keywordPointer, Json.child(instancePointer, sampleMapKey), refs);
                    }
                }
                case "format" -> {
                    if (!NON_ASSERTED_FORMATS.contains(value.asText())) {
                        add(new Constraint(instancePointer, keyword, keywordPointer));
                    }
                }
                default -> {
                    if (!CONSTRAINT_KEYWORDS.contains(keyword)) {
                        throw new IllegalStateException(where + ": keyword '" + keyword
                                + "' is not handled by the constraint walker (teach it, and the catalogue)");
                    }
                    add(new Constraint(instancePointer, keyword, keywordPointer));
                }
            }
        }
    }

    private void add(Constraint constraint) {
        Constraint previous = out.putIfAbsent(constraint.id(), constraint);
        if (previous != null) {
            throw new IllegalStateException("Constraint " + constraint.id() + " stated twice: "
                    + previous.schemaPointer() + " and " + constraint.schemaPointer());
        }
    }

    private static String names(Iterator<String> it) {
        List<String> list = new ArrayList<>();
        it.forEachRemaining(list::add);
        return list.toString();
    }
}
