package io.github.ccecontract.nodepool.client;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;

/**
 * When and how often the client sends a request again, and how long it waits in between.
 *
 * <p>A create is not idempotent, so the policy tells two kinds of failure apart:
 *
 * <ul>
 *   <li><b>Not processed</b>, retried by default: {@code 429 Too Many Requests}, and failures where
 *       nothing reached the server (connection refused, unknown host, no route, connect timeout).
 *   <li><b>Possibly processed</b>, retried only with {@link Builder#retryPossiblyProcessed(boolean)}:
 *       {@code 500}, {@code 502}, {@code 503}, {@code 504}, a read timeout, or a connection that broke
 *       after the request was sent. The node pool may exist already: if a retry then gets
 *       {@code 409}, the client throws {@link CcePossiblyCreatedException}, not a plain conflict.
 * </ul>
 *
 * <p>Every other answer (2xx, 4xx other than 429) and every other failure ends the call at once.
 *
 * <p>The wait before attempt <i>n</i> + 1 is the {@code Retry-After} of the answer (seconds or an
 * HTTP-date) if it has one, else {@code initialBackoff * 2^(n-1)}, at most {@code maxBackoff}, less a
 * random part of up to {@code jitter} of it. No attempt is started, and no wait begun, that would
 * end after the {@code deadline} (counted from the start of the call): the last answer or failure
 * is then the result. The OkHttp {@code callTimeout}, if set, bounds the whole call including waits:
 * no wait begins that would end after it either.
 *
 * <p>Defaults ({@link #defaults()}): 3 attempts, 500 ms initial backoff, 10 s maximum backoff,
 * jitter 0.5, deadline 60 s, possibly processed failures not retried. Instances are immutable.
 */
public final class RetryPolicy {
    private static final RetryPolicy DEFAULTS = builder().build();
    private static final RetryPolicy NONE = builder().maxAttempts(1).build();

    private final int maxAttempts;
    private final Duration initialBackoff;
    private final Duration maxBackoff;
    private final double jitter;
    private final Duration deadline;
    private final boolean retryPossiblyProcessed;

    private RetryPolicy(Builder builder) {
        this.maxAttempts = builder.maxAttempts;
        this.initialBackoff = builder.initialBackoff;
        this.maxBackoff = builder.maxBackoff;
        this.jitter = builder.jitter;
        this.deadline = builder.deadline;
        this.retryPossiblyProcessed = builder.retryPossiblyProcessed;
    }

    /** {@return the default policy (see the class description)} */
    public static RetryPolicy defaults() {
        return DEFAULTS;
    }

    /** {@return a policy that never retries (one attempt)} */
    public static RetryPolicy none() {
        return NONE;
    }

    /** {@return a builder with the defaults} */
    public static Builder builder() {
        return new Builder();
    }

    /** {@return a builder with this policy's settings} */
    public Builder toBuilder() {
        return new Builder()
                .maxAttempts(maxAttempts)
                .initialBackoff(initialBackoff)
                .maxBackoff(maxBackoff)
                .jitter(jitter)
                .deadline(deadline)
                .retryPossiblyProcessed(retryPossiblyProcessed);
    }

    /** {@return the maximum number of attempts, the first included; 1 means no retry} */
    public int maxAttempts() {
        return maxAttempts;
    }

    /** {@return the wait after the first failed attempt, before jitter} */
    public Duration initialBackoff() {
        return initialBackoff;
    }

    /** {@return the longest wait computed by backoff (a {@code Retry-After} may ask for longer)} */
    public Duration maxBackoff() {
        return maxBackoff;
    }

    /** {@return the largest fraction taken off a backoff at random, from 0 (none) to 1} */
    public double jitter() {
        return jitter;
    }

    /** {@return the time after which no attempt starts and no wait begins, from the start of the call} */
    public Duration deadline() {
        return deadline;
    }

    /** {@return whether failures after which the node pool may exist are retried (see the class description)} */
    public boolean retryPossiblyProcessed() {
        return retryPossiblyProcessed;
    }

