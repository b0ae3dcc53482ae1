package io.github.ccecontract.nodepool.stub;

import static io.github.ccecontract.nodepool.stub.StubHttp.assertCceShaped;
import static io.github.ccecontract.nodepool.stub.StubHttp.send;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ccecontract.nodepool.contract.NodePoolContract;
import io.github.ccecontract.nodepool.stub.errors.CceErrors;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code GET /docs}: the reference page of the openapi jar ({@link NodePoolContract#OPENAPI_HTML}). */
class ReferencePageTest {

    static CceNodePoolStub stub;

    @BeforeAll
    static void start() {
        stub = CceNodePoolStub.builder().start();
    }

    @AfterAll
    static void stop() {
        stub.close();
    }

    @Test
    void servesTheReferencePage() {
        stub.reset();
        StubHttp.Answer page = send(stub, "GET", "/docs", null, Map.of());
        assertEquals(200, page.status(), page.text());
        assertEquals("text/html; charset=utf-8", page.header("Content-Type"));
        assertNotNull(page.header("X-Request-Id"));
        assertArrayEquals(
                NodePoolContract.openApiHtmlBytes(),
                page.text().getBytes(StandardCharsets.UTF_8),
                "the page of the openapi jar, as it is");
        assertTrue(
                page.text().contains(NodePoolContract.OPERATION_ID),
                "the page describes operation " + NodePoolContract.OPERATION_ID);
        assertFalse(
                Pattern.compile(
                                "<(script|link|img|iframe)\\b[^>]*\\b(src|href)\\s*=\\s*[\"']?(https?:)?//",
                                Pattern.CASE_INSENSITIVE)
                        .matcher(page.text())
                        .find(),
                "the page loads nothing from the network");
        assertTrue(stub.journal().isEmpty(), "the page is not a call of the operation: not journaled");
        assertEquals(0, stub.internalErrors());
    }

    @Test
    void headAnswersTheHeadersOnly() {
        StubHttp.Answer head = send(stub, "HEAD", "/docs", null, Map.of());
        assertEquals(200, head.status());
        assertEquals("text/html; charset=utf-8", head.header("Content-Type"));
        assertEquals("", head.text());
    }

    @Test
    void otherMethodsAre405LikeTheDocumentRoutes() {
        for (String method : new String[] {"POST", "PUT", "DELETE"}) {
            StubHttp.Answer answer = send(stub, method, "/docs", new byte[0], Map.of());
            assertEquals(405, answer.status(), method);
            assertEquals("GET, HEAD", answer.header("Allow"), method);
            assertCceShaped(answer);
            assertEquals(CceErrors.METHOD_NOT_ALLOWED, answer.errorCode(), method);
        }
        assertEquals(404, send(stub, "GET", "/docs/", null, Map.of()).status(), "only /docs itself");
    }
}
