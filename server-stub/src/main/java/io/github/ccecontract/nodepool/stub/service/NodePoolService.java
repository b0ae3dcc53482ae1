package io.github.ccecontract.nodepool.stub.service;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.ccecontract.nodepool.contract.cluster.Cluster;
import io.github.ccecontract.nodepool.contract.model.Violation;
import io.github.ccecontract.nodepool.contract.rules.ContractRules;
import io.github.ccecontract.nodepool.contract.validation.NodePoolValidator;
import io.github.ccecontract.nodepool.stub.config.StubConfig;
import io.github.ccecontract.nodepool.stub.domain.CreateResult;
import io.github.ccecontract.nodepool.stub.domain.NodePoolFactory;
import io.github.ccecontract.nodepool.stub.domain.NodePoolStore;
import io.github.ccecontract.nodepool.stub.domain.Placement;
import io.github.ccecontract.nodepool.stub.domain.PublicKeyGenerator;
import io.github.ccecontract.nodepool.stub.domain.UidGenerator;
import io.github.ccecontract.nodepool.stub.errors.CceErrors;
import io.github.ccecontract.nodepool.stub.validation.DeclaredMembers;
import io.github.ccecontract.nodepool.stub.validation.UnknownMember;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Create Node Pool without HTTP: the cluster, the document's schema and rules, the store. The HTTP
 * layer calls it with the parsed body; the stub's Java API with a model. Thread-safe.
 */
public final class NodePoolService {

    private final StubConfig config;
    private final NodePoolValidator validator;
    private final NodePoolStore store;
    private final UidGenerator uids;
    private final PublicKeyGenerator publicKeys;

    /**
     * A service validating with {@code validator}, storing in {@code store}, naming pools with the generators.
     *
     * @param config the configuration; not null
     * @param validator the contract's request validator; not null
     * @param store the store of created pools; not null
     * @param uids the generator of the pools' uids; not null
     * @param publicKeys the generator of vm pools' public keys; not null
     */
    public NodePoolService(
            StubConfig config,
            NodePoolValidator validator,
            NodePoolStore store,
            UidGenerator uids,
            PublicKeyGenerator publicKeys) {
        this.config = Objects.requireNonNull(config, "config");
        this.validator = Objects.requireNonNull(validator, "validator");
        this.store = Objects.requireNonNull(store, "store");
        this.uids = Objects.requireNonNull(uids, "uids");
        this.publicKeys = Objects.requireNonNull(publicKeys, "publicKeys");
    }

    /**
     * Creates a node pool from a request body (any JSON value). Members the document does not declare where
     * they stand (D4) are first found ({@link DeclaredMembers}) and, as {@link StubConfig#unknownMembers()}
     * says, left out of the request before it is judged and created (warn: they are the outcome's warnings,
     * whatever its status; ignore) or added to its violations (reject).
     *
     * @param projectId the project ID of the request's path (not used by the stub)
     * @param clusterId the cluster ID of the request's path
     * @param body the request body, any JSON value
     * @return 201 with the pool; 404 for a cluster the stub does not know (clusters configured);
     *     400 with every violation; 409 for a name the cluster has; 507 when the store is full
     */
    public CreateOutcome create(String projectId, String clusterId, JsonNode body) {
        return create(projectId, clusterId, body, DeclaredMembers.bundled().allUnknownMembers(body));
    }

