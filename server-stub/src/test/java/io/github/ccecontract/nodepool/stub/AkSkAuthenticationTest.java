package io.github.ccecontract.nodepool.stub;

import static io.github.ccecontract.nodepool.stub.StubHttp.bytes;
import static io.github.ccecontract.nodepool.stub.StubHttp.example;
import static io.github.ccecontract.nodepool.stub.StubHttp.nodePoolsPath;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ccecontract.nodepool.contract.NodePoolContract.DocumentedExample;
import io.github.ccecontract.nodepool.contract.signing.SdkHmacSha256Signer;
import io.github.ccecontract.nodepool.stub.admin.JournalEntry;
import io.github.ccecontract.nodepool.stub.config.StubConfig;
import io.github.ccecontract.nodepool.stub.errors.CceErrors;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** AK/SK: requests signed with the client's signer are verified by the stub with the same code. */
class AkSkAuthenticationTest {

    static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");
    static final String AK = "TESTAK0123456789";
    static final String SK = "test-secret-key";
    static CceNodePoolStub stub;

    @BeforeAll
    static void start() {
        stub = CceNodePoolStub.builder()
                .config(StubConfig.builder().accessKey(AK, SK).build())
                .clock(Clock.fixed(NOW, ZoneOffset.UTC))
                .start();
    }

    @AfterAll
    static void stop() {
        stub.close();
    }

    @BeforeEach
    void reset() {
        stub.reset();
    }

    /** Signs with the client's signer at {@code signedAt} and sends (body may be changed after signing). */
    static StubHttp.Answer sendSigned(
            String ak, String sk, Instant signedAt, byte[] signedBody, byte[] sentBody, Map<String, String> extra) {
        URI uri = URI.create(stub.baseUrl() + nodePoolsPath("p1", "c1") + "?b=2&a=1");
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json");
        Map<String, String> added = new SdkHmacSha256Signer(ak, sk).sign("POST", uri, headers, signedBody, signedAt);
        HttpRequest.Builder request =
                HttpRequest.newBuilder(uri).POST(HttpRequest.BodyPublishers.ofByteArray(sentBody));
        headers.forEach(request::header);
        added.forEach((name, value) -> {
            if (!name.equals("Host")) { // java.net.http sends the same Host itself
                request.header(name, value);
            }
        });
        extra.forEach(request::header);
        return StubHttp.send(request.build());
    }

    static byte[] body() {
        return bytes(example(DocumentedExample.CCE_CLUSTER_REQUEST));
    }

    @Test
    void aValidSignatureIsAccepted() {
        StubHttp.Answer answer = sendSigned(AK, SK, NOW, body(), body(), Map.of());
        assertEquals(201, answer.status(), answer.text());
    }

    @Test
    void aSignatureWithTheWrongSecretIsRefused() {
        StubHttp.Answer answer = sendSigned(AK, "wrong-secret", NOW, body(), body(), Map.of());
        assertEquals(401, answer.status());
        assertEquals(CceErrors.UNAUTHORIZED, answer.errorCode());
        assertTrue(answer.json().path("errorMessage").asText().contains("canonical request"), answer.text());
        assertFalse(answer.text().contains(SK), "no secret in the answer");
    }

    @Test
    void aChangedBodyIsRefused() {
        byte[] sent = body();
        sent[sent.length - 2] = ' ';
        StubHttp.Answer answer = sendSigned(AK, SK, NOW, body(), sent, Map.of());
        assertEquals(401, answer.status(), answer.text());
    }

    @Test
    void anUnknownAccessKeyIsRefused() {
        StubHttp.Answer answer = sendSigned("OTHERAK", SK, NOW, body(), body(), Map.of());
        assertEquals(401, answer.status());
        assertTrue(answer.json().path("errorMessage").asText().contains("OTHERAK"));
    }

    @Test
    void aDateMoreThan15MinutesOffIsRefused() {
        assertEquals(
                401,
                sendSigned(AK, SK, NOW.minus(Duration.ofMinutes(16)), body(), body(), Map.of())
                        .status());
        assertEquals(
                401,
                sendSigned(AK, SK, NOW.plus(Duration.ofMinutes(16)), body(), body(), Map.of())
                        .status());
        assertEquals(
                201,
                sendSigned(AK, SK, NOW.minus(Duration.ofMinutes(14)), body(), body(), Map.of())
                        .status());
    }

    @Test
    void malformedAuthorizationIsRefused() {
        for (String authorization : new String[] {
            "Bearer x",
            "SDK-HMAC-SHA256 Access=AK",
            "SDK-HMAC-SHA256 garbage",
            "SDK-HMAC-SHA256 Access=" + AK + ", SignedHeaders=content-type;x-sdk-date, Signature=00"
        }) {
            StubHttp.Answer answer = StubHttp.send(
                    stub,
                    "POST",
                    nodePoolsPath("p1", "c1"),
                    body(),
                    Map.of(
                            "Content-Type",
                            "application/json",
                            "Authorization",
                            authorization,
                            "X-Sdk-Date",
                            SdkHmacSha256Signer.formatDate(NOW)));
            assertEquals(401, answer.status(), authorization + ": " + answer.text());
            StubHttp.assertCceShaped(answer);
        }
    }

    @Test
    void theJournalHidesTheSignatureAndTheToken() {
        sendSigned(AK, SK, NOW, body(), body(), Map.of());
        StubHttp.create(stub, "c1", example(DocumentedExample.CCE_CLUSTER_REQUEST));
        JournalEntry signed = stub.journal().get(0);
        String authorization = signed.header("Authorization");
        assertTrue(authorization.startsWith("SDK-HMAC-SHA256 Access=" + AK + ", SignedHeaders="), authorization);
        assertTrue(authorization.endsWith("Signature=[redacted]"), authorization);
        assertEquals("[redacted]", stub.journal().get(1).header("X-Auth-Token"));
        StubHttp.Answer admin = StubHttp.send(stub, "GET", "/__admin/requests", null, Map.of());
        assertFalse(admin.text().contains(StubHttp.TOKEN), "the token is not in the journal");
    }
}
