package io.github.ccecontract.nodepool.openapi.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.dialect.Dialects;
import com.networknt.schema.path.NodePath;
import com.networknt.schema.path.PathType;
import io.github.ccecontract.nodepool.contract.NodePoolContract;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * The schemas of the bundled document compiled by networknt json-schema-validator, a validator this project did not
 * write: OpenAPI 3.0 dialect (draft-04 based; knows nullable, discriminator, readOnly/writeOnly, example, and ignores
 * x- extensions), instance locations as JSON pointers. Needs networknt on the test classpath (the openapi module's and
 * the conformance suite's tests have it; the client's do not, and use only {@link Contract} and {@link Json}).
 */
public final class Schemas {

    /** networknt location of the bundled JSON document. */
    public static final String BUNDLE_IRI = "classpath:" + NodePoolContract.OPENAPI_JSON;

    private static final Map<String, Schema> SCHEMAS = new ConcurrentHashMap<>();
    private static volatile SchemaRegistry registry;

    private Schemas() {}

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

    /** The compiled schema at a pointer of the bundled document, for example {@link Contract#REQUEST_SCHEMA}. */
    public static Schema schema(String pointer) {
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

    /** networknt's errors for an instance against the schema at a pointer of the bundled document. */
    public static List<Error> validate(String schemaPointer, JsonNode instance) {
        return schema(schemaPointer).validate(instance);
    }

    /** networknt's errors for an instance against a schema. */
    public static List<Error> validate(Schema schema, JsonNode instance) {
        return schema.validate(instance);
    }

    /** A networknt instance location as an RFC 6901 JSON pointer, built from its elements. */
    public static String pointer(NodePath path) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < path.getNameCount(); i++) {
            sb.append('/').append(Json.escape(String.valueOf(path.getElement(i))));
        }
        return sb.toString();
    }

    /** One line per error: instance pointer, keyword, message, schema location. */
    public static String describe(List<Error> errors) {
        if (errors.isEmpty()) {
            return "  (no errors)";
        }
        return errors.stream().map(Schemas::describe).collect(Collectors.joining("\n  ", "  ", ""));
    }

    /** One error: instance pointer, keyword, property, message, schema location. */
    public static String describe(Error error) {
        return "instance '" + pointer(error.getInstanceLocation()) + "' keyword '" + error.getKeyword() + "'"
                + (error.getProperty() != null ? " property '" + error.getProperty() + "'" : "")
                + ": " + error.getMessage() + " [schema " + error.getSchemaLocation() + "]";
    }
}
