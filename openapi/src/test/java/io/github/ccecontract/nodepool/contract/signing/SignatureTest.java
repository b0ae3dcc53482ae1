package io.github.ccecontract.nodepool.contract.signing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class SignatureTest {
    private static final String HEADER = "SDK-HMAC-SHA256 Access=QTWAOYTTINDUT2QVKYUC, "
            + "SignedHeaders=content-type;host;x-sdk-date, "
            + "Signature=7be6668032f70418fcc22abc52071e57aff61b84a1d2381bb430d6870f4f6ebe";

    @Test
    void parseAndFormatRoundTrip() {
        Signature signature = Signature.parse(HEADER);
        assertEquals("QTWAOYTTINDUT2QVKYUC", signature.accessKey());
        assertEquals(List.of("content-type", "host", "x-sdk-date"), signature.signedHeaders());
        assertEquals("7be6668032f70418fcc22abc52071e57aff61b84a1d2381bb430d6870f4f6ebe", signature.signature());
        assertEquals(HEADER, signature.authorization());
    }

    @Test
    void parseToleratesSpacingAndFieldOrder() {
        Signature signature =
                Signature.parse("SDK-HMAC-SHA256 Signature=ab ,SignedHeaders=Host;X-Sdk-Date," + "Access=AK ");
        assertEquals(new Signature("AK", List.of("host", "x-sdk-date"), "ab"), signature);
    }

    @Test
    void parseRejectsOtherSchemesAndMissingFields() {
        assertThrows(IllegalArgumentException.class, () -> Signature.parse("Bearer abc"));
        assertThrows(IllegalArgumentException.class, () -> Signature.parse("SDK-HMAC-SHA256 Access=AK"));
        assertThrows(
                IllegalArgumentException.class,
                () -> Signature.parse("SDK-HMAC-SHA256 Access=AK, SignedHeaders=, Signature=ab"));
        assertThrows(
                IllegalArgumentException.class,
                () -> Signature.parse("SDK-HMAC-SHA256 Access=AK, SignedHeaders=host, junk"));
    }
}
