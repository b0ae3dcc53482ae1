package io.github.ccecontract.nodepool.client;

/**
 * What the retry interceptor knows about one call, carried as a tag of its requests (OkHttp copies
 * tags to every request derived from one, so the answer's {@code request()} has it too).
 */
final class CallState {
    private volatile int attempts;
    private volatile boolean sent;
    private volatile boolean possiblyProcessedBefore;

    /** Starts attempt {@code n} (from 1). */
    void beginAttempt(int n) {
        attempts = n;
        sent = false;
    }

    /** A connection was made and the request is about to be written (network interceptor). */
    void markSent() {
        sent = true;
    }

    /** Whether the current attempt got as far as writing the request. */
    boolean sent() {
        return sent;
    }

    /** An attempt failed in a way that may have created the node pool, and was retried. */
    void markPossiblyProcessedBefore() {
        possiblyProcessedBefore = true;
    }

    boolean possiblyProcessedBefore() {
        return possiblyProcessedBefore;
    }

    int attempts() {
        return attempts;
    }
}