    /** The backoff before attempt {@code failedAttempt + 1}, jitter applied. */
    Duration backoff(int failedAttempt) {
        long base = initialBackoff.toNanos();
        long max = maxBackoff.toNanos();
        long nanos = base;
        for (int i = 1; i < failedAttempt && nanos < max; i++) {
            nanos = nanos > Long.MAX_VALUE / 2 ? Long.MAX_VALUE : nanos * 2;
        }
        nanos = Math.min(nanos, max);
        if (jitter > 0)
            nanos -= (long) (nanos * jitter * ThreadLocalRandom.current().nextDouble());
        return Duration.ofNanos(nanos);
    }

    /** Shows every setting. */
    @Override
    public String toString() {
        return "RetryPolicy{maxAttempts=" + maxAttempts + ", initialBackoff=" + initialBackoff + ", maxBackoff="
                + maxBackoff + ", jitter=" + jitter + ", deadline=" + deadline + ", retryPossiblyProcessed="
                + retryPossiblyProcessed + "}";
    }

    /** Builds a {@link RetryPolicy}; starts from the defaults. */
    public static final class Builder {
        private int maxAttempts = 3;
        private Duration initialBackoff = Duration.ofMillis(500);
        private Duration maxBackoff = Duration.ofSeconds(10);
        private double jitter = 0.5;
        private Duration deadline = Duration.ofSeconds(60);
        private boolean retryPossiblyProcessed;

        private Builder() {}

        /**
         * The maximum number of attempts, the first included.
         *
         * @param maxAttempts at least 1; 1 turns retrying off
         * @return this builder
         */
        public Builder maxAttempts(int maxAttempts) {
            if (maxAttempts < 1) throw new IllegalArgumentException("maxAttempts must be at least 1: " + maxAttempts);
            this.maxAttempts = maxAttempts;
            return this;
        }

        /**
         * The wait after the first failed attempt; it doubles with each further one.
         *
         * @param initialBackoff not negative
         * @return this builder
         */
        public Builder initialBackoff(Duration initialBackoff) {
            this.initialBackoff = notNegative(initialBackoff, "initialBackoff");
            return this;
        }

        /**
         * The longest wait backoff computes.
         *
         * @param maxBackoff not negative
         * @return this builder
         */
        public Builder maxBackoff(Duration maxBackoff) {
            this.maxBackoff = notNegative(maxBackoff, "maxBackoff");
            return this;
        }

        /**
         * The largest fraction taken off each backoff at random, so that clients that failed together
         * do not retry together.
         *
         * @param jitter from 0 (waits exactly the backoff) to 1 (waits between 0 and the backoff)
         * @return this builder
         */
        public Builder jitter(double jitter) {
            if (!(jitter >= 0 && jitter <= 1))
                throw new IllegalArgumentException("jitter must be in [0, 1]: " + jitter);
            this.jitter = jitter;
            return this;
        }

        /**
         * The overall deadline of a call: no attempt is started, and no wait begun, that would end after
         * it. It does not cut an attempt short (the timeouts do that).
         *
         * @param deadline positive
         * @return this builder
         */
        public Builder deadline(Duration deadline) {
            notNegative(deadline, "deadline");
            if (deadline.isZero()) throw new IllegalArgumentException("deadline is zero");
            this.deadline = deadline;
            return this;
        }

        /**
         * Whether to retry also after failures where the service may have created the node pool: 500,
         * 502, 503, 504, a read timeout, a connection broken after the request was sent. Off by default,
         * because a create is not idempotent. When on, a 409 after such a retry is reported as
         * {@link CcePossiblyCreatedException}.
         *
         * @param retry {@code true} to retry them
         * @return this builder
         */
        public Builder retryPossiblyProcessed(boolean retry) {
            this.retryPossiblyProcessed = retry;
            return this;
        }

        /** {@return the policy} */
        public RetryPolicy build() {
            if (maxBackoff.compareTo(initialBackoff) < 0) {
                throw new IllegalArgumentException(
                        "maxBackoff " + maxBackoff + " is below initialBackoff " + initialBackoff);
            }
            return new RetryPolicy(this);
        }

        private static Duration notNegative(Duration duration, String name) {
            Objects.requireNonNull(duration, name);
            if (duration.isNegative()) throw new IllegalArgumentException(name + " is negative: " + duration);
            return duration;
        }
    }
}
