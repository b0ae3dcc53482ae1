package io.github.ccecontract.nodepool.conformance.generate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.ccecontract.nodepool.conformance.generate.Mutation.Kind;
import io.github.ccecontract.nodepool.conformance.generate.SchemaGenerator.Shape;
import io.github.ccecontract.nodepool.openapi.testing.Contract;
import io.github.ccecontract.nodepool.openapi.testing.Json;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Makes one invalid request from a valid one: walks the request together with the NodePool schema, collects every
 * place where a change of each {@link Kind} is possible, picks a kind (uniformly among the possible ones), a keyword
 * of that kind (uniformly) and a place, and applies the change to a copy.
 */
public final class Mutator {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final SchemaGenerator values = new SchemaGenerator(SchemaGenerator.Settings.defaults());

    /** A place where a change is possible. */
    private record Site(String pointer, String schemaPointer, JsonNode schema, JsonNode value) {}

    /** One possible change. */
    private record Candidate(
            Kind kind, String keyword, String pointer, JsonNode before, Function<Random, JsonNode> after) {}

    /** A generator of mutations of the valid requests of a generator. */
    public Gen<Mutation> of(Gen<NodePoolGenerator.ValidRequest> valid) {
        return random -> mutate(valid.generate(random), random);
    }

    /** One mutation of a valid request. */
    public Mutation mutate(NodePoolGenerator.ValidRequest valid, Random random) {
        Map<Kind, List<Candidate>> candidates = candidates(valid.body());
        List<Kind> kinds = new ArrayList<>(candidates.keySet());
        Kind kind = kinds.get(random.nextInt(kinds.size()));
        // Then a keyword of that kind (out-of-range has six), then a place: rare keywords (maxItems of userTags)
        // still come up in every run of 1000.
        Map<String, List<Candidate>> byKeyword = new java.util.TreeMap<>();
        candidates
                .get(kind)
                .forEach(c -> byKeyword
                        .computeIfAbsent(c.keyword(), k -> new ArrayList<>())
                        .add(c));
        List<String> keywords = new ArrayList<>(byKeyword.keySet());
        List<Candidate> list = byKeyword.get(keywords.get(random.nextInt(keywords.size())));
        return apply(list.get(random.nextInt(list.size())), valid, random);
    }

    /** Every possible change of a request, by kind (only kinds with at least one). */
    Map<Kind, List<Candidate>> candidates(ObjectNode request) {
        List<Site> sites = new ArrayList<>();
        walk(Contract.at(Contract.REQUEST_SCHEMA), Contract.REQUEST_SCHEMA, "", request, sites);
        Map<Kind, List<Candidate>> out = new EnumMap<>(Kind.class);
        for (Site site : sites) {
            for (Candidate c : candidatesAt(site)) {
                out.computeIfAbsent(c.kind(), k -> new ArrayList<>()).add(c);
            }
        }
        return out;
    }

