package io.github.ccecontract.nodepool.client;

/**
 * Base of every exception the client throws for a call that did not succeed (unchecked, as in the
 * Azure SDK guidelines):
 *
 * <ul>
 *   <li>{@link CceServiceException}: the service (CCE or its API gateway) answered with a status
 *       other than 2xx;
 *   <li>{@link CceClientException}: there is no usable answer: the request could not be sent or the
 *       answer not be read (I/O failure, timeout, cancellation, a 2xx body that is not a node pool);
 *   <li>{@link CceValidationException} (a {@code CceClientException}): client-side validation
 *       rejected the node pool before anything was sent.
 * </ul>
 *
 * <p>Invalid arguments (a {@code null} node pool, a blank cluster id) are programming errors and
 * throw {@link NullPointerException} or {@link IllegalArgumentException} instead. Messages never
 * contain a token, a secret key or a signature.
 */
public abstract sealed class CceException extends RuntimeException permits CceServiceException, CceClientException {
    private static final long serialVersionUID = 1L;

    CceException(String message, Throwable cause) {
        super(message, cause);
    }
}
