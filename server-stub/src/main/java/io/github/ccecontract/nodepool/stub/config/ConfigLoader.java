package io.github.ccecontract.nodepool.stub.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.github.ccecontract.nodepool.contract.cluster.AzInventory;
import io.github.ccecontract.nodepool.contract.cluster.Cluster;
import io.github.ccecontract.nodepool.contract.cluster.ClusterType;
import io.github.ccecontract.nodepool.stub.faults.FaultJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads a {@link StubConfig} from a YAML or JSON file ({@code --config}). The format, with every
 * member optional:
 *
 * <pre>{@code
 * clusters:
 *   - id: 0a2b3c4d-cluster        # the cluster_id of request paths
 *     type: CCE                   # CCE or TURBO; left out: a cluster of either kind
 *     maxNodes: 50                # node limit (initialNodeCount, count, autoscaling.maxNodeCount); default 2000
 *     azs:                        # AZ inventory in AZ order, for az: random
 *       - {name: eu-de-01, existingNodes: 2, soldOut: false}
 * tokens: [my-token]              # accepted X-Auth-Token values; left out: any non-empty token
 * accessKeys: {MYAK: MYSK}        # SDK-HMAC-SHA256 access key -> secret key
 * maxNodePools: 10000             # node pools held, all clusters together
 * maxBodyBytes: 1048576           # larger bodies get 413
 * journalSize: 1000               # requests kept for GET /__admin/requests
 * journalAllRequests: false       # true: the journal also keeps requests that are not operation calls
 * faults:                         # simulated from the start and after every reset (FaultJson's form)
 *   - {status: 429, retryAfter: 2, times: 2, cluster: 0a2b3c4d-cluster}
 * adminToken: a-long-random-token # the inspection API's token (needed off loopback)
 * unknownMembers: warn            # request members the document does not declare: warn, reject or ignore
 * }</pre>
 *
 * <p>Unknown members are errors (a misspelt limit must not go unnoticed).
 */
public final class ConfigLoader {

    private static final Set<String> TOP = Set.of(
            "clusters",
            "tokens",
            "accessKeys",
            "maxNodePools",
            "maxBodyBytes",
            "journalSize",
            "journalAllRequests",
            "faults",
            "adminToken",
            "unknownMembers");
    private static final Set<String> CLUSTER = Set.of("id", "type", "maxNodes", "azs");
    private static final Set<String> AZ = Set.of("name", "existingNodes", "soldOut");

    private ConfigLoader() {}

