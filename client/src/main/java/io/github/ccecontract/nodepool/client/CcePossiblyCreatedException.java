package io.github.ccecontract.nodepool.client;

import io.github.ccecontract.nodepool.contract.model.ApiGatewayError;
import io.github.ccecontract.nodepool.contract.model.CceError;
import okhttp3.Headers;

/**
 * A {@code 409} (a node pool of that name exists) answered to a retry that followed a failure after
 * which the service may have created the node pool (500, 502, 503, 504, a read timeout: see
 * {@link RetryPolicy.Builder#retryPossiblyProcessed(boolean)}). The node pool that exists may well be
 * the one an earlier attempt of this call created: look it up before treating this as a conflict.
 *
 * <p>A plain {@link CceServiceException} with status 409 means no earlier attempt of the call may
 * have created it.
 */
public final class CcePossiblyCreatedException extends CceServiceException {
    private static final long serialVersionUID = 1L;

    private final int attempts;

    CcePossiblyCreatedException(
            String message,
            CceError error,
            ApiGatewayError gatewayError,
            String requestId,
            String bodyPrefix,
            Headers headers,
            int attempts) {
        super(message, 409, error, gatewayError, requestId, bodyPrefix, headers);
        this.attempts = attempts;
    }

    /** {@return how many attempts the call made, this one included} */
    public int attempts() {
        return attempts;
    }
}
