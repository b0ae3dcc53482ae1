package io.github.ccecontract.nodepool.contract.validation;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import com.networknt.schema.path.NodePath;
import io.github.ccecontract.nodepool.contract.ContractDocument;
import io.github.ccecontract.nodepool.contract.model.Violation;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns a networknt validation error into a {@link Violation}: the instance pointer, the
 * document's keyword, and a message a person understands. Messages name the field
 * ({@code metadata.name}), state the rule with the document's own bounds and enumerations and, for
 * patterns, the first sentence of the field's description; they show numbers and lengths of the
 * request but never its strings (a string may be a password).
 */
final class SchemaMessages {

    private final ContractDocument document;

    SchemaMessages(ContractDocument document) {
        this.document = document;
    }

    Violation toViolation(Error error) {
        String keyword = error.getKeyword() == null ? "schema" : error.getKeyword();
        String pointer = pointer(error.getInstanceLocation());
        JsonNode instance = error.getInstanceNode();
        JsonNode keywordValue = keywordValue(error);
        if ("required".equals(keyword) && error.getProperty() != null) {
            String member = JsonPointer.compile(pointer)
                    .appendProperty(error.getProperty())
                    .toString();
            return violation(member, keyword, capitalize(FieldNames.of(member)) + " is required.");
        }
        if ("additionalProperties".equals(keyword) && error.getProperty() != null) {
            String member = JsonPointer.compile(pointer)
                    .appendProperty(error.getProperty())
                    .toString();
            return violation(
                    member, keyword, capitalize(FieldNames.of(member)) + " is not a member the document allows here.");
        }
        String field = capitalize(FieldNames.of(pointer));
        String message = switch (keyword) {
            case "type" -> field + " must be " + expectedType(keywordValue) + ", not " + actualType(instance) + ".";
            case "enum" ->
                field + (keywordValue.size() == 1 ? " must be " : " must be one of ") + values(keywordValue) + ".";
            case "pattern" ->
                field + " does not have the required form (pattern " + keywordValue.asText() + ")." + describe(error);
            case "minimum" -> field + " must be at least " + keywordValue.asText() + number(instance) + ".";
            case "maximum" -> field + " must be at most " + keywordValue.asText() + number(instance) + ".";
            case "minLength" ->
                field + " must have at least " + count(keywordValue, "character") + length(instance) + ".";
            case "maxLength" ->
                field + " must have at most " + count(keywordValue, "character") + length(instance) + ".";
            case "minItems" -> field + " must have at least " + count(keywordValue, "item") + size(instance) + ".";
            case "maxItems" -> field + " can have at most " + count(keywordValue, "item") + size(instance) + ".";
            case "minProperties" ->
                field + " must have at least " + count(keywordValue, "member") + size(instance) + ".";
            case "maxProperties" -> field + " can have at most " + count(keywordValue, "member") + size(instance) + ".";
            case "not" ->
                field
                        + (keywordValue.has("enum")
                                ? " must not be " + values(keywordValue.get("enum"))
                                : " must not match the schema at " + schemaPointer(error))
                        + "." + describe(error);
            case "uniqueItems" -> field + " must not contain the same item twice.";
            default ->
                field + ": " + (error.getMessage() == null ? "breaks a rule of the document" : error.getMessage())
                        + ".";
        };
        return violation(pointer, keyword, message);
    }

    private static Violation violation(String pointer, String rule, String message) {
        return new Violation().pointer(pointer).rule(rule).message(message);
    }

    /** A networknt instance location as an RFC 6901 JSON pointer. */
    static String pointer(NodePath path) {
        JsonPointer pointer = JsonPointer.empty();
        for (int i = 0; i < path.getNameCount(); i++) {
            Object element = path.getElement(i);
            pointer = element instanceof Integer index
                    ? pointer.appendIndex(index)
                    : pointer.appendProperty(String.valueOf(element));
        }
        return pointer.toString();
    }

    /** The value of the failing keyword in the document (the schema node networknt reports, or looked up). */
    private JsonNode keywordValue(Error error) {
        JsonNode fromDocument = document.at(schemaPointer(error));
        if (!fromDocument.isMissingNode()) {
            return fromDocument;
        }
        JsonNode schemaNode = error.getSchemaNode();
        return schemaNode == null ? com.fasterxml.jackson.databind.node.MissingNode.getInstance() : schemaNode;
    }

    /** JSON pointer, in the document, of the failing keyword ("" if unknown). */
    private static String schemaPointer(Error error) {
        if (error.getSchemaLocation() == null || error.getSchemaLocation().getFragment() == null) {
            return "";
        }
        return error.getSchemaLocation().getFragment().toString();
    }

    /** " " + the first sentence of the description of the schema that holds the keyword, or "". */
    private String describe(Error error) {
        String keywordPointer = schemaPointer(error);
        int slash = keywordPointer.lastIndexOf('/');
        if (slash < 0) {
            return "";
        }
        JsonNode description = document.at(keywordPointer.substring(0, slash)).path("description");
        if (!description.isTextual()) {
            return "";
        }
        String text = description.textValue().strip();
        int end = text.indexOf(". ");
        return " " + (end < 0 ? text : text.substring(0, end + 1));
    }

    private static String expectedType(JsonNode type) {
        List<String> names = new ArrayList<>();
        if (type.isArray()) {
            type.forEach(t -> names.add(article(t.asText())));
        } else {
            names.add(article(type.asText()));
        }
        return String.join(" or ", names);
    }

    private static String article(String type) {
        return switch (type) {
            case "integer" -> "an integer";
            case "object" -> "a JSON object";
            case "array" -> "an array";
            case "boolean" -> "true or false";
            case "string" -> "a string";
            case "number" -> "a number";
            case "null" -> "null";
            default -> type;
        };
    }

    private static String actualType(JsonNode instance) {
        if (instance == null || instance.isMissingNode()) {
            return "absent";
        }
        if (instance.isIntegralNumber()) {
            return "an integer";
        }
        if (instance.isNumber()) {
            return "a number with a fraction";
        }
        if (instance.isTextual()) {
            return "a string";
        }
        if (instance.isBoolean()) {
            return instance.asText();
        }
        if (instance.isNull()) {
            return "null";
        }
        if (instance.isArray()) {
            return "an array";
        }
        return instance.isObject()
                ? "a JSON object"
                : instance.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
    }

    private static String values(JsonNode values) {
        List<String> shown = new ArrayList<>();
        for (JsonNode value : values) {
            shown.add(value.isTextual() ? "\"" + value.textValue() + "\"" : value.toString());
        }
        return String.join(", ", shown);
    }

    private static String count(JsonNode bound, String noun) {
        return bound.asText() + " " + noun + (bound.asText().equals("1") ? "" : "s");
    }

    private static String number(JsonNode instance) {
        return instance != null && instance.isNumber() ? " (it is " + instance.asText() + ")" : "";
    }

    private static String length(JsonNode instance) {
        return instance != null && instance.isTextual()
                ? " (it has "
                        + instance.textValue()
                                .codePointCount(0, instance.textValue().length()) + ")"
                : "";
    }

    private static String size(JsonNode instance) {
        return instance != null && instance.isContainerNode() ? " (it has " + instance.size() + ")" : "";
    }

    private static String capitalize(String field) {
        return field.startsWith("the ") ? "T" + field.substring(1) : field;
    }
}
