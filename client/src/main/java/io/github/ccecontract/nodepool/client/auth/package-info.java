/**
 * Authentication: fixed {@link io.github.ccecontract.nodepool.client.auth.Credentials} (token, AK/SK,
 * temporary AK/SK with a security token), the
 * {@link io.github.ccecontract.nodepool.client.auth.CredentialsProvider} of credentials that change,
 * and the OkHttp interceptors that apply them.
 */
package io.github.ccecontract.nodepool.client.auth;
