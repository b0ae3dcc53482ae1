package io.github.ccecontract.nodepool.client.validation;

/**
 * What the cluster-scoped rules of the document ({@code scope: cluster} in {@code x-cce-rules}) need
 * to know about the cluster a node pool is created in; the request alone does not say.
 *
 * @param maxNodes the maximum number of nodes the cluster's specification allows
 * @param turbo whether the cluster is a CCE Turbo cluster
 */
public record ClusterLimits(int maxNodes, boolean turbo) {

  public ClusterLimits {
    if (maxNodes < 0) throw new IllegalArgumentException("maxNodes is negative: " + maxNodes);
  }

  /** A CCE cluster (not Turbo) allowing at most {@code maxNodes} nodes. */
  public static ClusterLimits cce(int maxNodes) {
    return new ClusterLimits(maxNodes, false);
  }

  /** A CCE Turbo cluster allowing at most {@code maxNodes} nodes. */
  public static ClusterLimits turbo(int maxNodes) {
    return new ClusterLimits(maxNodes, true);
  }
}
