package io.github.ccecontract.nodepool.contract.rules;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.github.ccecontract.nodepool.contract.cluster.Cluster;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One check per entry of the document's {@code x-cce-rules}: the constant's name is the rule's id
 * ({@code AUTOSCALING_MAX_NOT_BELOW_MIN} checks {@code autoscaling-max-not-below-min}). The id, the
 * message and the scope are the document's ({@link Rule}); a check only finds where the request
 * breaks its rule and says briefly why. Checks assume nothing about the rest of the request: a
 * value of the wrong type or a missing member is JSON Schema's to report, and the check is then
 * silent. A detail never repeats a string of the request (it may be a password), only numbers.
 */
enum RuleCheck {
    AUTOSCALING_MAX_NOT_BELOW_MIN {
        @Override
        void check(Request r, Cluster cluster, Findings out) {
            JsonNode min = r.autoscaling().path("minNodeCount");
            JsonNode max = r.autoscaling().path("maxNodeCount");
            if (min.isNumber() && max.isNumber() && max.decimalValue().compareTo(min.decimalValue()) < 0) {
                out.add(
                        AUTOSCALING.appendProperty("maxNodeCount"),
                        "maxNodeCount " + max.asText() + " < minNodeCount " + min.asText());
            }
        }
    },
    NODE_COUNT_WITHIN_CLUSTER_LIMIT {
        @Override
        void check(Request r, Cluster cluster, Findings out) {
            withinLimit(r.spec(), SPEC, "initialNodeCount", "initialNodeCount", cluster, out);
            withinLimit(r.template(), TEMPLATE, "count", "nodeTemplate.count", cluster, out);
        }
    },
    MAX_NODE_COUNT_WITHIN_CLUSTER_LIMIT {
        @Override
        void check(Request r, Cluster cluster, Findings out) {
            withinLimit(r.autoscaling(), AUTOSCALING, "maxNodeCount", "maxNodeCount", cluster, out);
        }
    },
    MIN_NODE_COUNT_WITHIN_CLUSTER_LIMIT {
        @Override
        void check(Request r, Cluster cluster, Findings out) {
            withinLimit(r.autoscaling(), AUTOSCALING, "minNodeCount", "minNodeCount", cluster, out);
        }
    },
    ELASTIC_BMS_TURBO_CLUSTER_ONLY {
        @Override
        void check(Request r, Cluster cluster, Findings out) {
            if (r.elasticBms() && !cluster.allowsElasticBms()) {
                out.add(SPEC.appendProperty("type"), "the cluster is not a CCE Turbo cluster");
            }
        }
    },
    ELASTIC_BMS_VOLUMES_PASSTHROUGH {
        @Override
        void check(Request r, Cluster cluster, Findings out) {
            if (!r.elasticBms()) {
                return;
            }
            JsonNode root = r.template().path("rootVolume");
            if (root.isObject() && !root.path(PASSTHROUGH).booleanValue()) {
                out.add(TEMPLATE.appendProperty("rootVolume").appendProperty(PASSTHROUGH), passthroughDetail(root));
            }
            JsonNode data = r.template().path("dataVolumes");
            for (int i = 0; data.isArray() && i < data.size(); i++) {
                JsonNode volume = data.get(i);
                if (volume.isObject() && !volume.path(PASSTHROUGH).booleanValue()) {
                    out.add(
                            TEMPLATE.appendProperty("dataVolumes")
                                    .appendIndex(i)
                                    .appendProperty(PASSTHROUGH),
                            passthroughDetail(volume));
                }
            }
        }
    },
    LOGIN_MODE_REQUIRED {
        @Override
        void check(Request r, Cluster cluster, Findings out) {
            JsonNode login = r.template().path("login");
            if (login.isObject() && !present(login, "sshKey") && !present(login, "userPassword")) {
                out.add(TEMPLATE.appendProperty("login"), "neither sshKey nor userPassword is given");
            }
        }
    },
    PUBLIC_IP_COUNT_AND_EIP_TOGETHER {
        @Override
        void check(Request r, Cluster cluster, Findings out) {
            JsonNode publicIp = r.template().path("publicIP");
            boolean hasCount = present(publicIp, "count");
            boolean hasEip = present(publicIp, "eip");
            if (hasCount && !hasEip) {
                out.add(TEMPLATE.appendProperty("publicIP").appendProperty("count"), "count without eip");
            } else if (hasEip && !hasCount) {
                out.add(TEMPLATE.appendProperty("publicIP").appendProperty("eip"), "eip without count");
            }
        }
    },
    K8S_TAG_KEY_FORMAT {
        @Override
        void check(Request r, Cluster cluster, Findings out) {
            JsonNode k8sTags = r.template().path("k8sTags");
            if (!k8sTags.isObject()) {
                return;
            }
            for (var keys = k8sTags.fieldNames(); keys.hasNext(); ) {
                String key = keys.next();
                String problem = qualifiedNameProblem(key);
                if (problem != null) {
                    out.add(TEMPLATE.appendProperty("k8sTags").appendProperty(key), problem);
                }
            }
        }
    },
    TAINT_KEY_PREFIX_LENGTH {
        @Override
        void check(Request r, Cluster cluster, Findings out) {
            JsonNode taints = r.template().path("taints");
            for (int i = 0; taints.isArray() && i < taints.size(); i++) {
                String key = text(taints.get(i).path("key"));
                int slash = key == null ? -1 : key.lastIndexOf('/');
                if (slash > MAX_PREFIX_LENGTH) {
                    out.add(
                            TEMPLATE.appendProperty("taints").appendIndex(i).appendProperty("key"),
                            "the prefix has " + slash + " characters");
                }
            }
        }
    },
    NIC_MULTIQUEUE_FORMAT {
        @Override
        void check(Request r, Cluster cluster, Findings out) {
            String multiqueue = text(r.extendParam().path("nicMultiqueue"));
            String problem = multiqueue == null ? null : multiqueueProblem(multiqueue);
            if (problem != null) {
                out.add(EXTEND_PARAM.appendProperty("nicMultiqueue"), problem);
            }
        }
    },
    NIC_THRESHOLD_LOW_NOT_ABOVE_HIGH {
        @Override
        void check(Request r, Cluster cluster, Findings out) {
            String threshold = text(r.extendParam().path("nicThreshold"));
            if (threshold != null && NIC_THRESHOLD.matcher(threshold).matches()) {
                String[] parts = threshold.split(":");
                if (new BigDecimal(parts[0]).compareTo(new BigDecimal(parts[1])) > 0) {
                    out.add(EXTEND_PARAM.appendProperty("nicThreshold"), "low " + parts[0] + " > high " + parts[1]);
                }
            }
        }
    },
    NIC_THRESHOLD_ELASTIC_BMS_ONLY {
        @Override
        void check(Request r, Cluster cluster, Findings out) {
            if (present(r.extendParam(), "nicThreshold") && !r.elasticBms()) {
                out.add(
                        EXTEND_PARAM.appendProperty("nicThreshold"),
                        r.spec().has("type") ? "spec.type is not ElasticBMS" : "spec.type is left out, which means vm");
            }
        }
    },
    FIXED_IPS_AND_IP_BLOCK_EXCLUSIVE {
        @Override
        void check(Request r, Cluster cluster, Findings out) {
            for (Nic nic : r.nics()) {
                if (present(nic.node(), "fixedIps") && present(nic.node(), "ipBlock")) {
                    out.add(nic.pointer(), "both are given");
                }
            }
        }
    },
    FIXED_IPS_NOT_MORE_THAN_NODES {
        @Override
        void check(Request r, Cluster cluster, Findings out) {
            JsonNode initial = r.spec().path("initialNodeCount");
            for (Nic nic : r.nics()) {
                JsonNode fixedIps = nic.node().path("fixedIps");
                if (fixedIps.isArray()
                        && initial.isNumber()
                        && BigDecimal.valueOf(fixedIps.size()).compareTo(initial.decimalValue()) > 0) {
                    out.add(
                            nic.pointer().appendProperty("fixedIps"),
                            fixedIps.size() + " fixedIps > initialNodeCount " + initial.asText());
                }
            }
        }
    };

