package io.github.ccecontract.nodepool.stub.domain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.function.Supplier;

/**
 * The {@code spec.nodeTemplate} of a 201 response, derived from the request's. Each rule is one
 * method and names the documented response it is read from ("CCE response": the page's example
 * response for a CCE cluster, a {@code vm} pool; "Turbo response": the one for a CCE Turbo
 * cluster, an {@code ElasticBMS} pool).
 */
final class ResponseNodeTemplate {

    /**
     * Member order of the response's nodeTemplate. The CCE response reorders the request's members
     * into this order (publicIP after dataVolumes, nodeNicSpec before billingMode, extendParam
     * last); the Turbo response agrees (runtime before extendParam). {@code count} sits where
     * CCE's own NodeSpec model has it. Members not listed here follow in request order.
     */
    static final List<String> KEY_ORDER = List.of(
            "flavor",
            "az",
            "os",
            "login",
            "rootVolume",
            "dataVolumes",
            "publicIP",
            "nodeNicSpec",
            "count",
            "billingMode",
            "taints",
            "k8sTags",
            "userTags",
            "runtime",
            "extendParam");

    /** The Kubernetes label CCE puts on every node of a vm pool, valued with the pool's name. */
    static final String POOL_NAME_TAG = "cce.cloud.com/cce-nodepool";

    /** The OS the Turbo response reports for an ElasticBMS pool that sent none. */
    static final String ELASTIC_BMS_DEFAULT_OS = "EulerOS 2.9";

    private ResponseNodeTemplate() {}

    /** The response's nodeTemplate for a request's nodeTemplate of a pool of {@code type} named {@code poolName}. */
    static ObjectNode from(JsonNode requestTemplate, NodePoolType type, String poolName, Supplier<String> publicKey) {
        ObjectNode template = requestTemplate instanceof ObjectNode object
                ? object.deepCopy()
                : JsonNodeFactory.instance.objectNode();
        hideSentPassword(template);
        if (type == NodePoolType.VM) {
            addEmptyPassword(template);
            defaultPublicIp(template);
            tagNodesWithPoolName(template, poolName);
            addPublicKey(template, publicKey.get());
        } else {
            defaultElasticBmsOs(template);
        }
        sortMapsByKey(template);
        return JsonObjects.ordered(template, KEY_ORDER);
    }

    /**
     * A password sent in {@code login.userPassword} comes back as {@code {}}, the value the CCE
     * response shows for it (D9): the stub never echoes a secret. The page is silent on a sent
     * password (Table 7: "not supported for the current version"); stub's choice.
     */
    static void hideSentPassword(ObjectNode template) {
        if (template.get("login") instanceof ObjectNode login && login.has("userPassword")) {
            login.putObject("userPassword");
        }
    }

    /** vm: {@code login} gains {@code "userPassword": {}} (CCE response; D9, D12). */
    static void addEmptyPassword(ObjectNode template) {
        ObjectNode login = JsonObjects.objectMember(template, "login");
        if (!login.has("userPassword")) {
            login.putObject("userPassword");
        }
    }

    /**
     * vm: a pool sent without {@code publicIP} gets {@code {"eip": {"bandwidth": {}}}} (CCE
     * response; D10). A sent publicIP is returned as sent.
     */
    static void defaultPublicIp(ObjectNode template) {
        if (!template.has("publicIP")) {
            template.putObject("publicIP").putObject("eip").putObject("bandwidth");
        }
    }

    /**
     * vm: {@code k8sTags} gains {@code "cce.cloud.com/cce-nodepool": <pool name>} (CCE response;
     * D12). The label marks every node of the pool, so it is added also when the request sends no
     * k8sTags (k8sTags is then created), and it replaces a value the request sent for that key
     * (the label belongs to CCE). Both are stub choices: the page shows only a request with k8sTags.
     */
    static void tagNodesWithPoolName(ObjectNode template, String poolName) {
        JsonObjects.objectMember(template, "k8sTags").put(POOL_NAME_TAG, poolName);
    }

    /**
     * vm: {@code extendParam} gains a generated {@code publicKey} (CCE response:
     * {@code "ssh-rsa AAAAB3NzaC1yc2EAAAADAQA***d-by-Nova\n"}; D12); extendParam is created when
     * the request has none.
     */
    static void addPublicKey(ObjectNode template, String publicKey) {
        JsonObjects.objectMember(template, "extendParam").put("publicKey", publicKey);
    }

    /**
     * ElasticBMS: {@code os} defaults to {@code EulerOS 2.9} (Turbo response, whose request sends
     * no os; D11). A sent os is returned as sent. (For vm the page shows no default; none is added.)
     */
    static void defaultElasticBmsOs(ObjectNode template) {
        if (!template.has("os")) {
            template.put("os", ELASTIC_BMS_DEFAULT_OS);
        }
    }

    /**
     * The string maps {@code k8sTags} and {@code extendParam} come back ordered by key: the CCE
     * response lists {@code cce.cloud.com/cce-nodepool} before {@code tag1}, and the extendParam
     * members as {@code DockerLVMConfigOverride, alpha.cce/NodeImageID, alpha.cce/postInstall,
     * alpha.cce/preInstall, maxPods, publicKey}, not in request order.
     */
    static void sortMapsByKey(ObjectNode template) {
        for (String map : List.of("k8sTags", "extendParam")) {
            if (template.get(map) instanceof ObjectNode object) {
                JsonObjects.sortByKey(object);
            }
        }
    }
}
