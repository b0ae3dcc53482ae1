package io.github.ccecontract.nodepool.client.validation;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.github.ccecontract.nodepool.client.model.Violation;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The rules of the document that JSON Schema cannot state ({@code x-cce-rules}), checked on the JSON
 * of a Create Node Pool request.
 *
 * <p>Works on a Jackson {@link JsonNode}, so that a server can check the JSON it receives as it is
 * (this project's stub does) and a client the JSON it is about to send. The checks assume nothing
 * about the rest of the request: a value of the wrong type or a missing member is JSON Schema's to
 * report, and the rules that need it are then silent. Each {@link Violation} names the JSON pointer
 * (RFC 6901) of the offending value (one of the rule's {@code fields}), the rule id, and a message
 * that starts with the document's message for the rule. No message repeats a value of the request
 * other than numbers, so nothing the request holds (a password) leaks into a message.
 *
 * <p>Rules of {@code scope: cluster} depend on the cluster ({@link ClusterLimits}); they are checked
 * only when one is given. Stateless and thread-safe.
 */
public final class ContractRules {

  /** Where a rule applies: to the request alone, or to the request in a given cluster. */
  public enum Scope {
    /** The request alone decides. */
    REQUEST,
    /** The cluster's limits decide too ({@link ClusterLimits}). */
    CLUSTER
  }

  /** A rule: its id and scope in the document, and the document's message. */
  public record Rule(String id, Scope scope, String message) {
  }

  private static final Map<String, Rule> RULES = new LinkedHashMap<>();

  public static final String AUTOSCALING_MAX_NOT_BELOW_MIN = rule("autoscaling-max-not-below-min", Scope.REQUEST,
      "spec.autoscaling.maxNodeCount must be greater than or equal to spec.autoscaling.minNodeCount.");
  public static final String NODE_COUNT_WITHIN_CLUSTER_LIMIT = rule("node-count-within-cluster-limit", Scope.CLUSTER,
      "spec.initialNodeCount cannot be greater than the maximum number of nodes allowed for the cluster.");
  public static final String MAX_NODE_COUNT_WITHIN_CLUSTER_LIMIT = rule("max-node-count-within-cluster-limit",
      Scope.CLUSTER,
      "spec.autoscaling.maxNodeCount cannot exceed the maximum number of nodes allowed for the cluster.");
  public static final String ELASTIC_BMS_TURBO_CLUSTER_ONLY = rule("elastic-bms-turbo-cluster-only", Scope.CLUSTER,
      "spec.type ElasticBMS is valid in a CCE Turbo cluster only.");
  public static final String ELASTIC_BMS_VOLUMES_PASSTHROUGH = rule("elastic-bms-volumes-passthrough", Scope.REQUEST,
      "When spec.type is ElasticBMS, hw:passthrough must be true on the root volume and on every data volume.");
  public static final String LOGIN_MODE_REQUIRED = rule("login-mode-required", Scope.REQUEST,
      "spec.nodeTemplate.login must give a key pair (sshKey) or a password (userPassword).");
  public static final String PUBLIC_IP_COUNT_AND_EIP_TOGETHER = rule("public-ip-count-and-eip-together",
      Scope.REQUEST, "spec.nodeTemplate.publicIP.count and spec.nodeTemplate.publicIP.eip must be set together.");
  public static final String K8S_TAG_KEY_FORMAT = rule("k8s-tag-key-format", Scope.REQUEST,
      "A k8sTags key is 1 to 63 characters starting with a letter or digit, of letters, digits, '-', '_' and '.',"
          + " optionally prefixed by a DNS subdomain of at most 253 characters and '/'.");
  public static final String TAINT_KEY_PREFIX_LENGTH = rule("taint-key-prefix-length", Scope.REQUEST,
      "The DNS subdomain prefix of a taint key can have at most 253 characters.");
  public static final String NIC_MULTIQUEUE_FORMAT = rule("nic-multiqueue-format", Scope.REQUEST,
      "extendParam.nicMultiqueue must be a non-empty JSON array of objects {\"queue\": n} (no other members),"
          + " each with n one of 1, 2, 4, 8, 16 or 28.");
  public static final String NIC_THRESHOLD_LOW_NOT_ABOVE_HIGH = rule("nic-threshold-low-not-above-high",
      Scope.REQUEST, "The low threshold of extendParam.nicThreshold must be smaller than or equal to the high one.");
  public static final String NIC_THRESHOLD_ELASTIC_BMS_ONLY = rule("nic-threshold-elastic-bms-only", Scope.REQUEST,
      "extendParam.nicThreshold can be configured only for BMS nodes (spec.type ElasticBMS) in a CCE Turbo cluster.");
  public static final String FIXED_IPS_AND_IP_BLOCK_EXCLUSIVE = rule("fixed-ips-and-ip-block-exclusive",
      Scope.REQUEST, "fixedIps and ipBlock cannot be specified at the same time (a present fixedIps counts, even empty).");
  public static final String FIXED_IPS_NOT_MORE_THAN_NODES = rule("fixed-ips-not-more-than-nodes", Scope.REQUEST,
      "A NIC cannot have more fixedIps than the number of nodes created (spec.initialNodeCount).");

  private static final String ELASTIC_BMS = "ElasticBMS";
  private static final Set<Integer> QUEUE_COUNTS = Set.of(1, 2, 4, 8, 16, 28);
  private static final int MAX_PREFIX_LENGTH = 253;
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

  private ContractRules() {
  }

  private static String rule(String id, Scope scope, String message) {
    RULES.put(id, new Rule(id, scope, message));
    return id;
  }

  /** The rules, in the order of the document. */
  public static List<Rule> rules() {
    return List.copyOf(RULES.values());
  }

  /** The ids of the rules implemented here: those of the document's {@code x-cce-rules}. */
  public static Set<String> ruleIds() {
    return Collections.unmodifiableSet(RULES.keySet());
  }

  /** The rule with this id; throws {@link IllegalArgumentException} if there is none. */
  public static Rule rule(String id) {
    Rule rule = RULES.get(id);
    if (rule == null) throw new IllegalArgumentException("no rule '" + id + "'");
    return rule;
  }

  /** Checks the request-scoped rules. */
  public static List<Violation> check(JsonNode request) {
    return check(request, null);
  }

  /**
   * Checks the request-scoped rules and, if {@code cluster} is given, the cluster-scoped ones.
   *
   * @param request the JSON of a Create Node Pool request (any JSON: nothing is assumed about it)
   * @param cluster the cluster the request is for, or {@code null} to skip the cluster-scoped rules
   * @return the violations, in the order of the document's rules; empty if the request obeys them
   */
  public static List<Violation> check(JsonNode request, ClusterLimits cluster) {
    Objects.requireNonNull(request, "request");
    List<Violation> out = new ArrayList<>();
    JsonNode spec = request.path("spec");
    JsonNode template = spec.path("nodeTemplate");
    JsonNode autoscaling = spec.path("autoscaling");
    JsonNode extendParam = template.path("extendParam");
    boolean elasticBms = ELASTIC_BMS.equals(text(spec.path("type")));

    // autoscaling-max-not-below-min
    JsonNode min = autoscaling.path("minNodeCount");
    JsonNode max = autoscaling.path("maxNodeCount");
    if (min.isNumber() && max.isNumber() && max.decimalValue().compareTo(min.decimalValue()) < 0) {
      add(out, AUTOSCALING_MAX_NOT_BELOW_MIN, "/spec/autoscaling/maxNodeCount",
          "maxNodeCount " + max.asText() + " < minNodeCount " + min.asText());
    }

    if (cluster != null) {
      BigDecimal limit = BigDecimal.valueOf(cluster.maxNodes());
      // node-count-within-cluster-limit
      JsonNode initial = spec.path("initialNodeCount");
      if (initial.isNumber() && initial.decimalValue().compareTo(limit) > 0) {
        add(out, NODE_COUNT_WITHIN_CLUSTER_LIMIT, "/spec/initialNodeCount",
            "initialNodeCount " + initial.asText() + " > cluster maximum " + cluster.maxNodes());
      }
      JsonNode count = template.path("count");
      if (count.isNumber() && count.decimalValue().compareTo(limit) > 0) {
        add(out, NODE_COUNT_WITHIN_CLUSTER_LIMIT, "/spec/nodeTemplate/count",
            "nodeTemplate.count " + count.asText() + " > cluster maximum " + cluster.maxNodes());
      }
      // max-node-count-within-cluster-limit
      if (max.isNumber() && max.decimalValue().compareTo(limit) > 0) {
        add(out, MAX_NODE_COUNT_WITHIN_CLUSTER_LIMIT, "/spec/autoscaling/maxNodeCount",
            "maxNodeCount " + max.asText() + " > cluster maximum " + cluster.maxNodes());
      }
      // elastic-bms-turbo-cluster-only
      if (elasticBms && !cluster.turbo()) {
        add(out, ELASTIC_BMS_TURBO_CLUSTER_ONLY, "/spec/type", "the cluster is not a CCE Turbo cluster");
      }
    }

    // elastic-bms-volumes-passthrough
    if (elasticBms) {
      JsonNode root = template.path("rootVolume");
      if (root.isObject() && !root.path("hw:passthrough").booleanValue()) {
        add(out, ELASTIC_BMS_VOLUMES_PASSTHROUGH, "/spec/nodeTemplate/rootVolume/hw:passthrough",
            passthroughDetail(root));
      }
      JsonNode data = template.path("dataVolumes");
      for (int i = 0; i < data.size() && data.isArray(); i++) {
        JsonNode volume = data.get(i);
        if (volume.isObject() && !volume.path("hw:passthrough").booleanValue()) {
          add(out, ELASTIC_BMS_VOLUMES_PASSTHROUGH, "/spec/nodeTemplate/dataVolumes/" + i + "/hw:passthrough",
              passthroughDetail(volume));
        }
      }
    }

    // login-mode-required
    JsonNode login = template.path("login");
    if (login.isObject() && !present(login, "sshKey") && !present(login, "userPassword")) {
      add(out, LOGIN_MODE_REQUIRED, "/spec/nodeTemplate/login", "neither sshKey nor userPassword is given");
    }

    // public-ip-count-and-eip-together
    JsonNode publicIp = template.path("publicIP");
    if (publicIp.isObject()) {
      boolean hasCount = present(publicIp, "count");
      boolean hasEip = present(publicIp, "eip");
      if (hasCount && !hasEip) {
        add(out, PUBLIC_IP_COUNT_AND_EIP_TOGETHER, "/spec/nodeTemplate/publicIP/count", "count without eip");
      } else if (hasEip && !hasCount) {
        add(out, PUBLIC_IP_COUNT_AND_EIP_TOGETHER, "/spec/nodeTemplate/publicIP/eip", "eip without count");
      }
    }

    // k8s-tag-key-format
    JsonNode k8sTags = template.path("k8sTags");
    if (k8sTags.isObject()) {
      for (var it = k8sTags.fieldNames(); it.hasNext();) {
        String key = it.next();
        String problem = qualifiedNameProblem(key);
        if (problem != null) {
          add(out, K8S_TAG_KEY_FORMAT, "/spec/nodeTemplate/k8sTags/" + escape(key), problem);
        }
      }
    }

    // taint-key-prefix-length
    JsonNode taints = template.path("taints");
    for (int i = 0; i < taints.size() && taints.isArray(); i++) {
      String key = text(taints.get(i).path("key"));
      int slash = key == null ? -1 : key.lastIndexOf('/');
      if (slash > MAX_PREFIX_LENGTH) {
        add(out, TAINT_KEY_PREFIX_LENGTH, "/spec/nodeTemplate/taints/" + i + "/key",
            "the prefix has " + slash + " characters");
      }
    }

    // nic-multiqueue-format
    String multiqueue = text(extendParam.path("nicMultiqueue"));
    if (multiqueue != null) {
      String problem = multiqueueProblem(multiqueue);
      if (problem != null) {
        add(out, NIC_MULTIQUEUE_FORMAT, "/spec/nodeTemplate/extendParam/nicMultiqueue", problem);
      }
    }

    // nic-threshold-low-not-above-high
    JsonNode threshold = extendParam.path("nicThreshold");
    String thresholdText = text(threshold);
    if (thresholdText != null && NIC_THRESHOLD.matcher(thresholdText).matches()) {
      String[] parts = thresholdText.split(":");
      if (new BigDecimal(parts[0]).compareTo(new BigDecimal(parts[1])) > 0) {
        add(out, NIC_THRESHOLD_LOW_NOT_ABOVE_HIGH, "/spec/nodeTemplate/extendParam/nicThreshold",
            "low " + parts[0] + " > high " + parts[1]);
      }
    }

    // nic-threshold-elastic-bms-only
    if (present(extendParam, "nicThreshold") && !elasticBms) {
      add(out, NIC_THRESHOLD_ELASTIC_BMS_ONLY, "/spec/nodeTemplate/extendParam/nicThreshold",
          spec.has("type") ? "spec.type is not ElasticBMS" : "spec.type is left out, which means vm");
    }

    // fixed-ips-and-ip-block-exclusive, fixed-ips-not-more-than-nodes
    JsonNode nics = template.path("nodeNicSpec");
    List<Map.Entry<String, JsonNode>> nicList = new ArrayList<>();
    if (nics.path("primaryNic").isObject()) {
      nicList.add(Map.entry("/spec/nodeTemplate/nodeNicSpec/primaryNic", nics.path("primaryNic")));
    }
    JsonNode extNics = nics.path("extNics");
    for (int i = 0; i < extNics.size() && extNics.isArray(); i++) {
      if (extNics.get(i).isObject()) {
        nicList.add(Map.entry("/spec/nodeTemplate/nodeNicSpec/extNics/" + i, extNics.get(i)));
      }
    }
    for (Map.Entry<String, JsonNode> nic : nicList) {
      if (present(nic.getValue(), "fixedIps") && present(nic.getValue(), "ipBlock")) {
        add(out, FIXED_IPS_AND_IP_BLOCK_EXCLUSIVE, nic.getKey(), "both are given");
      }
    }
    JsonNode initial = spec.path("initialNodeCount");
    for (Map.Entry<String, JsonNode> nic : nicList) {
      JsonNode fixedIps = nic.getValue().path("fixedIps");
      if (fixedIps.isArray() && initial.isNumber()
          && BigDecimal.valueOf(fixedIps.size()).compareTo(initial.decimalValue()) > 0) {
        add(out, FIXED_IPS_NOT_MORE_THAN_NODES, nic.getKey() + "/fixedIps",
            fixedIps.size() + " fixedIps > initialNodeCount " + initial.asText());
      }
    }

    out.sort((a, b) -> Integer.compare(order(a.getRule()), order(b.getRule())));
    return out;
  }

  private static int order(String ruleId) {
    int i = 0;
    for (String id : RULES.keySet()) {
      if (id.equals(ruleId)) return i;
      i++;
    }
    return i;
  }

  private static void add(List<Violation> out, String ruleId, String pointer, String detail) {
    out.add(new Violation().pointer(pointer).rule(ruleId).message(RULES.get(ruleId).message() + " (" + detail + ")"));
  }

  private static String passthroughDetail(JsonNode volume) {
    JsonNode value = volume.get("hw:passthrough");
    return value == null ? "hw:passthrough is left out" : "hw:passthrough is " + (value.isBoolean() ? value.asText()
        : "not a boolean");
  }

  /** Why a k8sTags key is not a Kubernetes qualified name, or null if it is one. */
  private static String qualifiedNameProblem(String key) {
    int slash = key.lastIndexOf('/');
    String name = slash < 0 ? key : key.substring(slash + 1);
    if (slash >= 0) {
      String prefix = key.substring(0, slash);
      if (prefix.isEmpty()) return "the prefix before '/' is empty";
      if (prefix.length() > MAX_PREFIX_LENGTH) return "the prefix has " + prefix.length() + " characters";
      if (!DNS_SUBDOMAIN.matcher(prefix).matches()) return "the prefix is not a DNS subdomain";
    }
    if (name.isEmpty()) return "the name is empty";
    if (name.length() > 63) return "the name has " + name.length() + " characters";
    if (!LABEL_NAME.matcher(name).matches()) {
      return "the name does not start with a letter or digit or has other characters than letters, digits, '-',"
          + " '_' and '.'";
    }
    return null;
  }

  /** Why a nicMultiqueue value is not a JSON array of {"queue": n}, or null if it is one. */
  private static String multiqueueProblem(String value) {
    JsonNode parsed;
    try {
      parsed = STRICT_JSON.readTree(value);
    } catch (IOException e) {
      return "not JSON";
    }
    if (parsed == null || !parsed.isArray()) return "not a JSON array";
    if (parsed.isEmpty()) return "an empty array";
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

  /** Escapes a member name as a JSON pointer token (RFC 6901). */
  static String escape(String token) {
    return token.replace("~", "~0").replace("/", "~1");
  }
}