    /**
     * Reads the file; YAML unless its name ends in {@code .json}.
     *
     * @param file the configuration file, YAML or (named {@code *.json}) JSON
     * @return the configuration the file describes
     */
    public static StubConfig load(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new ConfigException("Config file " + file + " does not exist.");
        } catch (IOException e) {
            throw new ConfigException("Config file " + file + " cannot be read: " + e.getMessage(), e);
        }
        boolean json = file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".json");
        return parse(text, json, file.toString());
    }

    /**
     * Parses configuration text.
     *
     * @param text   the configuration text
     * @param json   JSON if true, else YAML
     * @param source what to call the text in messages (a file name)
     * @return the configuration the text describes; the defaults if the text is empty
     */
    public static StubConfig parse(String text, boolean json, String source) {
        ObjectMapper mapper = json ? JsonMapper.builder().build() : new YAMLMapper();
        JsonNode root;
        try {
            root = mapper.readTree(text);
        } catch (JsonProcessingException e) {
            throw new ConfigException(
                    source + ": not valid " + (json ? "JSON" : "YAML") + ": "
                            + e.getOriginalMessage().replaceAll("\\s+", " ")
                            + (e.getLocation() == null
                                    ? ""
                                    : " (line " + e.getLocation().getLineNr() + ")"),
                    e);
        }
        if (root == null || root.isMissingNode() || root.isNull()) {
            return StubConfig.defaults(); // an empty file: the defaults
        }
        return read(root, source);
    }

    private static StubConfig read(JsonNode root, String source) {
        Place top = new Place(source, "");
        top.object(root, TOP);
        StubConfig.Builder builder = StubConfig.builder();
        JsonNode clusters = root.path("clusters");
        if (!clusters.isMissingNode()) {
            top.child("clusters").array(clusters);
            for (int i = 0; i < clusters.size(); i++) {
                cluster(clusters.get(i), top.child("clusters").child(String.valueOf(i)), builder);
            }
        }
        JsonNode tokens = root.path("tokens");
        if (!tokens.isMissingNode()) {
            Place p = top.child("tokens");
            p.array(tokens);
            for (int i = 0; i < tokens.size(); i++) {
                builder.tokens(p.child(String.valueOf(i)).nonEmptyText(tokens.get(i)));
            }
        }
        JsonNode keys = root.path("accessKeys");
        if (!keys.isMissingNode()) {
            Place p = top.child("accessKeys");
            p.object(keys, null);
            for (Map.Entry<String, JsonNode> key : keys.properties()) {
                if (key.getKey().isEmpty()) {
                    throw p.problem("an access key must not be empty");
                }
                builder.accessKey(key.getKey(), p.child(key.getKey()).nonEmptyText(key.getValue()));
            }
        }
        if (root.has("maxNodePools")) {
            builder.maxNodePools(top.child("maxNodePools").positiveInt(root.get("maxNodePools")));
        }
        if (root.has("maxBodyBytes")) {
            builder.maxBodyBytes(top.child("maxBodyBytes").positiveInt(root.get("maxBodyBytes")));
        }
        if (root.has("journalSize")) {
            builder.journalSize(top.child("journalSize").positiveInt(root.get("journalSize")));
        }
        if (root.has("journalAllRequests")) {
            JsonNode all = root.get("journalAllRequests");
            if (!all.isBoolean()) {
                throw top.child("journalAllRequests").problem("must be true or false");
            }
            builder.journalAllRequests(all.booleanValue());
        }
        JsonNode faults = root.path("faults");
        if (!faults.isMissingNode()) {
            Place p = top.child("faults");
            p.array(faults);
            for (int i = 0; i < faults.size(); i++) {
                try {
                    builder.faults(FaultJson.parse(faults.get(i)));
                } catch (IllegalArgumentException e) {
                    throw p.child(String.valueOf(i)).problem(e.getMessage());
                }
            }
        }
        if (root.has("adminToken")) {
            try {
                builder.adminToken(top.child("adminToken").nonEmptyText(root.get("adminToken")));
            } catch (IllegalArgumentException e) {
                throw top.child("adminToken").problem(e.getMessage());
            }
        }
        if (root.has("unknownMembers")) {
            Place p = top.child("unknownMembers");
            JsonNode value = root.get("unknownMembers");
            if (!value.isTextual()) {
                throw p.problem("must be warn, reject or ignore, got " + value);
            }
            try {
                builder.unknownMembers(UnknownMembers.fromConfigName(value.textValue()));
            } catch (IllegalArgumentException e) {
                throw p.problem(e.getMessage());
            }
        }
        try {
            return builder.build();
        } catch (IllegalArgumentException e) {
            throw new ConfigException(source + ": " + e.getMessage(), e);
        }
    }

    private static void cluster(JsonNode node, Place p, StubConfig.Builder builder) {
        p.object(node, CLUSTER);
        if (!node.has("id")) {
            throw p.problem("a cluster needs an id");
        }
        String id = p.child("id").nonEmptyText(node.get("id"));
        ClusterType type = null;
        if (node.has("type") && !node.get("type").isNull()) {
            String text = p.child("type").nonEmptyText(node.get("type")).toUpperCase(Locale.ROOT);
            try {
                type = ClusterType.valueOf(text);
            } catch (IllegalArgumentException e) {
                throw p.child("type")
                        .problem(
                                "must be CCE or TURBO, got '" + node.get("type").asText() + "'");
            }
        }
        int maxNodes = node.has("maxNodes")
                ? p.child("maxNodes").positiveInt(node.get("maxNodes"))
                : Cluster.DEFAULT_MAX_NODES;
        List<AzInventory> azs = new ArrayList<>();
        JsonNode list = node.path("azs");
        if (!list.isMissingNode()) {
            Place lp = p.child("azs");
            lp.array(list);
            for (int i = 0; i < list.size(); i++) {
                Place ap = lp.child(String.valueOf(i));
                JsonNode az = list.get(i);
                ap.object(az, AZ);
                if (!az.has("name")) {
                    throw ap.problem("an AZ needs a name");
                }
                int existing =
                        az.has("existingNodes") ? ap.child("existingNodes").nonNegativeInt(az.get("existingNodes")) : 0;
                boolean soldOut = false;
                if (az.has("soldOut")) {
                    if (!az.get("soldOut").isBoolean()) {
                        throw ap.child("soldOut").problem("must be true or false");
                    }
                    soldOut = az.get("soldOut").booleanValue();
                }
                azs.add(new AzInventory(ap.child("name").nonEmptyText(az.get("name")), existing, soldOut));
            }
        }
        try {
            builder.cluster(id, new Cluster(type, maxNodes, azs));
        } catch (IllegalArgumentException e) {
            throw p.problem(e.getMessage());
        }
    }

    /** A place in the file, for messages: "stub.yaml: /clusters/0/maxNodes: must be ...". */
    private record Place(String source, String pointer) {
        Place child(String token) {
            return new Place(source, pointer + "/" + token.replace("~", "~0").replace("/", "~1"));
        }

        ConfigException problem(String message) {
            return new ConfigException(source + ": " + (pointer.isEmpty() ? "top level" : pointer) + ": " + message);
        }

        void object(JsonNode node, Set<String> allowed) {
            if (!node.isObject()) {
                throw problem("must be a map");
            }
            if (allowed != null) {
                for (Map.Entry<String, JsonNode> member : node.properties()) {
                    String name = member.getKey();
                    if (!allowed.contains(name)) {
                        throw problem(
                                "unknown member '" + name + "' (known: " + String.join(", ", sorted(allowed)) + ")");
                    }
                }
            }
        }

        void array(JsonNode node) {
            if (!node.isArray()) {
                throw problem("must be a list");
            }
        }

        String nonEmptyText(JsonNode node) {
            if (node == null
                    || !(node.isTextual() || node.isNumber())
                    || node.asText().isEmpty()) {
                throw problem("must be a non-empty string");
            }
            return node.asText();
        }

        int positiveInt(JsonNode node) {
            if (node == null || !node.canConvertToInt() || !node.isIntegralNumber() || node.intValue() < 1) {
                throw problem("must be an integer of at least 1, got " + node);
            }
            return node.intValue();
        }

        int nonNegativeInt(JsonNode node) {
            if (node == null || !node.canConvertToInt() || !node.isIntegralNumber() || node.intValue() < 0) {
                throw problem("must be an integer of at least 0, got " + node);
            }
            return node.intValue();
        }

        private static List<String> sorted(Set<String> names) {
            List<String> list = new ArrayList<>(names);
            list.sort(null);
            return list;
        }
    }
}
