package io.github.ccecontract.nodepool.contract;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.ccecontract.nodepool.contract.NodePoolContract.DocumentedExample;
import io.github.ccecontract.nodepool.contract.model.NodePool;
import io.github.ccecontract.nodepool.contract.rules.Rule;
import io.github.ccecontract.nodepool.openapi.testing.Contract;
import java.io.InputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;

/** The bundled document as the validator, the rules and the stub read it, and the resources it comes from. */
class ContractDocumentTest {

    @Test
    void theBundledDocumentIsTheJsonBundleParsedOnce() throws Exception {
        ContractDocument document = ContractDocument.bundled();
        assertSame(document, ContractDocument.bundled());
        assertEquals(NodePoolContract.openApiJsonText(), document.jsonText());
        assertEquals(Contract.PLAIN_JSON.readTree(NodePoolContract.openApiJsonBytes()), document.root());
        // The JSON bundle and the YAML bundle are the same document.
        assertEquals(Contract.document(), document.root());
    }

    @Test
    void atReadsAPointerOfTheDocument() {
        ContractDocument document = ContractDocument.bundled();
        assertEquals("object", document.at("/components/schemas/NodePool/type").asText());
        assertSame(document.root().path("components"), document.at("/components"));
        assertSame(document.root(), document.at(""));
        assertTrue(document.at("/components/schemas/NoSuchSchema").isMissingNode());
    }

    @Test
    void rulesAreTheDocumentsXCceRulesInOrder() {
        List<Rule> rules = ContractDocument.bundled().rules();
        assertEquals(Contract.rules().stream().map(Rule::fromDocument).toList(), rules);
        assertEquals(Contract.rules().size(), rules.size());
        assertThrows(UnsupportedOperationException.class, () -> rules.add(rules.get(0)));
    }

    @Test
    void theBundleReadsAsStreamBytesAndText() throws Exception {
        byte[] json = NodePoolContract.openApiJsonBytes();
        try (InputStream in = NodePoolContract.openApiJson()) {
            assertArrayEquals(json, in.readAllBytes());
        }
        byte[] yaml = NodePoolContract.openApiYamlBytes();
        assertArrayEquals(NodePoolContract.openApiYamlText().getBytes(StandardCharsets.UTF_8), yaml);
        try (InputStream in = NodePoolContract.openApiYaml()) {
            assertArrayEquals(yaml, in.readAllBytes());
        }
        for (DocumentedExample example : DocumentedExample.values()) {
            try (InputStream in = example.openStream()) {
                assertArrayEquals(example.bytes(), in.readAllBytes(), example.name());
            }
            assertEquals(example.text(), new String(example.bytes(), StandardCharsets.UTF_8), example.name());
        }
    }

    private static <T> T withContextClassLoader(ClassLoader loader, Callable<T> task) throws Exception {
        Thread thread = Thread.currentThread();
        ClassLoader saved = thread.getContextClassLoader();
        thread.setContextClassLoader(loader);
        try {
            return task.call();
        } finally {
            thread.setContextClassLoader(saved);
        }
    }

    @Test
    void resourcesAreFoundWithoutTheContextClassLoaderToo() throws Exception {
        URL expected = NodePoolContract.openApiJsonUrl();
        assertEquals(expected, withContextClassLoader(null, NodePoolContract::openApiJsonUrl));
        try (URLClassLoader empty = new URLClassLoader(new URL[0], null)) {
            assertNull(empty.getResource(NodePoolContract.OPENAPI_JSON));
            assertEquals(expected, withContextClassLoader(empty, NodePoolContract::openApiJsonUrl));
        }
        IllegalStateException missing = assertThrows(
                IllegalStateException.class, () -> NodePoolContract.resource("cce-nodepool/no-such-file.json"));
        assertTrue(
                missing.getMessage()
                        .startsWith("Classpath resource 'cce-nodepool/no-such-file.json' of the CCE"
                                + " node pool contract is missing"),
                missing.getMessage());
    }

    @Test
    void aNewMapperIsNewAndConfiguredAsTheSharedOne() throws Exception {
        assertNotSame(CceJson.newObjectMapper(), CceJson.newObjectMapper());
        assertNotSame(CceJson.mapper(), CceJson.newObjectMapper());
        NodePool pool = CceJson.newObjectMapper().readValue("{\"kind\": \"NodePool\", \"unknown\": 1}", NodePool.class);
        assertNotNull(pool);
        JsonNode written = CceJson.newObjectMapper().valueToTree(pool);
        assertEquals(CceJson.mapper().valueToTree(pool), written);
        assertTrue(written.path("metadata").isMissingNode(), "null members are left out: " + written);
    }
}
