package io.github.ccecontract.nodepool.client;

import java.util.Objects;
import java.util.Optional;
import okhttp3.Headers;

/**
 * A successful answer: its status, its headers and its typed body.
 *
 * @param <T> the type of the body
 * @param statusCode the HTTP status, for example 201
 * @param headers every header of the answer (names are case-insensitive)
 * @param body the body, read into its model
 */
public record CceResponse<T>(int statusCode, Headers headers, T body) {

    /**
     * Checks the components.
     *
     * @param statusCode the HTTP status
     * @param headers the headers, not {@code null}
     * @param body the body, not {@code null}
     */
    public CceResponse {
        Objects.requireNonNull(headers, "headers");
        Objects.requireNonNull(body, "body");
    }

    /** {@return the {@code X-Request-Id} of the answer, to quote when reporting a problem} */
    public Optional<String> requestId() {
        return Optional.ofNullable(headers.get(ErrorMapper.REQUEST_ID_HEADER));
    }

    /**
     * The last value of a header.
     *
     * @param name the header name, in any case
     * @return its value, if the answer has the header
     */
    public Optional<String> header(String name) {
        return Optional.ofNullable(headers.get(name));
    }
}
