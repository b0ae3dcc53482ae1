package io.github.ccecontract.nodepool.client;

import io.github.ccecontract.nodepool.contract.model.ApiGatewayError;
import io.github.ccecontract.nodepool.contract.model.CceError;
import io.github.ccecontract.nodepool.contract.model.Violation;
import java.util.List;
import java.util.Optional;
import okhttp3.Headers;

/**
 * The service answered with a status other than 2xx. One type for every such answer, whoever sent
 * it:
 *
 * <ul>
 *   <li>CCE itself: {@code {"errorCode": "CCE.01400001", "errorMessage": "..."}}, from this project's
 *       stub also with {@code violations};
 *   <li>the API gateway in front of CCE (token and signature failures):
 *       {@code {"error_code": "APIG.1002", "error_msg": "..."}};
 *   <li>anything else (a proxy's HTML page, an empty body): {@link #bodyPrefix()} holds the start of
 *       the body, and the message shows it.
 * </ul>
 *
 * <p>{@link #errorCode()} and {@link #errorMessage()} give CCE's values, or the gateway's when CCE's
 * are absent; {@link #error()} ({@code CceError}) or {@link #gatewayError()} ({@code ApiGatewayError},
 * the gateway's own schema) has the parsed body for those who need to tell them apart.
 */
public sealed class CceServiceException extends CceException permits CcePossiblyCreatedException {
    private static final long serialVersionUID = 1L;

    private final int statusCode;
    private final transient CceError error;
    private final transient ApiGatewayError gatewayError;
    private final String requestId;
    private final String bodyPrefix;
    private final transient Headers headers;

    CceServiceException(
            String message,
            int statusCode,
            CceError error,
            ApiGatewayError gatewayError,
            String requestId,
            String bodyPrefix,
            Headers headers) {
        super(message, null);
        this.headers = headers;
        this.statusCode = statusCode;
        this.error = error;
        this.gatewayError = gatewayError;
        this.requestId = requestId;
        this.bodyPrefix = bodyPrefix;
    }

    /** {@return the HTTP status code, for example 400} */
    public int statusCode() {
        return statusCode;
    }

    /**
     * {@return the error code: CCE's {@code errorCode} (for example {@code CCE.01400001}), else the API
     * gateway's {@code error_code} (for example {@code APIG.1002}), else {@code null}}
     */
    public String errorCode() {
        if (error != null) return error.getErrorCode();
        return gatewayError == null ? null : gatewayError.getErrorCode();
    }

    /** {@return the error message: CCE's {@code errorMessage}, else the gateway's {@code error_msg}, else {@code null}} */
    public String errorMessage() {
        if (error != null) return error.getErrorMessage();
        return gatewayError == null ? null : gatewayError.getErrorMsg();
    }

    /** {@return whether the error came from the API gateway ({@code error_code}/{@code error_msg}, no CCE code)} */
    public boolean isGatewayError() {
        return error == null && gatewayError != null;
    }

    /** {@return the rules the request broke, as the stub reports them ({@code violations}); empty if none were sent} */
    public List<Violation> violations() {
        return error == null || error.getViolations() == null ? List.of() : List.copyOf(error.getViolations());
    }

    /** {@return the {@code X-Request-Id} of the answer, to quote when reporting a problem} */
    public Optional<String> requestId() {
        return Optional.ofNullable(requestId);
    }

    /** {@return CCE's parsed error body, if the body was a JSON object with errorCode or errorMessage} */
    public Optional<CceError> error() {
        return Optional.ofNullable(error);
    }

    /**
     * {@return the API gateway's parsed error body, if the body was a JSON object with error_code or error_msg
     * and no CCE error fields}
     */
    public Optional<ApiGatewayError> gatewayError() {
        return Optional.ofNullable(gatewayError);
    }

    /**
     * {@return the start of the body as text (at most {@value ErrorMapper#BODY_PREFIX_CHARS} characters);
     * empty if there was none}
     */
    public String bodyPrefix() {
        return bodyPrefix;
    }

    /**
     * {@return every header of the answer ({@code X-Request-Id}, {@code Retry-After}, ...); empty after
     * the exception was deserialized}
     */
    public Headers headers() {
        return headers == null ? Headers.of() : headers;
    }
}
