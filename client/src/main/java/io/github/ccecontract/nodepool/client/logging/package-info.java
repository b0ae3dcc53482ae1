/**
 * Optional HTTP logging with the secrets redacted:
 * {@link io.github.ccecontract.nodepool.client.logging.RedactingHttpLogger}.
 */
package io.github.ccecontract.nodepool.client.logging;
