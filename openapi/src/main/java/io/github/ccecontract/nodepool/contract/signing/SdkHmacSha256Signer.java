package io.github.ccecontract.nodepool.contract.signing;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs requests with the API gateway's {@code SDK-HMAC-SHA256} AK/SK scheme (Open Telekom Cloud,
 * Huawei Cloud APIG).
 *
 * <pre>{@code
 * CanonicalRequest = Method \n CanonicalURI \n CanonicalQuery \n CanonicalHeaders \n
 *                    SignedHeaders \n HexEncode(SHA256(body))
 * StringToSign     = "SDK-HMAC-SHA256" \n X-Sdk-Date \n HexEncode(SHA256(CanonicalRequest))
 * Signature        = HexEncode(HMAC-SHA256(secretKey, StringToSign))
 * }</pre>
 *
 * <p>The static methods are the algorithm itself and have no state: a server verifies with
 * {@link #verify} using exactly the code that clients sign with. Instances hold credentials and
 * are immutable and thread-safe. Uses only the JDK.
 */
public final class SdkHmacSha256Signer {
    public static final String ALGORITHM = "SDK-HMAC-SHA256";
    public static final String DATE_HEADER = "X-Sdk-Date";
    public static final String AUTHORIZATION_HEADER = "Authorization";
    public static final String HOST_HEADER = "Host";
    /**
     * If present, its value replaces the body hash in the canonical request. The reference SDKs
     * honor it (e.g. {@code UNSIGNED-PAYLOAD} for streamed bodies), so verification must too.
     */
    public static final String CONTENT_SHA256_HEADER = "X-Sdk-Content-Sha256";

    private static final DateTimeFormatter DATE_FORMAT =
            DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final HexFormat HEX = HexFormat.of(); // Lower-case, as the gateway expects.

    private final String accessKey;
    private final String secretKey;

    /** A signer for one access key and its secret key. */
    public SdkHmacSha256Signer(String accessKey, String secretKey) {
        this.accessKey = Objects.requireNonNull(accessKey, "accessKey");
        this.secretKey = Objects.requireNonNull(secretKey, "secretKey");
    }

    /** The access key this signer names in its signatures; never the secret. */
    public String accessKey() {
        return accessKey;
    }

    @Override
    public String toString() {
        return "SdkHmacSha256Signer{accessKey=" + accessKey + ", secret=***}";
    }

    /**
     * Signs a request and returns the headers to add to it, in this order: {@code Host} (only when
     * {@code headers} has none; derived from {@code uri}), {@code X-Sdk-Date} and
     * {@code Authorization}.
     *
     * <p>Every header in {@code headers} is signed, so pass exactly the single-valued headers that
     * will be sent unchanged. An {@code X-Sdk-Date} or {@code Authorization} in {@code headers} is
     * replaced. Clients that set {@code Host} themselves (java.net.http forbids setting it) may skip
     * the returned one: it is the value they send, {@code host[:port]} with the port only when it is
     * not the scheme's default.
     */
    public Map<String, String> sign(String method, URI uri, Map<String, String> headers, byte[] body, Instant now) {
        Map<String, String> toSign = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        toSign.putAll(headers);
        toSign.remove(AUTHORIZATION_HEADER);
        Map<String, String> added = new LinkedHashMap<>();
        if (!toSign.containsKey(HOST_HEADER)) added.put(HOST_HEADER, hostHeader(uri));
        added.put(DATE_HEADER, formatDate(now));
        toSign.putAll(added);
        Signature signature = sign(SignableRequest.of(method, uri, toSign, body));
        added.put(AUTHORIZATION_HEADER, signature.authorization());
        return added;
    }

    /**
     * Signs every header of {@code request} except {@code Authorization}. The request must already
     * carry the {@code X-Sdk-Date} header (and should carry {@code Host}, which the gateway
     * requires).
     */
    public Signature sign(SignableRequest request) {
        List<String> signedHeaders = signedHeaders(request.headers().keySet());
        return new Signature(accessKey, signedHeaders, signature(request, signedHeaders, secretKey));
    }

    /**
     * Returns whether the {@code Authorization} header of {@code received} is a valid signature,
     * by {@code secretKey}, of the headers it names and the rest of the request. Never throws for a
     * malformed or incomplete request: that is simply not a valid signature. The caller looks the
     * secret up from {@link Signature#parse}'s access key, and checks the {@code X-Sdk-Date} skew
     * and the presence of required signed headers as its policy dictates.
     */
    public static boolean verify(SignableRequest received, String secretKey) {
        String authorization = received.header(AUTHORIZATION_HEADER);
        if (authorization == null) return false;
        try {
            Signature claimed = Signature.parse(authorization);
            String expected = signature(received, claimed.signedHeaders(), secretKey);
            // Constant-time comparison: don't tell an attacker how many leading characters matched.
            return MessageDigest.isEqual(
                    expected.getBytes(StandardCharsets.US_ASCII),
                    claimed.signature().getBytes(StandardCharsets.US_ASCII));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** Returns the hex signature of {@code request}, covering the named headers. */
    public static String signature(SignableRequest request, Collection<String> signedHeaders, String secretKey) {
        String canonicalRequest = canonicalRequest(request, signedHeaders);
        String stringToSign = stringToSign(requireDate(request), canonicalRequest);
        return HEX.formatHex(hmacSha256(secretKey, stringToSign));
    }

    /**
     * Returns the canonical request. Exposed so that a verifier can show a client what it expected
     * when signatures disagree.
     *
     * @param signedHeaders header names to sign; lower-cased, de-duplicated and sorted here.
     * @throws IllegalArgumentException if a header to sign is missing from {@code request}.
     */
    public static String canonicalRequest(SignableRequest request, Collection<String> signedHeaders) {
        List<String> names = signedHeaders(signedHeaders);
        StringBuilder result = new StringBuilder(256)
                .append(request.method().toUpperCase(Locale.ROOT))
                .append('\n')
                .append(CanonicalUri.path(request.path()))
                .append('\n')
                .append(CanonicalUri.query(request.rawQuery()))
                .append('\n');
        for (String name : names) {
            String value = request.header(name);
            if (value == null) throw new IllegalArgumentException("signed header is missing: " + name);
            result.append(name).append(':').append(value.strip()).append('\n');
        }
        // The canonical headers end with "\n" themselves, hence the empty line before this one.
        result.append('\n').append(String.join(";", names)).append('\n').append(payloadHash(request));
        return result.toString();
    }

    /** Returns the string to sign for a request dated {@code sdkDate} (an X-Sdk-Date value). */
    public static String stringToSign(String sdkDate, String canonicalRequest) {
        return ALGORITHM + "\n" + sdkDate + "\n" + sha256Hex(canonicalRequest.getBytes(StandardCharsets.UTF_8));
    }

    /** Returns names lower-cased, de-duplicated, sorted, and without {@code authorization}. */
    public static List<String> signedHeaders(Collection<String> names) {
        TreeSet<String> result = new TreeSet<>();
        for (String name : names) result.add(name.toLowerCase(Locale.ROOT));
        result.remove("authorization");
        return List.copyOf(result);
    }

    /** Formats {@code instant} as an {@code X-Sdk-Date} value such as {@code 20191115T033655Z}. */
    public static String formatDate(Instant instant) {
        return DATE_FORMAT.format(instant);
    }

    /**
     * Parses an {@code X-Sdk-Date} value, for servers that check clock skew.
     *
     * @throws DateTimeParseException if it is not of the form {@code yyyyMMdd'T'HHmmss'Z'}.
     */
    public static Instant parseDate(String sdkDate) {
        return DATE_FORMAT.parse(sdkDate, Instant::from);
    }

    /**
     * Returns the Host header a client sends for {@code uri}: the host, bracketed if IPv6, plus
     * ":port" only when the port is explicit and not the scheme's default.
     */
    static String hostHeader(URI uri) {
        String host = uri.getHost();
        if (host == null) throw new IllegalArgumentException("URI has no host: " + uri);
        if (host.indexOf(':') != -1 && !host.startsWith("[")) host = "[" + host + "]";
        int port = uri.getPort();
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        int defaultPort = scheme.equals("https") ? 443 : scheme.equals("http") ? 80 : -1;
        return port == -1 || port == defaultPort ? host : host + ":" + port;
    }

    private static String requireDate(SignableRequest request) {
        String date = request.header(DATE_HEADER);
        if (date == null) throw new IllegalArgumentException("request has no " + DATE_HEADER + " header");
        return date.strip();
    }

    private static String payloadHash(SignableRequest request) {
        String declared = request.header(CONTENT_SHA256_HEADER);
        return declared != null ? declared.strip() : sha256Hex(request.body());
    }

    private static String sha256Hex(byte[] bytes) {
        try {
            return HEX.formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError("every JDK has SHA-256", e);
        }
    }

    private static byte[] hmacSha256(String secretKey, String message) {
        try {
            // A new Mac per call: Mac instances are not thread-safe, and creating one is cheap.
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secretKey.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal(message.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            // Only reachable for an empty key; never include the key in the message.
            throw new IllegalArgumentException("cannot use the secret key for HmacSHA256", e);
        }
    }
}
