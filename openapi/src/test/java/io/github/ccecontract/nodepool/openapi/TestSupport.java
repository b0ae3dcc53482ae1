package io.github.ccecontract.nodepool.openapi;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.dialect.Dialects;
import com.networknt.schema.path.NodePath;
import com.networknt.schema.path.PathType;
import io.github.ccecontract.nodepool.contract.NodePoolContract;
import io.github.ccecontract.nodepool.contract.NodePoolContract.DocumentedExample;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;
import java.util.stream.Collectors;

/** Shared helpers of the tests of the openapi module. */
final class TestSupport {

    /** Reference page, relative to the repository root. */
    static final String REFERENCE_PAGE = "reference/cce_02_0354-creating-a-node-pool.txt";

    /** The source document, relative to the repository root. */
    static final String SOURCE_DOCUMENT = "openapi/openapi.yaml";

    /** Folder of the example files, relative to the repository root. */
    static final String EXAMPLES_DIR = "openapi/examples";

    static final ObjectMapper JSON = JsonMapper.builder().build();
    static final ObjectMapper YAML = YAMLMapper.builder().build();

    /** networknt location of the bundled JSON document. */
    static final String BUNDLE_IRI = "classpath:" + NodePoolContract.OPENAPI_JSON;

    private static final Map<String, Schema> SCHEMAS = new ConcurrentHashMap<>();
    private static volatile JsonNode bundledDocument;
    private static volatile SchemaRegistry registry;

    private TestSupport() {}

    // ------------------------------------------------------------------------------ locations

