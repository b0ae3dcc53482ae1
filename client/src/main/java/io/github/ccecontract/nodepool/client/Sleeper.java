package io.github.ccecontract.nodepool.client;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Waits between two attempts of a call. The client's default is {@link #system()}; tests inject one
 * that advances a fake clock instead of waiting.
 */
@FunctionalInterface
public interface Sleeper {

    /**
     * Waits for {@code duration}.
     *
     * @param duration how long to wait; never negative
     * @throws InterruptedException if the waiting thread is interrupted (the call then fails)
     */
    void sleep(Duration duration) throws InterruptedException;

    /** {@return a sleeper that blocks the calling thread} */
    static Sleeper system() {
        return duration -> TimeUnit.NANOSECONDS.sleep(duration.toNanos());
    }
}
