package io.github.ccecontract.nodepool.conformance.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Sends raw HTTP requests (JDK HttpClient, no code of this project in between) and returns them as
 * {@link Exchange}s: the checks that must see exactly what went over the wire use it (stub, Prism).
 */
public final class HttpExchanges {

    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(10))
            .version(HttpClient.Version.HTTP_1_1)
            .build();

    private HttpExchanges() {}

    /** A request with a JSON body and the given headers (Content-Type application/json is added if absent). */
    public static Exchange post(String caseName, URI uri, Map<String, String> headers, String jsonBody) {
        Map<String, String> all = new LinkedHashMap<>(headers);
        if (all.keySet().stream().noneMatch("Content-Type"::equalsIgnoreCase)) {
            all.put("Content-Type", "application/json");
        }
        return send(caseName, "POST", uri, all, jsonBody);
    }

    /** Sends a request; an I/O failure becomes an {@link AssertionError} naming the case and the request. */
    public static Exchange send(String caseName, String method, URI uri, Map<String, String> headers, String body) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30));
        Map<String, List<String>> sent = new LinkedHashMap<>();
        headers.forEach((k, v) -> {
            builder.header(k, v);
            sent.put(k, List.of(v));
        });
        builder.method(
                method,
                body == null
                        ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        Exchange.Request request = new Exchange.Request(method, uri, sent, body);
        try {
            HttpResponse<String> response =
                    CLIENT.send(builder.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Exchange(
                    caseName,
                    request,
                    new Exchange.Response(
                            response.statusCode(), response.headers().map(), response.body()));
        } catch (IOException e) {
            throw new Exchange(caseName, request, null).failure("no answer", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UncheckedIOException(new IOException("interrupted", e));
        }
    }
}
