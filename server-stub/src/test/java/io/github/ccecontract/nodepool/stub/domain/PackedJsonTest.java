package io.github.ccecontract.nodepool.stub.domain;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PackedJsonTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aCreatedCcePoolKeepsLessThanAThirdOfItsBytes() throws IOException {
        JsonNode request = resource("cce-nodepool/examples/cce-cluster-request.json");
        byte[] body = JSON.writeValueAsBytes(NodePoolFactory.build(
                request, new Placement("eu-de-01", 0), new UidGenerator(7).next(), new PublicKeyGenerator(7)));
        byte[] packed = PackedJson.pack(body);
        assertArrayEquals(body, PackedJson.unpack(packed));
        assertTrue(packed.length * 3 < body.length, packed.length + " of " + body.length + " bytes");
    }

    @Test
    void theDocumentedResponsesPackToAFewBytes() throws IOException {
        for (String name : new String[] {"cce-cluster-response.json", "cce-turbo-cluster-response.json"}) {
            byte[] body = JSON.writeValueAsBytes(resource("cce-nodepool/examples/" + name));
            byte[] packed = PackedJson.pack(body);
            assertArrayEquals(body, PackedJson.unpack(packed), name);
            assertTrue(packed.length <= 16, name + ": " + packed.length + " bytes");
        }
    }

    @Test
    void anyBytesComeBackAsTheyWere() {
        Random random = new Random(10);
        byte[] dictionaryLike =
                "{\"kind\":\"NodePool\",\"apiVersion\":\"v3\",\"spec\":{\"nodeTemplate\":{\"flavor\":\"s6.large.2\"}}}"
                        .getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < 20_000; i++) {
            byte[] bytes = new byte[random.nextInt(i < 100 ? 12 : 3000)];
            for (int k = 0; k < bytes.length; k++) {
                bytes[k] = random.nextInt(3) == 0
                        ? (byte) random.nextInt()
                        : dictionaryLike[(k + random.nextInt(2)) % dictionaryLike.length];
            }
            byte[] packed = PackedJson.pack(bytes);
            assertArrayEquals(bytes, PackedJson.unpack(packed), "case " + i);
            assertTrue(packed.length <= bytes.length + 10, "case " + i + ": " + packed.length);
        }
    }

    @Test
    void longRunsOfEitherKindRoundTrip() {
        byte[] random = new byte[300_000];
        new Random(3).nextBytes(random);
        assertArrayEquals(random, PackedJson.unpack(PackedJson.pack(random)));
        byte[] repeated = "\"status\":{\"phase\":\"\"}".repeat(10_000).getBytes(StandardCharsets.UTF_8);
        byte[] packed = PackedJson.pack(repeated);
        assertArrayEquals(repeated, PackedJson.unpack(packed));
        assertTrue(packed.length * 3 < repeated.length, packed.length + " bytes");
    }

    private static JsonNode resource(String path) throws IOException {
        try (InputStream in = PackedJsonTest.class.getClassLoader().getResourceAsStream(path)) {
            return JSON.readTree(in);
        }
    }
}
