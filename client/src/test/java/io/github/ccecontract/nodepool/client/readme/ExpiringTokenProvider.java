package io.github.ccecontract.nodepool.client.readme;

import io.github.ccecontract.nodepool.client.auth.Credentials;
import io.github.ccecontract.nodepool.client.auth.CredentialsProvider;
import io.github.ccecontract.nodepool.client.auth.TokenCredentials;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * An IAM token that expires (after 24 hours): fetched again five minutes before it does, and when
 * the service answers 401. Install it with {@code CceNodePoolClient.builder().credentialsProvider(...)}.
 */
public final class ExpiringTokenProvider implements CredentialsProvider {

    /** A token and the time it expires, as IAM issues them ({@code X-Subject-Token}, {@code expires_at}). */
    public record IamToken(String value, Instant expiresAt) {}

    private final Supplier<IamToken> iam;
    private final Clock clock;
    private IamToken current;

    /** A provider that gets its tokens from {@code iam}, for example a call of IAM's {@code POST /v3/auth/tokens}. */
    public ExpiringTokenProvider(Supplier<IamToken> iam, Clock clock) {
        this.iam = Objects.requireNonNull(iam, "iam");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public synchronized Credentials resolveCredentials() {
        if (current == null || clock.instant().isAfter(current.expiresAt().minus(Duration.ofMinutes(5)))) {
            current = iam.get();
        }
        return new TokenCredentials(current.value());
    }

    @Override
    public synchronized boolean refresh(Credentials rejected) {
        current = null; // revoked or expired early: fetch a new one
        return true; // worth one more attempt
    }

    @Override
    public String toString() {
        return "ExpiringTokenProvider"; // never the token
    }
}
