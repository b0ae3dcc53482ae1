package io.github.ccecontract.nodepool.client.auth;

import java.util.Objects;

/**
 * Supplies the credentials of each request, for credentials that change: an IAM token that expires,
 * temporary AK/SK with a security token.
 *
 * <p>The client asks {@link #resolveCredentials()} before every request it sends, retries included,
 * so a provider returns cached credentials quickly and renews them before they expire. When the
 * service answers {@code 401}, the client calls {@link #refresh(Credentials)} once; if that returns
 * {@code true} it resolves the credentials again and sends the request one more time (a 401 means
 * the request was not processed). A second 401 is the caller's answer.
 *
 * <p>Implementations must be thread-safe and must not show secrets in {@code toString()}. An
 * exception from either method fails the call with a {@code CceClientException}, its cause the
 * exception.
 */
@FunctionalInterface
public interface CredentialsProvider {

    /** {@return the credentials for the next request; never {@code null}} */
    Credentials resolveCredentials();

    /**
     * The service rejected {@code rejected} with 401: renew them if possible. The default renews
     * nothing and returns {@code false}.
     *
     * @param rejected the credentials the 401 answered (those {@link #resolveCredentials()} returned)
     * @return whether {@link #resolveCredentials()} now returns credentials worth one more attempt
     */
    default boolean refresh(Credentials rejected) {
        return false;
    }

    /**
     * A provider of fixed credentials, which {@link #refresh} cannot renew.
     *
     * @param credentials the credentials of every request
     * @return the provider
     */
    static CredentialsProvider of(Credentials credentials) {
        return new StaticCredentialsProvider(Objects.requireNonNull(credentials, "credentials"));
    }
}

/** {@link CredentialsProvider#of(Credentials)}; its toString shows the credentials' own (masked) form. */
record StaticCredentialsProvider(Credentials credentials) implements CredentialsProvider {
    @Override
    public Credentials resolveCredentials() {
        return credentials;
    }
}
