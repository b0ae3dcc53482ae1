package io.github.ccecontract.nodepool.conformance.generate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.ccecontract.nodepool.conformance.generate.SchemaGenerator.Shape;
import io.github.ccecontract.nodepool.contract.cluster.Cluster;
import io.github.ccecontract.nodepool.openapi.testing.Contract;
import io.github.ccecontract.nodepool.openapi.testing.Json;
import java.util.Random;
import java.util.Set;

/**
 * Valid Create Node Pool requests: generated from the document's NodePool schema by {@link SchemaGenerator}, then
 * made to obey every rule of {@code x-cce-rules} for the cluster they go to (an independent implementation of the
 * rules: the oracle side). Each request comes with its cluster ({@link Cluster}): a CCE or CCE Turbo cluster
 * of at most {@code maxNodes} nodes (system property {@code conformance.maxNodes}, default 50).
 *
 * <p>Shapes: 10% only what is required, 10% every member the schema has, the rest at random.
 */
public final class NodePoolGenerator implements Gen<NodePoolGenerator.ValidRequest> {

    /** The rules this generator obeys; a test fails when the document has others. */
    public static final Set<String> RULES_OBEYED = RuleOracle.RULES;

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String NIC_SPEC = "/components/schemas/NicSpec";

    /** A generated request and the cluster it is valid for. */
    public record ValidRequest(ObjectNode body, Cluster cluster, Shape shape) {
        /** The body (compact JSON) and the cluster, for failure messages. */
        public String describe() {
            return "cluster: " + cluster + ", shape " + shape + "\nrequest body:\n" + Json.pretty(body);
        }
    }

    private final SchemaGenerator schema;
    private final int maxNodes;

    /** With the default settings and the cluster limit of the system property conformance.maxNodes (default 50). */
    public NodePoolGenerator() {
        this(SchemaGenerator.Settings.defaults(), Integer.getInteger("conformance.maxNodes", 50));
    }

    public NodePoolGenerator(SchemaGenerator.Settings settings, int maxNodes) {
        this.maxNodes = maxNodes;
        this.schema = new SchemaGenerator(settings)
                // k8s-tag-key-format: keys are [DNS subdomain '/'] name.
                .keyHook("/spec/nodeTemplate/k8sTags", (context, taken) -> fresh(taken, () -> k8sKey(context.random())))
                // taint-key-prefix-length: the pattern allows any prefix; keep it within 253 characters, and
                // now and then send exactly 253.
                .valueHook("/spec/nodeTemplate/taints/*/key", context -> taintKey(context))
                // nic-multiqueue-format: the schema says string; the rule says a JSON array of {"queue": n}.
                .valueHook(
                        "/spec/nodeTemplate/extendParam/nicMultiqueue",
                        context -> NODES.textNode(nicMultiqueue(context.random())));
    }

    public int maxNodes() {
        return maxNodes;
    }

    @Override
    public ValidRequest generate(Random random) {
        double u = random.nextDouble();
        Shape shape = u < 0.1 ? Shape.MINIMAL : u < 0.2 ? Shape.MAXIMAL : Shape.RANDOM;
        ObjectNode body = (ObjectNode) schema.generate(Contract.REQUEST_SCHEMA, "", "", random, shape);
        Cluster cluster = obeyRules(body, random);
        return new ValidRequest(body, cluster, shape);
    }

