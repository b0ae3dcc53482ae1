package io.github.ccecontract.nodepool.conformance.generate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.ccecontract.nodepool.openapi.testing.Contract;
import io.github.ccecontract.nodepool.openapi.testing.Json;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * Generates JSON instances from a schema of the bundled document, reading the schema as it is: {@code type},
 * {@code properties}, {@code required} (always present) vs optional members (present now and then),
 * {@code additionalProperties} (maps), {@code items}, {@code enum}, {@code pattern} (through {@link RegexGenerator}),
 * {@code minLength}/{@code maxLength}, {@code minimum}/{@code maximum} ({@code format: int32} bounds otherwise),
 * {@code maxItems}, {@code maxProperties}, {@code not: {enum}} and internal {@code $ref}s.
 *
 * <p>A keyword it does not know fails generation, naming the schema: when the document gains a constraint, the
 * generator must learn it (or valid-looking requests would silently stop being valid).
 *
 * <p>Hooks replace the generation of a value, or of the keys of a map, at an instance pointer pattern ({@code *}
 * stands for any array index or map key): that is how the rules JSON Schema cannot state get in (see
 * {@link NodePoolGenerator}).
 */
public final class SchemaGenerator {

    /** Keywords the generator reads or may ignore; any other (not x-) keyword fails generation. */
    static final Set<String> KNOWN_KEYWORDS = Set.of(
            "$ref",
            "type",
            "properties",
            "required",
            "additionalProperties",
            "items",
            "enum",
            "pattern",
            "minLength",
            "maxLength",
            "minimum",
            "maximum",
            "maxItems",
            "maxProperties",
            "not",
            "format",
            "default",
            "description",
            "title",
            "example",
            "nullable");

    /** Keywords that only annotate. */
    static final Set<String> ANNOTATIONS = Set.of("format", "default", "description", "title", "example");

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String ALNUM = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

    /**
     * How much to generate. {@code oddStrings}: the "odd strings" mode (issue 10, item 1): free-text strings (no
     * pattern) are mostly odd but schema-valid: white space only, control characters, characters outside the
     * Basic Multilingual Plane (surrogate pairs; JSON Schema counts them as one character each), zero-width and
     * right-to-left marks, a byte order mark, and the longest value the schema allows; patterned strings are
     * drawn with long repetitions. Everything stays valid against the schema.
     */
    public record Settings(
            double optionalRate,
            int maxArrayItems,
            int maxMapEntries,
            int maxStringLength,
            int maxRepeat,
            double edgeRate,
            boolean oddStrings) {

        /** Optional members half of the time, small collections, edges (bounds, full collections) 8% of the time. */
        public static Settings defaults() {
            return new Settings(0.5, 3, 3, 16, 6, 0.08, false);
        }

        /** The defaults with odd strings, and more optional members (more strings). */
        public static Settings withOddStrings() {
            return new Settings(0.8, 3, 3, 16, 6, 0.08, true);
        }
    }

    /** Per instance: at random, only what is required, or everything the schema has. */
    public enum Shape {
        RANDOM,
        MINIMAL,
        MAXIMAL
    }

    /** Where a value is generated. */
    public record Context(
            String pointer,
            String pattern,
            String schemaPointer,
            JsonNode schema,
            Random random,
            Shape shape,
            SchemaGenerator generator) {}

    /** Generates the value at a pointer pattern; null falls back to the schema. */
    @FunctionalInterface
    public interface ValueHook {
        JsonNode generate(Context context);
    }

    /** Generates a new key of the map at a pointer pattern, not one of {@code taken}. */
    @FunctionalInterface
    public interface KeyHook {
        String generate(Context context, Set<String> taken);
    }

    private final Settings settings;
    private final Map<String, ValueHook> valueHooks = new HashMap<>();
    private final Map<String, KeyHook> keyHooks = new HashMap<>();

    public SchemaGenerator(Settings settings) {
        this.settings = settings;
    }

    public Settings settings() {
        return settings;
    }

    /** Replaces the generation of values at a pointer pattern, for example {@code /spec/nodeTemplate/taints/ * /key}. */
    public SchemaGenerator valueHook(String pattern, ValueHook hook) {
        valueHooks.put(pattern, hook);
        return this;
    }

    /** Replaces the generation of the keys of the map at a pointer pattern. */
    public SchemaGenerator keyHook(String pattern, KeyHook hook) {
        keyHooks.put(pattern, hook);
        return this;
    }

    /**
     * An instance of the schema at a document pointer.
     *
     * @param schemaPointer   for example {@code /components/schemas/NodePool}
     * @param instancePointer where the instance goes in the request ("" for the whole body); hooks match on it
     * @param pattern         the same with {@code *} for array indexes and map keys
     */
    public JsonNode generate(String schemaPointer, String instancePointer, String pattern, Random random, Shape shape) {
        return walk(Contract.at(schemaPointer), schemaPointer, instancePointer, pattern, random, shape);
    }

