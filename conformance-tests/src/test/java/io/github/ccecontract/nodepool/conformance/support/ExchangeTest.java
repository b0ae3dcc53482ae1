package io.github.ccecontract.nodepool.conformance.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** An exchange describes the case, the request and the answer, with credentials shortened and long bodies cut. */
@Tag(Checks.SUITE)
class ExchangeTest {

    private static final URI URI_ = URI.create("http://127.0.0.1:8080/api/v3/projects/p/clusters/c/nodepools");

    @Test
    @DisplayName("describe(): case, method, URI, headers, pretty JSON bodies, status")
    void describesEverything() {
        Exchange exchange = new Exchange(
                "generated #3",
                new Exchange.Request(
                        "POST", URI_, Map.of("Content-Type", List.of("application/json")), "{\"kind\":\"NodePool\"}"),
                new Exchange.Response(
                        400,
                        Map.of("content-type", List.of("application/json; charset=utf-8")),
                        "{\"errorCode\":\"CCE.01400001\"}"));
        String text = exchange.describe();
        assertTrue(text.startsWith("case: generated #3\nrequest sent:\n  POST " + URI_), text);
        assertTrue(
                text.contains("\"kind\" : \"NodePool\"")
                        && text.contains("HTTP 400")
                        && text.contains("\"errorCode\" : \"CCE.01400001\""),
                text);
        assertEquals("application/json", exchange.response().mediaType());
        assertEquals(
                "CCE.01400001", exchange.response().json().path("errorCode").asText());
        AssertionError failure = exchange.failure("expected 201");
        assertTrue(failure.getMessage().startsWith("expected 201\ncase: generated #3"), failure.getMessage());
    }

    @Test
    @DisplayName("credentials are shortened: X-Auth-Token to 6 characters, the AK/SK signature to 6 hex digits")
    void credentialsAreShortened() {
        String authorization = "SDK-HMAC-SHA256 Access=AKEXAMPLE, SignedHeaders=content-type;host;x-sdk-date, "
                + "Signature=0123456789abcdef0123456789abcdef";
        Exchange exchange = new Exchange(
                "aksk",
                new Exchange.Request(
                        "POST",
                        URI_,
                        Map.of(
                                "Authorization",
                                List.of(authorization),
                                "X-Auth-Token",
                                List.of("MIIEhQYJKoZIhvcNAQcCoIIEdjCCBHICAQEx")),
                        null),
                null);
        String text = exchange.describe();
        assertTrue(text.contains("Signature=012345...") && !text.contains("0123456789abcdef0123"), text);
        assertTrue(text.contains("Access=AKEXAMPLE"), text);
        assertTrue(text.contains("MIIEhQ... (36 characters)") && !text.contains("MIIEhQYJKoZIhvcNAQcC"), text);
        assertTrue(text.contains("answer received: none"), text);
    }

    @Test
    @DisplayName("long bodies are cut")
    void longBodiesAreCut() {
        String body = "x".repeat(Exchange.MAX_BODY_CHARS + 500);
        Exchange exchange = new Exchange("long", new Exchange.Request("POST", URI_, Map.of(), body), null);
        String text = exchange.describe();
        assertTrue(text.contains("... (500 more characters)"), text.substring(text.length() - 100));
        assertFalse(text.contains("x".repeat(Exchange.MAX_BODY_CHARS + 1)));
    }
}
