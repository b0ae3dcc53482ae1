package io.github.ccecontract.nodepool.conformance.support;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.ccecontract.nodepool.contract.NodePoolContract;
import io.github.ccecontract.nodepool.openapi.testing.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The bundled document of the openapi jar as files, for the tools that read files (Prism). Everything else about the
 * contract (the document as a tree, the rules, the examples, networknt) is the openapi test-jar's
 * ({@code io.github.ccecontract.nodepool.openapi.testing}: {@code Contract}, {@code Schemas}, {@code Json}).
 */
public final class DocumentFiles {

    private DocumentFiles() {}

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
}
