package io.github.ccecontract.nodepool.stub.domain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The page's four examples. Read from the openapi module's jar ({@code cce-nodepool/examples/}) when
 * it is on the test classpath, otherwise from the sibling folder {@code ../openapi/examples}
 * (surefire runs tests in the module's folder).
 */
final class DocumentedExamples {

    static final String CCE_REQUEST = "cce-cluster-request.json";
    static final String CCE_RESPONSE = "cce-cluster-response.json";
    static final String TURBO_REQUEST = "cce-turbo-cluster-request.json";
    static final String TURBO_RESPONSE = "cce-turbo-cluster-response.json";

    static final ObjectMapper MAPPER = new ObjectMapper();

    private DocumentedExamples() {}

    static JsonNode load(String fileName) {
        try (InputStream in =
                DocumentedExamples.class.getClassLoader().getResourceAsStream("cce-nodepool/examples/" + fileName)) {
            if (in != null) {
                return MAPPER.readTree(in);
            }
            Path moduleDir = Path.of(System.getProperty("basedir", System.getProperty("user.dir")));
            return MAPPER.readTree(
                    Files.readString(moduleDir.resolve("../openapi/examples").resolve(fileName)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read documented example " + fileName, e);
        }
    }
}