    /**
     * As {@link #create(String, String, JsonNode)}, with the body's unknown members already found (all of them,
     * {@link DeclaredMembers#allUnknownMembers}), so that a caller that needs them too walks the body once.
     *
     * @param projectId the project ID of the request's path (not used by the stub)
     * @param clusterId the cluster ID of the request's path
     * @param body the request body, any JSON value
     * @param unknown every unknown member of {@code body}, in body order
     * @return as {@link #create(String, String, JsonNode)} returns
     */
    public CreateOutcome create(String projectId, String clusterId, JsonNode body, List<UnknownMember> unknown) {
        Optional<Cluster> found = cluster(clusterId);
        if (found.isEmpty()) {
            return unknownCluster(clusterId);
        }
        List<UnknownMember> reported = unknown.subList(0, Math.min(unknown.size(), DeclaredMembers.MAX_REPORTED));
        return switch (config.unknownMembers()) {
            case WARN ->
                create(clusterId, found.get(), DeclaredMembers.without(body, unknown), List.of())
                        .withWarnings(reported);
            case IGNORE -> create(clusterId, found.get(), DeclaredMembers.without(body, unknown), List.of());
            case REJECT -> create(clusterId, found.get(), body, reported);
        };
    }

    private CreateOutcome create(String clusterId, Cluster cluster, JsonNode body, List<UnknownMember> rejected) {
        List<Violation> violations = validator.validate(body, cluster);
        if (!rejected.isEmpty()) {
            violations = new ArrayList<>(violations);
            for (UnknownMember member : rejected) {
                violations.add(member.violation());
            }
        }
        if (!violations.isEmpty()) {
            String code = ContractRules.errorCode(violations, CceErrors.INVALID_REQUEST);
            String message = code.equals(CceErrors.NODE_LIMIT)
                    ? "The number of nodes exceeds the maximum of cluster '" + clusterId + "' (" + cluster.maxNodes()
                            + " nodes)."
                    : "Invalid request: " + violations.size() + (violations.size() == 1 ? " violation" : " violations")
                            + " of the contract (see violations).";
            return CreateOutcome.error(400, CceErrors.rejected(code, message, violations));
        }
        String name = body.path("metadata").path("name").textValue();
        Placement placement = NodePoolFactory.placementFor(body, cluster);
        CreateResult result = store.create(
                clusterId, name, placement, () -> NodePoolFactory.build(body, placement, uids.next(), publicKeys));
        if (result instanceof CreateResult.Created created) {
            return CreateOutcome.created(created.pool(), created.responseJson());
        }
        if (result instanceof CreateResult.AlreadyExists) {
            return CreateOutcome.error(
                    409,
                    CceErrors.error(
                            CceErrors.CONFLICT,
                            "The resource already exists: cluster '" + clusterId + "' has a node pool named '" + name
                                    + "'."));
        }
        CreateResult.Full full = (CreateResult.Full) result;
        return CreateOutcome.error(
                507,
                CceErrors.error(
                        CceErrors.STORE_FULL,
                        "The stub holds its maximum of "
                                + full.maxPools()
                                + " node pools (maxNodePools): reset it (POST /__admin/reset) or raise the limit."
                                + " This answer is the stub's own, not CCE's."));
    }

    /**
     * The 404 for a cluster the stub is not configured with.
     *
     * @param clusterId the unknown cluster ID
     * @return a 404 outcome naming the cluster and the configured ones
     */
    public CreateOutcome unknownCluster(String clusterId) {
        return CreateOutcome.error(
                404,
                CceErrors.error(
                        CceErrors.NOT_FOUND,
                        "Resource not found: cluster '"
                                + clusterId + "' does not exist in the stub (configured clusters: "
                                + String.join(", ", config.clusters().keySet()) + ")."));
    }

    /**
     * The cluster a request for {@code clusterId} goes to (see {@link StubConfig#cluster}).
     *
     * @param clusterId the cluster ID of the request's path
     * @return the cluster, or empty if the ID is not configured
     */
    public Optional<Cluster> cluster(String clusterId) {
        return config.cluster(clusterId);
    }

    /**
     * The node pools held.
     *
     * @return the store
     */
    public NodePoolStore store() {
        return store;
    }

    /**
     * The contract's validator it checks requests with.
     *
     * @return the validator
     */
    public NodePoolValidator validator() {
        return validator;
    }

    /**
     * The configuration it runs with.
     *
     * @return the configuration
     */
    public StubConfig config() {
        return config;
    }
}
