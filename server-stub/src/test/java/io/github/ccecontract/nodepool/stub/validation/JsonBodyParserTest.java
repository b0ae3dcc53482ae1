package io.github.ccecontract.nodepool.stub.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

    @Test
    void unpairedSurrogateEscapesAreRefusedWithTheirPointer() {
        String[][] cases = {
            {"{\"a\":\"x\\uD800\"}", "/a"},
            {"{\"a\":{\"b\":[\"ok\",\"\\udfff\"]}}", "/a/b/1"},
            {"{\"a~b\":{\"c\":\"\\uDbFf\"}}", "/a~0b/c"},
            {"{\"a/b\":\"\\uDC00\\uD800\"}", "/a~1b"},
        };
        for (String[] c : cases) {
            JsonBodyParser.MalformedBodyException e = assertThrows(
                    JsonBodyParser.MalformedBodyException.class,
                    () -> JsonBodyParser.parse(c[0].getBytes(StandardCharsets.UTF_8)),
                    c[0]);
            assertTrue(e.getMessage().contains("at '" + c[1] + "'"), c[0] + " -> " + e.getMessage());
        }
    }

    @Test
    void pairedSurrogatesAndEscapedBackslashesAreText() throws Exception {
        String[] bodies = {
            "{\"a\":\"\\uD83D\\uDE00\"}", // one astral character, escaped
            "{\"a\":\"\\\\uD800\"}", // a backslash, then the letters uD800
            "{\"\\ud83d\\ude00\":\"\ud83d\ude00\"}", // escaped in a name, raw UTF-8 in a value
        };
        for (String body : bodies) {
            assertEquals(
                    body.contains("\\\\") ? "\\uD800" : "\ud83d\ude00",
                    JsonBodyParser.parse(body.getBytes(StandardCharsets.UTF_8))
                            .properties()
                            .iterator()
                            .next()
                            .getValue()
                            .asText(),
                    body);
        }
    }

    @Test
    void onlyBodiesWithASurrogateLikeEscapeAreWalked() {
        assertTrue(JsonBodyParser.mayEscapeSurrogate("\\uD800".getBytes(StandardCharsets.UTF_8), 0));
        assertTrue(JsonBodyParser.mayEscapeSurrogate("x\\udfff".getBytes(StandardCharsets.UTF_8), 0));
        assertFalse(JsonBodyParser.mayEscapeSurrogate("\\uD7FF \\uE000 \\u0041".getBytes(StandardCharsets.UTF_8), 0));
        assertFalse(JsonBodyParser.mayEscapeSurrogate("\\uD".getBytes(StandardCharsets.UTF_8), 0));
    }
}