    private static void walk(
            JsonNode schemaNode, String schemaPointer, String pointer, JsonNode value, List<Site> out) {
        String sp = schemaPointer;
        JsonNode schema = schemaNode;
        while (schema.has("$ref")) {
            sp = schema.get("$ref").asText().substring(1);
            schema = Contract.deref(schema);
        }
        out.add(new Site(pointer, sp, schema, value));
        if (value.isObject()) {
            JsonNode properties = schema.path("properties");
            JsonNode additional = schema.get("additionalProperties");
            for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> member = it.next();
                if (properties.has(member.getKey())) {
                    walk(
                            properties.get(member.getKey()),
                            Json.child(sp + "/properties", member.getKey()),
                            Json.child(pointer, member.getKey()),
                            member.getValue(),
                            out);
                } else if (additional != null && additional.isObject() && !additional.isEmpty()) {
                    walk(
                            additional,
                            sp + "/additionalProperties",
                            Json.child(pointer, member.getKey()),
                            member.getValue(),
                            out);
                }
            }
        } else if (value.isArray() && schema.has("items")) {
            for (int i = 0; i < value.size(); i++) {
                walk(schema.get("items"), sp + "/items", Json.child(pointer, i), value.get(i), out);
            }
        }
    }

    private List<Candidate> candidatesAt(Site site) {
        List<Candidate> out = new ArrayList<>();
        JsonNode schema = site.schema();
        JsonNode value = site.value();
        String p = site.pointer();

        // FIELD_DROPPED
        if (value.isObject()) {
            for (JsonNode required : schema.path("required")) {
                String member = required.asText();
                if (value.has(member)) {
                    out.add(new Candidate(
                            Kind.FIELD_DROPPED, "required", Json.child(p, member), value.get(member), r -> null));
                }
            }
        }
        // WRONG_TYPE
        if (schema.has("type")) {
            String type = schema.get("type").asText();
            out.add(new Candidate(Kind.WRONG_TYPE, "type", p, value, r -> otherType(type, r)));
        }
        // OUT_OF_RANGE
        if (value.isIntegralNumber() && schema.has("minimum")) {
            BigInteger min = schema.get("minimum").bigIntegerValue();
            out.add(new Candidate(
                    Kind.OUT_OF_RANGE,
                    "minimum",
                    p,
                    value,
                    r -> NODES.numberNode(min.subtract(BigInteger.valueOf(1 + r.nextInt(r.nextBoolean() ? 1 : 100))))));
        }
        if (value.isIntegralNumber() && schema.has("maximum")) {
            BigInteger max = schema.get("maximum").bigIntegerValue();
            out.add(new Candidate(
                    Kind.OUT_OF_RANGE,
                    "maximum",
                    p,
                    value,
                    r -> NODES.numberNode(max.add(BigInteger.valueOf(1 + r.nextInt(r.nextBoolean() ? 1 : 100))))));
        }
        if (value.isTextual() && schema.path("minLength").asInt(0) > 0) {
            int minLength = schema.get("minLength").asInt();
            out.add(new Candidate(
                    Kind.OUT_OF_RANGE,
                    "minLength",
                    p,
                    value,
                    r -> NODES.textNode(prefix(value.asText(), minLength - 1))));
        }
        if (value.isTextual() && schema.has("maxLength")) {
            int maxLength = schema.get("maxLength").asInt();
            out.add(new Candidate(
                    Kind.OUT_OF_RANGE,
                    "maxLength",
                    p,
                    value,
                    r -> NODES.textNode(longer(value.asText(), maxLength + 1 + r.nextInt(3), r))));
        }
        if (value.isArray() && schema.has("maxItems")) {
            int maxItems = schema.get("maxItems").asInt();
            out.add(new Candidate(Kind.OUT_OF_RANGE, "maxItems", p, value, r -> {
                ArrayNode more = (ArrayNode) value.deepCopy();
                while (more.size() <= maxItems) {
                    more.add(
                            more.isEmpty() || r.nextBoolean()
                                    ? values.generate(site.schemaPointer() + "/items", "", "", r, Shape.RANDOM)
                                    : more.get(r.nextInt(more.size())).deepCopy());
                }
                return more;
            }));
        }
        if (value.isObject() && schema.has("maxProperties")) {
            int maxProperties = schema.get("maxProperties").asInt();
            out.add(new Candidate(Kind.OUT_OF_RANGE, "maxProperties", p, value, r -> {
                ObjectNode more = (ObjectNode) value.deepCopy();
                for (int i = 1; more.size() <= maxProperties; i++) {
                    String key = "extra-" + i;
                    if (!more.has(key)) {
                        more.set(
                                key,
                                values.generate(
                                        site.schemaPointer() + "/additionalProperties", "", "", r, Shape.RANDOM));
                    }
                }
                return more;
            }));
        }
        // UNKNOWN_ENUM
        if (schema.has("enum")) {
            Set<String> allowed = new HashSet<>();
            schema.get("enum").forEach(v -> allowed.add(v.asText()));
            out.add(new Candidate(Kind.UNKNOWN_ENUM, "enum", p, value, r -> {
                String v = value.asText();
                List<String> options = new ArrayList<>(List.of(
                        v.toUpperCase(java.util.Locale.ROOT),
                        v.toLowerCase(java.util.Locale.ROOT),
                        v + "x",
                        " " + v,
                        "unknown-value"));
                if (!v.isEmpty()) {
                    options.add(v.substring(0, v.length() - 1));
                }
                options.removeIf(allowed::contains);
                return NODES.textNode(options.get(r.nextInt(options.size())));
            }));
        }
        // BROKEN_PATTERN
        if (value.isTextual() && schema.has("pattern")) {
            Pattern pattern = Pattern.compile(schema.get("pattern").asText());
            out.add(new Candidate(Kind.BROKEN_PATTERN, "pattern", p, value, r -> {
                String v = value.asText();
                List<String> options = new ArrayList<>(List.of(
                        v + " ",
                        "!" + v,
                        v + "!",
                        " ",
                        "#",
                        v + "\u00e9",
                        "",
                        v + ";",
                        "-" + v,
                        v.toUpperCase(java.util.Locale.ROOT) + "Z"));
                options.removeIf(o -> pattern.matcher(o).find());
                if (options.isEmpty()) {
                    throw new IllegalStateException("no broken value for /" + pattern + "/ from '" + v + "'");
                }
                return NODES.textNode(options.get(r.nextInt(options.size())));
            }));
        }
        // FORBIDDEN_VALUE
        if (value.isTextual() && schema.has("not")) {
            JsonNode forbidden = Contract.deref(schema.get("not")).path("enum");
            if (!forbidden.isEmpty()) {
                out.add(new Candidate(
                        Kind.FORBIDDEN_VALUE,
                        "not",
                        p,
                        value,
                        r -> forbidden.get(r.nextInt(forbidden.size())).deepCopy()));
            }
        }
        return out;
    }

    private static Mutation apply(Candidate candidate, NodePoolGenerator.ValidRequest valid, Random random) {
        JsonNode after = candidate.after().apply(random);
        JsonNode root = valid.body().deepCopy();
        if (candidate.pointer().isEmpty()) {
            // The whole body changes type (an array, a string, null...).
            return new Mutation(candidate.kind(), "", candidate.keyword(), valid.body(), after, after, valid.cluster());
        }
        JsonNode parent = Json.at(root, Json.parent(candidate.pointer()));
        String token = Json.lastToken(candidate.pointer());
        if (parent instanceof ObjectNode object) {
            if (after == null) {
                object.remove(token);
            } else {
                object.set(token, after);
            }
        } else if (parent instanceof ArrayNode array) {
            array.set(Integer.parseInt(token), after);
        } else {
            throw new IllegalStateException("no container at " + Json.parent(candidate.pointer()));
        }
        return new Mutation(
                candidate.kind(),
                candidate.pointer(),
                candidate.keyword(),
                candidate.before(),
                after,
                root,
                valid.cluster());
    }

    private static JsonNode otherType(String type, Random random) {
        List<JsonNode> options = new ArrayList<>(List.of(
                NODES.textNode("12"),
                NODES.numberNode(42),
                NODES.booleanNode(true),
                NODES.objectNode(),
                NODES.arrayNode(),
                NODES.nullNode()));
        options.removeIf(n -> switch (type) {
            case "string" -> n.isTextual();
            case "integer", "number" -> n.isNumber();
            case "boolean" -> n.isBoolean();
            case "object" -> n.isObject();
            case "array" -> n.isArray();
            default -> false;
        });
        return options.get(random.nextInt(options.size()));
    }

    private static String prefix(String s, int codePoints) {
        return s.substring(0, s.offsetByCodePoints(0, Math.min(codePoints, s.codePointCount(0, s.length()))));
    }

    private static String longer(String s, int codePoints, Random random) {
        StringBuilder sb = new StringBuilder(s);
        while (sb.codePointCount(0, sb.length()) < codePoints) {
            sb.append((char) ('a' + random.nextInt(26)));
        }
        return sb.toString();
    }
}
