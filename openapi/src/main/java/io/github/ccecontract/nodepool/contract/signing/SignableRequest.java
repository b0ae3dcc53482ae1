package io.github.ccecontract.nodepool.contract.signing;

import java.net.URI;
import java.util.Arrays;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The parts of an HTTP request that an {@code SDK-HMAC-SHA256} signature covers.
 *
 * <p>Clients build one from the request they are about to send; servers build one from the
 * request they received and pass it to {@link SdkHmacSha256Signer#verify}. Both sides then run
 * the same canonicalization code.
 *
 * @param method the HTTP method, such as {@code GET}. Upper-cased when canonicalized.
 * @param path the raw (percent-encoded, as on the wire) path, such as {@code /v1/a%20b}. May be
 *     empty.
 * @param rawQuery the raw query without the leading {@code ?}, or null for none.
 * @param headers header names to values. Names are case-insensitive; two names that differ only in
 *     case are rejected. Only headers with a single value can be signed, so a multi-valued header
 *     is not representable here: leave it out (it is then unsigned).
 * @param body the exact bytes of the request body; empty for none.
 */
public record SignableRequest(String method, String path, String rawQuery, Map<String, String> headers, byte[] body) {

    public SignableRequest {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(headers, "headers");
        body = body == null ? new byte[0] : body.clone();
        TreeMap<String, String> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (Map.Entry<String, String> header : headers.entrySet()) {
            String name = Objects.requireNonNull(header.getKey(), "header name");
            String value = Objects.requireNonNull(header.getValue(), () -> "value of header " + name);
            if (copy.put(name, value) != null) {
                throw new IllegalArgumentException("duplicate header (names are case-insensitive): " + name);
            }
        }
        headers = Collections.unmodifiableMap(copy);
    }

    /** Returns a request for {@code uri}'s raw path and raw query. */
    public static SignableRequest of(String method, URI uri, Map<String, String> headers, byte[] body) {
        String path = uri.getRawPath();
        return new SignableRequest(method, path == null ? "" : path, uri.getRawQuery(), headers, body);
    }

    /** Returns the value of the header named {@code name} (case-insensitive), or null. */
    public String header(String name) {
        return headers.get(name);
    }

    /** Returns a copy of the body; the record never shares its array. */
    @Override
    public byte[] body() {
        return body.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SignableRequest that
                && method.equals(that.method)
                && path.equals(that.path)
                && Objects.equals(rawQuery, that.rawQuery)
                && headers.equals(that.headers)
                && Arrays.equals(body, that.body);
    }

    /**
     * Consistent with {@link #equals}: the headers are left out, since their map compares names
     * case-insensitively but hashes them case-sensitively.
     */
    @Override
    public int hashCode() {
        return Objects.hash(method, path, rawQuery, Arrays.hashCode(body));
    }

    /** Shows only header names: values may carry tokens. */
    @Override
    public String toString() {
        return "SignableRequest{" + method + " " + path + (rawQuery == null ? "" : "?" + rawQuery) + ", headers="
                + headers.keySet() + ", body=" + body.length + " bytes}";
    }
}
