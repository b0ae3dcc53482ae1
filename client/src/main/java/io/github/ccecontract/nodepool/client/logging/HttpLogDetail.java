package io.github.ccecontract.nodepool.client.logging;

/** How much of each HTTP exchange {@link RedactingHttpLogger} writes; secrets are redacted at every level. */
public enum HttpLogDetail {
    /** Request line, status, duration and body sizes. */
    BASIC,
    /** {@link #BASIC} and the headers; credentials redacted. */
    HEADERS,
    /** {@link #HEADERS} and the bodies; passwords in JSON bodies redacted, other bodies shortened. */
    BODY
}
