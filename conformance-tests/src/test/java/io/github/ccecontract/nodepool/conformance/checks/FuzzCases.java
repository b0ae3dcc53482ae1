package io.github.ccecontract.nodepool.conformance.checks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.ccecontract.nodepool.conformance.generate.Gen;
import io.github.ccecontract.nodepool.conformance.generate.Mutation;
import io.github.ccecontract.nodepool.conformance.generate.Mutator;
import io.github.ccecontract.nodepool.conformance.generate.NodePoolGenerator;
import io.github.ccecontract.nodepool.conformance.generate.RuleOracle;
import io.github.ccecontract.nodepool.conformance.support.TestStub;
import io.github.ccecontract.nodepool.openapi.testing.Contract;
import io.github.ccecontract.nodepool.openapi.testing.Json;
import io.github.ccecontract.nodepool.openapi.testing.Schemas;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The requests of check 6's fuzzer (in the manner of an API fuzzer such as Schemathesis: schema-based valid data,
 * schema-breaking data, and data that ignores the schema altogether), each with the expectation it carries:
 * <ul>
 * <li>{@link Kind#VALID}: a generated valid request ({@link NodePoolGenerator}), sometimes with unknown members added
 * (the document allows them everywhere), sometimes with {@code application/json} written otherwise (a UTF-8 charset,
 * upper case): must be accepted;</li>
 * <li>{@link Kind#MUTATED}: one schema constraint broken ({@link Mutator}): must be rejected;</li>
 * <li>{@link Kind#RANDOM_JSON}: a random JSON value, for example an object of random members: must be rejected;</li>
 * <li>{@link Kind#MALFORMED}: a body that is not one JSON value (truncated, garbage, empty, trailing content,
 * duplicate members, 40 levels of nesting, an unpaired surrogate, a number of 400 digits): must be rejected;</li>
 * <li>{@link Kind#WRONG_MEDIA_TYPE}: a valid request as text/plain, application/xml, a Latin-1 charset or a form: must
 * be rejected.</li>
 * </ul>
 */
final class FuzzCases {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** What a case is. */
    enum Kind {
        VALID,
        MUTATED,
        RANDOM_JSON,
        MALFORMED,
        WRONG_MEDIA_TYPE;

        /** Whether the stub must accept it (201). */
        boolean positive() {
            return this == VALID;
        }
    }

    /** One request of the fuzzer. */
    record FuzzCase(
            Kind kind, String summary, String cluster, Map<String, String> headers, String body, Mutation mutation) {
        String describe() {
            return kind + ": " + summary + "\ncluster: " + cluster + "\nheaders: " + headers + "\nbody:\n"
                    + (body == null ? "(none)" : body.length() > 4000 ? body.substring(0, 4000) + "..." : body);
        }
    }

    private final NodePoolGenerator valid = new NodePoolGenerator();
    private final Mutator mutator = new Mutator();

    /** Every kind. */
    Gen<FuzzCase> any() {
        return random -> {
            Kind[] kinds = Kind.values();
            // Valid and mutated requests are the richer half.
            double u = random.nextDouble();
            Kind kind = u < 0.3 ? Kind.VALID : u < 0.6 ? Kind.MUTATED : kinds[2 + random.nextInt(kinds.length - 2)];
            return of(kind, random);
        };
    }

    /** Only cases that must be rejected. */
    Gen<FuzzCase> negative() {
        return random -> {
            Kind[] kinds = {Kind.MUTATED, Kind.MUTATED, Kind.RANDOM_JSON, Kind.MALFORMED, Kind.WRONG_MEDIA_TYPE};
            return of(kinds[random.nextInt(kinds.length)], random);
        };
    }

    /** Only cases that must be accepted. */
    Gen<FuzzCase> positive() {
        return random -> of(Kind.VALID, random);
    }

    FuzzCase of(Kind kind, Random random) {
        return switch (kind) {
            case VALID -> validCase(random);
            case MUTATED -> {
                Mutation m = mutator.mutate(valid.generate(random), random);
                yield new FuzzCase(
                        kind, m.summary(), TestStub.clusterId(m.cluster()), json(), Json.compact(m.request()), m);
            }
            case RANDOM_JSON -> {
                JsonNode value = randomJson(random, 0);
                yield new FuzzCase(
                        kind, "random JSON " + value.getNodeType(), cluster(random), json(), Json.compact(value), null);
            }
            case MALFORMED -> malformed(random);
            case WRONG_MEDIA_TYPE -> {
                String[] types = {
                    "text/plain",
                    "application/xml",
                    "application/json; charset=ISO-8859-1",
                    "application/x-www-form-urlencoded",
                    "multipart/form-data; boundary=x"
                };
                String type = types[random.nextInt(types.length)];
                NodePoolGenerator.ValidRequest r = valid.generate(random);
                Map<String, String> headers = new LinkedHashMap<>(TestStub.tokenHeaders());
                headers.put("Content-Type", type);
                yield new FuzzCase(
                        kind,
                        "a valid request as " + type,
                        TestStub.clusterId(r.cluster()),
                        headers,
                        Json.compact(r.body()),
                        null);
            }
        };
    }

    private FuzzCase validCase(Random random) {
        NodePoolGenerator.ValidRequest r = valid.generate(random);
        ObjectNode body = r.body();
        String summary = "a generated valid request (" + r.shape() + ")";
        if (random.nextDouble() < 0.3) {
            // Unknown members are allowed (no additionalProperties: false): add one to a random object, unless the
            // object is a map whose values the schema constrains (networknt and the rule oracle decide).
            List<ObjectNode> objects = new ArrayList<>();
            collectObjects(body, objects);
            ObjectNode target = objects.get(random.nextInt(objects.size()));
            String name = "xFuzzUnknown" + random.nextInt(1000);
            if (!target.has(name)) {
                target.set(name, randomJson(random, 2));
                if (Schemas.validate(Contract.REQUEST_SCHEMA, body).isEmpty()
                        && RuleOracle.check(body, r.cluster()).isEmpty()) {
                    summary += " with an unknown member " + name;
                } else {
                    target.remove(name);
                }
            }
        }
        Map<String, String> headers = json();
        if (random.nextDouble() < 0.2) {
            // The same media type written otherwise (RFC 9110: type, subtype and parameter names are
            // case-insensitive; JSON is UTF-8).
            String[] variants = {
                "application/json; charset=utf-8",
                "application/json;charset=UTF-8",
                "Application/JSON",
                "application/json ; charset=\"utf-8\""
            };
            String variant = variants[random.nextInt(variants.length)];
            headers = new LinkedHashMap<>(headers);
            headers.put("Content-Type", variant);
            summary += ", Content-Type: " + variant;
        }
        return new FuzzCase(Kind.VALID, summary, TestStub.clusterId(r.cluster()), headers, Json.compact(body), null);
    }

    private static void collectObjects(JsonNode node, List<ObjectNode> out) {
        if (node instanceof ObjectNode o) {
            out.add(o);
        }
        node.forEach(child -> collectObjects(child, out));
    }

    private FuzzCase malformed(Random random) {
        String documented = Json.compact(valid.generate(random).body());
        String[] names = {
            "truncated",
            "garbage",
            "empty",
            "trailing",
            "duplicate",
            "deep",
            "surrogate",
            "bignum",
            "null",
            "bom-and-comment"
        };
        String name = names[random.nextInt(names.length)];
        String body = switch (name) {
            case "truncated" -> documented.substring(0, 1 + random.nextInt(documented.length() - 1));
            case "garbage" -> garbage(random);
            case "empty" -> "";
            case "trailing" -> documented + " {}";
            case "duplicate" ->
                documented.replaceFirst("\\{\"kind\":\"NodePool\"", "{\"kind\":\"NodePool\",\"kind\":\"NodePool\"");
            case "deep" -> "[".repeat(40) + "]".repeat(40);
            case "surrogate" ->
                documented.replaceFirst("\"metadata\":\\{\"name\":\"[^\"]*\"", "\"metadata\":{\"name\":\"\\\\ud800\"");
            case "bignum" ->
                documented.replaceFirst("\"initialNodeCount\":\\d+", "\"initialNodeCount\":1" + "0".repeat(400));
            case "null" -> "null";
            default -> "/* comment */ " + documented;
        };
        if (body.equals(documented)) {
            // The replacement found nothing to replace: send trailing content instead (never a valid body).
            name = "trailing (" + name + " did not apply)";
            body = documented + " {}";
        }
        return new FuzzCase(Kind.MALFORMED, name, cluster(random), json(), body, null);
    }

    private static String garbage(Random random) {
        StringBuilder sb = new StringBuilder();
        int length = 1 + random.nextInt(200);
        for (int i = 0; i < length; i++) {
            sb.append((char) (0x20 + random.nextInt(0x5f)));
        }
        String s = sb.toString();
        return s.isBlank() ? "x" : s;
    }

    /** A random JSON value, at most 4 levels deep. */
    static JsonNode randomJson(Random random, int depth) {
        int kind = random.nextInt(depth >= 4 ? 5 : 7);
        return switch (kind) {
            case 0 -> NODES.nullNode();
            case 1 -> NODES.booleanNode(random.nextBoolean());
            case 2 ->
                random.nextBoolean() ? NODES.numberNode(random.nextInt()) : NODES.numberNode(random.nextDouble() * 1e6);
            case 3 -> NODES.textNode(garbage(random));
            case 4 -> NODES.numberNode(random.nextLong());
            case 5 -> {
                ArrayNode array = NODES.arrayNode();
                int n = random.nextInt(4);
                for (int i = 0; i < n; i++) {
                    array.add(randomJson(random, depth + 1));
                }
                yield array;
            }
            default -> {
                ObjectNode object = NODES.objectNode();
                int n = random.nextInt(5);
                String[] names = {"kind", "apiVersion", "metadata", "spec", "name", "nodeTemplate", "x", "flavor"};
                for (int i = 0; i < n; i++) {
                    object.set(names[random.nextInt(names.length)], randomJson(random, depth + 1));
                }
                yield object;
            }
        };
    }

    private static String cluster(Random random) {
        return random.nextBoolean() ? TestStub.cceCluster() : TestStub.turboCluster();
    }

    private static Map<String, String> json() {
        return TestStub.withContentType(TestStub.tokenHeaders());
    }
}
