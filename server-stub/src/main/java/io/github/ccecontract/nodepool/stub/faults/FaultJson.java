package io.github.ccecontract.nodepool.stub.faults;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * A {@link Fault} as JSON (the admin API's {@code POST /__admin/faults} and the config file's {@code faults}):
 *
 * <pre>{@code
 * {"status": 429, "retryAfter": 2,            // or "example": "gateway" for a 401; or "connection": "close"
 *  "delayMillis": 500,                        // or {"min": 100, "max": 800}; alone: a delay, then the usual answer
 *  "times": 2, "probability": 0.5, "seed": 7, // how often; default every time, probability 1, seed 1
 *  "cluster": "c1", "name": "pool-a",         // which requests; default all
 *  "header": {"name": "X-Test-Case", "value": "retry"}}
 * }</pre>
 *
 * Unknown members are errors; each error names the member and the rule.
 */
public final class FaultJson {

    private static final List<String> MEMBERS = List.of(
            "status",
            "example",
            "retryAfter",
            "delayMillis",
            "connection",
            "times",
            "probability",
            "seed",
            "cluster",
            "name",
            "header");
    private static final Set<String> KNOWN = Set.copyOf(MEMBERS);

    private FaultJson() {}

    /**
     * Reads a fault.
     *
     * @param node the fault's JSON object
     * @return the fault it describes
     * @throws IllegalArgumentException naming the member and the rule broken
     */
    public static Fault parse(JsonNode node) {
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException(
                    "a fault must be a JSON object with some of the members " + String.join(", ", MEMBERS));
        }
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String member = it.next();
            if (!KNOWN.contains(member)) {
                throw new IllegalArgumentException("unknown member '" + ForcedResponses.shorten(member) + "' (known: "
                        + String.join(", ", MEMBERS) + ")");
            }
        }
        boolean hasStatus = node.has("status");
        boolean hasConnection = node.has("connection");
        boolean hasDelay = node.has("delayMillis");
        if (hasStatus && hasConnection) {
            throw new IllegalArgumentException(
                    "status and connection: a fault either answers a status or closes the" + " connection, not both");
        }
        if (!hasStatus && !hasConnection && !hasDelay) {
            throw new IllegalArgumentException("a fault needs status, connection or delayMillis (what it does)");
        }
        Fault fault;
        if (hasStatus) {
            fault = Fault.status(integer(node.get("status"), "status"));
        } else if (hasConnection) {
            JsonNode c = node.get("connection");
            if (!c.isTextual() || !c.asText().equals(Fault.Connection.CLOSE.jsonName())) {
                throw new IllegalArgumentException("connection must be \"close\", was " + shown(c));
            }
            fault = Fault.closeConnection();
        } else {
            fault = Fault.delay(Duration.ZERO);
        }
        if (node.has("example")) {
            fault = fault.example(text(node.get("example"), "example"));
        }
        if (node.has("retryAfter")) {
            fault = fault.retryAfter(integer(node.get("retryAfter"), "retryAfter"));
        }
        if (hasDelay) {
            JsonNode d = node.get("delayMillis");
            if (d.isObject()) {
                for (Iterator<String> it = d.fieldNames(); it.hasNext(); ) {
                    String member = it.next();
                    if (!member.equals("min") && !member.equals("max")) {
                        throw new IllegalArgumentException("delayMillis: unknown member '"
                                + ForcedResponses.shorten(member) + "' (known: min, max)");
                    }
                }
                if (!d.has("min") || !d.has("max")) {
                    throw new IllegalArgumentException(
                            "delayMillis must be a number of milliseconds or {\"min\": ms," + " \"max\": ms}");
                }
                fault = fault.withDelay(
                        Duration.ofMillis(delay(d.get("min"), "delayMillis.min")),
                        Duration.ofMillis(delay(d.get("max"), "delayMillis.max")));
            } else {
                fault = fault.withDelay(Duration.ofMillis(delay(d, "delayMillis")));
            }
        }
        if (node.has("times")) {
            fault = fault.times(integer(node.get("times"), "times"));
        }
        if (node.has("probability")) {
            JsonNode p = node.get("probability");
            if (!p.isNumber()) {
                throw new IllegalArgumentException(
                        "probability must be a number more than 0 and at most 1, was " + shown(p));
            }
            fault = fault.probability(p.doubleValue());
        }
        if (node.has("seed")) {
            JsonNode s = node.get("seed");
            if (!s.isIntegralNumber() || !s.canConvertToLong()) {
                throw new IllegalArgumentException("seed must be an integer, was " + shown(s));
            }
            fault = fault.seed(s.longValue());
        }
        if (node.has("cluster")) {
            fault = fault.forCluster(text(node.get("cluster"), "cluster"));
        }
        if (node.has("name")) {
            fault = fault.forName(text(node.get("name"), "name"));
        }
        if (node.has("header")) {
            JsonNode h = node.get("header");
            if (!h.isObject() || !h.has("name") || !h.has("value") || h.size() != 2) {
                throw new IllegalArgumentException("header must be {\"name\": \"...\", \"value\": \"...\"}");
            }
            JsonNode value = h.get("value");
            if (!value.isTextual()) {
                throw new IllegalArgumentException("header.value must be a string, was " + shown(value));
            }
            fault = fault.forHeader(text(h.get("name"), "header.name"), value.asText());
        }
        return fault;
    }

    private static int integer(JsonNode n, String field) {
        if (!n.isIntegralNumber() || !n.canConvertToInt()) {
            throw new IllegalArgumentException(field + " must be an integer, was " + shown(n));
        }
        return n.intValue();
    }

    private static long delay(JsonNode n, String field) {
        if (!n.isIntegralNumber()
                || !n.canConvertToLong()
                || n.longValue() < 0
                || n.longValue() > Fault.MAX_DELAY_MILLIS) {
            throw new IllegalArgumentException(field + " must be an integer from 0 to " + Fault.MAX_DELAY_MILLIS
                    + " (milliseconds), was " + shown(n));
        }
        return n.longValue();
    }

    private static String text(JsonNode n, String field) {
        if (!n.isTextual() || n.asText().isEmpty()) {
            throw new IllegalArgumentException(field + " must be a non-empty string, was " + shown(n));
        }
        return n.asText();
    }

    /** A value for a message: numbers and short strings as sent, nothing long. */
    private static String shown(JsonNode n) {
        if (n.isTextual()) {
            return "'" + ForcedResponses.shorten(n.asText()) + "'";
        }
        return n.isContainerNode() ? (n.isArray() ? "an array" : "an object") : ForcedResponses.shorten(n.toString());
    }

    /**
     * The JSON form of a fault (members at their defaults are left out, but for status/connection).
     *
     * @param fault the fault
     * @return a new JSON object describing the fault
     */
    public static ObjectNode toJson(Fault fault) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        fault.status().ifPresent(s -> o.put("status", s));
        fault.example().ifPresent(e -> o.put("example", e));
        fault.retryAfter().ifPresent(r -> o.put("retryAfter", r));
        fault.connection().ifPresent(c -> o.put("connection", c.jsonName()));
        if (fault.minDelayMillis() == fault.maxDelayMillis()) {
            if (fault.minDelayMillis() > 0
                    || (fault.status().isEmpty() && fault.connection().isEmpty())) {
                o.put("delayMillis", fault.minDelayMillis());
            }
        } else {
            ObjectNode d = o.putObject("delayMillis");
            d.put("min", fault.minDelayMillis());
            d.put("max", fault.maxDelayMillis());
        }
        fault.times().ifPresent(t -> o.put("times", t));
        if (fault.probability() < 1) {
            o.put("probability", fault.probability());
        }
        if (fault.seed() != Fault.DEFAULT_SEED) {
            o.put("seed", fault.seed());
        }
        fault.cluster().ifPresent(c -> o.put("cluster", c));
        fault.name().ifPresent(n -> o.put("name", n));
        if (fault.headerName().isPresent()) {
            ObjectNode h = o.putObject("header");
            h.put("name", fault.headerName().get());
            h.put("value", fault.headerValue().orElseThrow());
        }
        return o;
    }
}
