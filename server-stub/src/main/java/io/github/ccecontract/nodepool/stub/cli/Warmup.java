package io.github.ccecontract.nodepool.stub.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.ccecontract.nodepool.contract.NodePoolContract;
import io.github.ccecontract.nodepool.contract.cluster.Cluster;
import io.github.ccecontract.nodepool.contract.rules.ContractRules;
import io.github.ccecontract.nodepool.stub.domain.NodePoolFactory;
import io.github.ccecontract.nodepool.stub.validation.JsonBodyParser;

/**
 * Loads the classes of a request's way through the stub (parser, rules, response builder, writer)
 * on the main thread while the schema compiles on another, so that the first request finds them
 * loaded. Side-effect free: nothing is stored. Never fails the start.
 */
final class Warmup {

    private Warmup() {}

    static void run() {
        try {
            JsonNode request = JsonBodyParser.parse(NodePoolContract.DocumentedExample.CCE_CLUSTER_REQUEST.bytes());
            ContractRules.check(request, Cluster.cce(Cluster.DEFAULT_MAX_NODES));
            JsonNode response =
                    NodePoolFactory.build(request, Cluster.unspecified(), "warmup", () -> "ssh-rsa AAAA warmup\n");
            JsonBodyParser.mapper().writeValueAsBytes(response);
        } catch (Exception e) {
            // a warm-up is an optimisation only
        }
    }
}
