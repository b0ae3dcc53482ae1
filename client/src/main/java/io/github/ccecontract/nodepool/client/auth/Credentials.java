package io.github.ccecontract.nodepool.client.auth;

/**
 * How a client authenticates its requests: the two ways Table 2 of the reference page names.
 *
 * <ul>
 *   <li>{@link TokenCredentials}: an IAM user token, sent as {@code X-Auth-Token}
 *       ({@link TokenAuthInterceptor});
 *   <li>{@link AkSkCredentials}: an access key and secret key; every request is signed with
 *       {@code SDK-HMAC-SHA256} ({@link AkSkSigningInterceptor});
 *   <li>{@link TemporaryAkSkCredentials}: temporary AK/SK with a security token, sent in a signed
 *       {@code X-Security-Token} header ({@link AuthenticationInterceptor}).
 * </ul>
 *
 * <p>Credentials that change (a token that expires, temporary AK/SK) come from a
 * {@link CredentialsProvider}, asked before every request.
 *
 * <p>Implementations never show their secret in {@code toString()}.
 */
public sealed interface Credentials permits TokenCredentials, AkSkCredentials, TemporaryAkSkCredentials {}