    // ------------------------------------------------------------------------------ the walk

    private JsonNode walk(
            JsonNode schemaNode, String schemaPointer, String pointer, String pattern, Random random, Shape shape) {
        String sp = schemaPointer;
        JsonNode schema = schemaNode;
        for (int hops = 0; schema.has("$ref"); hops++) {
            if (hops > 20) {
                throw new IllegalStateException(sp + ": $ref chain too long");
            }
            String ref = schema.get("$ref").asText();
            sp = ref.substring(1);
            schema = Contract.deref(schema);
        }
        checkKeywords(schema, sp);
        ValueHook hook = valueHooks.get(pattern);
        if (hook != null) {
            JsonNode value = hook.generate(new Context(pointer, pattern, sp, schema, random, shape, this));
            if (value != null) {
                return value;
            }
        }
        if (schema.has("enum")) {
            JsonNode values = schema.get("enum");
            return values.get(random.nextInt(values.size())).deepCopy();
        }
        String type = schema.path("type").asText(schema.has("properties") ? "object" : "");
        return switch (type) {
            case "object" -> object(schema, sp, pointer, pattern, random, shape);
            case "array" -> array(schema, sp, pointer, pattern, random, shape);
            case "string" -> NODES.textNode(string(schema, sp, random));
            case "integer" -> NODES.numberNode(integer(schema, random));
            case "number" -> NODES.numberNode(number(schema, random));
            case "boolean" -> NODES.booleanNode(random.nextBoolean());
            case "" -> anyValue(random);
            default -> throw new IllegalStateException(sp + ": type '" + type + "' is not supported");
        };
    }

    private static void checkKeywords(JsonNode schema, String schemaPointer) {
        for (Iterator<String> it = schema.fieldNames(); it.hasNext(); ) {
            String keyword = it.next();
            if (!keyword.startsWith("x-")
                    && !KNOWN_KEYWORDS.contains(keyword)
                    && !Contract.ruleStatedKeywords().contains(schemaPointer + "/" + keyword)) {
                throw new IllegalStateException(schemaPointer + ": keyword '" + keyword + "' is unknown to the"
                        + " generator: teach SchemaGenerator (and Mutator) what it means");
            }
        }
        if (schema.path("nullable").asBoolean(false)) {
            throw new IllegalStateException(schemaPointer + ": nullable: true is unknown to the generator");
        }
        if (schema.has("not") && !Contract.ruleStatedKeywords().contains(schemaPointer + "/not")) {
            // (A keyword that states a rule of x-cce-rules is left to the rule's hook in NodePoolGenerator.)
            JsonNode not = Contract.deref(schema.get("not"));
            for (Iterator<String> it = not.fieldNames(); it.hasNext(); ) {
                String keyword = it.next();
                if (!keyword.equals("enum") && !ANNOTATIONS.contains(keyword) && !keyword.startsWith("x-")) {
                    throw new IllegalStateException(schemaPointer + "/not: only 'not: {enum: [...]}' is supported");
                }
            }
        }
    }

    private ObjectNode object(JsonNode schema, String sp, String pointer, String pattern, Random random, Shape shape) {
        ObjectNode object = NODES.objectNode();
        Set<String> required = new HashSet<>();
        schema.path("required").forEach(r -> required.add(r.asText()));
        JsonNode properties = schema.path("properties");
        for (Iterator<Map.Entry<String, JsonNode>> it = properties.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> property = it.next();
            boolean include = required.contains(property.getKey())
                    || switch (shape) {
                        case MINIMAL -> false;
                        case MAXIMAL -> true;
                        case RANDOM -> random.nextDouble() < settings.optionalRate();
                    };
            if (include) {
                String name = property.getKey();
                object.set(
                        name,
                        walk(
                                property.getValue(),
                                Json.child(sp + "/properties", name),
                                Json.child(pointer, name),
                                Json.child(pattern, name),
                                random,
                                shape));
            }
        }
        JsonNode additional = schema.get("additionalProperties");
        if (additional != null && additional.isObject() && properties.isEmpty()) {
            int limit =
                    schema.has("maxProperties") ? schema.get("maxProperties").asInt() : Integer.MAX_VALUE;
            int count = collectionSize(limit, settings.maxMapEntries(), random, shape);
            KeyHook keyHook = keyHooks.get(pattern);
            Context context = new Context(pointer, pattern, sp, schema, random, shape, this);
            Set<String> taken = new LinkedHashSet<>();
            for (int i = 0; i < count; i++) {
                String key = keyHook != null ? keyHook.generate(context, taken) : defaultKey(random, taken);
                taken.add(key);
                object.set(
                        key,
                        walk(
                                additional,
                                sp + "/additionalProperties",
                                Json.child(pointer, key),
                                pattern + "/*",
                                random,
                                shape));
            }
        }
        return object;
    }

