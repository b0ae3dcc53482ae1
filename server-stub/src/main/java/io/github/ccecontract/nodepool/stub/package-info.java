/** HTTP server stub of the CCE "Create Node Pool" API, driven by the OpenAPI contract. */
package io.github.ccecontract.nodepool.stub;
