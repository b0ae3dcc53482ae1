package io.github.ccecontract.nodepool.client;

/**
 * The call has no usable answer: the request could not be sent, no answer came in time, the call
 * was cancelled, or a 2xx answer could not be read as a node pool. The cause, if any, is the
 * underlying exception (for example a {@link java.net.SocketTimeoutException}).
 */
public sealed class CceClientException extends CceException permits CceValidationException {
    private static final long serialVersionUID = 1L;

    /**
     * An exception with a message and the failure that caused it.
     *
     * @param message what failed; never a secret
     * @param cause the underlying failure, or {@code null}
     */
    public CceClientException(String message, Throwable cause) {
        super(message, cause);
    }
}
