package io.github.ccecontract.nodepool.stub.domain;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Random;
import java.util.function.Supplier;

/**
 * The {@code extendParam.publicKey} CCE returns for a vm pool (CCE response:
 * {@code "ssh-rsa AAAAB3NzaC1yc2EAAAADAQA***d-by-Nova\n"}, the page masking the middle).
 *
 * <p>A fake with the real shape: an OpenSSH line {@code ssh-rsa <base64> stub-generated\n} whose
 * base64 part is a well-formed RSA public key blob (key type, exponent 65537, a 2048-bit modulus).
 * The modulus is random bytes, not a product of primes: no private key exists and no cryptography
 * is done. The comment {@code stub-generated} takes the place of the documented
 * {@code Generated-by-Nova} so that a stub key is recognisable.
 */
public final class PublicKeyGenerator implements Supplier<String> {

    /** Comment at the end of every generated key. */
    public static final String COMMENT = "stub-generated";

    private static final byte[] KEY_TYPE = "ssh-rsa".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] EXPONENT_65537 = {0x01, 0x00, 0x01};
    private static final int MODULUS_BYTES = 256;

    private final Random random;

    /** Different keys on every run. */
    public PublicKeyGenerator() {
        this(new Random());
    }

    /**
     * The same sequence of keys for the same seed, for reproducible tests.
     *
     * @param seed the seed of the key sequence
     */
    public PublicKeyGenerator(long seed) {
        this(new Random(seed));
    }

    private PublicKeyGenerator(Random random) {
        this.random = random;
    }

    /**
     * The next key line, ending with a newline as the documented one does.
     *
     * @return a new {@code ssh-rsa} public key line (2048-bit modulus), ending with a newline
     */
    public String next() {
        byte[] modulus = new byte[MODULUS_BYTES + 1]; // leading 0: the mpint stays positive
        byte[] draw = new byte[MODULUS_BYTES];
        random.nextBytes(draw);
        draw[0] |= (byte) 0x80; // full 2048 bits
        System.arraycopy(draw, 0, modulus, 1, MODULUS_BYTES);

        ByteArrayOutputStream blob = new ByteArrayOutputStream();
        writeField(blob, KEY_TYPE);
        writeField(blob, EXPONENT_65537);
        writeField(blob, modulus);
        return "ssh-rsa " + Base64.getEncoder().encodeToString(blob.toByteArray()) + " " + COMMENT + "\n";
    }

    /** An SSH wire-format string: 4-byte big-endian length, then the bytes. */
    private static void writeField(ByteArrayOutputStream out, byte[] bytes) {
        int length = bytes.length;
        out.write(length >>> 24);
        out.write(length >>> 16);
        out.write(length >>> 8);
        out.write(length);
        out.write(bytes, 0, length);
    }

    @Override
    public String get() {
        return next();
    }
}
