package io.github.ccecontract.nodepool.openapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ccecontract.nodepool.contract.NodePoolContract;
import io.github.ccecontract.nodepool.openapi.testing.Json;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.util.List;
import org.junit.jupiter.api.Test;

/** swagger-parser (io.swagger.v3.parser.OpenAPIV3Parser) reads the documents without a single message. */
class SwaggerParserTest {

    private static ParseOptions resolveOptions() {
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        return options;
    }

    private static OpenAPI parseWithoutMessages(String location, String what) {
        SwaggerParseResult result = new OpenAPIV3Parser().readLocation(location, null, resolveOptions());
        List<String> messages = result.getMessages();
        assertTrue(
                messages == null || messages.isEmpty(),
                what + " (" + location + "): rule 'swagger-parser reports"
                        + " no messages', got " + (messages == null ? 0 : messages.size()) + ":\n  "
                        + String.join("\n  ", messages == null ? List.of() : messages));
        assertNotNull(result.getOpenAPI(), what + ": swagger-parser returned no document");
        return result.getOpenAPI();
    }

    private static void assertShape(OpenAPI api, String what) {
        assertEquals("3.0.3", api.getOpenapi(), what + ": field 'openapi'");
        PathItem item = api.getPaths() == null ? null : api.getPaths().get(NodePoolContract.PATH);
        assertNotNull(item, what + ": /paths/" + Json.escape(NodePoolContract.PATH) + " is missing");
        Operation post = item.getPost();
        assertNotNull(post, what + ": the path has no post operation");
        assertEquals(NodePoolContract.OPERATION_ID, post.getOperationId(), what + ": operationId of the post");
        assertEquals(List.of("NodePool"), post.getTags(), what + ": tags of the post");
        assertNotNull(
                api.getComponents().getSchemas().get(NodePoolContract.REQUEST_SCHEMA),
                what + ": /components/schemas/" + NodePoolContract.REQUEST_SCHEMA + " is missing");
        assertNotNull(
                api.getComponents().getSchemas().get(NodePoolContract.RESPONSE_SCHEMA),
                what + ": /components/schemas/" + NodePoolContract.RESPONSE_SCHEMA + " is missing");
    }

    @Test
    void bundledYamlParsesWithoutMessages() {
        String location = NodePoolContract.openApiYamlUrl().toString();
        assertShape(
                parseWithoutMessages(location, NodePoolContract.OPENAPI_YAML + " (bundled, classpath)"),
                NodePoolContract.OPENAPI_YAML);
    }

    @Test
    void bundledJsonParsesWithoutMessages() {
        String location = NodePoolContract.openApiJsonUrl().toString();
        assertShape(
                parseWithoutMessages(location, NodePoolContract.OPENAPI_JSON + " (bundled, classpath)"),
                NodePoolContract.OPENAPI_JSON);
    }

    @Test
    void sourceDocumentParsesWithoutMessages() {
        String location = TestSupport.sourceDocument().toAbsolutePath().toString();
        assertShape(
                parseWithoutMessages(location, TestSupport.SOURCE_DOCUMENT + " (source)"), TestSupport.SOURCE_DOCUMENT);
    }

    /** The check can fail: a document with a response lacking its description gives a message. */
    @Test
    void parserReportsABrokenDocument() {
        String broken = "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths:\n  /x:\n    get:\n"
                + "      responses:\n        '200': {}\n";
        SwaggerParseResult result = new OpenAPIV3Parser().readContents(broken, null, resolveOptions());
        assertTrue(
                result.getMessages() != null && !result.getMessages().isEmpty(),
                "swagger-parser reported nothing for a response without description");
    }
}