    private ArrayNode array(JsonNode schema, String sp, String pointer, String pattern, Random random, Shape shape) {
        ArrayNode array = NODES.arrayNode();
        int limit = schema.has("maxItems") ? schema.get("maxItems").asInt() : Integer.MAX_VALUE;
        int count = collectionSize(limit, settings.maxArrayItems(), random, shape);
        for (int i = 0; i < count; i++) {
            array.add(walk(schema.path("items"), sp + "/items", Json.child(pointer, i), pattern + "/*", random, shape));
        }
        return array;
    }

    private int collectionSize(int limit, int usual, Random random, Shape shape) {
        if (limit != Integer.MAX_VALUE && random.nextDouble() < settings.edgeRate()) {
            return limit;
        }
        int bound = Math.min(limit, usual);
        return switch (shape) {
            case MINIMAL -> 0;
            case MAXIMAL -> Math.max(1, Math.min(bound, 1 + random.nextInt(Math.max(1, bound))));
            case RANDOM -> random.nextInt(bound + 1);
        };
    }

    private static String defaultKey(Random random, Set<String> taken) {
        RegexGenerator keys = RegexGenerator.of("^[a-z][a-zA-Z0-9_.-]{0,11}$");
        for (int i = 0; i < 100; i++) {
            String key = keys.generate(random);
            if (!taken.contains(key)) {
                return key;
            }
        }
        throw new IllegalStateException("no fresh map key in 100 attempts");
    }

    String string(JsonNode schema, String sp, Random random) {
        int minLength = schema.path("minLength").asInt(0);
        int maxLength = schema.has("maxLength") ? schema.get("maxLength").asInt() : Integer.MAX_VALUE;
        Set<String> forbidden = new HashSet<>();
        if (schema.has("not")) {
            Contract.deref(schema.get("not")).path("enum").forEach(v -> forbidden.add(v.asText()));
        }
        for (int attempt = 0; attempt < 100; attempt++) {
            String value;
            if (schema.has("pattern")) {
                int repeat = settings.oddStrings() && random.nextBoolean()
                        ? Math.max(settings.maxRepeat(), 64)
                        : settings.maxRepeat();
                value = RegexGenerator.of(schema.get("pattern").asText())
                        .generate(random, minLength, maxLength, repeat);
            } else if (settings.oddStrings() && random.nextDouble() < 0.8) {
                value = oddText(random, minLength, maxLength);
            } else {
                int length;
                if (maxLength != Integer.MAX_VALUE && random.nextDouble() < settings.edgeRate()) {
                    length = random.nextBoolean() ? maxLength : minLength;
                } else {
                    int hi = (int) Math.min((long) maxLength, (long) minLength + settings.maxStringLength());
                    length = minLength + random.nextInt(hi - minLength + 1);
                }
                value = freeText(random, length);
            }
            if (!forbidden.contains(value)) {
                return value;
            }
        }
        throw new IllegalStateException(sp + ": no value outside 'not' in 100 attempts");
    }

    /** Odd characters: white space, control characters, marks, astral-plane characters (as code points). */
    static final int[][] ODD = {
        {' ', '\t', '\n', '\r', 0x0b, 0x0c, 0x85, 0xa0, 0x1680, 0x2003, 0x2028, 0x2029, 0x3000}, // white space
        {0x00, 0x01, 0x07, 0x08, 0x1b, 0x1f, 0x7f, 0x9f}, // control characters
        {0x1F600, 0x1F4A9, 0x10000, 0x1D11E, 0x20000, 0xE0001, 0x10FFFF, 0xF0000}, // outside the BMP
        {0x200B, 0x200D, 0x200E, 0x200F, 0x202E, 0xFEFF, 0x0301, 0xFFFD, 0xFFFF, '"', '\\', '/', '<', '\''}, // marks
    };

