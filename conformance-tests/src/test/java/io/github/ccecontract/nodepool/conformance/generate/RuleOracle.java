package io.github.ccecontract.nodepool.conformance.generate;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.ccecontract.nodepool.contract.cluster.Cluster;
import io.github.ccecontract.nodepool.contract.cluster.ClusterType;
import io.github.ccecontract.nodepool.contract.model.Violation;
import io.github.ccecontract.nodepool.openapi.testing.Json;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The suite's own reading of the document's {@code x-cce-rules}: which rules a SCHEMA-VALID request breaks when sent
 * to a cluster. Written from the rules' messages, independently of the stub (it is the test oracle); checked against
 * the accepted and rejected cases of the constraint catalogue ({@code RuleOracleTest}).
 *
 * <p>Where a rule's message leaves a case open, the oracle reads it leniently (nothing is reported) and the generator
 * avoids the case; each such reading is noted at the rule.
 */
public final class RuleOracle {

    /** The rule ids this oracle knows; a test fails when the document has others. */
    public static final Set<String> RULES = Set.of(
            "autoscaling-max-not-below-min",
            "node-count-within-cluster-limit",
            "max-node-count-within-cluster-limit",
            "min-node-count-within-cluster-limit",
            "elastic-bms-turbo-cluster-only",
            "elastic-bms-volumes-passthrough",
            "login-mode-required",
            "public-ip-count-and-eip-together",
            "k8s-tag-key-format",
            "taint-key-prefix-length",
            "nic-multiqueue-format",
            "nic-threshold-low-not-above-high",
            "nic-threshold-elastic-bms-only",
            "fixed-ips-and-ip-block-exclusive",
            "fixed-ips-not-more-than-nodes");

    /** Queue counts nicMultiqueue allows. */
    static final Set<Integer> QUEUES = Set.of(1, 2, 4, 8, 16, 28);

