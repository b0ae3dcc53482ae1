package io.github.ccecontract.nodepool.openapi.testing;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.stream.Collectors;

/**
 * Jackson mappers, RFC 6901 JSON pointer helpers and JSON differences: the one set the tests of every module use
 * (the openapi module's, the client's, the conformance suite's).
 */
public final class Json {

    /** Plain JSON mapper (no features that would change what the document or a request says). */
    public static final ObjectMapper JSON = JsonMapper.builder().build();

    /** YAML mapper (the constraint catalogue, the source document). */
    public static final ObjectMapper YAML = YAMLMapper.builder().build();

    private static final ObjectMapper PRETTY =
            JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    private Json() {}

    /** Parses JSON text; fails with the text's origin in the message. */
    public static JsonNode parse(String text, String what) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(what + " is not valid JSON: " + e.getMessage(), e);
        }
    }

    /** Parses JSON text, or returns null when it is not JSON (a response body may be anything). */
    public static JsonNode parseOrNull(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            return null;
        }
    }

    /** Compact JSON text. */
    public static String compact(JsonNode node) {
        try {
            return JSON.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Indented JSON text (for failure messages). */
    public static String pretty(JsonNode node) {
        try {
            return PRETTY.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ------------------------------------------------------------------------------ JSON pointers

    /** Escapes one reference token (RFC 6901). */
    public static String escape(String token) {
        return token.replace("~", "~0").replace("/", "~1");
    }

    /** Unescapes one reference token (RFC 6901). */
    public static String unescape(String token) {
        return token.replace("~1", "/").replace("~0", "~");
    }

    /** The pointer of a member or item below a pointer. */
    public static String child(String pointer, String token) {
        return pointer + "/" + escape(token);
    }

    /** The pointer of an array item below a pointer. */
    public static String child(String pointer, int index) {
        return pointer + "/" + index;
    }

    /** The pointer of the parent ("" for a top-level member); fails for the root. */
    public static String parent(String pointer) {
        int slash = pointer.lastIndexOf('/');
        if (slash < 0) {
            throw new IllegalArgumentException("The root pointer has no parent");
        }
        return pointer.substring(0, slash);
    }

    /** The last token of a pointer, unescaped; fails for the root. */
    public static String lastToken(String pointer) {
        int slash = pointer.lastIndexOf('/');
        if (slash < 0) {
            throw new IllegalArgumentException("The root pointer has no token");
        }
        return unescape(pointer.substring(slash + 1));
    }

    /** The unescaped tokens of a pointer ("" has none). */
    public static List<String> tokens(String pointer) {
        if (pointer.isEmpty()) {
            return List.of();
        }
        if (!pointer.startsWith("/")) {
            throw new IllegalArgumentException(
                    "Not a JSON pointer (must be empty or start with '/'): '" + pointer + "'");
        }
        List<String> tokens = new ArrayList<>();
        for (String raw : pointer.substring(1).split("/", -1)) {
            tokens.add(unescape(raw));
        }
        return tokens;
    }

    /** The pointer of unescaped tokens. */
    public static String pointer(List<String> tokens) {
        return tokens.stream().map(t -> "/" + escape(t)).collect(Collectors.joining());
    }

    /** The node at a pointer, or a missing node. */
    public static JsonNode at(JsonNode root, String pointer) {
        return root.at(JsonPointer.compile(pointer));
    }

    /** Calls the consumer with every (JSON pointer, node) of a tree, depth first, the root first. */
    public static void walk(JsonNode node, String pointer, BiConsumer<String, JsonNode> consumer) {
        consumer.accept(pointer, node);
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                walk(field.getValue(), child(pointer, field.getKey()), consumer);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                walk(node.get(i), child(pointer, i), consumer);
            }
        }
    }

    // ------------------------------------------------------------------------------ differences

    /**
     * Where two JSON trees differ, one line per difference ("/spec/type: expected "vm", got "ElasticBMS""), at most
     * {@code limit} lines. Numbers compare by value (40 equals 40.0 and a long 40).
     */
    public static List<String> differences(JsonNode expected, JsonNode actual, int limit) {
        List<String> out = new ArrayList<>();
        diff("", expected, actual, out, limit);
        return out;
    }

    private static void diff(String pointer, JsonNode expected, JsonNode actual, List<String> out, int limit) {
        if (out.size() >= limit) {
            return;
        }
        String where = pointer.isEmpty() ? "(root)" : pointer;
        if (expected == null || expected.isMissingNode()) {
            out.add(where + ": not expected, got " + cut(compact(actual)));
            return;
        }
        if (actual == null || actual.isMissingNode()) {
            out.add(where + ": expected " + cut(compact(expected)) + ", missing");
            return;
        }
        if (expected.isNumber() && actual.isNumber()) {
            if (expected.decimalValue().compareTo(actual.decimalValue()) != 0) {
                out.add(where + ": expected " + expected + ", got " + actual);
            }
            return;
        }
        if (expected.isObject() && actual.isObject()) {
            java.util.Set<String> names = new java.util.TreeSet<>();
            expected.fieldNames().forEachRemaining(names::add);
            actual.fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                diff(child(pointer, name), expected.get(name), actual.get(name), out, limit);
            }
            return;
        }
        if (expected.isArray() && actual.isArray()) {
            for (int i = 0; i < Math.max(expected.size(), actual.size()); i++) {
                diff(child(pointer, i), expected.get(i), actual.get(i), out, limit);
            }
            return;
        }
        if (!expected.equals(actual)) {
            out.add(where + ": expected " + cut(compact(expected)) + ", got " + cut(compact(actual)));
        }
    }

    private static String cut(String text) {
        return text.length() > 200 ? text.substring(0, 200) + "... (" + text.length() + " characters)" : text;
    }
}