    /** Makes a schema-valid body obey every x-cce-rules rule; returns the cluster it is then valid for. */
    private Cluster obeyRules(ObjectNode body, Random random) {
        ObjectNode spec = (ObjectNode) body.get("spec");
        ObjectNode template = (ObjectNode) spec.get("nodeTemplate");
        boolean elasticBms = "ElasticBMS".equals(spec.path("type").asText("vm"));

        // elastic-bms-turbo-cluster-only: ElasticBMS goes to a Turbo cluster, anything else to either.
        Cluster cluster = elasticBms || random.nextBoolean() ? Cluster.turbo(maxNodes) : Cluster.cce(maxNodes);

        // elastic-bms-volumes-passthrough
        if (elasticBms) {
            ((ObjectNode) template.get("rootVolume")).put("hw:passthrough", true);
            for (JsonNode volume : template.path("dataVolumes")) {
                ((ObjectNode) volume).put("hw:passthrough", true);
            }
        }

        // nic-threshold-elastic-bms-only and nic-threshold-low-not-above-high
        if (template.path("extendParam").has("nicThreshold")) {
            ObjectNode extend = (ObjectNode) template.get("extendParam");
            if (!elasticBms) {
                extend.remove("nicThreshold");
            } else {
                String[] parts = extend.get("nicThreshold").asText().split(":");
                if (Double.parseDouble(parts[0]) > Double.parseDouble(parts[1])) {
                    extend.put("nicThreshold", parts[1] + ":" + parts[0]);
                }
            }
        }

        // node-count-within-cluster-limit
        spec.put("initialNodeCount", withinLimit(spec.get("initialNodeCount").asLong(), random));
        if (template.has("count")) {
            template.put("count", withinLimit(template.get("count").asLong(), random));
        }

        // max- and min-node-count-within-cluster-limit, autoscaling-max-not-below-min
        if (spec.has("autoscaling")) {
            ObjectNode autoscaling = (ObjectNode) spec.get("autoscaling");
            for (String member : new String[] {"minNodeCount", "maxNodeCount"}) {
                if (autoscaling.has(member)) {
                    autoscaling.put(member, withinLimit(autoscaling.get(member).asLong(), random));
                }
            }
            if (autoscaling.has("minNodeCount")
                    && autoscaling.has("maxNodeCount")
                    && autoscaling.get("maxNodeCount").asLong()
                            < autoscaling.get("minNodeCount").asLong()) {
                JsonNode min = autoscaling.get("minNodeCount");
                autoscaling.set("minNodeCount", autoscaling.get("maxNodeCount"));
                autoscaling.set("maxNodeCount", min);
            }
        }

        // public-ip-count-and-eip-together: add the missing one or drop the lonely one.
        if (template.has("publicIP")) {
            ObjectNode publicIp = (ObjectNode) template.get("publicIP");
            if (publicIp.has("count") != publicIp.has("eip")) {
                if (random.nextBoolean()) {
                    publicIp.remove(publicIp.has("count") ? "count" : "eip");
                } else if (publicIp.has("count")) {
                    publicIp.set(
                            "eip",
                            schema.generate(
                                    "/components/schemas/Eip",
                                    "/spec/nodeTemplate/publicIP/eip",
                                    "/spec/nodeTemplate/publicIP/eip",
                                    random,
                                    Shape.RANDOM));
                } else {
                    publicIp.set(
                            "count",
                            schema.generate(
                                    "/components/schemas/PublicIP/properties/count",
                                    "/spec/nodeTemplate/publicIP/count",
                                    "/spec/nodeTemplate/publicIP/count",
                                    random,
                                    Shape.RANDOM));
                }
            }
        }

        // login-mode-required: always a key pair (userPassword only besides it: "not supported" on the page).
        ObjectNode login = (ObjectNode) template.get("login");
        if (!login.has("sshKey")) {
            login.set(
                    "sshKey",
                    schema.generate(
                            "/components/schemas/Login/properties/sshKey",
                            "/spec/nodeTemplate/login/sshKey",
                            "/spec/nodeTemplate/login/sshKey",
                            random,
                            Shape.RANDOM));
        }

        // fixed-ips-and-ip-block-exclusive and fixed-ips-not-more-than-nodes, per NIC.
        if (template.has("nodeNicSpec")) {
            ObjectNode nics = (ObjectNode) template.get("nodeNicSpec");
            long nodes = spec.get("initialNodeCount").asLong();
            if (nics.has("primaryNic")) {
                fixNic((ObjectNode) nics.get("primaryNic"), nodes, random);
            }
            for (JsonNode nic : nics.path("extNics")) {
                fixNic((ObjectNode) nic, nodes, random);
            }
        }
        return cluster;
    }

    private static void fixNic(ObjectNode nic, long nodes, Random random) {
        if (nic.has("fixedIps") && nic.has("ipBlock")) {
            nic.remove(random.nextBoolean() ? "fixedIps" : "ipBlock");
        }
        if (nic.has("fixedIps")) {
            ArrayNode ips = (ArrayNode) nic.get("fixedIps");
            while (ips.size() > nodes) {
                ips.remove(ips.size() - 1);
            }
            if (ips.isEmpty()) {
                // An empty list: "specified" or not for the exclusivity rule is open; send none.
                nic.remove("fixedIps");
            }
        }
    }

