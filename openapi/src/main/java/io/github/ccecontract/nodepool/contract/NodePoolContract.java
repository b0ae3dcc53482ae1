package io.github.ccecontract.nodepool.contract;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * Where the CCE "Create Node Pool" contract lives on the classpath of this module's jar.
 *
 * <p>The jar holds the bundled, single-file OpenAPI 3.0.3 document (examples inlined, internal
 * {@code #/components/...} references kept) as YAML and JSON, and the four examples printed on the
 * reference page, verbatim, and the document rendered as a reference page (HTML). Every accessor fails with an {@link IllegalStateException} naming the
 * resource when it is not on the classpath.
 *
 * <p>JDK only: this class needs nothing but the resources.
 */
public final class NodePoolContract {

    /** Folder of all the contract's resources on the classpath. */
    public static final String RESOURCE_DIR = "cce-nodepool";

    /** The bundled OpenAPI document, YAML. */
    public static final String OPENAPI_YAML = RESOURCE_DIR + "/openapi.yaml";

    /** The bundled OpenAPI document, JSON (same content as {@link #OPENAPI_YAML}). */
    public static final String OPENAPI_JSON = RESOURCE_DIR + "/openapi.json";

    /**
     * The reference page: the bundled document rendered by Redocly CLI {@code build-docs} as one HTML page
     * that loads nothing from the network.
     */
    public static final String OPENAPI_HTML = RESOURCE_DIR + "/openapi.html";

    /** Folder of the documented examples on the classpath. */
    public static final String EXAMPLES_DIR = RESOURCE_DIR + "/examples";

    /** Accepted and rejected requests for every constraint and rule of the document (YAML). */
    public static final String CONSTRAINT_CASES = RESOURCE_DIR + "/constraint-cases.yaml";

    /** Operation id of the one operation of the contract. */
    public static final String OPERATION_ID = "createNodePool";

    /** Path template of the operation. */
    public static final String PATH = "/api/v3/projects/{project_id}/clusters/{cluster_id}/nodepools";

    /** Name of the top-level extension that lists the rules JSON Schema cannot state. */
    public static final String RULES_EXTENSION = "x-cce-rules";

    /** Schema name of the request body. */
    public static final String REQUEST_SCHEMA = "NodePool";

    /** Schema name of the 201 response body. */
    public static final String RESPONSE_SCHEMA = "NodePoolResponse";

    /** Schema name of the error body. */
    public static final String ERROR_SCHEMA = "CceError";

    private NodePoolContract() {}

    /** Whether a documented example is a request body or a 201 response body. */
    public enum Direction {
        /** The request body of createNodePool. */
        REQUEST,
        /** The body of the 201 response of createNodePool. */
        RESPONSE
    }

    /** The four examples printed on the reference page, in the order the page prints them. */
    public enum DocumentedExample {
        /** The page's example request for a CCE cluster. */
        CCE_CLUSTER_REQUEST("cce-cluster-request.json", REQUEST_SCHEMA, Direction.REQUEST, "cce-cluster"),
        /** The page's example request for a CCE Turbo cluster. */
        CCE_TURBO_CLUSTER_REQUEST(
                "cce-turbo-cluster-request.json", REQUEST_SCHEMA, Direction.REQUEST, "cce-turbo-cluster"),
        /** The page's example response for a CCE cluster. */
        CCE_CLUSTER_RESPONSE("cce-cluster-response.json", RESPONSE_SCHEMA, Direction.RESPONSE, "cce-cluster"),
        /** The page's example response for a CCE Turbo cluster. */
        CCE_TURBO_CLUSTER_RESPONSE(
                "cce-turbo-cluster-response.json", RESPONSE_SCHEMA, Direction.RESPONSE, "cce-turbo-cluster");

        private final String fileName;
        private final String schemaName;
        private final Direction direction;
        private final String exampleName;

        DocumentedExample(String fileName, String schemaName, Direction direction, String exampleName) {
            this.fileName = fileName;
            this.schemaName = schemaName;
            this.direction = direction;
            this.exampleName = exampleName;
        }

        /** File name, for example {@code cce-cluster-request.json}. */
        public String fileName() {
            return fileName;
        }

        /** Classpath resource, for example {@code cce-nodepool/examples/cce-cluster-request.json}. */
        public String resourcePath() {
            return EXAMPLES_DIR + "/" + fileName;
        }

        /** Name of the schema under {@code components/schemas} the example is an instance of. */
        public String schemaName() {
            return schemaName;
        }

        /** JSON pointer of that schema in the document, for example {@code /components/schemas/NodePool}. */
        public String schemaPointer() {
            return "/components/schemas/" + schemaName;
        }

        /** Request body or 201 response body. */
        public Direction direction() {
            return direction;
        }

        /**
         * Key of the example in the {@code examples} map of its media type in the document
         * ({@code cce-cluster} or {@code cce-turbo-cluster}).
         */
        public String exampleName() {
            return exampleName;
        }

        /** URL of the resource; fails if it is not on the classpath. */
        public URL url() {
            return resource(resourcePath());
        }

        /** A new stream of the resource's bytes; the caller closes it. */
        public InputStream openStream() {
            return NodePoolContract.openStream(resourcePath());
        }

        /** The resource's bytes. */
        public byte[] bytes() {
            return NodePoolContract.bytes(resourcePath());
        }

        /** The resource's text (UTF-8), exactly as printed on the page. */
        public String text() {
            return NodePoolContract.text(resourcePath());
        }

        /** The example of the given direction and name ({@code cce-cluster} or {@code cce-turbo-cluster}). */
        public static DocumentedExample of(Direction direction, String exampleName) {
            Objects.requireNonNull(direction, "direction");
            for (DocumentedExample example : values()) {
                if (example.direction == direction && example.exampleName.equals(exampleName)) {
                    return example;
                }
            }
            throw new IllegalArgumentException(
                    "No documented " + direction.name().toLowerCase(java.util.Locale.ROOT) + " example named '"
                            + exampleName + "' (known: cce-cluster, cce-turbo-cluster)");
        }
    }

    /** URL of the bundled YAML document; fails if it is not on the classpath. */
    public static URL openApiYamlUrl() {
        return resource(OPENAPI_YAML);
    }

    /** URL of the bundled JSON document; fails if it is not on the classpath. */
    public static URL openApiJsonUrl() {
        return resource(OPENAPI_JSON);
    }

    /** A new stream of the bundled YAML document; the caller closes it. */
    public static InputStream openApiYaml() {
        return openStream(OPENAPI_YAML);
    }

    /** A new stream of the bundled JSON document; the caller closes it. */
    public static InputStream openApiJson() {
        return openStream(OPENAPI_JSON);
    }

    /** Bytes of the bundled JSON document. */
    public static byte[] openApiJsonBytes() {
        return bytes(OPENAPI_JSON);
    }

    /** Bytes of the bundled YAML document. */
    public static byte[] openApiYamlBytes() {
        return bytes(OPENAPI_YAML);
    }

    /** Bytes of the reference page ({@link #OPENAPI_HTML}, UTF-8 HTML). */
    public static byte[] openApiHtmlBytes() {
        return bytes(OPENAPI_HTML);
    }

    /** Text of the bundled YAML document. */
    public static String openApiYamlText() {
        return text(OPENAPI_YAML);
    }

    /** Text of the bundled JSON document. */
    public static String openApiJsonText() {
        return text(OPENAPI_JSON);
    }

    /**
     * URL of a classpath resource of the contract.
     *
     * @param resourcePath path below the classpath root, for example {@link #OPENAPI_YAML}
     * @throws IllegalStateException if the resource is missing
     */
    public static URL resource(String resourcePath) {
        Objects.requireNonNull(resourcePath, "resourcePath");
        URL url = null;
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        if (context != null) {
            url = context.getResource(resourcePath);
        }
        if (url == null) {
            ClassLoader own = NodePoolContract.class.getClassLoader();
            url = own != null ? own.getResource(resourcePath) : ClassLoader.getSystemResource(resourcePath);
        }
        if (url == null) {
            throw new IllegalStateException("Classpath resource '" + resourcePath + "' of the CCE node pool contract"
                    + " is missing: put the cce-nodepool-openapi jar on the classpath (in this module, run the"
                    + " Maven build at least up to process-resources: the bundle step writes cce-nodepool/openapi.*)");
        }
        return url;
    }

    private static InputStream openStream(String resourcePath) {
        URL url = resource(resourcePath);
        try {
            return url.openStream();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read classpath resource '" + resourcePath + "' (" + url + ")", e);
        }
    }

    private static byte[] bytes(String resourcePath) {
        try (InputStream in = openStream(resourcePath)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read classpath resource '" + resourcePath + "'", e);
        }
    }

    private static String text(String resourcePath) {
        return new String(bytes(resourcePath), StandardCharsets.UTF_8);
    }
}
