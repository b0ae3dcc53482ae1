package io.github.ccecontract.nodepool.client.auth;

import java.io.IOException;
import java.util.Objects;
import okhttp3.Interceptor;
import okhttp3.Response;

/**
 * Sets the {@code X-Auth-Token} header of each request (token authentication, Table 2), replacing
 * any value already there. Nothing is logged; {@link #toString()} does not show the token.
 */
public final class TokenAuthInterceptor implements Interceptor {
    /** The header that carries the token. */
    public static final String HEADER = "X-Auth-Token";

    private final TokenCredentials credentials;

    /**
     * An interceptor that sends {@code credentials}' token.
     *
     * @param credentials the token
     */
    public TokenAuthInterceptor(TokenCredentials credentials) {
        this.credentials = Objects.requireNonNull(credentials, "credentials");
    }

    /** Sets the header and proceeds. */
    @Override
    public Response intercept(Chain chain) throws IOException {
        return chain.proceed(
                chain.request().newBuilder().header(HEADER, credentials.token()).build());
    }

    /** Never shows the token. */
    @Override
    public String toString() {
        return "TokenAuthInterceptor{" + credentials + "}";
    }
}
