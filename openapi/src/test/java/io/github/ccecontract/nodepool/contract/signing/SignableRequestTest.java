package io.github.ccecontract.nodepool.contract.signing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What a signature covers: normalised on construction, compared by content, shown without secrets. */
class SignableRequestTest {

    private static final byte[] BODY = "{}\n".getBytes(StandardCharsets.UTF_8);

    private static SignableRequest request() {
        return new SignableRequest(
                "POST",
                "/v3/x",
                "a=1",
                Map.of("Content-Type", "application/json", "X-Auth-Token", "secret-token"),
                BODY);
    }

    @Test
    void headersAreLookedUpWhateverTheCase() {
        SignableRequest request = request();
        assertEquals("application/json", request.header("content-type"));
        assertEquals("application/json", request.header("CONTENT-TYPE"));
        assertNull(request.header("Host"));
        assertEquals(
                List.of("Content-Type", "X-Auth-Token"),
                List.copyOf(request.headers().keySet()));
        assertThrows(
                UnsupportedOperationException.class, () -> request.headers().put("Host", "h"));
    }

    @Test
    void theBodyIsCopiedInAndOutAndNullIsEmpty() {
        byte[] body = BODY.clone();
        SignableRequest request = new SignableRequest("POST", "/", null, Map.of(), body);
        body[0] = 'x';
        assertArrayEquals(BODY, request.body());
        request.body()[0] = 'y';
        assertArrayEquals(BODY, request.body());
        assertArrayEquals(new byte[0], new SignableRequest("GET", "/", null, Map.of(), null).body());
    }

    @Test
    void aHeaderWithoutAValueIsRejectedByName() {
        Map<String, String> headers = new HashMap<>();
        headers.put("X-Empty", null);
        NullPointerException e =
                assertThrows(NullPointerException.class, () -> new SignableRequest("GET", "/", null, headers, null));
        assertEquals("value of header X-Empty", e.getMessage());
    }

    @Test
    void ofTakesTheRawPathAndQueryOfTheUri() {
        SignableRequest request =
                SignableRequest.of("GET", URI.create("https://h.example.com/a%20b/c?x=%2F&y"), Map.of(), null);
        assertEquals("/a%20b/c", request.path());
        assertEquals("x=%2F&y", request.rawQuery());
        SignableRequest opaque = SignableRequest.of("GET", URI.create("urn:example:x"), Map.of(), null);
        assertEquals("", opaque.path());
        assertNull(opaque.rawQuery());
    }

    @Test
    void equalityIsByContent() {
        SignableRequest request = request();
        SignableRequest same = new SignableRequest(
                "POST",
                "/v3/x",
                "a=1",
                Map.of("content-type", "application/json", "x-auth-token", "secret-token"),
                BODY.clone());
        assertEquals(request, same);
        assertEquals(request.hashCode(), same.hashCode());
        assertEquals(request, request);

        List<SignableRequest> others = List.of(
                new SignableRequest("PUT", "/v3/x", "a=1", request.headers(), BODY),
                new SignableRequest("POST", "/v3/y", "a=1", request.headers(), BODY),
                new SignableRequest("POST", "/v3/x", "a=2", request.headers(), BODY),
                new SignableRequest("POST", "/v3/x", null, request.headers(), BODY),
                new SignableRequest("POST", "/v3/x", "a=1", Map.of("Content-Type", "application/json"), BODY),
                new SignableRequest("POST", "/v3/x", "a=1", request.headers(), new byte[0]));
        for (SignableRequest other : others) {
            assertNotEquals(request, other, other.toString());
            assertNotEquals(other, request, other.toString());
        }
        // Method, path, query and body spread the hash codes.
        for (SignableRequest other :
                List.of(others.get(0), others.get(1), others.get(2), others.get(3), others.get(5))) {
            assertNotEquals(request.hashCode(), other.hashCode(), other.toString());
        }
        assertNotEquals(request, "POST /v3/x");
        assertNotEquals(request, null);
    }

    @Test
    void toStringShowsHeaderNamesButNoValues() {
        assertEquals(
                "SignableRequest{POST /v3/x?a=1, headers=[Content-Type, X-Auth-Token], body=3 bytes}",
                request().toString());
        assertEquals(
                "SignableRequest{GET /, headers=[], body=0 bytes}",
                new SignableRequest("GET", "/", null, Map.of(), null).toString());
    }

    @Test
    void requestsThatDifferOnlyInTheCaseOfHeaderNamesAreEqualAndHashAlike() {
        SignableRequest lower = new SignableRequest("GET", "/", null, Map.of("x-sdk-date", "d", "host", "h"), null);
        SignableRequest mixed = new SignableRequest("GET", "/", null, Map.of("X-Sdk-Date", "d", "HOST", "h"), null);
        assertEquals(lower, mixed);
        assertEquals(lower.hashCode(), mixed.hashCode());
        assertEquals(1, new java.util.HashSet<>(List.of(lower, mixed)).size());
        assertNotEquals(lower, new SignableRequest("GET", "/", null, Map.of("x-sdk-date", "D", "host", "h"), null));
    }
}