    /** A count within the cluster's limit: kept if it is, else a new one (now and then exactly the limit). */
    private long withinLimit(long value, Random random) {
        if (value <= maxNodes) {
            return value;
        }
        return random.nextDouble() < 0.1 ? maxNodes : random.nextInt(maxNodes + 1);
    }

    // ------------------------------------------------------------------------------ rule-shaped values

    private static final RegexGenerator DNS_LABEL = RegexGenerator.of("^[a-z0-9]([-a-z0-9]{0,8}[a-z0-9])?$");
    private static final RegexGenerator K8S_NAME = RegexGenerator.of("^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$");

    /** A k8sTags key: 40% with a DNS subdomain prefix; now and then the longest prefix (253) or name (63). */
    static String k8sKey(Random random) {
        String name = random.nextDouble() < 0.05 ? longest(random, 63) : K8S_NAME.generate(random, 1, 63, 6);
        double u = random.nextDouble();
        if (u < 0.6) {
            return name;
        }
        String prefix = u < 0.65 ? longestSubdomain(random, 253) : subdomain(random);
        return prefix + "/" + name;
    }

    private static JsonNode taintKey(SchemaGenerator.Context context) {
        Random random = context.random();
        double u = random.nextDouble();
        if (u < 0.05) {
            return NODES.textNode(longestSubdomain(random, 253) + "/" + K8S_NAME.generate(random, 1, 63, 6));
        }
        // Else the schema's pattern, prefix kept within 253 characters (it is short at these repeat counts).
        String key;
        do {
            key = context.generator().string(context.schema(), context.schemaPointer(), random);
        } while (key.indexOf('/') > 253);
        return NODES.textNode(key);
    }

    private static String subdomain(Random random) {
        int labels = 1 + random.nextInt(3);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < labels; i++) {
            if (i > 0) {
                sb.append('.');
            }
            sb.append(DNS_LABEL.generate(random));
        }
        return sb.toString();
    }

    /** A DNS subdomain of exactly the given length (at least 1), labels of at most 63 characters. */
    static String longestSubdomain(Random random, int length) {
        StringBuilder sb = new StringBuilder();
        int remaining = length;
        while (remaining > 0) {
            int label = Math.min(63, remaining);
            if (remaining - label == 1) {
                label--; // leave room for a dot and a one-character label
            }
            for (int i = 0; i < label; i++) {
                sb.append((char) ('a' + random.nextInt(26)));
            }
            remaining -= label;
            if (remaining > 0) {
                sb.append('.');
                remaining--;
            }
        }
        return sb.toString();
    }

    private static String longest(Random random, int length) {
        StringBuilder sb = new StringBuilder();
        sb.append((char) ('A' + random.nextInt(26)));
        while (sb.length() < length) {
            sb.append("abc-_.9".charAt(random.nextInt(7)));
        }
        return sb.toString();
    }

    /** A JSON array of one or two {"queue": n}, with or without spaces. */
    static String nicMultiqueue(Random random) {
        Integer[] queues = RuleOracle.QUEUES.stream().sorted().toArray(Integer[]::new);
        int items = 1 + (random.nextDouble() < 0.2 ? 1 : 0);
        StringBuilder sb = new StringBuilder("[");
        boolean spaced = random.nextBoolean();
        for (int i = 0; i < items; i++) {
            if (i > 0) {
                sb.append(spaced ? ", " : ",");
            }
            sb.append(spaced ? "{\"queue\": " : "{\"queue\":")
                    .append(queues[random.nextInt(queues.length)])
                    .append('}');
        }
        return sb.append(']').toString();
    }

    private static String fresh(Set<String> taken, java.util.function.Supplier<String> supplier) {
        for (int i = 0; i < 100; i++) {
            String key = supplier.get();
            if (!taken.contains(key)) {
                return key;
            }
        }
        throw new IllegalStateException("no fresh key in 100 attempts");
    }
}
