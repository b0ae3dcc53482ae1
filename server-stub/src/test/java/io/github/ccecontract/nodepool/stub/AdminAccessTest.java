package io.github.ccecontract.nodepool.stub;

import static io.github.ccecontract.nodepool.stub.StubHttp.assertCceShaped;
import static io.github.ccecontract.nodepool.stub.StubHttp.create;
import static io.github.ccecontract.nodepool.stub.StubHttp.example;
import static io.github.ccecontract.nodepool.stub.StubHttp.send;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ccecontract.nodepool.contract.NodePoolContract.DocumentedExample;
import io.github.ccecontract.nodepool.stub.config.ConfigException;
import io.github.ccecontract.nodepool.stub.config.ConfigLoader;
import io.github.ccecontract.nodepool.stub.config.StubConfig;
import io.github.ccecontract.nodepool.stub.errors.CceErrors;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Issue 10, item 5: off loopback the inspection API needs the admin token, or stays off. */
class AdminAccessTest {

    static final String ADMIN_TOKEN = "admin-0123456789abcdef";

    @Test
    void offLoopbackWithoutATokenTheAdminApiIsOff() {
        try (CceNodePoolStub stub = CceNodePoolStub.builder().host("0.0.0.0").start()) {
            assertEquals(
                    201,
                    create(stub, "c", example(DocumentedExample.CCE_CLUSTER_REQUEST))
                            .status());
            for (String[] call : new String[][] {
                {"GET", "/__admin/requests"},
                {"GET", "/__admin/nodepools"},
                {"POST", "/__admin/reset"},
                {"GET", "/__admin/nothing"}
            }) {
                StubHttp.Answer answer =
                        send(stub, call[0], call[1], call[0].equals("POST") ? new byte[0] : null, Map.of());
                assertEquals(403, answer.status(), call[1] + ": " + answer.text());
                assertCceShaped(answer);
                assertEquals(CceErrors.FORBIDDEN, answer.errorCode());
                assertTrue(answer.json().path("errorMessage").asText().contains("adminToken"), answer.text());
            }
            assertEquals(1, stub.nodePools().size(), "the refused reset forgot nothing");
            assertFalse(stub.journal().isEmpty());
            assertEquals(200, send(stub, "GET", "/openapi.yaml", null, Map.of()).status(), "the contract stays public");
        }
    }

    @Test
    void aConfiguredTokenIsAskedForOnEveryAddress() {
        for (String host : new String[] {"0.0.0.0", "127.0.0.1"}) {
            try (CceNodePoolStub stub = CceNodePoolStub.builder()
                    .host(host)
                    .config(StubConfig.builder().adminToken(ADMIN_TOKEN).build())
                    .start()) {
                for (Map<String, String> wrong : java.util.List.of(
                        Map.<String, String>of(),
                        Map.of("X-Admin-Token", "wrong"),
                        Map.of("Authorization", "Bearer wrong"),
                        Map.of("Authorization", ADMIN_TOKEN),
                        Map.of("X-Auth-Token", ADMIN_TOKEN))) {
                    StubHttp.Answer answer = send(stub, "GET", "/__admin/requests", null, wrong);
                    assertEquals(401, answer.status(), host + " " + wrong + ": " + answer.text());
                    assertCceShaped(answer);
                    assertEquals(CceErrors.UNAUTHORIZED, answer.errorCode());
                    assertFalse(answer.text().contains(ADMIN_TOKEN), answer.text());
                }
                assertEquals(
                        200,
                        send(stub, "GET", "/__admin/requests", null, Map.of("Authorization", "Bearer " + ADMIN_TOKEN))
                                .status());
                assertEquals(
                        200,
                        send(stub, "POST", "/__admin/reset", new byte[0], Map.of("X-Admin-Token", ADMIN_TOKEN))
                                .status());
                assertEquals(
                        200,
                        send(stub, "GET", "/__admin/nodepools", null, Map.of("authorization", "bearer " + ADMIN_TOKEN))
                                .status());
            }
        }
    }

    @Test
    void onLoopbackWithoutATokenTheAdminApiAnswers() {
        try (CceNodePoolStub stub = CceNodePoolStub.builder().start()) {
            assertEquals(
                    200, send(stub, "GET", "/__admin/requests", null, Map.of()).status());
        }
    }

    @Test
    void adminTokenInTheConfigFile() {
        assertEquals(
                ADMIN_TOKEN,
                ConfigLoader.parse("adminToken: " + ADMIN_TOKEN, false, "t.yaml")
                        .adminToken());
        assertThrows(ConfigException.class, () -> ConfigLoader.parse("adminToken: 'a b'", false, "t.yaml"));
        assertThrows(ConfigException.class, () -> ConfigLoader.parse("adminToken: ''", false, "t.yaml"));
        assertFalse(
                StubConfig.builder().adminToken(ADMIN_TOKEN).build().toString().contains(ADMIN_TOKEN));
    }
}
