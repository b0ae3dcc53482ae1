package io.github.ccecontract.nodepool.client;

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
 * are absent; {@link #error()} has the parsed body for those who need to tell them apart.
 */
public sealed class CceServiceException extends CceException permits CcePossiblyCreatedException {
  private static final long serialVersionUID = 1L;

  private final int statusCode;
  private final transient CceError error;
  private final String requestId;
  private final String bodyPrefix;
  private final transient Headers headers;

  CceServiceException(String message, int statusCode, CceError error, String requestId, String bodyPrefix,
      Headers headers) {
    super(message, null);
    this.headers = headers;
    this.statusCode = statusCode;
    this.error = error;
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
    if (error == null) return null;
    return error.getErrorCode() != null ? error.getErrorCode() : error.getGatewayErrorCode();
  }

  /** {@return the error message: CCE's {@code errorMessage}, else the gateway's {@code error_msg}, else {@code null}} */
  public String errorMessage() {
    if (error == null) return null;
    return error.getErrorCode() != null || error.getErrorMessage() != null
        ? error.getErrorMessage() : error.getGatewayErrorMessage();
  }

  /** {@return whether the error came from the API gateway ({@code error_code}/{@code error_msg}, no CCE code)} */
  public boolean isGatewayError() {
    return error != null && error.getErrorCode() == null && error.getErrorMessage() == null
        && (error.getGatewayErrorCode() != null || error.getGatewayErrorMessage() != null);
  }

  /** {@return the rules the request broke, as the stub reports them ({@code violations}); empty if none were sent} */
  public List<Violation> violations() {
    return error == null || error.getViolations() == null ? List.of() : List.copyOf(error.getViolations());
  }

  /** {@return the {@code X-Request-Id} of the answer, to quote when reporting a problem} */
  public Optional<String> requestId() {
    return Optional.ofNullable(requestId);
  }

  /** {@return the parsed error body, if the body was a JSON object with at least one of the error fields} */
  public Optional<CceError> error() {
    return Optional.ofNullable(error);
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
