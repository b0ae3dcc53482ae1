package io.github.ccecontract.nodepool.client.auth;

import java.util.Objects;

/**
 * Temporary AK/SK credentials: an access key, a secret key and the security token IAM issued with
 * them. Requests are signed as with {@link AkSkCredentials}, and carry the security token in
 * {@code X-Security-Token}, which is one of the signed headers (as the Huawei Cloud and Open Telekom
 * Cloud SDKs send it).
 *
 * <p>They expire: supply them through a {@link CredentialsProvider} that renews them.
 * {@link #toString()} shows the access key only.
 *
 * @param accessKey the temporary access key
 * @param secretKey the temporary secret key
 * @param securityToken the security token issued with them
 */
public record TemporaryAkSkCredentials(String accessKey, String secretKey, String securityToken)
        implements Credentials {

    /** The header that carries the security token. */
    public static final String SECURITY_TOKEN_HEADER = "X-Security-Token";

    /**
     * Checks the three values.
     *
     * @param accessKey the temporary access key
     * @param secretKey the temporary secret key
     * @param securityToken the security token
     */
    public TemporaryAkSkCredentials {
        new AkSkCredentials(accessKey, secretKey); // the same checks
        Objects.requireNonNull(securityToken, "securityToken");
        if (securityToken.isBlank()) throw new IllegalArgumentException("securityToken is blank");
        for (int i = 0; i < securityToken.length(); i++) {
            char c = securityToken.charAt(i);
            if (c < ' ' || c >= 0x7f) {
                throw new IllegalArgumentException("securityToken contains an illegal character at " + i);
            }
        }
    }

    /** Shows the access key; never the secret key or the security token. */
    @Override
    public String toString() {
        return "TemporaryAkSkCredentials{accessKey=" + accessKey + ", secret=***, securityToken=***}";
    }
}
