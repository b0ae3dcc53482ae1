package io.github.ccecontract.nodepool.conformance.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * The contract as the suite reads it: the bundled document of the openapi jar (classpath
 * {@value NodePoolContract#OPENAPI_JSON}), its schemas compiled by networknt json-schema-validator (OpenAPI 3.0
 * dialect, instance locations as JSON pointers, as the openapi module's own tests do), the documented examples and
 * the rule ids of {@code x-cce-rules}.
 */
public final class Contract {

    /** networknt location of the bundled JSON document. */
    public static final String BUNDLE_IRI = "classpath:" + NodePoolContract.OPENAPI_JSON;

    /** Pointer of the request schema. */
    public static final String REQUEST_SCHEMA = "/components/schemas/" + NodePoolContract.REQUEST_SCHEMA;

    /** Pointer of the 201 response schema. */
    public static final String RESPONSE_SCHEMA = "/components/schemas/" + NodePoolContract.RESPONSE_SCHEMA;

    /** Pointer of the error schema. */
    public static final String ERROR_SCHEMA = "/components/schemas/" + NodePoolContract.ERROR_SCHEMA;

    private static final Map<String, Schema> SCHEMAS = new ConcurrentHashMap<>();
    private static volatile JsonNode document;
    private static volatile SchemaRegistry registry;

    private Contract() {}

    /** The bundled document (one shared tree: do not modify it). */
    public static JsonNode document() {
        JsonNode doc = document;
        if (doc == null) {
            try (InputStream in = NodePoolContract.openApiJson()) {
                doc = Json.JSON.readTree(in);
            } catch (IOException e) {
                throw new UncheckedIOException(
                        NodePoolContract.OPENAPI_JSON + " is not valid JSON: " + e.getMessage(), e);
            }
            document = doc;
        }
        return doc;
    }

    /** The node at a pointer of the document; fails if there is none. */
    public static JsonNode at(String pointer) {
        JsonNode node = Json.at(document(), pointer);
        if (node.isMissingNode()) {
            throw new IllegalStateException(NodePoolContract.OPENAPI_JSON + ": nothing at " + pointer);
        }
        return node;
    }

    /**
     * Follows internal references ({@code $ref: '#/...'}) until a node without {@code $ref}; fails on any other
     * reference.
     */
    public static JsonNode deref(JsonNode node) {
        JsonNode current = node;
        for (int hops = 0; current != null && current.has("$ref"); hops++) {
            String ref = current.get("$ref").asText();
            if (!ref.startsWith("#/") || hops > 20) {
                throw new IllegalStateException(
                        NodePoolContract.OPENAPI_JSON + ": unsupported or circular $ref '" + ref + "'");
            }
            current = at(ref.substring(1));
        }
        return current;
    }

    /**
     * Document pointers of the schema keywords that state a rule of x-cce-rules as well (the rules'
     * {@code schemaKeywords}, e.g. {@code /components/schemas/Login/not}): the rule's cases and hooks cover them.
     */
    public static java.util.Set<String> ruleStatedKeywords() {
        java.util.Set<String> stated = ruleStated;
        if (stated == null) {
            java.util.Set<String> out = new java.util.TreeSet<>();
            for (JsonNode rule : document().path(NodePoolContract.RULES_EXTENSION)) {
                rule.path("schemaKeywords").forEach(k -> out.add(k.asText()));
            }
            stated = java.util.Set.copyOf(out);
            ruleStated = stated;
        }
        return stated;
    }

    private static volatile java.util.Set<String> ruleStated;

    /** The ids of x-cce-rules, in document order. */
    public static List<String> ruleIds() {
        List<String> ids = new ArrayList<>();
        for (JsonNode rule : document().path(NodePoolContract.RULES_EXTENSION)) {
            ids.add(rule.path("id").asText());
        }
        return ids;
    }

    /** A documented example as a fresh JSON tree. */
    public static ObjectNode example(DocumentedExample example) {
        return (ObjectNode) Json.parse(example.text(), example.resourcePath());
    }

    /**
     * Writes the bundled document (examples inlined, so it stands alone) to a file in a folder, for tools that read
     * files (Prism).
     *
     * @param yaml the YAML form if true, else the JSON form
     */
    public static Path extractBundledDocument(Path directory, boolean yaml) {
        String resource = yaml ? NodePoolContract.OPENAPI_YAML : NodePoolContract.OPENAPI_JSON;
        Path target = directory.resolve(yaml ? "openapi.yaml" : "openapi.json");
        try (InputStream in = NodePoolContract.resource(resource).openStream()) {
            Files.createDirectories(directory);
            Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + resource + " to " + target, e);
        }
        return target;
    }

    /**
     * The bundled document (JSON) as Prism can check its security: Prism fails every HTTP scheme other than basic,
     * bearer and digest ("We currently do not support this type of security scheme: http/SDK-HMAC-SHA256"), so the
     * AK/SK scheme {@code akskSignature} is presented to it as what Prism can check, the presence of the
     * Authorization header ({@code apiKey} in header). The signature itself is the stub's to verify. Everything else
     * is the bundled document unchanged.
     */
    public static Path extractBundledDocumentForPrism(Path directory) {
        Path target = extractBundledDocument(directory, false);
        try {
            ObjectNode doc = (ObjectNode) Json.JSON.readTree(target.toFile());
            ObjectNode schemes = (ObjectNode) doc.path("components").path("securitySchemes");
            ObjectNode aksk = schemes.putObject("akskSignature");
            aksk.put("type", "apiKey")
                    .put("in", "header")
                    .put("name", "Authorization")
                    .put("description", "AK/SK signature (SDK-HMAC-SHA256), as Prism can check it: present.");
            Json.JSON.writeValue(target.toFile(), doc);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot rewrite " + target + " for Prism", e);
        }
        return target;
    }

    // ------------------------------------------------------------------------------ validation

    /** The networknt registry: OpenAPI 3.0 dialect, instance locations as JSON pointers. */
    public static SchemaRegistry registry() {
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

    /** The compiled schema at a pointer of the bundled document, for example {@link #REQUEST_SCHEMA}. */
    public static Schema schema(String pointer) {
        return SCHEMAS.computeIfAbsent(pointer, p -> {
            String fragment = p.replace("%", "%25")
                    .replace("{", "%7B")
                    .replace("}", "%7D")
                    .replace(" ", "%20");
            Schema schema = registry().getSchema(SchemaLocation.of(BUNDLE_IRI + "#" + fragment));
            schema.initializeValidators();
            return schema;
        });
    }

    /** networknt's errors for an instance against the schema at a pointer. */
    public static List<Error> validate(String schemaPointer, JsonNode instance) {
        return schema(schemaPointer).validate(instance);
    }

    /** A networknt instance location as an RFC 6901 JSON pointer. */
    public static String pointer(NodePath path) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < path.getNameCount(); i++) {
            sb.append('/').append(Json.escape(String.valueOf(path.getElement(i))));
        }
        return sb.toString();
    }

    /** One line per error: instance pointer, keyword, message. */
    public static String describe(List<Error> errors) {
        if (errors.isEmpty()) {
            return "  (no errors)";
        }
        return errors.stream().map(Contract::describe).collect(Collectors.joining("\n  ", "  ", ""));
    }

    /** One error: instance pointer, keyword, property, message. */
    public static String describe(Error error) {
        return "instance '" + pointer(error.getInstanceLocation()) + "' keyword '" + error.getKeyword() + "'"
                + (error.getProperty() != null ? " property '" + error.getProperty() + "'" : "")
                + ": " + error.getMessage();
    }
}
