package io.github.ccecontract.nodepool.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.ccecontract.nodepool.client.validation.ClusterLimits;
import io.github.ccecontract.nodepool.openapi.NodePoolContract;
import io.github.ccecontract.nodepool.openapi.NodePoolContract.DocumentedExample;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The constraint catalogue of the openapi jar ({@code cce-nodepool/constraint-cases.yaml}): an
 * accepted and a rejected request for every constraint and rule of the document. The format is in
 * the file's header; the openapi module's ConstraintCatalogueTest checks the file itself, so this
 * reader only applies it.
 */
public final class ConstraintCatalogue {

  /** A case: its name, the request it describes and the cluster it is sent to. */
  public record Case(String id, String list, String name, JsonNode request, ClusterLimits cluster) {
    @Override
    public String toString() {
      return id + " / " + list + ": " + name;
    }
  }

  /** The accepted and rejected cases of one constraint or rule. */
  public record Cases(String id, List<Case> accepted, List<Case> rejected) {
  }

  private static volatile ConstraintCatalogue instance;

  private final Map<String, Cases> constraints;
  private final Map<String, Cases> rules;

  private ConstraintCatalogue(JsonNode root) {
    int defaultMaxNodes = root.path("defaultMaxNodes").intValue();
    String sampleMapKey = root.path("sampleMapKey").textValue();
    if (defaultMaxNodes < 1 || sampleMapKey == null) throw new IllegalStateException("catalogue header missing");
    this.constraints = parse(root.path("constraints"), defaultMaxNodes);
    this.rules = parse(root.path("rules"), defaultMaxNodes);
  }

  public static ConstraintCatalogue load() {
    ConstraintCatalogue c = instance;
    if (c == null) {
      c = new ConstraintCatalogue(Contract.readYaml(NodePoolContract.CONSTRAINT_CASES));
      instance = c;
    }
    return c;
  }

  /** Cases of the JSON Schema constraints, by id ({@code <instance pointer>#<keyword>}). */
  public Map<String, Cases> constraints() {
    return constraints;
  }

  /** Cases of the {@code x-cce-rules}, by rule id. */
  public Map<String, Cases> rules() {
    return rules;
  }

  private static Map<String, Cases> parse(JsonNode map, int defaultMaxNodes) {
    if (!map.isObject() || map.isEmpty()) throw new IllegalStateException("catalogue section missing");
    Map<String, Cases> result = new LinkedHashMap<>();
    map.fields().forEachRemaining(e -> result.put(e.getKey(), new Cases(e.getKey(),
        cases(e.getKey(), "accepted", e.getValue().path("accepted"), defaultMaxNodes),
        cases(e.getKey(), "rejected", e.getValue().path("rejected"), defaultMaxNodes))));
    return result;
  }

  private static List<Case> cases(String id, String list, JsonNode array, int defaultMaxNodes) {
    if (!array.isArray() || array.isEmpty()) throw new IllegalStateException(id + ": no " + list + " cases");
    List<Case> cases = new ArrayList<>();
    for (JsonNode c : array) {
      DocumentedExample base = DocumentedExample.of(NodePoolContract.Direction.REQUEST, c.path("base").asText());
      boolean turbo = base == DocumentedExample.CCE_TURBO_CLUSTER_REQUEST;
      ClusterLimits cluster = new ClusterLimits(defaultMaxNodes, turbo);
      if (c.has("cluster")) {
        JsonNode cl = c.get("cluster");
        cluster = new ClusterLimits(cl.path("maxNodes").intValue(), "turbo".equals(cl.path("type").asText()));
      }
      JsonNode request = Contract.example(base);
      for (JsonNode edit : c.path("patch")) {
        request = apply(request, edit);
      }
      cases.add(new Case(id, list, c.path("name").asText(), request, cluster));
    }
    return cases;
  }

  private static JsonNode apply(JsonNode doc, JsonNode edit) {
    String pointer;
    JsonNode value = null;
    if (edit.has("remove")) {
      pointer = edit.get("remove").asText();
    } else if (edit.has("put")) {
      JsonNode key = edit.get("key");
      String name = key.isTextual() ? key.asText() : text(key);
      pointer = edit.get("put").asText() + "/" + name.replace("~", "~0").replace("/", "~1");
      value = edit.get("value");
    } else {
      pointer = edit.get("set").asText();
      if (edit.has("value")) {
        value = edit.get("value");
      } else if (edit.has("text")) {
        value = JsonNodeFactory.instance.textNode(text(edit.get("text")));
      } else {
        value = items(edit.get("items"));
      }
    }
    if (pointer.isEmpty()) return value.deepCopy();
    List<String> tokens = Contract.tokens(pointer);
    JsonNode parent = doc;
    for (String token : tokens.subList(0, tokens.size() - 1)) {
      parent = parent.isArray() ? parent.path(Integer.parseInt(token)) : parent.path(token);
    }
    String last = tokens.get(tokens.size() - 1);
    if (parent instanceof ObjectNode object) {
      if (value == null) {
        if (object.remove(last) == null) throw new IllegalStateException("nothing to remove at " + pointer);
      } else {
        object.set(last, value.deepCopy());
      }
    } else if (parent instanceof ArrayNode array) {
      int index = last.equals("-") ? array.size() : Integer.parseInt(last);
      if (value == null) {
        array.remove(index);
      } else if (index < array.size()) {
        array.set(index, value.deepCopy());
      } else {
        array.add(value.deepCopy());
      }
    } else {
      throw new IllegalStateException("no object or array at the parent of " + pointer);
    }
    return doc;
  }

  private static String text(JsonNode parts) {
    StringBuilder sb = new StringBuilder();
    for (JsonNode part : parts) {
      sb.append(part.isTextual() ? part.asText() : part.path("repeat").asText().repeat(part.path("times").asInt()));
    }
    return sb.toString();
  }

  private static ArrayNode items(JsonNode spec) {
    ArrayNode array = JsonNodeFactory.instance.arrayNode();
    for (int i = 1; i <= spec.path("count").asInt(); i++) {
      array.add(substitute(spec.get("item"), String.valueOf(i)));
    }
    return array;
  }

  private static JsonNode substitute(JsonNode node, String index) {
    if (node.isTextual()) return JsonNodeFactory.instance.textNode(node.asText().replace("{i}", index));
    if (node.isObject()) {
      ObjectNode copy = JsonNodeFactory.instance.objectNode();
      node.fields().forEachRemaining(f -> copy.set(f.getKey().replace("{i}", index), substitute(f.getValue(), index)));
      return copy;
    }
    if (node.isArray()) {
      ArrayNode copy = JsonNodeFactory.instance.arrayNode();
      node.forEach(item -> copy.add(substitute(item, index)));
      return copy;
    }
    return node.deepCopy();
  }
}
