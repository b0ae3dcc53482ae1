package io.github.ccecontract.nodepool.contract.validation;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.dialect.Dialects;
import com.networknt.schema.path.PathType;
import io.github.ccecontract.nodepool.contract.CceJson;
import io.github.ccecontract.nodepool.contract.ContractDocument;
import io.github.ccecontract.nodepool.contract.NodePoolContract;
import io.github.ccecontract.nodepool.contract.cluster.Cluster;
import io.github.ccecontract.nodepool.contract.model.NodePool;
import io.github.ccecontract.nodepool.contract.model.Violation;
import io.github.ccecontract.nodepool.contract.rules.ContractRules;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;

/**
 * Validates a Create Node Pool request body: first against the request schema of the bundled
 * document (networknt json-schema-validator, OpenAPI 3.0 dialect, every error collected), then
 * against the document's {@code x-cce-rules} ({@link ContractRules}), the cluster-scoped ones with
 * the cluster. The client validates what it is about to send with it, the stub what it receives:
 * the same violations, with the same messages ({@link SchemaMessages}).
 *
 * <p>Compiling the schema takes a few hundred milliseconds: {@link #shared()} compiles it once per
 * class loader, on a thread of its own, and the first validation waits for it. Thread-safe.
 */
public final class NodePoolValidator {

    /** networknt's id of the bundled document (any absolute IRI; nothing is fetched). */
    static final String DOCUMENT_IRI = "urn:cce:openapi";

    private final CompletableFuture<Compiled> compiled;

    /**
     * @param ruleStated document pointers of the schema keywords that state a rule of x-cce-rules as well
     *     (the rules' {@code schemaKeywords}): the rule reports such a violation, once, by its id and message
     */
    private record Compiled(
            ContractDocument document, Schema schema, SchemaMessages messages, Set<String> ruleStated) {}

    private NodePoolValidator(CompletableFuture<Compiled> compiled) {
        this.compiled = compiled;
    }

    /** The validator of the bundled document; its schema starts compiling on first use, in the background. */
    public static NodePoolValidator shared() {
        return Shared.VALIDATOR;
    }

    private static final class Shared {
        static final NodePoolValidator VALIDATOR = compileInBackground();
    }

    /** A new validator whose schema compiles in the background; the first validation waits for it. */
    public static NodePoolValidator compileInBackground() {
        CompletableFuture<Compiled> future = new CompletableFuture<>();
        Thread thread = new Thread(
                () -> {
                    try {
                        future.complete(compile());
                    } catch (Throwable t) {
                        future.completeExceptionally(t);
                    }
                },
                "cce-stub-schema-compiler");
        thread.setDaemon(true);
        thread.start();
        return new NodePoolValidator(future);
    }

    private static Compiled compile() {
        ContractDocument document = ContractDocument.bundled();
        SchemaRegistryConfig config =
                SchemaRegistryConfig.builder().pathType(PathType.JSON_POINTER).build();
        SchemaRegistry registry = SchemaRegistry.withDefaultDialect(
                Dialects.getOpenApi30(),
                builder -> builder.schemaRegistryConfig(config).schemas(Map.of(DOCUMENT_IRI, document.jsonText())));
        Schema schema = registry.getSchema(
                SchemaLocation.of(DOCUMENT_IRI + "#/components/schemas/" + NodePoolContract.REQUEST_SCHEMA));
        schema.initializeValidators();
        // One validation of a documented request loads every validator class before a client waits for it.
        JsonNode example = document.root()
                .path("paths")
                .path(NodePoolContract.PATH)
                .path("post")
                .path("requestBody")
                .path("content")
                .path("application/json")
                .path("examples")
                .path("cce-cluster")
                .path("value");
        if (!example.isMissingNode()) {
            schema.validate(example);
            ContractRules.check(example, Cluster.cce(Cluster.DEFAULT_MAX_NODES));
        }
        Set<String> ruleStated = new LinkedHashSet<>();
        ContractRules.rules().forEach(rule -> ruleStated.addAll(rule.schemaKeywords()));
        return new Compiled(document, schema, new SchemaMessages(document), Set.copyOf(ruleStated));
    }

