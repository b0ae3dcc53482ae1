package io.github.ccecontract.nodepool.client.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.ccecontract.nodepool.contract.signing.SdkHmacSha256Signer;
import io.github.ccecontract.nodepool.contract.signing.SignableRequest;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AkSkCredentialsTest {
    private static final String SECRET = "MFyfvK41ba2giqM7Uio6PznpdUKGpownRZlmVmHc";

    @Test
    void toStringShowsAccessKeyButNeverTheSecret() {
        AkSkCredentials credentials = new AkSkCredentials("QTWAOYTTINDUT2QVKYUC", SECRET);
        assertEquals("AkSkCredentials{accessKey=QTWAOYTTINDUT2QVKYUC, secret=***}", credentials.toString());
        // Nor through anything that embeds the credentials.
        assertFalse(String.valueOf(Map.of("credentials", credentials)).contains(SECRET));
        assertFalse(new SdkHmacSha256Signer(credentials.accessKey(), credentials.secretKey())
                .toString()
                .contains(SECRET));
    }

    @Test
    void rejectsUnusableKeys() {
        assertThrows(NullPointerException.class, () -> new AkSkCredentials(null, SECRET));
        assertThrows(NullPointerException.class, () -> new AkSkCredentials("AK", null));
        assertThrows(IllegalArgumentException.class, () -> new AkSkCredentials(" ", SECRET));
        assertThrows(IllegalArgumentException.class, () -> new AkSkCredentials("AK", ""));
        // Would corrupt the Authorization header.
        assertThrows(IllegalArgumentException.class, () -> new AkSkCredentials("A, Signature=x", SECRET));
    }

    @Test
    void exceptionMessagesDoNotLeakTheSecret() {
        AkSkCredentials credentials = new AkSkCredentials("AK", SECRET);
        SignableRequest undated = new SignableRequest("GET", "/", null, Map.of("Host", "h"), null);
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> new SdkHmacSha256Signer(credentials.accessKey(), credentials.secretKey()).sign(undated));
        assertFalse(String.valueOf(e.getMessage()).contains(SECRET));
    }
}
