package io.github.ccecontract.nodepool.client;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;

/**
 * Applies a {@link RetryPolicy}: the first application interceptor, so that every attempt passes the
 * authentication interceptor again (fresh credentials, fresh signature and {@code X-Sdk-Date}).
 */
final class RetryInterceptor implements Interceptor {
    private final RetryPolicy policy;
    private final Sleeper sleeper;
    private final Clock clock;

    RetryInterceptor(RetryPolicy policy, Sleeper sleeper, Clock clock) {
        this.policy = policy;
        this.sleeper = sleeper;
        this.clock = clock;
    }

    /** How a failed attempt bears on retrying. */
    private enum Kind {
        FINAL,
        NOT_PROCESSED,
        POSSIBLY_PROCESSED
    }

    @Override
    public Response intercept(Chain chain) throws IOException {
        CallState state = new CallState();
        Request request =
                chain.request().newBuilder().tag(CallState.class, state).build();
        Instant deadline = clock.instant().plus(policy.deadline());
        // OkHttp's call timeout runs in real time from the start of the call, which is now.
        long callStart = System.nanoTime();
        long callTimeout = chain.call().timeout().timeoutNanos();
        for (int attempt = 1; ; attempt++) {
            state.beginAttempt(attempt);
            Response response = null;
            IOException failure = null;
            try {
                response = chain.proceed(request);
            } catch (IOException e) {
                failure = e;
            }
            Kind kind = response != null ? kind(response.code()) : kind(failure, state.sent());
            boolean retry =
                    kind == Kind.NOT_PROCESSED || (kind == Kind.POSSIBLY_PROCESSED && policy.retryPossiblyProcessed());
            if (!retry || attempt >= policy.maxAttempts() || chain.call().isCanceled())
                return result(response, failure);
            Duration wait = response != null ? retryAfter(response) : null;
            if (wait == null) wait = policy.backoff(attempt);
            if (clock.instant().plus(wait).isAfter(deadline)) return result(response, failure);
            // A wait the call timeout would cut short only delays the failure: the last result is the answer.
            if (callTimeout > 0 && System.nanoTime() - callStart + wait.toNanos() >= callTimeout) {
                return result(response, failure);
            }

            if (kind == Kind.POSSIBLY_PROCESSED) state.markPossiblyProcessedBefore();
            if (response != null) response.close();
            try {
                sleeper.sleep(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                InterruptedIOException interrupted = new InterruptedIOException("interrupted while waiting to retry");
                interrupted.initCause(e);
                throw interrupted;
            }
            if (chain.call().isCanceled()) throw new IOException("Canceled");
        }
    }

    private static Response result(Response response, IOException failure) throws IOException {
        if (failure != null) throw failure;
        return response;
    }

    private static Kind kind(int status) {
        return switch (status) {
            case 429 -> Kind.NOT_PROCESSED;
            case 500, 502, 503, 504 -> Kind.POSSIBLY_PROCESSED;
            default -> Kind.FINAL;
        };
    }

    /** Nothing reached the server only if no connection was made and the failure is a connect failure. */
    private static Kind kind(IOException failure, boolean sent) {
        if (!sent) {
            boolean connectFailure = failure instanceof ConnectException
                    || failure instanceof UnknownHostException
                    || failure instanceof NoRouteToHostException
                    || failure instanceof SocketTimeoutException;
            return connectFailure ? Kind.NOT_PROCESSED : Kind.FINAL;
        }
        if (failure instanceof SocketTimeoutException) return Kind.POSSIBLY_PROCESSED; // read or write timeout
        if (failure instanceof InterruptedIOException) return Kind.FINAL; // call timeout, cancel
        return Kind.POSSIBLY_PROCESSED; // broken connection
    }

    /** The wait the {@code Retry-After} header asks for (RFC 9110 10.2.3), or {@code null}. */
    private Duration retryAfter(Response response) {
        String value = response.header("Retry-After");
        if (value == null) return null;
        value = value.strip();
        if (!value.isEmpty() && value.chars().allMatch(c -> c >= '0' && c <= '9')) {
            try {
                return Duration.ofSeconds(Long.parseLong(value));
            } catch (NumberFormatException e) {
                return null; // too large to be meant
            }
        }
        try {
            Instant at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME)
                    .toInstant();
            Duration wait = Duration.between(clock.instant(), at);
            return wait.isNegative() ? Duration.ZERO : wait;
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** The network interceptor that tells the retry interceptor a connection was made for an attempt. */
    static final class SentMarker implements Interceptor {
        @Override
        public Response intercept(Chain chain) throws IOException {
            CallState state = chain.request().tag(CallState.class);
            if (state != null) state.markSent();
            return chain.proceed(chain.request());
        }
    }
}
