package io.github.ccecontract.nodepool.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ccecontract.nodepool.client.auth.AkSkCredentials;
import io.github.ccecontract.nodepool.client.auth.AkSkSigningInterceptor;
import io.github.ccecontract.nodepool.client.auth.AuthenticationInterceptor;
import io.github.ccecontract.nodepool.client.auth.CredentialsProvider;
import io.github.ccecontract.nodepool.client.auth.TemporaryAkSkCredentials;
import io.github.ccecontract.nodepool.client.auth.TokenAuthInterceptor;
import io.github.ccecontract.nodepool.client.auth.TokenCredentials;
import io.github.ccecontract.nodepool.contract.NodePoolContract.DocumentedExample;
import io.github.ccecontract.nodepool.contract.model.Login;
import io.github.ccecontract.nodepool.contract.model.NodePool;
import io.github.ccecontract.nodepool.contract.signing.Signature;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.Test;

/** The token, the secret key and the signature appear in no toString(), exception message or log record. */
class SecretsTest {
    private static final String TOKEN = CceNodePoolClientTest.TOKEN;
    private static final AkSkCredentials AK_SK = CceNodePoolClientTest.AK_SK;
    private static final TemporaryAkSkCredentials TEMPORARY = new TemporaryAkSkCredentials(
            "TEMPORARYACCESSKEY01", "temporary-secret-key-not-real", "security-token-not-real");

    @Test
    void toStringsShowNoSecret() {
        TokenCredentials token = new TokenCredentials(TOKEN);
        List<Object> objects = List.of(
                token,
                AK_SK,
                new TokenAuthInterceptor(token),
                new AkSkSigningInterceptor(AK_SK),
                CceNodePoolClient.builder()
                        .endpoint("https://cce.eu-de.otc.t-systems.com")
                        .projectId("p")
                        .credentials(token)
                        .build(),
                CceNodePoolClient.builder()
                        .endpoint("https://cce.eu-de.otc.t-systems.com")
                        .projectId("p")
                        .credentials(AK_SK)
                        .build(),
                TEMPORARY,
                CredentialsProvider.of(TEMPORARY),
                new AuthenticationInterceptor(CredentialsProvider.of(TEMPORARY), Clock.systemUTC()),
                CceNodePoolClient.builder()
                        .endpoint("https://cce.eu-de.otc.t-systems.com")
                        .projectId("p")
                        .credentials(TEMPORARY)
                        .build());
        for (Object o : objects) {
            assertNoSecret(
                    o.toString(),
                    List.of(TOKEN, AK_SK.secretKey(), TEMPORARY.secretKey(), TEMPORARY.securityToken()),
                    o.getClass().getSimpleName());
        }
        assertEquals(
                "TemporaryAkSkCredentials{accessKey=TEMPORARYACCESSKEY01, secret=***, securityToken=***}",
                TEMPORARY.toString());
        assertEquals("TokenCredentials{token=***}", token.toString());
        Signature signature = new Signature("AK", List.of("host", "x-sdk-date"), "0123456789abcdef");
        assertEquals("Signature{accessKey=AK, signedHeaders=[host, x-sdk-date], signature=***}", signature.toString());
        assertTrue(signature.authorization().contains("0123456789abcdef"), "the header value itself has it");
    }

