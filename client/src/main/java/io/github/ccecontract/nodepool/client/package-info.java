/**
 * The client of CCE "Create Node Pool": {@link io.github.ccecontract.nodepool.client.CceNodePoolClient}
 * and its builder, the {@link io.github.ccecontract.nodepool.client.RetryPolicy}, the raw
 * {@link io.github.ccecontract.nodepool.client.CceResponse} and the
 * {@link io.github.ccecontract.nodepool.client.CceException} hierarchy.
 */
package io.github.ccecontract.nodepool.client;
