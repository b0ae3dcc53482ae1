package io.github.ccecontract.nodepool.client.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ccecontract.nodepool.contract.signing.SdkHmacSha256Signer;
import io.github.ccecontract.nodepool.contract.signing.SignableRequest;
import io.github.ccecontract.nodepool.contract.signing.Signature;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.Headers;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okio.BufferedSink;
import okio.ByteString;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AkSkSigningInterceptorTest {
    private static final AkSkCredentials CREDENTIALS =
            new AkSkCredentials("EXAMPLEACCESSKEY0001", "example-secret-key-not-real");
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2024-01-02T03:04:05Z"), ZoneOffset.UTC);
    private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");
    private static final String BODY = "{\"kind\":\"NodePool\",\"metadata\":{\"name\":\"pool-1\"}}";

    private final MockWebServer server = new MockWebServer();

    @BeforeEach
    void startServer() throws IOException {
        server.start();
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    @Test
    void signsPostAsApplicationInterceptor() throws Exception {
        OkHttpClient client = new OkHttpClient.Builder()
                .addInterceptor(new AkSkSigningInterceptor(CREDENTIALS, CLOCK))
                .build();
        HttpUrl url = server.url("/api/v3/projects/p1/clusters/c1/nodepools?limit=2&q=a%20b");

        RecordedRequest recorded = execute(
                client,
                new Request.Builder()
                        .url(url)
                        .header("X-Project-Id", "p1")
                        .post(RequestBody.create(BODY, JSON))
                        .build());

        assertEquals("20240102T030405Z", recorded.getHeaders().get("X-Sdk-Date"));
        assertEquals(url.host() + ":" + url.port(), recorded.getHeaders().get("Host"));
        assertEquals("application/json; charset=utf-8", recorded.getHeaders().get("Content-Type"));
        Signature signature = Signature.parse(recorded.getHeaders().get("Authorization"));
        assertEquals("EXAMPLEACCESSKEY0001", signature.accessKey());
        assertEquals(List.of("content-type", "host", "x-project-id", "x-sdk-date"), signature.signedHeaders());
        assertEquals(BODY, recorded.getBody().utf8());

        SignableRequest received = received(recorded);
        assertTrue(SdkHmacSha256Signer.verify(received, CREDENTIALS.secretKey()));
        assertFalse(SdkHmacSha256Signer.verify(received, "another-secret"));
        // Independently recompute what the server should expect from the spec's building blocks.
        assertEquals(
                SdkHmacSha256Signer.signature(received, signature.signedHeaders(), CREDENTIALS.secretKey()),
                signature.signature());
    }

    @Test
    void signsGetWithoutBody() throws Exception {
        OkHttpClient client = new OkHttpClient.Builder()
                .addInterceptor(new AkSkSigningInterceptor(CREDENTIALS, CLOCK))
                .build();

        RecordedRequest recorded =
                execute(client, new Request.Builder().url(server.url("/")).build());

        assertEquals(
                List.of("host", "x-sdk-date"),
                Signature.parse(recorded.getHeaders().get("Authorization")).signedHeaders());
        assertTrue(SdkHmacSha256Signer.verify(received(recorded), CREDENTIALS.secretKey()));
    }

    @Test
    void signsAsNetworkInterceptorIncludingBridgeHeaders() throws Exception {
        OkHttpClient client = new OkHttpClient.Builder()
                .addNetworkInterceptor(new AkSkSigningInterceptor(CREDENTIALS, CLOCK))
                .build();

        RecordedRequest recorded = execute(
                client,
                new Request.Builder()
                        .url(server.url("/api/v3/x"))
                        .put(RequestBody.create(BODY, JSON))
                        .build());

        List<String> signed =
                Signature.parse(recorded.getHeaders().get("Authorization")).signedHeaders();
        assertTrue(
                signed.containsAll(List.of("accept-encoding", "content-type", "host", "user-agent", "x-sdk-date")),
                signed.toString());
        assertFalse(signed.contains("content-length"), signed.toString());
        assertFalse(signed.contains("connection"), signed.toString());
        assertTrue(SdkHmacSha256Signer.verify(received(recorded), CREDENTIALS.secretKey()));
    }

    @Test
    void replacesStaleAuthorizationAndSkipsMultiValuedHeaders() throws Exception {
        OkHttpClient client = new OkHttpClient.Builder()
                .addInterceptor(new AkSkSigningInterceptor(CREDENTIALS, CLOCK))
                .build();

        RecordedRequest recorded = execute(
                client,
                new Request.Builder()
                        .url(server.url("/v1"))
                        .header("Authorization", "Bearer stale")
                        .header("X-Sdk-Date", "19700101T000000Z")
                        .addHeader("Accept", "application/json")
                        .addHeader("Accept", "text/plain")
                        .build());

        assertEquals("20240102T030405Z", recorded.getHeaders().get("X-Sdk-Date"));
        assertEquals(1, recorded.getHeaders().values("Authorization").size());
        assertEquals(
                List.of("application/json", "text/plain"), recorded.getHeaders().values("Accept"));
        assertEquals(
                List.of("host", "x-sdk-date"),
                Signature.parse(recorded.getHeaders().get("Authorization")).signedHeaders());
        assertTrue(SdkHmacSha256Signer.verify(received(recorded), CREDENTIALS.secretKey()));
    }

    @Test
    void signsAndSendsTheExactBytesOfAOneShotBody() throws Exception {
        OkHttpClient client = new OkHttpClient.Builder()
                .addInterceptor(new AkSkSigningInterceptor(CREDENTIALS, CLOCK))
                .build();
        RequestBody oneShot = new RequestBody() {
            private boolean written;

            @Override
            public MediaType contentType() {
                return JSON;
            }

            @Override
            public boolean isOneShot() {
                return true;
            }

            @Override
            public void writeTo(BufferedSink sink) throws IOException {
                if (written) throw new IOException("written twice");
                written = true;
                sink.writeUtf8(BODY);
            }
        };

        RecordedRequest recorded = execute(
                client,
                new Request.Builder()
                        .url(server.url("/v1/nodepools"))
                        .post(oneShot)
                        .build());

        assertEquals(BODY, recorded.getBody().utf8());
        assertTrue(SdkHmacSha256Signer.verify(received(recorded), CREDENTIALS.secretKey()));
    }

    @Test
    void toStringDoesNotLeakTheSecret() {
        AkSkSigningInterceptor interceptor = new AkSkSigningInterceptor(CREDENTIALS, CLOCK);
        assertEquals(
                "AkSkSigningInterceptor{AkSkCredentials{accessKey=EXAMPLEACCESSKEY0001, secret=***}}",
                interceptor.toString());
        assertFalse(new SdkHmacSha256Signer(CREDENTIALS.accessKey(), CREDENTIALS.secretKey())
                .toString()
                .contains(CREDENTIALS.secretKey()));
    }

    private RecordedRequest execute(OkHttpClient client, Request request) throws Exception {
        server.enqueue(new MockResponse.Builder().code(200).build());
        try (Response response = client.newCall(request).execute()) {
            assertEquals(200, response.code());
        }
        return server.takeRequest();
    }

    /** What a server sees: the request target as sent, every single-valued header, the body. */
    private static SignableRequest received(RecordedRequest recorded) {
        String target = recorded.getTarget();
        int question = target.indexOf('?');
        Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        Headers all = recorded.getHeaders();
        for (String name : all.names()) {
            if (all.values(name).size() == 1) headers.put(name, all.get(name));
        }
        ByteString body = recorded.getBody();
        assertNull(recorded.getFailure());
        return new SignableRequest(
                recorded.getMethod(),
                question == -1 ? target : target.substring(0, question),
                question == -1 ? null : target.substring(question + 1),
                headers,
                body == null ? null : body.toByteArray());
    }
}