    /** Every failure of a token and of a signed call: messages, toString and logs. */
    @Test
    void failuresShowNoSecret() throws Exception {
        List<String> logged = new ArrayList<>();
        Handler handler = new Handler() {
            @Override
            public void publish(LogRecord record) {
                logged.add(record.getLoggerName() + " " + record.getMessage() + " " + record.getThrown());
            }

            @Override
            public void flush() {}

            @Override
            public void close() {}
        };
        Logger root = Logger.getLogger("");
        Level level = root.getLevel();
        root.addHandler(handler);
        root.setLevel(Level.ALL);
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        PrintStream capture = new PrintStream(console, true, StandardCharsets.UTF_8);
        List<String> texts = new ArrayList<>();
        List<String> signatures = new ArrayList<>();
        System.setOut(capture);
        System.setErr(capture);
        try (MockWebServer server = new MockWebServer()) {
            server.start();
            NodePool pool = CceNodePoolClientTest.documentedRequest(DocumentedExample.CCE_CLUSTER_REQUEST);
            pool.getSpec().getNodeTemplate().setLogin(new Login().userPassword("Node-Passw0rd!"));
            for (var credentials : List.of(new TokenCredentials(TOKEN), AK_SK, TEMPORARY)) {
                try (CceNodePoolClient client = CceNodePoolClient.builder()
                        .endpoint(server.url("/").toString())
                        .projectId("p")
                        .credentials(credentials)
                        .build()) {
                    server.enqueue(new MockResponse.Builder()
                            .code(401)
                            .body("{\"error_code\":\"APIG.1002\","
                                    + "\"error_msg\":\"Incorrect token or token resolution failed\"}")
                            .build());
                    server.enqueue(new MockResponse.Builder()
                            .code(403)
                            .body("<html>Forbidden</html>")
                            .build());
                    server.enqueue(new MockResponse.Builder()
                            .code(201)
                            .body("not json")
                            .build());
                    for (int i = 0; i < 3; i++) {
                        CceException e = assertThrows(CceException.class, () -> client.createNodePool("c1", pool));
                        texts.add(e.toString());
                        String authorization = server.takeRequest().getHeaders().get("Authorization");
                        if (authorization != null)
                            signatures.add(Signature.parse(authorization).signature());
                    }
                    ExecutionException async = assertThrows(ExecutionException.class, () -> {
                        server.enqueue(
                                new MockResponse.Builder().code(401).body("{}").build());
                        client.createNodePoolAsync("c1", pool).get(10, TimeUnit.SECONDS);
                    });
                    texts.add(async.getCause().toString());
                    String authorization = server.takeRequest().getHeaders().get("Authorization");
                    if (authorization != null)
                        signatures.add(Signature.parse(authorization).signature());
                }
            }
            // Client-side validation: the password is not repeated either.
            pool.getMetadata().setName("Node-Passw0rd!");
            try (CceNodePoolClient client = CceNodePoolClient.builder()
                    .endpoint(server.url("/").toString())
                    .projectId("p")
                    .credentials(AK_SK)
                    .validateBeforeSend(true)
                    .build()) {
                texts.add(assertThrows(CceValidationException.class, () -> client.createNodePool("c1", pool))
                        .toString());
            }
            server.close();
            try (CceNodePoolClient client = CceNodePoolClient.builder()
                    .endpoint(server.url("/").toString())
                    .projectId("p")
                    .credentials(AK_SK)
                    .build()) {
                texts.add(assertThrows(CceClientException.class, () -> client.createNodePool("c1", pool))
                        .toString());
            }
        } finally {
            System.setOut(out);
            System.setErr(err);
            root.removeHandler(handler);
            root.setLevel(level);
        }
        assertEquals(8, signatures.size(), "the AK/SK calls were signed");
        List<String> secrets = new ArrayList<>(
                List.of(TOKEN, AK_SK.secretKey(), "Node-Passw0rd!", TEMPORARY.secretKey(), TEMPORARY.securityToken()));
        secrets.addAll(signatures);
        for (String text : texts) assertNoSecret(text, secrets, "exception");
        for (String record : logged) assertNoSecret(record, secrets, "log record");
        assertNoSecret(console.toString(StandardCharsets.UTF_8), secrets, "console");
        assertEquals(14, texts.size());
    }

    private static void assertNoSecret(String text, List<String> secrets, String where) {
        for (String secret : secrets) {
            assertFalse(text.contains(secret), where + " shows a secret: " + text);
        }
    }
}
