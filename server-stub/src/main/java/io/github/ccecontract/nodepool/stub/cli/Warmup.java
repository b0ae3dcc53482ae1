package io.github.ccecontract.nodepool.stub.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.ccecontract.nodepool.client.validation.ClusterLimits;
import io.github.ccecontract.nodepool.client.validation.ContractRules;
import io.github.ccecontract.nodepool.openapi.NodePoolContract;
import io.github.ccecontract.nodepool.stub.domain.ClusterSpec;
import io.github.ccecontract.nodepool.stub.domain.NodePoolFactory;
import io.github.ccecontract.nodepool.stub.validation.JsonBodyParser;

/**
 * Loads the classes of a request's way through the stub (parser, rules, response builder, writer)
 * on the main thread while the schema compiles on another, so that the first request finds them
 * loaded. Side-effect free: nothing is stored. Never fails the start.
 */
final class Warmup {

    private Warmup() {
    }

    static void run() {
        try {
            JsonNode request = JsonBodyParser.parse(
                    NodePoolContract.DocumentedExample.CCE_CLUSTER_REQUEST.bytes());
            ContractRules.check(request, ClusterLimits.cce(ClusterSpec.DEFAULT_MAX_NODES));
            JsonNode response = NodePoolFactory.build(request, ClusterSpec.permissive("warmup"), "warmup",
                    () -> "ssh-rsa AAAA warmup\n");
            JsonBodyParser.mapper().writeValueAsBytes(response);
        } catch (Exception | LinkageError e) {
            // a warm-up is an optimisation only
        }
    }
}