    /**
     * The repository root: the system property {@code repo.root} if set, else the first folder upwards
     * from the working directory (Maven: the module's basedir) that holds {@value #SOURCE_DOCUMENT} and
     * {@value #REFERENCE_PAGE}.
     */
    static Path repoRoot() {
        String property = System.getProperty("repo.root");
        if (property != null && !property.isBlank()) {
            Path root = Paths.get(property).toAbsolutePath().normalize();
            if (!Files.isRegularFile(root.resolve(SOURCE_DOCUMENT))) {
                throw new IllegalStateException("System property repo.root=" + property + " does not point at the"
                        + " repository root: " + root.resolve(SOURCE_DOCUMENT) + " is missing");
            }
            return root;
        }
        Path start = Paths.get(System.getProperty("user.dir")).toAbsolutePath().normalize();
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve(SOURCE_DOCUMENT)) && Files.isRegularFile(dir.resolve(REFERENCE_PAGE))) {
                return dir;
            }
        }
        throw new IllegalStateException("Cannot find the repository root (a folder holding " + SOURCE_DOCUMENT + " and "
                + REFERENCE_PAGE + ") upwards from " + start + "; set -Drepo.root=...");
    }

    static Path sourceDocument() {
        return repoRoot().resolve(SOURCE_DOCUMENT);
    }

    static Path exampleFile(DocumentedExample example) {
        return repoRoot().resolve(EXAMPLES_DIR).resolve(example.fileName());
    }

    // ------------------------------------------------------------------------------ reading

    static JsonNode readJson(byte[] bytes, String what) {
        try {
            return JSON.readTree(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(what + " is not valid JSON: " + e.getMessage(), e);
        }
    }

    static JsonNode readYaml(Path file) {
        try {
            return YAML.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(file + " is not valid YAML: " + e.getMessage(), e);
        }
    }

    static JsonNode readYaml(InputStream in, String what) {
        try (in) {
            return YAML.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(what + " is not valid YAML: " + e.getMessage(), e);
        }
    }

    /** The bundled JSON document of the classpath ({@value NodePoolContract#OPENAPI_JSON}). */
    static JsonNode bundledDocument() {
        JsonNode doc = bundledDocument;
        if (doc == null) {
            try (InputStream in = NodePoolContract.openApiJson()) {
                doc = JSON.readTree(in);
            } catch (IOException e) {
                throw new UncheckedIOException(
                        NodePoolContract.OPENAPI_JSON + " is not valid JSON: " + e.getMessage(), e);
            }
            bundledDocument = doc;
        }
        return doc;
    }

    /** A documented example of the classpath, as a JSON tree (a fresh copy each time). */
    static ObjectNode exampleTree(DocumentedExample example) {
        JsonNode node = readJson(example.bytes(), example.resourcePath());
        if (!(node instanceof ObjectNode)) {
            throw new IllegalStateException(example.resourcePath() + " is not a JSON object");
        }
        return (ObjectNode) node;
    }

    // ------------------------------------------------------------------------------ JSON pointers

    /** Escapes one reference token (RFC 6901). */
    static String escape(String token) {
        return token.replace("~", "~0").replace("/", "~1");
    }

    /** Unescapes one reference token (RFC 6901). */
    static String unescape(String token) {
        return token.replace("~1", "/").replace("~0", "~");
    }

    /** The tokens of a JSON pointer ("" has none). */
    static List<String> tokens(String pointer) {
        if (pointer.isEmpty()) {
            return List.of();
        }
        if (!pointer.startsWith("/")) {
            throw new IllegalArgumentException(
                    "Not a JSON pointer (must be empty or start with '/'): '" + pointer + "'");
        }
        List<String> tokens = new ArrayList<>();
        for (String raw : pointer.substring(1).split("/", -1)) {
            tokens.add(unescape(raw));
        }
        return tokens;
    }

    static String pointer(List<String> tokens) {
        return tokens.stream().map(t -> "/" + escape(t)).collect(Collectors.joining());
    }

    static String child(String pointer, String token) {
        return pointer + "/" + escape(token);
    }

    static String parent(String pointer) {
        int slash = pointer.lastIndexOf('/');
        if (slash < 0) {
            throw new IllegalArgumentException("The root pointer has no parent");
        }
        return pointer.substring(0, slash);
    }

    /** The node at a JSON pointer, or a missing node. */
    static JsonNode at(JsonNode root, String pointer) {
        return root.at(JsonPointer.compile(pointer));
    }

    /** A networknt instance location as an RFC 6901 JSON pointer, built from its elements. */
    static String pointer(NodePath path) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < path.getNameCount(); i++) {
            sb.append('/').append(escape(String.valueOf(path.getElement(i))));
        }
        return sb.toString();
    }

    /**
     * Follows internal references ({@code $ref: '#/...'}) of a document node until a node without
     * {@code $ref}; fails on any other reference.
     */
    static JsonNode deref(JsonNode document, JsonNode node, String where) {
        JsonNode current = node;
        for (int hops = 0; current != null && current.has("$ref"); hops++) {
            String ref = current.get("$ref").asText();
            if (!ref.startsWith("#/")) {
                throw new IllegalStateException(where + ": $ref '" + ref + "' is not an internal reference");
            }
            if (hops > 20) {
                throw new IllegalStateException(where + ": $ref chain too long (circular?) at '" + ref + "'");
            }
            JsonNode target = at(document, ref.substring(1));
            if (target.isMissingNode()) {
                throw new IllegalStateException(where + ": $ref '" + ref + "' does not resolve");
            }
            current = target;
        }
        return current;
    }

    /** Calls the consumer with every (JSON pointer, node) of a tree, depth first, the root first. */
    static void walk(JsonNode node, String pointer, BiConsumer<String, JsonNode> consumer) {
        consumer.accept(pointer, node);
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                walk(field.getValue(), child(pointer, field.getKey()), consumer);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                walk(node.get(i), pointer + "/" + i, consumer);
            }
        }
    }

    // ------------------------------------------------------------------------------ validation

    /**
     * The networknt registry: OpenAPI 3.0 dialect (draft-04 based; knows nullable, discriminator,
     * readOnly/writeOnly, example, and ignores x- extensions), instance locations as JSON pointers.
     */
    static SchemaRegistry registry() {
        SchemaRegistry r = registry;
        if (r == null) {
            SchemaRegistryConfig config = SchemaRegistryConfig.builder()
                    .pathType(PathType.JSON_POINTER)
                    .build();
            r = SchemaRegistry.withDialect(Dialects.getOpenApi30(), builder -> builder.schemaRegistryConfig(config));
            registry = r;
        }
        return r;
    }

    /** The schema at a JSON pointer of the bundled document, for example /components/schemas/NodePool. */
    static Schema bundledSchema(String pointer) {
        return SCHEMAS.computeIfAbsent(pointer, p -> {
            // Percent-encode what a URI fragment cannot hold (path templates have braces).
            String fragment = p.replace("%", "%25")
                    .replace("{", "%7B")
                    .replace("}", "%7D")
                    .replace(" ", "%20");
            Schema schema = registry().getSchema(SchemaLocation.of(BUNDLE_IRI + "#" + fragment));
            schema.initializeValidators();
            return schema;
        });
    }

    /** The request schema NodePool of the bundled document. */
    static Schema requestSchema() {
        return bundledSchema("/components/schemas/" + NodePoolContract.REQUEST_SCHEMA);
    }

    static List<Error> validate(Schema schema, JsonNode instance) {
        return schema.validate(instance);
    }

    /** One line per error: instance pointer, keyword, message. */
    static String describe(List<Error> errors) {
        return errors.stream().map(TestSupport::describe).collect(Collectors.joining("\n  ", "  ", ""));
    }

    static String describe(Error error) {
        return "instance '" + pointer(error.getInstanceLocation()) + "' keyword '" + error.getKeyword() + "'"
                + (error.getProperty() != null ? " property '" + error.getProperty() + "'" : "")
                + ": " + error.getMessage() + " [schema " + error.getSchemaLocation() + "]";
    }
}
