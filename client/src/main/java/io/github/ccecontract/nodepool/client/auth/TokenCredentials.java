package io.github.ccecontract.nodepool.client.auth;

import java.util.Objects;

/**
 * An IAM user token, sent in the {@code X-Auth-Token} header of every request.
 *
 * <p>{@link #toString()} never shows the token.
 *
 * @param token the token as IAM issued it (the {@code X-Subject-Token} of the token request).
 */
public record TokenCredentials(String token) implements Credentials {

    /**
     * Checks the token: not blank, no control characters (it becomes a header value).
     *
     * @param token the token
     */
    public TokenCredentials {
        Objects.requireNonNull(token, "token");
        if (token.isBlank()) throw new IllegalArgumentException("token is blank");
        // A header value: no control characters (they would split or corrupt the header).
        for (int i = 0; i < token.length(); i++) {
            char c = token.charAt(i);
            if (c < ' ' || c == 0x7f) {
                throw new IllegalArgumentException("token contains a control character at " + i);
            }
        }
    }

    /** Never shows the token. */
    @Override
    public String toString() {
        return "TokenCredentials{token=***}";
    }
}
