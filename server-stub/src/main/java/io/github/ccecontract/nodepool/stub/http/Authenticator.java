package io.github.ccecontract.nodepool.stub.http;

import io.github.ccecontract.nodepool.contract.signing.SdkHmacSha256Signer;
import io.github.ccecontract.nodepool.contract.signing.SignableRequest;
import io.github.ccecontract.nodepool.contract.signing.Signature;
import io.github.ccecontract.nodepool.stub.admin.Redaction;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The two ways the document authenticates a call (D1): a token ({@code X-Auth-Token}) or an AK/SK
 * signature ({@code Authorization: SDK-HMAC-SHA256 ...} with {@code X-Sdk-Date}), verified with the
 * client's {@link SdkHmacSha256Signer} (one implementation of the algorithm). A token, if sent,
 * decides; the signature is checked only without one.
 */
final class Authenticator {

    /** The largest difference between {@code X-Sdk-Date} and the stub's clock that is accepted. */
    static final Duration MAX_CLOCK_SKEW = Duration.ofMinutes(15);

    private final Set<String> tokens;
    private final Map<String, String> accessKeys;
    private final Clock clock;

    Authenticator(Set<String> tokens, Map<String, String> accessKeys, Clock clock) {
        this.tokens = Set.copyOf(tokens);
        this.accessKeys = Map.copyOf(accessKeys);
        this.clock = clock;
    }

    /**
     * Why the request is not authenticated, or null if it is.
     *
     * @param headers the request's headers (every value of every header)
     */
    String refuse(String method, String rawPath, String rawQuery, Map<String, List<String>> headers, byte[] body) {
        Map<String, List<String>> byName = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        byName.putAll(headers);
        List<String> token = byName.get("X-Auth-Token");
        if (token != null) {
            if (token.size() != 1) {
                return "Authorization failed: send one X-Auth-Token header, not " + token.size() + ".";
            }
            if (token.get(0).isBlank()) {
                return "Authorization failed: X-Auth-Token is empty.";
            }
            if (!tokens.isEmpty() && !tokens.contains(token.get(0))) {
                return "Authorization failed: the X-Auth-Token is not one the stub is configured to accept.";
            }
            return null;
        }
        List<String> authorization = byName.get(SdkHmacSha256Signer.AUTHORIZATION_HEADER);
        if (authorization == null) {
            return "Authorization failed: send a token (X-Auth-Token) or an AK/SK signature (Authorization: "
                    + SdkHmacSha256Signer.ALGORITHM + " ... with X-Sdk-Date).";
        }
        if (authorization.size() != 1) {
            return "Authorization failed: send one Authorization header, not " + authorization.size() + ".";
        }
        Signature signature;
        try {
            signature = Signature.parse(authorization.get(0));
        } catch (IllegalArgumentException e) {
            return "Authorization failed: the Authorization header is no " + SdkHmacSha256Signer.ALGORITHM
                    + " signature (" + e.getMessage() + ").";
        }
        String secretKey = accessKeys.get(signature.accessKey());
        if (secretKey == null) {
            return "Authorization failed: access key '" + signature.accessKey() + "' is not configured in the stub"
                    + " (accessKeys).";
        }
        List<String> date = byName.get(SdkHmacSha256Signer.DATE_HEADER);
        if (date == null || date.size() != 1) {
            return "Authorization failed: an AK/SK-signed request needs one " + SdkHmacSha256Signer.DATE_HEADER
                    + " header.";
        }
        Instant signedAt;
        try {
            signedAt = SdkHmacSha256Signer.parseDate(date.get(0).strip());
        } catch (DateTimeParseException e) {
            return "Authorization failed: " + SdkHmacSha256Signer.DATE_HEADER
                    + " must be a UTC time of the form yyyyMMdd'T'HHmmss'Z' (20191115T033655Z).";
        }
        Duration skew = Duration.between(signedAt, clock.instant()).abs();
        if (skew.compareTo(MAX_CLOCK_SKEW) > 0) {
            return "Authorization failed: " + SdkHmacSha256Signer.DATE_HEADER + " is " + skew.toMinutes()
                    + " minutes away from the stub's clock (" + clock.instant() + "); at most "
                    + MAX_CLOCK_SKEW.toMinutes() + " are accepted.";
        }
        Map<String, String> signed = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        signed.put(SdkHmacSha256Signer.AUTHORIZATION_HEADER, authorization.get(0)); // verify() reads it; never signed
        for (String name : signature.signedHeaders()) {
            List<String> values = byName.get(name);
            if (values == null) {
                return "Authorization failed: signed header '" + name + "' is not in the request.";
            }
            if (values.size() != 1) {
                return "Authorization failed: signed header '" + name + "' is sent " + values.size()
                        + " times; only single headers can be signed.";
            }
            signed.put(name, values.get(0));
        }
        SignableRequest request = new SignableRequest(method, rawPath, rawQuery, signed, body);
        if (!SdkHmacSha256Signer.verify(request, secretKey)) {
            String canonical = SdkHmacSha256Signer.canonicalRequest(
                    shown(method, rawPath, rawQuery, signed, body), signature.signedHeaders());
            return "Authorization failed: the " + SdkHmacSha256Signer.ALGORITHM + " signature of access key '"
                    + signature.accessKey() + "' does not match the request. The stub's canonical request was: "
                    + canonical.replace("\n", "\\n");
        }
        return null;
    }

    /**
     * The request as the 401 shows its canonical request: the values of credential headers
     * ({@code X-Security-Token}, {@code Cookie}, ...) and of credential query parameters replaced by
     * {@link Redaction#REDACTED}, so that the answer (and the journal, which keeps it) echoes no secret.
     * Everything else, and the body's hash, is as the stub computed it.
     */
    private static SignableRequest shown(
            String method, String rawPath, String rawQuery, Map<String, String> signed, byte[] body) {
        Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        signed.forEach((name, value) -> headers.put(
                name,
                name.equalsIgnoreCase(SdkHmacSha256Signer.AUTHORIZATION_HEADER) || !Redaction.isSecretHeader(name)
                        ? value
                        : Redaction.REDACTED));
        return new SignableRequest(method, rawPath, Redaction.query(rawQuery), headers, body);
    }
}
