/**
 * Domain core of the stub, free of HTTP: the clusters it pretends to host ({@link
 * io.github.ccecontract.nodepool.contract.cluster.Cluster}), where new nodes go ({@link
 * io.github.ccecontract.nodepool.stub.domain.AzPlacement}), the 201 body CCE would answer ({@link
 * io.github.ccecontract.nodepool.stub.domain.NodePoolFactory}) and the node pools created so far
 * ({@link io.github.ccecontract.nodepool.stub.domain.NodePoolStore}).
 *
 * <p>Depends on the JDK and Jackson's tree model only. The rules come from the reference page
 * cce_02_0354 and its documented request/response pairs; entries Dn refer to
 * {@code openapi/DISCREPANCIES.md}.
 */
package io.github.ccecontract.nodepool.stub.domain;