    /**
     * A schema-valid odd string of {@code minLength} to {@code maxLength} characters (code points, as JSON
     * Schema counts them): one of the kinds of {@link #ODD}, or the kinds mixed, and now and then as long as the
     * schema allows (capped at 4096 when it sets no maximum).
     */
    static String oddText(Random random, int minLength, int maxLength) {
        int longest = (int) Math.min(maxLength, 4096L);
        int length;
        double u = random.nextDouble();
        if (u < 0.2) {
            length = Math.max(minLength, longest);
        } else if (u < 0.3) {
            length = minLength;
        } else {
            length = minLength + random.nextInt(Math.max(1, Math.min(longest, minLength + 16) - minLength + 1));
        }
        length = Math.max(minLength, Math.min(length, longest));
        int kind = random.nextInt(ODD.length + 1); // ODD.length: mixed with letters
        StringBuilder sb = new StringBuilder(length * 2);
        for (int i = 0; i < length; i++) {
            int[] from = ODD[kind < ODD.length ? kind : random.nextInt(ODD.length)];
            if (kind == ODD.length && random.nextBoolean()) {
                sb.append(ALNUM.charAt(random.nextInt(ALNUM.length())));
            } else {
                sb.appendCodePoint(from[random.nextInt(from.length)]);
            }
        }
        return sb.toString();
    }

    /** Mostly letters and digits, now and then any printable character (and a few non-ASCII letters). */
    static String freeText(Random random, int length) {
        StringBuilder sb = new StringBuilder(length);
        boolean wild = random.nextDouble() < 0.3;
        for (int i = 0; i < length; i++) {
            String from = wild && random.nextDouble() < 0.3 ? RegexGenerator.UNIVERSE : ALNUM;
            sb.append(from.charAt(random.nextInt(from.length())));
        }
        return sb.toString();
    }

    long integer(JsonNode schema, Random random) {
        boolean int32 = "int32".equals(schema.path("format").asText());
        long min = schema.has("minimum") ? schema.get("minimum").asLong() : int32 ? Integer.MIN_VALUE : -1_000_000L;
        long max = schema.has("maximum") ? schema.get("maximum").asLong() : int32 ? Integer.MAX_VALUE : 1_000_000L;
        if (schema.has("exclusiveMinimum") || schema.has("exclusiveMaximum") || schema.has("multipleOf")) {
            throw new IllegalStateException("exclusive bounds and multipleOf are not supported");
        }
        double u = random.nextDouble();
        if (u < settings.edgeRate() * 2) {
            long[] edges = {min, max, Math.min(max, min + 1), Math.max(min, max - 1)};
            return edges[random.nextInt(edges.length)];
        }
        if (u < 0.85) {
            long centre = min <= 0 && 0 <= max ? 0 : min;
            long lo = Math.max(min, centre - (centre == 0 && min < 0 ? 50 : 0));
            long hi = Math.min(max, centre + 100);
            return lo + (long) (random.nextDouble() * (hi - lo + 1));
        }
        // Anywhere in the range (BigDecimal: max - min may overflow a long for other formats).
        BigDecimal span = BigDecimal.valueOf(max).subtract(BigDecimal.valueOf(min));
        long offset = span.multiply(BigDecimal.valueOf(random.nextDouble())).longValue();
        return Math.min(max, min + offset);
    }

    private static double number(JsonNode schema, Random random) {
        double min = schema.path("minimum").asDouble(-1000);
        double max = schema.path("maximum").asDouble(1000);
        return min + random.nextDouble() * (max - min);
    }

    /** A value for a schema without type: a string, an integer, a boolean or a small object. */
    static JsonNode anyValue(Random random) {
        return switch (random.nextInt(4)) {
            case 0 -> NODES.textNode(freeText(random, 1 + random.nextInt(8)));
            case 1 -> NODES.numberNode(random.nextInt(1000));
            case 2 -> NODES.booleanNode(random.nextBoolean());
            default -> NODES.objectNode().put(freeText(random, 1 + random.nextInt(5)), freeText(random, 3));
        };
    }

    /** All instance pointer patterns of a schema's members (for coverage counts): "/spec/nodeTemplate/taints/*". */
    public static List<String> memberPatterns(String schemaPointer) {
        List<String> out = new ArrayList<>();
        collectPatterns(Contract.at(schemaPointer), "", out, 0);
        return out;
    }

    private static void collectPatterns(JsonNode schemaNode, String pattern, List<String> out, int depth) {
        if (depth > 30) {
            return;
        }
        JsonNode schema = Contract.deref(schemaNode);
        for (Iterator<Map.Entry<String, JsonNode>> it =
                        schema.path("properties").fields();
                it.hasNext(); ) {
            Map.Entry<String, JsonNode> property = it.next();
            String child = Json.child(pattern, property.getKey());
            out.add(child);
            collectPatterns(property.getValue(), child, out, depth + 1);
        }
        if (schema.has("items")) {
            collectPatterns(schema.get("items"), pattern + "/*", out, depth + 1);
        }
        JsonNode additional = schema.get("additionalProperties");
        if (additional != null
                && additional.isObject()
                && schema.path("properties").isEmpty()) {
            collectPatterns(additional, pattern + "/*", out, depth + 1);
        }
    }
}
