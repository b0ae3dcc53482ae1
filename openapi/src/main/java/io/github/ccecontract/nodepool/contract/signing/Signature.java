package io.github.ccecontract.nodepool.contract.signing;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The contents of an {@code SDK-HMAC-SHA256} {@code Authorization} header:
 *
 * <pre>{@code
 * SDK-HMAC-SHA256 Access=<access key>, SignedHeaders=<a;b;c>, Signature=<hex>
 * }</pre>
 *
 * <p>Clients get one from {@link SdkHmacSha256Signer#sign(SignableRequest)} and send
 * {@link #authorization()}; servers {@link #parse} the received header to learn which access key
 * (and so which secret) and which headers to verify against.
 *
 * @param accessKey the access key id; never the secret.
 * @param signedHeaders lower-case header names in the order they were signed (sorted).
 * @param signature lower-case hex HMAC-SHA256 of the string to sign.
 */
public record Signature(String accessKey, List<String> signedHeaders, String signature) {

    public Signature {
        Objects.requireNonNull(accessKey, "accessKey");
        Objects.requireNonNull(signature, "signature");
        signedHeaders = List.copyOf(signedHeaders);
    }

    /** Returns the value of the {@code Authorization} header. */
    public String authorization() {
        return SdkHmacSha256Signer.ALGORITHM
                + " Access=" + accessKey
                + ", SignedHeaders=" + String.join(";", signedHeaders)
                + ", Signature=" + signature;
    }

    /**
     * Parses an {@code Authorization} header value.
     *
     * @throws IllegalArgumentException if it is not an {@code SDK-HMAC-SHA256} authorization with
     *     non-empty Access, SignedHeaders and Signature fields.
     */
    public static Signature parse(String authorization) {
        Objects.requireNonNull(authorization, "authorization");
        String prefix = SdkHmacSha256Signer.ALGORITHM + " ";
        String value = authorization.strip();
        if (!value.startsWith(prefix)) {
            throw new IllegalArgumentException("not an " + SdkHmacSha256Signer.ALGORITHM + " authorization");
        }
        String accessKey = null;
        String signedHeaders = null;
        String signature = null;
        for (String field : value.substring(prefix.length()).split(",")) {
            int equals = field.indexOf('=');
            if (equals == -1) throw new IllegalArgumentException("malformed authorization field");
            String name = field.substring(0, equals).strip();
            String fieldValue = field.substring(equals + 1).strip();
            switch (name) {
                case "Access" -> accessKey = fieldValue;
                case "SignedHeaders" -> signedHeaders = fieldValue;
                case "Signature" -> signature = fieldValue;
                default -> {} // Tolerate fields added by later versions of the scheme.
            }
        }
        if (accessKey == null
                || accessKey.isEmpty()
                || signedHeaders == null
                || signedHeaders.isEmpty()
                || signature == null
                || signature.isEmpty()) {
            throw new IllegalArgumentException("authorization lacks Access, SignedHeaders or Signature");
        }
        return new Signature(
                accessKey, List.of(signedHeaders.toLowerCase(Locale.ROOT).split(";")), signature);
    }

    /**
     * Shows the access key and the signed headers, never the signature: a signature replayed within
     * the gateway's clock-skew window authenticates the request it signs, so it stays out of logs and
     * messages. {@link #authorization()} is the header value.
     */
    @Override
    public String toString() {
        return "Signature{accessKey=" + accessKey + ", signedHeaders=" + signedHeaders + ", signature=***}";
    }
}
