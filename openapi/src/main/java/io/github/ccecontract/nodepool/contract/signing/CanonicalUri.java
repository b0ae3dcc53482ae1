package io.github.ccecontract.nodepool.contract.signing;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Canonical forms of a request's path and query, as the API gateway's reference SDKs compute them.
 *
 * <p>Input is decoded first and then re-encoded, so an already-encoded {@code %20} and a literal
 * space both become {@code %20}, never {@code %2520}. Encoding keeps only RFC 3986 unreserved
 * characters ({@code A-Z a-z 0-9 - _ . ~}); every other UTF-8 byte becomes {@code %XX} with
 * upper-case hex digits. Work is done on bytes so that invalid UTF-8 survives unchanged.
 */
final class CanonicalUri {
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private CanonicalUri() {}

    /**
     * Returns the canonical URI: the decoded path with each segment encoded, always starting and
     * ending with "/". An empty path becomes "/".
     *
     * <p>Like the reference SDKs, the path is decoded before it is split into segments, so an
     * encoded slash ({@code %2F}) is signed as a plain "/" separator.
     */
    static String path(String rawPath) {
        byte[] bytes = decode(rawPath);
        StringBuilder out = new StringBuilder(bytes.length + 2);
        if (bytes.length == 0 || bytes[0] != '/') out.append('/');
        encode(bytes, true, out);
        if (out.charAt(out.length() - 1) != '/') out.append('/'); // The trailing "/" is required.
        return out.toString();
    }

    /**
     * Returns the canonical query string: {@code name=value} pairs sorted by decoded name, then by
     * decoded value, each encoded, joined with "&". A parameter without "=" gets an empty value.
     * A "+" is a literal plus sign, not a space (RFC 3986, unlike HTML forms).
     */
    static String query(String rawQuery) {
        if (rawQuery == null || rawQuery.isEmpty()) return "";
        List<byte[][]> pairs = new ArrayList<>();
        for (String parameter : rawQuery.split("&")) {
            if (parameter.isEmpty()) continue;
            int equals = parameter.indexOf('=');
            String name = equals == -1 ? parameter : parameter.substring(0, equals);
            String value = equals == -1 ? "" : parameter.substring(equals + 1);
            pairs.add(new byte[][] {decode(name), decode(value)});
        }
        // Unsigned byte order of UTF-8 is code point order, which is what the reference SDKs sort by.
        pairs.sort(Comparator.<byte[][], byte[]>comparing(p -> p[0], Arrays::compareUnsigned)
                .thenComparing(p -> p[1], Arrays::compareUnsigned));
        StringBuilder out = new StringBuilder(rawQuery.length() + 16);
        for (byte[][] pair : pairs) {
            if (out.length() > 0) out.append('&');
            encode(pair[0], false, out);
            out.append('=');
            encode(pair[1], false, out);
        }
        return out.toString();
    }

    /**
     * Decodes {@code %XX} escapes to bytes and every other character to its UTF-8 bytes. A "%" that
     * does not start a valid escape is kept as a literal "%" (and so is later encoded as "%25").
     */
    static byte[] decode(String s) {
        if (s.indexOf('%') == -1) return s.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream(s.length());
        int literalStart = 0;
        for (int i = 0; i < s.length(); i++) {
            int hi;
            int lo;
            if (s.charAt(i) == '%'
                    && i + 2 < s.length()
                    && (hi = hexValue(s.charAt(i + 1))) != -1
                    && (lo = hexValue(s.charAt(i + 2))) != -1) {
                out.writeBytes(s.substring(literalStart, i).getBytes(StandardCharsets.UTF_8));
                out.write((hi << 4) | lo);
                i += 2;
                literalStart = i + 1;
            }
        }
        out.writeBytes(s.substring(literalStart).getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    /** Appends {@code bytes}, percent-encoding all but unreserved characters (and "/" if asked). */
    static void encode(byte[] bytes, boolean keepSlash, StringBuilder out) {
        for (byte b : bytes) {
            int c = b & 0xff;
            if (isUnreserved(c) || (keepSlash && c == '/')) {
                out.append((char) c);
            } else {
                out.append('%').append(HEX[c >> 4]).append(HEX[c & 0xf]);
            }
        }
    }

    /** Like {@link Character#digit(char, int)} but ASCII only: it must not accept e.g. fullwidth digits. */
    private static int hexValue(char c) {
        if (c >= '0' && c <= '9') return c - '0';
        if (c >= 'a' && c <= 'f') return c - 'a' + 10;
        if (c >= 'A' && c <= 'F') return c - 'A' + 10;
        return -1;
    }

    private static boolean isUnreserved(int c) {
        return (c >= 'A' && c <= 'Z')
                || (c >= 'a' && c <= 'z')
                || (c >= '0' && c <= '9')
                || c == '-'
                || c == '_'
                || c == '.'
                || c == '~';
    }
}
