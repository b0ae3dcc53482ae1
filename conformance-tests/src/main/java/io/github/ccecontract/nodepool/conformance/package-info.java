/** Conformance tests: the client and the stub checked against the OpenAPI contract. */
package io.github.ccecontract.nodepool.conformance;
