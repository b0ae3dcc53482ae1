package io.github.ccecontract.nodepool.client.auth;

import java.util.Objects;

/**
 * An access key / secret key pair for AK/SK request signing.
 *
 * <p>{@link #toString()} shows the access key (an identifier, like a user name) but never the
 * secret key, so credentials can appear in logs and exception messages without leaking.
 *
 * <p>As {@link Credentials} of a client, requests are signed by {@link AkSkSigningInterceptor}.
 *
 * @param accessKey the access key (shown in the {@code Authorization} header)
 * @param secretKey the secret key (the HMAC key; never sent, never shown)
 */
public record AkSkCredentials(String accessKey, String secretKey) implements Credentials {

    /**
     * Checks the keys: neither blank, the access key without blanks, commas or non-ASCII characters.
     *
     * @param accessKey the access key
     * @param secretKey the secret key
     */
    public AkSkCredentials {
        Objects.requireNonNull(accessKey, "accessKey");
        Objects.requireNonNull(secretKey, "secretKey");
        if (accessKey.isBlank()) throw new IllegalArgumentException("accessKey is blank");
        // The secret becomes an HMAC key; an empty key is rejected by javax.crypto anyway.
        if (secretKey.isEmpty()) throw new IllegalArgumentException("secretKey is empty");
        // The access key is copied verbatim into the Authorization header: keep it well-formed.
        for (int i = 0; i < accessKey.length(); i++) {
            char c = accessKey.charAt(i);
            if (c <= ' ' || c >= 0x7f || c == ',') {
                throw new IllegalArgumentException("accessKey contains an illegal character at " + i);
            }
        }
    }

    /** Shows the access key; never the secret key. */
    @Override
    public String toString() {
        return "AkSkCredentials{accessKey=" + accessKey + ", secret=***}";
    }
}