    /** Finds where {@code r} breaks this rule; {@code cluster} is null only for request-scoped rules. */
    abstract void check(Request r, Cluster cluster, Findings out);

    /** The id of the rule this constant checks: its name in lower case, {@code -} for {@code _}. */
    String ruleId() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** Where a check found its rule broken, and why, briefly. */
    interface Findings {
        void add(JsonPointer pointer, String detail);
    }

    /** The parts of a request the checks read: missing nodes where the request lacks them. */
    record Request(JsonNode spec, JsonNode template, JsonNode autoscaling, JsonNode extendParam) {
        static Request of(JsonNode body) {
            JsonNode spec = body.path("spec");
            JsonNode template = spec.path("nodeTemplate");
            return new Request(spec, template, spec.path("autoscaling"), template.path("extendParam"));
        }

        boolean elasticBms() {
            return ELASTIC_BMS.equals(text(spec.path("type")));
        }

        /** The primary NIC and each extension NIC that is an object. */
        List<Nic> nics() {
            List<Nic> nics = new ArrayList<>();
            JsonNode nicSpec = template.path("nodeNicSpec");
            JsonPointer at = TEMPLATE.appendProperty("nodeNicSpec");
            if (nicSpec.path("primaryNic").isObject()) {
                nics.add(new Nic(at.appendProperty("primaryNic"), nicSpec.path("primaryNic")));
            }
            JsonNode extNics = nicSpec.path("extNics");
            for (int i = 0; extNics.isArray() && i < extNics.size(); i++) {
                if (extNics.get(i).isObject()) {
                    nics.add(new Nic(at.appendProperty("extNics").appendIndex(i), extNics.get(i)));
                }
            }
            return nics;
        }
    }

