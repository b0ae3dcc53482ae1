package io.github.ccecontract.nodepool.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.github.ccecontract.nodepool.contract.rules.Rule;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The bundled OpenAPI document of the contract, read from the classpath (this module's jar), parsed
 * once: the validator compiles its request schema from it, the rules come from its
 * {@code x-cce-rules}, the stub serves it.
 */
public final class ContractDocument {

    private final byte[] json;
    private final JsonNode root;
    private final List<Rule> rules;

    private ContractDocument(byte[] json, JsonNode root) {
        this.json = json;
        this.root = root;
        List<Rule> list = new ArrayList<>();
        for (JsonNode rule : root.path(NodePoolContract.RULES_EXTENSION)) {
            list.add(Rule.fromDocument(rule));
        }
        this.rules = List.copyOf(list);
    }

    /** The bundled document, read and parsed on first use. */
    public static ContractDocument bundled() {
        return Bundled.DOCUMENT;
    }

    private static final class Bundled {
        static final ContractDocument DOCUMENT = parse(NodePoolContract.openApiJsonBytes());
    }

    private static ContractDocument parse(byte[] bytes) {
        try {
            return new ContractDocument(bytes, JsonMapper.builder().build().readTree(bytes));
        } catch (IOException e) {
            throw new UncheckedIOException("The bundled contract " + NodePoolContract.OPENAPI_JSON + " is not JSON", e);
        }
    }

    /** The document as JSON text (UTF-8). */
    public String jsonText() {
        return new String(json, StandardCharsets.UTF_8);
    }

    /** The parsed document; callers must not change it. */
    public JsonNode root() {
        return root;
    }

    /** The node at a JSON pointer of the document (a missing node if absent). */
    public JsonNode at(String pointer) {
        return root.at(pointer);
    }

    /** The {@code x-cce-rules} of the document, in document order. */
    public List<Rule> rules() {
        return rules;
    }
}
