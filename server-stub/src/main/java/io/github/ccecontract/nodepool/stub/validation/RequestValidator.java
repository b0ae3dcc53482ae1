package io.github.ccecontract.nodepool.stub.validation;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.dialect.Dialects;
import com.networknt.schema.path.PathType;
import io.github.ccecontract.nodepool.client.model.Violation;
import io.github.ccecontract.nodepool.client.validation.ClusterLimits;
import io.github.ccecontract.nodepool.client.validation.ContractRules;
import io.github.ccecontract.nodepool.openapi.NodePoolContract;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;

/**
 * Validates a Create Node Pool request body: first against the request schema of the bundled
 * document (networknt json-schema-validator, OpenAPI 3.0 dialect, every error collected), then
 * against the document's {@code x-cce-rules} ({@link ContractRules}, the client's implementation:
 * one source), the cluster-scoped ones with the cluster's limits.
 *
 * <p>The schema is compiled on a thread of its own, started by {@link #start()}, so that the stub
 * listens at once; the first validation waits for it. Thread-safe.
 */
public final class RequestValidator {

    /** networknt's id of the bundled document (any absolute IRI; nothing is fetched). */
    static final String DOCUMENT_IRI = "urn:cce:openapi";

    private final CompletableFuture<Compiled> compiled;

    /**
     * @param ruleStated document pointers of the schema keywords that state a rule of x-cce-rules as well
     *     (the rules' {@code schemaKeywords}): the rule reports such a violation, once, by its id and message
     */
    private record Compiled(ContractDocument document, Schema schema, SchemaMessages messages,
            Set<String> ruleStated) {
    }

    private RequestValidator(CompletableFuture<Compiled> compiled) {
        this.compiled = compiled;
    }

    /** Loads the document and compiles the request schema in the background. */
    public static RequestValidator start() {
        CompletableFuture<Compiled> future = new CompletableFuture<>();
        Thread thread = new Thread(() -> {
            try {
                future.complete(compile());
            } catch (Throwable t) {
                future.completeExceptionally(t);
            }
        }, "cce-stub-schema-compiler");
        thread.setDaemon(true);
        thread.start();
        return new RequestValidator(future);
    }

    private static Compiled compile() {
        ContractDocument document = ContractDocument.load();
        SchemaRegistryConfig config = SchemaRegistryConfig.builder().pathType(PathType.JSON_POINTER).build();
        SchemaRegistry registry = SchemaRegistry.withDefaultDialect(Dialects.getOpenApi30(),
                builder -> builder.schemaRegistryConfig(config).schemas(Map.of(DOCUMENT_IRI, document.jsonText())));
        Schema schema = registry.getSchema(SchemaLocation.of(DOCUMENT_IRI + "#/components/schemas/"
                + NodePoolContract.REQUEST_SCHEMA));
        schema.initializeValidators();
        // One validation of a documented request loads every validator class before a client waits for it.
        JsonNode example = document.root().path("paths").path(NodePoolContract.PATH).path("post").path("requestBody")
                .path("content").path("application/json").path("examples").path("cce-cluster").path("value");
        if (!example.isMissingNode()) {
            schema.validate(example);
            ContractRules.check(example, ClusterLimits.cce(50));
        }
        Set<String> ruleStated = new LinkedHashSet<>();
        document.root().path("x-cce-rules").forEach(rule -> rule.path("schemaKeywords")
                .forEach(k -> ruleStated.add(k.asText())));
        return new Compiled(document, schema, new SchemaMessages(document), Set.copyOf(ruleStated));
    }

    /** Waits until the schema is compiled; rethrows what made compiling fail. */
    public RequestValidator awaitReady() {
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
            throw new IllegalStateException("The request schema of the bundled contract cannot be compiled: "
                    + cause, cause);
        }
    }

    /**
     * Every violation of {@code body}: schema violations first (in the order networknt reports them),
     * then rule violations (in the document's order of rules).
     *
     * @param limits the cluster's limits for the cluster-scoped rules; {@code null} skips them
     */
    public List<RequestViolation> validate(JsonNode body, ClusterLimits limits) {
        Compiled c = compiled();
        Set<RequestViolation> out = new LinkedHashSet<>();
        List<Error> errors = schemaErrors(c.schema(), body);
        if (errors == null) {
            out.add(new RequestViolation("", "pattern", "The request holds a string too long to be checked against"
                    + " the document's patterns (the regular expressions ran out of stack); shorten it."));
        } else {
            for (Error error : errors) {
                if (!statesARule(error, c.ruleStated())) {
                    out.add(c.messages().toViolation(error));
                }
            }
        }
        if (body.isObject()) {
            for (Violation v : ContractRules.check(body, limits)) {
                out.add(new RequestViolation(v.getPointer(), v.getRule(), v.getMessage()));
            }
        }
        return new ArrayList<>(out);
    }

    /**
     * Whether the error comes from a schema keyword that states a rule of x-cce-rules (login needs sshKey or
     * userPassword, fixedIps or ipBlock, count with eip): {@link ContractRules} reports the same fact as one
     * violation with the rule's id and message, so the keyword's generic error is left out.
     */
    private static boolean statesARule(Error error, Set<String> ruleStated) {
        if (ruleStated.isEmpty() || error.getSchemaLocation() == null
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
                Thread thread = new Thread(null, () -> {
                    try {
                        result.complete(schema.validate(body));
                    } catch (Throwable t) {
                        result.completeExceptionally(t);
                    }
                }, "cce-stub-deep-validation", DEEP_STACK_BYTES);
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

    /**
     * The CCE error code of a rejection with these violations: the rules' own {@code errorCode} when
     * every violation is of rules that name the same one (CCE.01400014 for the cluster's node limit),
     * else {@code fallback}.
     */
    public String errorCode(List<RequestViolation> violations, String fallback) {
        Map<String, ContractDocument.Rule> rules = compiled().document().rules();
        String code = null;
        for (RequestViolation v : violations) {
            ContractDocument.Rule rule = rules.get(v.rule());
            String ruleCode = rule == null ? null : rule.errorCode();
            if (ruleCode == null || (code != null && !code.equals(ruleCode))) {
                return fallback;
            }
            code = ruleCode;
        }
        return code == null ? fallback : code;
    }
}