    /** Waits until the schema is compiled; rethrows what made compiling fail. */
    public NodePoolValidator awaitReady() {
        compiled();
        return this;
    }

    /** The bundled document the validator uses. */
    public ContractDocument document() {
        return compiled().document();
    }

    private Compiled compiled() {
        try {
            return compiled.join();
        } catch (CompletionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new IllegalStateException(
                    "The request schema of the bundled contract cannot be compiled: " + cause, cause);
        }
    }

    /**
     * Every violation of {@code nodePool} as the client would send it ({@link CceJson}).
     *
     * @param cluster the cluster for the cluster-scoped rules; {@code null} skips them
     */
    public List<Violation> validate(NodePool nodePool, Cluster cluster) {
        Objects.requireNonNull(nodePool, "nodePool");
        return validate(CceJson.mapper().valueToTree(nodePool), cluster);
    }

    /**
     * Every violation of {@code body}: schema violations first (in the order networknt reports them),
     * then rule violations (in the document's order of rules).
     *
     * @param cluster the cluster for the cluster-scoped rules; {@code null} skips them
     */
    public List<Violation> validate(JsonNode body, Cluster cluster) {
        Objects.requireNonNull(body, "body");
        Compiled c = compiled();
        Set<Violation> out = new LinkedHashSet<>();
        List<Error> errors = schemaErrors(c.schema(), body);
        if (errors == null) {
            out.add(new Violation()
                    .pointer("")
                    .rule("pattern")
                    .message("The request holds a string too long to be"
                            + " checked against the document's patterns (the regular expressions ran out of stack); shorten"
                            + " it."));
        } else {
            for (Error error : errors) {
                if (!statesARule(error, c.ruleStated())) {
                    out.add(c.messages().toViolation(error));
                }
            }
        }
        if (body.isObject()) {
            out.addAll(ContractRules.check(body, cluster));
        }
        return new ArrayList<>(out);
    }

    /**
     * Whether the error comes from a schema keyword that states a rule of x-cce-rules (login needs sshKey or
     * userPassword, fixedIps or ipBlock, count with eip): {@link ContractRules} reports the same fact as one
     * violation with the rule's id and message, so the keyword's generic error is left out.
     */
    private static boolean statesARule(Error error, Set<String> ruleStated) {
        if (ruleStated.isEmpty()
                || error.getSchemaLocation() == null
                || error.getSchemaLocation().getFragment() == null) {
            return false;
        }
        String fragment = error.getSchemaLocation().getFragment().toString();
        for (String keyword : ruleStated) {
            if (fragment.equals(keyword) || fragment.startsWith(keyword + "/")) {
                return true;
            }
        }
        return false;
    }

    /**
     * The schema's errors. The JDK's regular expressions recurse once per repetition of a group, so a
     * long string under a pattern such as the taint key's (1 MiB of {@code "a."}) overflows a request
     * thread's stack; such a body is validated again, one at a time, on a thread with a stack of
     * {@value #DEEP_STACK_BYTES} bytes (reserved, and used only as deep as the match goes). Null if
     * even that overflows.
     */
    private static List<Error> schemaErrors(Schema schema, JsonNode body) {
        try {
            return schema.validate(body);
        } catch (StackOverflowError e) {
            return onDeepStack(schema, body);
        }
    }

    /** Stack of the thread that validates what overflowed a request thread's: 1 GiB (1 MiB bodies need 256 MiB). */
    static final long DEEP_STACK_BYTES = 1L << 30;

    private static final Semaphore DEEP = new Semaphore(1);

    private static List<Error> onDeepStack(Schema schema, JsonNode body) {
        CompletableFuture<List<Error>> result = new CompletableFuture<>();
        try {
            DEEP.acquire();
            try {
                Thread thread = new Thread(
                        null,
                        () -> {
                            try {
                                result.complete(schema.validate(body));
                            } catch (Throwable t) {
                                result.completeExceptionally(t);
                            }
                        },
                        "cce-stub-deep-validation",
                        DEEP_STACK_BYTES);
                thread.setDaemon(true);
                thread.start();
                return result.get();
            } finally {
                DEEP.release();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof StackOverflowError) {
                return null;
            }
            throw new IllegalStateException("schema validation failed", e.getCause());
        }
    }
}
