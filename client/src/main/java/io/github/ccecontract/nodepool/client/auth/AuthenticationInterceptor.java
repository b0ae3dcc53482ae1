package io.github.ccecontract.nodepool.client.auth;

import java.io.IOException;
import java.time.Clock;
import java.util.Objects;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;

/**
 * Authenticates each request with the credentials a {@link CredentialsProvider} gives for it:
 * {@code X-Auth-Token} for a token, an {@code SDK-HMAC-SHA256} signature for AK/SK (with a signed
 * {@code X-Security-Token} for temporary AK/SK). On a {@code 401} it asks the provider to
 * {@link CredentialsProvider#refresh refresh} and, if it did, sends the request once more.
 *
 * <p>The client installs it as an application interceptor. Nothing is logged, and
 * {@link #toString()} shows no secret.
 */
public final class AuthenticationInterceptor implements Interceptor {
    private final CredentialsProvider provider;
    private final Clock clock;

    /**
     * An interceptor that asks {@code provider} for every request.
     *
     * @param provider the source of the credentials
     * @param clock the source of {@code X-Sdk-Date} for AK/SK signatures
     */
    public AuthenticationInterceptor(CredentialsProvider provider, Clock clock) {
        this.provider = Objects.requireNonNull(provider, "provider");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Authenticates the request, and sends it once more after a 401 if the provider refreshed. */
    @Override
    public Response intercept(Chain chain) throws IOException {
        Request request = chain.request();
        Credentials credentials = resolve();
        Response response = chain.proceed(authenticate(request, credentials));
        if (response.code() != 401 || !refresh(credentials)) return response;
        response.close();
        return chain.proceed(authenticate(request, resolve()));
    }

    private Credentials resolve() throws IOException {
        Credentials credentials;
        try {
            credentials = provider.resolveCredentials();
        } catch (RuntimeException e) {
            throw new IOException(
                    "The credentials provider failed: " + e.getClass().getName(), e);
        }
        if (credentials == null) throw new IOException("The credentials provider returned null");
        return credentials;
    }

    private boolean refresh(Credentials rejected) throws IOException {
        try {
            return provider.refresh(rejected);
        } catch (RuntimeException e) {
            throw new IOException(
                    "The credentials provider failed to refresh: "
                            + e.getClass().getName(),
                    e);
        }
    }

    private Request authenticate(Request request, Credentials credentials) throws IOException {
        if (credentials instanceof TokenCredentials token) {
            return request.newBuilder()
                    .header(TokenAuthInterceptor.HEADER, token.token())
                    .build();
        }
        if (credentials instanceof AkSkCredentials akSk) {
            return AkSkSigningInterceptor.sign(
                    request.newBuilder()
                            .removeHeader(TemporaryAkSkCredentials.SECURITY_TOKEN_HEADER)
                            .build(),
                    akSk.accessKey(),
                    akSk.secretKey(),
                    clock);
        }
        if (credentials instanceof TemporaryAkSkCredentials temporary) {
            // Set before signing: the signature covers every single-valued header, this one too.
            return AkSkSigningInterceptor.sign(
                    request.newBuilder()
                            .header(TemporaryAkSkCredentials.SECURITY_TOKEN_HEADER, temporary.securityToken())
                            .build(),
                    temporary.accessKey(),
                    temporary.secretKey(),
                    clock);
        }
        throw new IOException(
                "unknown credentials type " + credentials.getClass().getName());
    }

    /** Shows the provider (whose credentials mask their secrets). */
    @Override
    public String toString() {
        return "AuthenticationInterceptor{" + provider + "}";
    }
}