    /** A DNS subdomain: labels of lowercase letters, digits and inner hyphens, joined by dots. */
    private static final Pattern DNS_SUBDOMAIN =
            Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");
    /** A Kubernetes name: 1 to 63 of letters, digits, '-', '_', '.', starting with a letter or digit. */
    private static final Pattern K8S_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,62}");

    private static final Pattern THRESHOLD = Pattern.compile("(0\\.[0-9]|1\\.0):(0\\.[0-9]|1\\.0)");

    /** A broken rule as the oracle sees it: the document's {@code Violation}, rule id and pointer (no message). */
    private static Violation violation(String rule, String pointer) {
        return new Violation().rule(rule).pointer(pointer);
    }

    private RuleOracle() {}

    /** The rules a schema-valid request breaks at a cluster (empty: the stub must accept it). */
    public static List<Violation> check(JsonNode request, Cluster cluster) {
        List<Violation> out = new ArrayList<>();
        JsonNode spec = request.path("spec");
        JsonNode template = spec.path("nodeTemplate");
        boolean elasticBms = "ElasticBMS".equals(spec.path("type").asText("vm"));

        // autoscaling-max-not-below-min: only when both are given (the message compares two values).
        JsonNode autoscaling = spec.path("autoscaling");
        JsonNode min = autoscaling.get("minNodeCount");
        JsonNode max = autoscaling.get("maxNodeCount");
        if (min != null && max != null && max.asLong() < min.asLong()) {
            out.add(violation("autoscaling-max-not-below-min", "/spec/autoscaling/maxNodeCount"));
        }

        // node-count-within-cluster-limit: initialNodeCount and nodeTemplate.count.
        if (spec.has("initialNodeCount") && spec.get("initialNodeCount").asLong() > cluster.maxNodes()) {
            out.add(violation("node-count-within-cluster-limit", "/spec/initialNodeCount"));
        }
        if (template.has("count") && template.get("count").asLong() > cluster.maxNodes()) {
            out.add(violation("node-count-within-cluster-limit", "/spec/nodeTemplate/count"));
        }

        // max-node-count-within-cluster-limit
        if (max != null && max.asLong() > cluster.maxNodes()) {
            out.add(violation("max-node-count-within-cluster-limit", "/spec/autoscaling/maxNodeCount"));
        }

        // min-node-count-within-cluster-limit
        if (min != null && min.asLong() > cluster.maxNodes()) {
            out.add(violation("min-node-count-within-cluster-limit", "/spec/autoscaling/minNodeCount"));
        }

        // elastic-bms-turbo-cluster-only
        if (elasticBms && cluster.type() != ClusterType.TURBO) {
            out.add(violation("elastic-bms-turbo-cluster-only", "/spec/type"));
        }

        // elastic-bms-volumes-passthrough: root volume and every data volume.
        if (elasticBms) {
            if (!template.path("rootVolume").path("hw:passthrough").asBoolean(false)
                    || !template.path("rootVolume").path("hw:passthrough").isBoolean()) {
                out.add(violation("elastic-bms-volumes-passthrough", "/spec/nodeTemplate/rootVolume/hw:passthrough"));
            }
            JsonNode data = template.path("dataVolumes");
            for (int i = 0; i < data.size(); i++) {
                JsonNode flag = data.get(i).path("hw:passthrough");
                if (!flag.isBoolean() || !flag.booleanValue()) {
                    out.add(violation(
                            "elastic-bms-volumes-passthrough",
                            "/spec/nodeTemplate/dataVolumes/" + i + "/hw:passthrough"));
                }
            }
        }

        // login-mode-required: a key pair or a password (a member that is there counts as given).
        JsonNode login = template.path("login");
        if (!login.has("sshKey") && !login.has("userPassword")) {
            out.add(violation("login-mode-required", "/spec/nodeTemplate/login"));
        }

        // public-ip-count-and-eip-together
        JsonNode publicIp = template.path("publicIP");
        if (publicIp.has("count") != publicIp.has("eip")) {
            out.add(violation(
                    "public-ip-count-and-eip-together",
                    "/spec/nodeTemplate/publicIP/" + (publicIp.has("count") ? "count" : "eip")));
        }

        // k8s-tag-key-format
        for (Iterator<String> keys = template.path("k8sTags").fieldNames(); keys.hasNext(); ) {
            String key = keys.next();
            if (!k8sTagKeyValid(key)) {
                out.add(violation("k8s-tag-key-format", Json.child("/spec/nodeTemplate/k8sTags", key)));
            }
        }

        // taint-key-prefix-length
        JsonNode taints = template.path("taints");
        for (int i = 0; i < taints.size(); i++) {
            String key = taints.get(i).path("key").asText("");
            int slash = key.indexOf('/');
            if (slash > 253) {
                out.add(violation("taint-key-prefix-length", "/spec/nodeTemplate/taints/" + i + "/key"));
            }
        }

        // nic-multiqueue-format (an empty array is rejected: the catalogue's case empty-array).
        JsonNode extend = template.path("extendParam");
        if (extend.has("nicMultiqueue")
                && !nicMultiqueueValid(extend.get("nicMultiqueue").asText())) {
            out.add(violation("nic-multiqueue-format", "/spec/nodeTemplate/extendParam/nicMultiqueue"));
        }

        // nic-threshold-low-not-above-high and nic-threshold-elastic-bms-only
        if (extend.has("nicThreshold")) {
            String threshold = extend.get("nicThreshold").asText();
            if (THRESHOLD.matcher(threshold).matches()) {
                String[] parts = threshold.split(":");
                if (new BigDecimal(parts[0]).compareTo(new BigDecimal(parts[1])) > 0) {
                    out.add(violation(
                            "nic-threshold-low-not-above-high", "/spec/nodeTemplate/extendParam/nicThreshold"));
                }
            }
            if (!elasticBms) {
                out.add(violation("nic-threshold-elastic-bms-only", "/spec/nodeTemplate/extendParam/nicThreshold"));
            }
        }

        // fixed-ips-and-ip-block-exclusive and fixed-ips-not-more-than-nodes, per NIC.
        JsonNode nics = template.path("nodeNicSpec");
        long nodes = spec.path("initialNodeCount").asLong(0);
        if (nics.has("primaryNic")) {
            checkNic(nics.get("primaryNic"), "/spec/nodeTemplate/nodeNicSpec/primaryNic", nodes, out);
        }
        JsonNode ext = nics.path("extNics");
        for (int i = 0; i < ext.size(); i++) {
            checkNic(ext.get(i), "/spec/nodeTemplate/nodeNicSpec/extNics/" + i, nodes, out);
        }
        return out;
    }

    private static void checkNic(JsonNode nic, String pointer, long nodes, List<Violation> out) {
        if (nic.has("fixedIps") && nic.has("ipBlock")) {
            out.add(violation("fixed-ips-and-ip-block-exclusive", pointer));
        }
        if (nic.path("fixedIps").size() > nodes) {
            out.add(violation("fixed-ips-not-more-than-nodes", pointer + "/fixedIps"));
        }
    }

    /** Optional DNS subdomain prefix of at most 253 characters and '/', then a name of 1 to 63 characters. */
    public static boolean k8sTagKeyValid(String key) {
        int slash = key.indexOf('/');
        String name = slash < 0 ? key : key.substring(slash + 1);
        if (slash >= 0) {
            String prefix = key.substring(0, slash);
            if (prefix.isEmpty()
                    || prefix.length() > 253
                    || !DNS_SUBDOMAIN.matcher(prefix).matches()) {
                return false;
            }
        }
        return K8S_NAME.matcher(name).matches();
    }

    /** A non-empty JSON array of objects {"queue": n}, n one of 1, 2, 4, 8, 16, 28 (only that member). */
    public static boolean nicMultiqueueValid(String text) {
        JsonNode parsed;
        try {
            parsed = Json.JSON.readTree(text);
        } catch (IOException e) {
            return false;
        }
        if (parsed == null || !parsed.isArray() || parsed.isEmpty()) {
            return false;
        }
        for (JsonNode item : parsed) {
            if (!item.isObject()
                    || item.size() != 1
                    || !item.path("queue").isIntegralNumber()
                    || !QUEUES.contains(item.get("queue").asInt())) {
                return false;
            }
        }
        return true;
    }
}