    record Nic(JsonPointer pointer, JsonNode node) {}

    private static final JsonPointer SPEC = JsonPointer.compile("/spec");
    private static final JsonPointer TEMPLATE = SPEC.appendProperty("nodeTemplate");
    private static final JsonPointer AUTOSCALING = SPEC.appendProperty("autoscaling");
    private static final JsonPointer EXTEND_PARAM = TEMPLATE.appendProperty("extendParam");
    private static final String PASSTHROUGH = "hw:passthrough";
    private static final String ELASTIC_BMS = "ElasticBMS";
    private static final Set<Integer> QUEUE_COUNTS = Set.of(1, 2, 4, 8, 16, 28);
    private static final int MAX_PREFIX_LENGTH = 253;
    private static final int MAX_NAME_LENGTH = 63;
    /** A DNS subdomain (RFC 1123 labels, lower case), as the document's taint key pattern has it. */
    private static final Pattern DNS_SUBDOMAIN =
            Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");

    private static final Pattern LABEL_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,62}");
    private static final Pattern NIC_THRESHOLD = Pattern.compile("(0\\.[0-9]|1\\.0):(0\\.[0-9]|1\\.0)");
    /** Strict JSON for the text inside nicMultiqueue: one value, no duplicate members. */
    private static final ObjectMapper STRICT_JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .build();

    /**
     * Reports member {@code name} of {@code parent} (at {@code at}) when it is a number above the cluster's maximum;
     * the detail calls it {@code label}.
     */
    private static void withinLimit(
            JsonNode parent, JsonPointer at, String name, String label, Cluster cluster, Findings out) {
        JsonNode count = parent.path(name);
        if (count.isNumber() && count.decimalValue().compareTo(BigDecimal.valueOf(cluster.maxNodes())) > 0) {
            out.add(at.appendProperty(name), label + " " + count.asText() + " > cluster maximum " + cluster.maxNodes());
        }
    }

    private static String passthroughDetail(JsonNode volume) {
        JsonNode value = volume.get(PASSTHROUGH);
        if (value == null) {
            return "hw:passthrough is left out";
        }
        return "hw:passthrough is " + (value.isBoolean() ? value.asText() : "not a boolean");
    }

    /** Why a k8sTags key is not a Kubernetes qualified name, or null if it is one. */
    static String qualifiedNameProblem(String key) {
        int slash = key.lastIndexOf('/');
        String name = slash < 0 ? key : key.substring(slash + 1);
        if (slash >= 0) {
            String prefix = key.substring(0, slash);
            if (prefix.isEmpty()) {
                return "the prefix before '/' is empty";
            }
            if (prefix.length() > MAX_PREFIX_LENGTH) {
                return "the prefix has " + prefix.length() + " characters";
            }
            if (!DNS_SUBDOMAIN.matcher(prefix).matches()) {
                return "the prefix is not a DNS subdomain";
            }
        }
        if (name.isEmpty()) {
            return "the name is empty";
        }
        if (name.length() > MAX_NAME_LENGTH) {
            return "the name has " + name.length() + " characters";
        }
        if (!LABEL_NAME.matcher(name).matches()) {
            return "the name does not start with a letter or digit or has other characters than letters, digits,"
                    + " '-', '_' and '.'";
        }
        return null;
    }

    /** Why a nicMultiqueue value is not a JSON array of {"queue": n}, or null if it is one. */
    static String multiqueueProblem(String value) {
        JsonNode parsed;
        try {
            parsed = STRICT_JSON.readTree(value);
        } catch (IOException e) {
            return "not JSON";
        }
        if (parsed == null || !parsed.isArray()) {
            return "not a JSON array";
        }
        if (parsed.isEmpty()) {
            return "an empty array";
        }
        for (int i = 0; i < parsed.size(); i++) {
            JsonNode item = parsed.get(i);
            if (!item.isObject() || item.size() != 1 || !item.has("queue")) {
                return "item " + i + " is not an object with the one member \"queue\"";
            }
            JsonNode queue = item.get("queue");
            if (!queue.isIntegralNumber() || !queue.canConvertToInt() || !QUEUE_COUNTS.contains(queue.intValue())) {
                return "item " + i + ": queue is not one of 1, 2, 4, 8, 16, 28";
            }
        }
        return null;
    }

    private static boolean present(JsonNode object, String member) {
        return object.isObject() && object.has(member) && !object.get(member).isNull();
    }

    private static String text(JsonNode node) {
        return node != null && node.isTextual() ? node.textValue() : null;
    }
}
