package io.github.ccecontract.nodepool.stub.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The UTF-8 check on bytes (issue 10, item 4: no String of the body) agrees with the JDK's decoder. */
class JsonBodyParserTest {

    static boolean jdkAccepts(byte[] bytes) {
        try {
            StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    @Test
    void utf8CheckAgreesWithTheJdkDecoder() {
        Random random = new Random(10);
        byte[] interesting = {
            0x00,
            0x7f,
            (byte) 0x80,
            (byte) 0xbf,
            (byte) 0xc0,
            (byte) 0xc1,
            (byte) 0xc2,
            (byte) 0xdf,
            (byte) 0xe0,
            (byte) 0xa0,
            (byte) 0x9f,
            (byte) 0xed,
            (byte) 0xef,
            (byte) 0xf0,
            (byte) 0x90,
            (byte) 0x8f,
            (byte) 0xf4,
            (byte) 0xf5,
            (byte) 0xff,
            'a'
        };
        for (int i = 0; i < 200_000; i++) {
            byte[] bytes = new byte[1 + random.nextInt(6)];
            for (int k = 0; k < bytes.length; k++) {
                bytes[k] = random.nextBoolean()
                        ? interesting[random.nextInt(interesting.length)]
                        : (byte) random.nextInt();
            }
            assertEquals(
                    jdkAccepts(bytes),
                    JsonBodyParser.firstInvalidUtf8(bytes) < 0,
                    () -> java.util.HexFormat.of().formatHex(bytes));
        }
        assertEquals(-1, JsonBodyParser.firstInvalidUtf8("a\u00e9\u20ac\ud83d\ude00".getBytes(StandardCharsets.UTF_8)));
        assertEquals(1, JsonBodyParser.firstInvalidUtf8(new byte[] {'a', (byte) 0xed, (byte) 0xa0, (byte) 0x80}));
    }
}
