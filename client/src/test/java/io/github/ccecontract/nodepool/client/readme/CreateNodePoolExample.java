package io.github.ccecontract.nodepool.client.readme;

import io.github.ccecontract.nodepool.client.CceClientException;
import io.github.ccecontract.nodepool.client.CceNodePoolClient;
import io.github.ccecontract.nodepool.client.CceServiceException;
import io.github.ccecontract.nodepool.client.CceValidationException;
import io.github.ccecontract.nodepool.client.auth.AkSkCredentials;
import io.github.ccecontract.nodepool.client.auth.Credentials;
import io.github.ccecontract.nodepool.client.auth.TokenCredentials;
import io.github.ccecontract.nodepool.contract.model.DataVolume;
import io.github.ccecontract.nodepool.contract.model.Login;
import io.github.ccecontract.nodepool.contract.model.NodePool;
import io.github.ccecontract.nodepool.contract.model.NodePoolMetadata;
import io.github.ccecontract.nodepool.contract.model.NodePoolResponse;
import io.github.ccecontract.nodepool.contract.model.NodePoolSpec;
import io.github.ccecontract.nodepool.contract.model.NodeTemplate;
import io.github.ccecontract.nodepool.contract.model.Taint;
import io.github.ccecontract.nodepool.contract.model.Volume;
import java.time.Duration;
import java.util.List;

/**
 * Creates a node pool of two ECS nodes in a CCE cluster.
 *
 * <p>Run with the endpoint, project id and cluster id as arguments and the credentials in the
 * environment: CCE_TOKEN, or CCE_ACCESS_KEY and CCE_SECRET_KEY.
 */
public final class CreateNodePoolExample {

    public static void main(String[] args) {
        Credentials credentials = System.getenv("CCE_TOKEN") != null
                ? new TokenCredentials(System.getenv("CCE_TOKEN"))
                : new AkSkCredentials(System.getenv("CCE_ACCESS_KEY"), System.getenv("CCE_SECRET_KEY"));
        System.out.println(run(args[0], args[1], args[2], credentials));
    }

    /** Creates the node pool and says what happened. */
    public static String run(String endpoint, String projectId, String clusterId, Credentials credentials) {
        NodePool nodePool = new NodePool()
                .kind(NodePool.KindEnum.NODE_POOL)
                .apiVersion(NodePool.ApiVersionEnum.V3)
                .metadata(new NodePoolMetadata().name("app-pool"))
                .spec(new NodePoolSpec()
                        .initialNodeCount(2)
                        .nodeTemplate(new NodeTemplate()
                                .flavor("s6.large.2")
                                .az("eu-de-01")
                                .os(NodeTemplate.OsEnum.EULER_OS_2_9)
                                .login(new Login().sshKey("KeyPair-nodepool"))
                                .rootVolume(new Volume()
                                        .volumetype(Volume.VolumetypeEnum.SATA)
                                        .size(40))
                                .dataVolumes(List.of(new DataVolume()
                                        .volumetype(DataVolume.VolumetypeEnum.SATA)
                                        .size(100)))
                                .putK8sTagsItem("team", "payments")
                                .addTaintsItem(new Taint()
                                        .key("dedicated")
                                        .value("payments")
                                        .effect(Taint.EffectEnum.NO_SCHEDULE))));

        try (CceNodePoolClient client = CceNodePoolClient.builder()
                .endpoint(endpoint) // e.g. https://cce.eu-de.otc.t-systems.com
                .projectId(projectId)
                .credentials(credentials) // TokenCredentials or AkSkCredentials
                .connectTimeout(Duration.ofSeconds(10))
                .callTimeout(Duration.ofSeconds(60))
                .validateBeforeSend(true) // check the contract's rules before sending
                .build()) {
            NodePoolResponse created = client.createNodePool(clusterId, nodePool);
            return "created " + created.getMetadata().getName() + " (uid "
                    + created.getMetadata().getUid() + ")";
        } catch (CceServiceException e) { // CCE or its API gateway answered with an error
            return "HTTP " + e.statusCode() + " " + e.errorCode() + ": " + e.errorMessage() + " (request "
                    + e.requestId().orElse("-") + ", " + e.violations().size() + " violations)";
        } catch (CceValidationException e) { // nothing was sent
            return "invalid: " + e.violations();
        } catch (CceClientException e) { // no answer: I/O failure, timeout
            return "failed: " + e.getMessage();
        }
    }
}
