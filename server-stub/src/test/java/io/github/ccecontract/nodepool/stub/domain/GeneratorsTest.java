package io.github.ccecontract.nodepool.stub.domain;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class GeneratorsTest {

    private static final String UUID_FORM = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

    @Test
    void documentedUidHasTheFormTheGeneratorProduces() {
        assertTrue("feec6013-cd7e-11ea-8c7a-0255ac100be7".matches(UUID_FORM));
        assertTrue("99addaa2-69eb-11ea-a592-0255ac1001bb".matches(UUID_FORM));
    }

    @Test
    void uidsAreVersion4UuidsInTheDocumentedForm() {
        for (UidGenerator generator : new UidGenerator[] {new UidGenerator(), new UidGenerator(7)}) {
            String uid = generator.next();
            assertTrue(uid.matches(UUID_FORM), uid);
            assertEquals(4, UUID.fromString(uid).version());
            assertEquals(2, UUID.fromString(uid).variant());
        }
    }

    @Test
    void uidsAreDistinctAndSeededOnesReproducible() {
        UidGenerator generator = new UidGenerator();
        Set<String> uids = new HashSet<>();
        IntStream.range(0, 1000).forEach(i -> uids.add(generator.get()));
        assertEquals(1000, uids.size());
        assertEquals(new UidGenerator(42).next(), new UidGenerator(42).next());
    }

    @Test
    void publicKeyHasTheDocumentedShape() {
        String key = new PublicKeyGenerator().next();
        // The documented value: "ssh-rsa AAAAB3NzaC1yc2EAAAADAQA***d-by-Nova\n"
        assertTrue(key.startsWith("ssh-rsa AAAAB3NzaC1yc2EAAAADAQA"), key);
        assertTrue(key.endsWith(" stub-generated\n"), key);
        assertEquals(3, key.trim().split(" ").length);
    }

    @Test
    void publicKeyBlobIsAWellFormedRsaKey() {
        String base64 = new PublicKeyGenerator(1).next().split(" ")[1];
        ByteBuffer blob = ByteBuffer.wrap(Base64.getDecoder().decode(base64));
        assertEquals("ssh-rsa", new String(field(blob), StandardCharsets.US_ASCII));
        assertArrayEquals(new byte[] {1, 0, 1}, field(blob));
        byte[] modulus = field(blob);
        assertEquals(257, modulus.length);
        assertEquals(0, modulus[0]);
        assertTrue((modulus[1] & 0x80) != 0, "2048-bit modulus");
        assertEquals(0, blob.remaining());
    }

    @Test
    void publicKeysDifferAndSeededOnesAreReproducible() {
        PublicKeyGenerator generator = new PublicKeyGenerator();
        assertNotEquals(generator.next(), generator.get());
        assertEquals(new PublicKeyGenerator(5).next(), new PublicKeyGenerator(5).next());
    }

    private static byte[] field(ByteBuffer blob) {
        byte[] bytes = new byte[blob.getInt()];
        blob.get(bytes);
        return Arrays.copyOf(bytes, bytes.length);
    }
}
