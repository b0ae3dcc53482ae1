package io.github.ccecontract.nodepool.contract.signing;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SdkHmacSha256SignerTest {
    private static final String EMPTY_SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
    private static final String EXAMPLE_AK = "EXAMPLEACCESSKEY0001";
    private static final String EXAMPLE_SK = "example-secret-key-not-real";
    private static final String DATE = "20240102T030405Z";

    /** The test vector published with the gateway's signing documentation. */
    @Test
    void publishedVector() {
        SdkHmacSha256Signer signer =
                new SdkHmacSha256Signer("QTWAOYTTINDUT2QVKYUC", "MFyfvK41ba2giqM7Uio6PznpdUKGpownRZlmVmHc");
        URI uri = URI.create("https://service.region.example.com/v1/77b6a44cba5143ab91d13ab9a8ff44fd"
                + "/vpcs?limit=2&marker=13551d6b-755d-4757-b956-536f674975c0");
        Map<String, String> headers = Map.of("Content-Type", "application/json", "Host", "service.region.example.com");

        Map<String, String> added =
                signer.sign("GET", uri, headers, new byte[0], Instant.parse("2019-11-15T03:36:55Z"));

        assertEquals(List.of("X-Sdk-Date", "Authorization"), List.copyOf(added.keySet()));
        assertEquals("20191115T033655Z", added.get("X-Sdk-Date"));
        assertEquals(
                "SDK-HMAC-SHA256 Access=QTWAOYTTINDUT2QVKYUC, "
                        + "SignedHeaders=content-type;host;x-sdk-date, "
                        + "Signature=7be6668032f70418fcc22abc52071e57aff61b84a1d2381bb430d6870f4f6ebe",
                added.get("Authorization"));

        // The variant that matches: the canonical URI gets a trailing "/".
        SignableRequest request = SignableRequest.of(
                "GET",
                uri,
                Map.of(
                        "Content-Type",
                        "application/json",
                        "Host",
                        "service.region.example.com",
                        "X-Sdk-Date",
                        "20191115T033655Z"),
                null);
        assertEquals(
                "GET\n"
                        + "/v1/77b6a44cba5143ab91d13ab9a8ff44fd/vpcs/\n"
                        + "limit=2&marker=13551d6b-755d-4757-b956-536f674975c0\n"
                        + "content-type:application/json\n"
                        + "host:service.region.example.com\n"
                        + "x-sdk-date:20191115T033655Z\n"
                        + "\n"
                        + "content-type;host;x-sdk-date\n"
                        + EMPTY_SHA256,
                SdkHmacSha256Signer.canonicalRequest(request, request.headers().keySet()));
    }

    /**
     * Golden value computed outside Java, in the shell (OpenSSL 3.0):
     *
     * <pre>
     * BODY='{"kind":"NodePool","apiVersion":"v3","metadata":{"name":"pool-1"}}'
     * BODYHASH=$(printf '%s' "$BODY" | openssl dgst -sha256 -r | cut -d' ' -f1)
     * printf 'POST\n/api/v3/projects/0123456789abcdef0123456789abcdef/clusters/c0ffee00-1111-2222-3333-444455556666/nodepools/\n\ncontent-type:application/json;charset=utf-8\nhost:cce.region.example.com\nx-project-id:0123456789abcdef0123456789abcdef\nx-sdk-date:20240102T030405Z\n\ncontent-type;host;x-project-id;x-sdk-date\n%s' "$BODYHASH" > post-canonical.txt
     * CRHASH=$(openssl dgst -sha256 -r post-canonical.txt | cut -d' ' -f1)
     * printf 'SDK-HMAC-SHA256\n20240102T030405Z\n%s' "$CRHASH" | openssl dgst -sha256 -hmac 'example-secret-key-not-real' -r
     * </pre>
     */
    @Test
    void postWithJsonBody() {
        String body = "{\"kind\":\"NodePool\",\"apiVersion\":\"v3\",\"metadata\":{\"name\":\"pool-1\"}}";
        URI uri = URI.create("https://cce.region.example.com/api/v3/projects/"
                + "0123456789abcdef0123456789abcdef/clusters/c0ffee00-1111-2222-3333-444455556666/nodepools");
        Map<String, String> headers = Map.of(
                "Content-Type", "application/json;charset=utf-8",
                "X-Project-Id", "0123456789abcdef0123456789abcdef");

        Map<String, String> added = new SdkHmacSha256Signer(EXAMPLE_AK, EXAMPLE_SK)
                .sign("post", uri, headers, body.getBytes(UTF_8), Instant.parse("2024-01-02T03:04:05Z"));

        assertEquals(List.of("Host", "X-Sdk-Date", "Authorization"), List.copyOf(added.keySet()));
        assertEquals("cce.region.example.com", added.get("Host"));
        assertEquals(DATE, added.get("X-Sdk-Date"));
        assertEquals(
                "SDK-HMAC-SHA256 Access=EXAMPLEACCESSKEY0001, "
                        + "SignedHeaders=content-type;host;x-project-id;x-sdk-date, "
                        + "Signature=4bacd3bf9f3e63296ed6293f207beed28da2f8025d30c2613397b7d099ab7453",
                added.get("Authorization"));

        Map<String, String> sent = new HashMap<>(headers);
        sent.putAll(added);
        SignableRequest request = SignableRequest.of("POST", uri, sent, body.getBytes(UTF_8));
        assertEquals(
                "POST\n"
                        + "/api/v3/projects/0123456789abcdef0123456789abcdef/clusters/"
                        + "c0ffee00-1111-2222-3333-444455556666/nodepools/\n"
                        + "\n"
                        + "content-type:application/json;charset=utf-8\n"
                        + "host:cce.region.example.com\n"
                        + "x-project-id:0123456789abcdef0123456789abcdef\n"
                        + "x-sdk-date:20240102T030405Z\n"
                        + "\n"
                        + "content-type;host;x-project-id;x-sdk-date\n"
                        // printf '%s' "$BODY" | openssl dgst -sha256
                        + "4dc9a54cbb3d61fd8465b5d8d9f275a7b30efe69918be345bede2cf18018ed45",
                SdkHmacSha256Signer.canonicalRequest(
                        request, List.of("content-type", "host", "x-project-id", "x-sdk-date")));
        assertEquals(
                "SDK-HMAC-SHA256\n" + DATE + "\n"
                        // openssl dgst -sha256 post-canonical.txt
                        + "2a3d623541cc68d76a39b863145e6c2e35309d32426a7ddda546ff56cda0cb34",
                SdkHmacSha256Signer.stringToSign(
                        DATE,
                        SdkHmacSha256Signer.canonicalRequest(
                                request, request.headers().keySet())));
        assertTrue(SdkHmacSha256Signer.verify(request, "example-secret-key-not-real"));
    }

    /**
     * Golden value computed in the shell:
     *
     * <pre>
     * printf 'GET\n/v1/a%%20b/caf%%C3%%A9/\na=&amp;b=2&amp;raw=a%%2Bb\nhost:host.example.com\nx-sdk-date:20240102T030405Z\n\nhost;x-sdk-date\n%s' "$(printf '' | openssl dgst -sha256 -r | cut -d' ' -f1)" > enc-canonical.txt
     * printf 'SDK-HMAC-SHA256\n20240102T030405Z\n%s' "$(openssl dgst -sha256 -r enc-canonical.txt | cut -d' ' -f1)" | openssl dgst -sha256 -hmac 'example-secret-key-not-real' -r
     * </pre>
     */
    @Test
    void encodedPathAndQuery() {
        SignableRequest request = new SignableRequest(
                "GET",
                "/v1/a b/caf\u00e9",
                "raw=a+b&b=2&a",
                Map.of("Host", "host.example.com", "X-Sdk-Date", DATE),
                null);

        assertEquals(
                "GET\n/v1/a%20b/caf%C3%A9/\na=&b=2&raw=a%2Bb\n" + "host:host.example.com\nx-sdk-date:" + DATE
                        + "\n\nhost;x-sdk-date\n" + EMPTY_SHA256,
                SdkHmacSha256Signer.canonicalRequest(request, request.headers().keySet()));
        assertEquals(
                "33dd07ed744eb6b7b39ae846315b999b5086feb461208e74ff530876ab1fb396",
                new SdkHmacSha256Signer(EXAMPLE_AK, EXAMPLE_SK).sign(request).signature());
    }

    @Test
    void pathSegmentsAreEncodedOnce() {
        // Literal characters and their encoded forms canonicalize alike: decode, then encode.
        assertEquals("/v1/a%20b/~x/caf%C3%A9/1%2B1%3D2/", CanonicalUri.path("/v1/a b/~x/caf\u00e9/1+1=2"));
        assertEquals("/v1/a%20b/~x/caf%C3%A9/1%2B1%3D2/", CanonicalUri.path("/v1/a%20b/%7Ex/caf%c3%a9/1%2B1%3d2"));
        // Already-encoded escapes are not double-encoded; a stray "%" is a literal percent sign.
        assertEquals("/100%25/%25zz/", CanonicalUri.path("/100%25/%zz"));
        // Non-BMP characters (surrogate pairs in Java) encode to their 4 UTF-8 bytes.
        assertEquals("/%F0%9F%98%80/", CanonicalUri.path("/\ud83d\ude00"));
        // As in the reference SDKs the path is decoded before splitting: %2F signs as a separator.
        assertEquals("/a/b/", CanonicalUri.path("/a%2Fb"));
        // A "%" without two hex digits after it is a literal "%", even at the very end.
        assertEquals("/a%25/", CanonicalUri.path("/a%"));
        assertEquals("/a%254/", CanonicalUri.path("/a%4"));
        assertEquals("/a%2541/", CanonicalUri.path("/a%2541"));
        assertEquals("/aA/", CanonicalUri.path("/a%41"));
        // Reserved and sub-delimiter characters are encoded; empty segments are kept.
        assertEquals("/a%3Ab%40c%21%2A%28%29/x//", CanonicalUri.path("/a:b@c!*()/x//"));
    }

    @Test
    void trailingSlashIsAlwaysPresentAndEmptyPathIsSlash() {
        assertEquals("/", CanonicalUri.path(""));
        assertEquals("/", CanonicalUri.path("/"));
        assertEquals("/v1/", CanonicalUri.path("/v1"));
        assertEquals("/v1/", CanonicalUri.path("/v1/"));

        SignableRequest noPath = SignableRequest.of(
                "GET",
                URI.create("https://host.example.com"),
                Map.of("Host", "host.example.com", "X-Sdk-Date", DATE),
                null);
        assertEquals("", noPath.path());
        assertEquals(
                "GET\n/\n\nhost:host.example.com\n\nhost\n" + EMPTY_SHA256,
                SdkHmacSha256Signer.canonicalRequest(noPath, List.of("host")));
        // Signing "https://host" (no path) works end to end and verifies.
        Map<String, String> headers = new HashMap<>(new SdkHmacSha256Signer(EXAMPLE_AK, EXAMPLE_SK)
                .sign(
                        "GET",
                        URI.create("https://host.example.com"),
                        Map.of(),
                        null,
                        Instant.parse("2024-01-02T03:04:05Z")));
        assertTrue(SdkHmacSha256Signer.verify(
                SignableRequest.of("GET", URI.create("https://host.example.com/"), headers, null), EXAMPLE_SK));
    }

    @Test
    void queryParametersAreSortedAndEncoded() {
        assertEquals(
                "eq=x%3Dy&plus=1%2B1&q=a%20b&slash=a%2Fb&tilde=~&u=%C3%A9",
                CanonicalUri.query("u=%C3%A9&tilde=%7E&slash=a/b&q=a%20b&plus=1%2B1&eq=x=y"));
        // Same name: sorted by value. Encoded and literal forms agree.
        assertEquals("a=1&b=1&b=2", CanonicalUri.query("b=2&a=1&b=1"));
        assertEquals("k=%20%2F%2B%3D~", CanonicalUri.query("k=%20%2f%2B%3D~"));
        // Names are encoded too, and sorting uses decoded code points ("a b" < "a-b" < "a~").
        assertEquals("a%20b=1&a-b=2&a~=3", CanonicalUri.query("a~=3&a-b=2&a%20b=1"));
    }

    @Test
    void queryParameterWithoutValue() {
        assertEquals("flag=&limit=2", CanonicalUri.query("limit=2&flag"));
        assertEquals("flag=&limit=2", CanonicalUri.query("limit=2&flag="));
        assertEquals("", CanonicalUri.query(""));
        assertEquals("", CanonicalUri.query(null));
        assertEquals("a=1", CanonicalUri.query("&a=1&&"));
    }

    @Test
    void headerValuesAreTrimmedButNotCollapsed() {
        SignableRequest request = new SignableRequest(
                "GET",
                "/",
                null,
                Map.of(
                        "Host", " host.example.com ",
                        "X-Sdk-Date", "\t" + DATE + " ",
                        "Content-Type", "  application/json  ",
                        "X-Custom", "a  b",
                        "Authorization", "never signed"),
                null);

        assertEquals(
                "GET\n/\n\n"
                        + "content-type:application/json\n"
                        + "host:host.example.com\n"
                        + "x-custom:a  b\n"
                        + "x-sdk-date:" + DATE + "\n"
                        + "\n"
                        + "content-type;host;x-custom;x-sdk-date\n"
                        + EMPTY_SHA256,
                SdkHmacSha256Signer.canonicalRequest(
                        request, List.of("X-Sdk-Date", "Host", "X-CUSTOM", "content-type", "Authorization")));

        Signature trimmed = new SdkHmacSha256Signer(EXAMPLE_AK, EXAMPLE_SK).sign(request);
        Signature clean = new SdkHmacSha256Signer(EXAMPLE_AK, EXAMPLE_SK)
                .sign(new SignableRequest(
                        "GET",
                        "/",
                        null,
                        Map.of(
                                "Host",
                                "host.example.com",
                                "X-Sdk-Date",
                                DATE,
                                "Content-Type",
                                "application/json",
                                "X-Custom",
                                "a  b"),
                        null));
        assertEquals(clean, trimmed);
    }

    @Test
    void signedHeaderMissingFromRequestIsRejected() {
        SignableRequest request = new SignableRequest("GET", "/", null, Map.of("X-Sdk-Date", DATE), null);
        assertThrows(
                IllegalArgumentException.class, () -> SdkHmacSha256Signer.canonicalRequest(request, List.of("host")));
        SignableRequest undated = new SignableRequest("GET", "/", null, Map.of("Host", "h"), null);
        assertThrows(
                IllegalArgumentException.class, () -> new SdkHmacSha256Signer(EXAMPLE_AK, EXAMPLE_SK).sign(undated));
    }

    @Test
    void declaredContentHashReplacesBodyHash() {
        SignableRequest request = new SignableRequest(
                "PUT",
                "/o",
                null,
                Map.of("Host", "h", "X-Sdk-Date", DATE, "X-Sdk-Content-Sha256", "UNSIGNED-PAYLOAD"),
                "streamed".getBytes(UTF_8));
        assertTrue(
                SdkHmacSha256Signer.canonicalRequest(request, List.of("host")).endsWith("\nhost\nUNSIGNED-PAYLOAD"));
    }

    @Test
    void verifyDetectsTampering() {
        Map<String, String> headers =
                new HashMap<>(Map.of("Host", "cce.region.example.com", "Content-Type", "application/json"));
        byte[] body = "{\"a\":1}".getBytes(UTF_8);
        URI uri = URI.create("https://cce.region.example.com/api/v3/x?limit=2");
        headers.putAll(new SdkHmacSha256Signer(EXAMPLE_AK, EXAMPLE_SK)
                .sign("POST", uri, headers, body, Instant.parse("2024-01-02T03:04:05Z")));
        String secret = EXAMPLE_SK;

        assertTrue(SdkHmacSha256Signer.verify(SignableRequest.of("POST", uri, headers, body), secret));
        // Headers that were not signed may change (or be added) in transit.
        Map<String, String> extra = new HashMap<>(headers);
        extra.put("User-Agent", "proxy/1.0");
        assertTrue(SdkHmacSha256Signer.verify(SignableRequest.of("POST", uri, extra, body), secret));

        assertFalse(SdkHmacSha256Signer.verify(SignableRequest.of("POST", uri, headers, body), "wrong"));
        assertFalse(SdkHmacSha256Signer.verify(SignableRequest.of("PUT", uri, headers, body), secret));
        assertFalse(SdkHmacSha256Signer.verify(
                SignableRequest.of("POST", uri, headers, "{\"a\":2}".getBytes(UTF_8)), secret));
        assertFalse(SdkHmacSha256Signer.verify(
                SignableRequest.of(
                        "POST", URI.create("https://cce.region.example.com/api/v3/x?limit=3"), headers, body),
                secret));
        Map<String, String> changed = new HashMap<>(headers);
        changed.put("Content-Type", "text/plain");
        assertFalse(SdkHmacSha256Signer.verify(SignableRequest.of("POST", uri, changed, body), secret));
        Map<String, String> missing = new HashMap<>(headers);
        missing.remove("Content-Type");
        assertFalse(SdkHmacSha256Signer.verify(SignableRequest.of("POST", uri, missing, body), secret));
        Map<String, String> unsigned = new HashMap<>(headers);
        unsigned.remove("Authorization");
        assertFalse(SdkHmacSha256Signer.verify(SignableRequest.of("POST", uri, unsigned, body), secret));
        Map<String, String> garbage = new HashMap<>(headers);
        garbage.put("Authorization", "Basic dXNlcjpwYXNz");
        assertFalse(SdkHmacSha256Signer.verify(SignableRequest.of("POST", uri, garbage, body), secret));
    }

    @Test
    void hostHeaderIncludesOnlyNonDefaultPorts() {
        assertEquals("h.example.com", SdkHmacSha256Signer.hostHeader(URI.create("https://h.example.com/x")));
        assertEquals("h.example.com", SdkHmacSha256Signer.hostHeader(URI.create("https://h.example.com:443/x")));
        assertEquals("h.example.com:8443", SdkHmacSha256Signer.hostHeader(URI.create("https://h.example.com:8443")));
        assertEquals("h.example.com:443", SdkHmacSha256Signer.hostHeader(URI.create("http://h.example.com:443")));
        assertEquals("[::1]:8080", SdkHmacSha256Signer.hostHeader(URI.create("http://[::1]:8080/")));
        assertEquals("h.example.com", SdkHmacSha256Signer.hostHeader(URI.create("http://h.example.com:80/x")));
        assertEquals("h.example.com:80", SdkHmacSha256Signer.hostHeader(URI.create("ws://h.example.com:80/x")));
        assertEquals("[::1]", SdkHmacSha256Signer.hostHeader(URI.create("https://[::1]:443/")));
    }

    @Test
    void datesRoundTripInUtc() {
        Instant instant = Instant.parse("2019-11-15T03:36:55.789Z");
        assertEquals("20191115T033655Z", SdkHmacSha256Signer.formatDate(instant));
        assertEquals(Instant.parse("2019-11-15T03:36:55Z"), SdkHmacSha256Signer.parseDate("20191115T033655Z"));
    }

    @Test
    void callerSuppliedDateAndAuthorizationAreReplaced() {
        Map<String, String> added = new SdkHmacSha256Signer(EXAMPLE_AK, EXAMPLE_SK)
                .sign(
                        "GET",
                        URI.create("https://h.example.com/"),
                        Map.of("x-sdk-date", "19700101T000000Z", "authorization", "stale", "host", "h.example.com"),
                        null,
                        Instant.parse("2024-01-02T03:04:05Z"));
        assertEquals(DATE, added.get("X-Sdk-Date"));
        assertTrue(added.get("Authorization").contains("SignedHeaders=host;x-sdk-date,"));
    }

    @Test
    void duplicateHeaderNamesAreRejected() {
        Map<String, String> headers = new HashMap<>();
        headers.put("Host", "a");
        headers.put("host", "b");
        assertThrows(IllegalArgumentException.class, () -> new SignableRequest("GET", "/", null, headers, null));
    }

    @Test
    void exactlyTheUnreservedCharactersAreKept() {
        StringBuilder kept = new StringBuilder();
        for (char c = 0x21; c < 0x7f; c++) {
            String encoded = CanonicalUri.query("k=" + (c == '%' ? "%25" : c == '&' ? "%26" : String.valueOf(c)));
            if (encoded.equals("k=" + c)) kept.append(c);
        }
        assertEquals("-.0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz~", kept.toString());
    }

    @Test
    void theSignerShowsItsAccessKeyButNeverItsSecret() {
        SdkHmacSha256Signer signer = new SdkHmacSha256Signer("AK-1", "very-secret");
        assertEquals("AK-1", signer.accessKey());
        assertEquals("SdkHmacSha256Signer{accessKey=AK-1, secret=***}", signer.toString());
        assertEquals(
                "Signature{accessKey=AK, signedHeaders=[host, x-sdk-date], signature=***}",
                new Signature("AK", List.of("host", "x-sdk-date"), "abc123").toString());
    }
}
