package io.github.ccecontract.nodepool.stub.domain;

import java.util.Random;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * New {@code metadata.uid} values: UUIDs in the documented form, lower-case 8-4-4-4-12 hex.
 *
 * <p>The documented uids ({@code feec6013-cd7e-11ea-8c7a-0255ac100be7}) are time-based version 1
 * UUIDs; the stub issues random version 4 UUIDs, which have the same form and need neither a clock
 * nor a MAC address. Clients must treat the uid as opaque either way.
 */
public final class UidGenerator implements Supplier<String> {

    private final Random seeded; // null: UUID.randomUUID()

    /** Random UUIDs from the JDK's secure source. */
    public UidGenerator() {
        this.seeded = null;
    }

    /**
     * The same sequence of UUIDs for the same seed, for reproducible tests.
     *
     * @param seed the seed of the uid sequence
     */
    public UidGenerator(long seed) {
        this.seeded = new Random(seed);
    }

    /**
     * The next uid.
     *
     * @return a new random (version 4) UUID in its string form
     */
    public String next() {
        if (seeded == null) {
            return UUID.randomUUID().toString();
        }
        long most;
        long least;
        synchronized (seeded) { // both halves from one caller's draws
            most = seeded.nextLong();
            least = seeded.nextLong();
        }
        most = (most & ~0xF000L) | 0x4000L; // version 4
        least = (least & ~(0xC000L << 48)) | (0x8000L << 48); // IETF variant
        return new UUID(most, least).toString();
    }

    @Override
    public String get() {
        return next();
    }
}
