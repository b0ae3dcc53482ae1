package io.github.ccecontract.nodepool.conformance.crosslanguage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.ccecontract.nodepool.conformance.support.Checks;
import io.github.ccecontract.nodepool.stub.junit.CceNodePoolStubExtension;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Check 8, TypeScript: the client of {@code @hey-api/openapi-ts} and OpenAPI Generator's {@code typescript-fetch}
 * client, both generated from the bundle with default settings, type-check with {@code tsc --strict}; the four
 * documented examples are values of the generated types; two Node programs send the documented requests to the stub
 * through each client.
 *
 * <p>One {@code tsc --strict --noEmit} run checks both clients, the examples and the control file together (about
 * 6 s on 2 cores); each test reads the errors of its own files.
 */
@Tag(Checks.CROSS_LANGUAGE)
class CrossLanguageTypeScriptTest {

    /** The stub of {@code stub-clusters.yaml} that the Node programs send to. */
    @RegisterExtension
    static final CceNodePoolStubExtension STUB = CrossLanguage.stubExtension();

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern TSC_ERROR = Pattern.compile("^(.+?)\\((\\d+),(\\d+)\\): error (TS\\d+): (.*)$");
    private static final Duration TSC_TIMEOUT = Duration.ofMinutes(3);

    /** Type-checked together, once per run. */
    private static TypeCheck typeCheck;

    /** One error of tsc, its file relative to the directory of the tsconfig. */
    record TscError(String file, int line, String text) {
        @Override
        public String toString() {
            return file + ":" + line + ": " + text;
        }
    }

    /** The errors of the shared tsc run, and the line ranges of the constants of the generated files. */
    record TypeCheck(
            CrossLanguage.Result result,
            List<TscError> errors,
            Map<String, int[]> exampleLines,
            Map<String, int[]> controlLines) {

        List<TscError> in(String prefix) {
            return errors.stream().filter(e -> e.file().startsWith(prefix)).toList();
        }
    }

    static synchronized TypeCheck typeCheck() {
        if (typeCheck == null) {
            CrossLanguage.generated("hey-api");
            CrossLanguage.generated("typescript-fetch");
            Path dir = CrossLanguage.DIR.resolve("tsc-strict");
            Map<String, int[]> exampleLines = new LinkedHashMap<>();
            Map<String, int[]> controlLines = new LinkedHashMap<>();
            CrossLanguage.write(dir.resolve("examples.ts"), examplesFile(exampleLines));
            CrossLanguage.write(dir.resolve("examples-control.ts"), controlFile(controlLines));
            CrossLanguage.write(dir.resolve("tsconfig.json"), """
                    {
                      "compilerOptions": {
                        "strict": true, "noEmit": true, "target": "ES2022", "lib": ["ES2022", "DOM", "DOM.Iterable"],
                        "module": "ESNext", "moduleResolution": "bundler", "types": [], "skipLibCheck": false
                      },
                      "include": ["../hey-api/**/*.ts", "../typescript-fetch/**/*.ts", "examples.ts", "examples-control.ts"]
                    }
                    """);
            CrossLanguage.Result result = CrossLanguage.run(
                    dir,
                    Map.of(),
                    TSC_TIMEOUT,
                    CrossLanguage.nodeTool("tsc"),
                    "--strict",
                    "--noEmit",
                    "--pretty",
                    "false",
                    "-p",
                    "tsconfig.json");
            typeCheck = new TypeCheck(result, errors(result.output()), exampleLines, controlLines);
        }
        return typeCheck;
    }

    private static List<TscError> errors(String output) {
        List<TscError> errors = new ArrayList<>();
        for (String line : output.split("\n")) {
            Matcher m = TSC_ERROR.matcher(line);
            if (m.matches()) {
                errors.add(new TscError(m.group(1), Integer.parseInt(m.group(2)), m.group(4) + " " + m.group(5)));
            } else if (!errors.isEmpty() && line.startsWith(" ")) {
                TscError last = errors.remove(errors.size() - 1);
                errors.add(new TscError(last.file(), last.line(), last.text() + "\n    " + line.strip()));
            }
        }
        return errors;
    }

    @Test
    void heyApiClientTypeChecksStrict() {
        TypeCheck check = typeCheck();
        List<TscError> errors = check.in("../hey-api/");
        assertTrue(
                errors.isEmpty(),
                "tsc --strict: " + errors.size() + " errors in the @hey-api/openapi-ts client:\n" + join(errors));
        assertTrue(
                check.result().ok() || !check.errors().isEmpty(),
                "tsc failed without an error:\n" + check.result().describe());
    }

    @Test
    void typescriptFetchClientTypeChecksStrict() {
        TypeCheck check = typeCheck();
        List<TscError> errors = check.in("../typescript-fetch/");
        assertTrue(
                errors.isEmpty(),
                "tsc --strict: " + errors.size() + " errors in the OpenAPI Generator typescript-fetch client:\n"
                        + join(errors));
        assertTrue(
                check.result().ok() || !check.errors().isEmpty(),
                "tsc failed without an error:\n" + check.result().describe());
    }

    /**
     * Each documented example, inlined as an object literal (JSON is TypeScript) and annotated with the generated
     * type of the operation's body or 201 answer. Importing the JSON file instead (resolveJsonModule) would widen
     * its strings to {@code string}, so that {@code "kind": "NodePool"} no longer fits the literal type
     * {@code 'NodePool'} (a false failure), and would skip the excess-property check that only fresh object
     * literals get (a false pass). The control file shows that the check bites: each of its mutated examples must
     * give an error.
     */
    @Test
    void documentedExamplesAreValuesOfTheGeneratedTypes() {
        TypeCheck check = typeCheck();
        List<TscError> errors = check.in("examples.ts");
        assertEquals(
                4,
                check.exampleLines().size(),
                "examples checked: " + check.exampleLines().keySet());
        assertTrue(
                errors.isEmpty(),
                "the documented examples do not type-check against the generated"
                        + " @hey-api/openapi-ts types:\n" + join(errors) + "\n(file " + CrossLanguage.DIR
                        + "/tsc-strict/examples.ts; constants " + ranges(check.exampleLines()) + ")");
        List<TscError> control = check.in("examples-control.ts");
        List<String> missed = new ArrayList<>();
        check.controlLines().forEach((name, range) -> {
            if (control.stream().noneMatch(e -> e.line() >= range[0] && e.line() <= range[1])) {
                missed.add(name);
            }
        });
        assertTrue(
                missed.isEmpty(),
                "tsc accepted mutated examples that break the generated types, so the check of"
                        + " the examples would not catch such a fault: " + missed + "\nerrors of the control file:\n"
                        + join(control));
    }

    /** The documented requests through the hey-api client to the stub: two 201s read, a 400's errorCode read. */
    @Test
    void nodeProgramSendsTheDocumentedRequestsThroughTheHeyApiClient() {
        runNodeProgram("send-documented");
    }

    /**
     * The same through the typescript-fetch client, whose models map themselves to and from JSON: the documented
     * requests survive that round trip, or the stub says what changed.
     */
    @Test
    void nodeProgramSendsTheDocumentedRequestsThroughTheTypescriptFetchClient() {
        runNodeProgram("send-documented-fetch");
    }

    private static void runNodeProgram(String name) {
        Path dir = nodePrograms();
        CrossLanguage.Result run = CrossLanguage.run(
                dir,
                Map.of(),
                Duration.ofMinutes(1),
                "node",
                dir.resolve("out/node/" + name + ".js").toString(),
                STUB.baseUrl(),
                CrossLanguage.EXAMPLES.toString(),
                STUB.token());
        assertTrue(run.ok() && run.output().strip().endsWith("OK"), run.describe());
    }

    private static CrossLanguage.Result nodeCompiled;

    /** The two Node programs, copied next to the generated clients and compiled with them (CommonJS), once. */
    private static synchronized Path nodePrograms() {
        Path dir = CrossLanguage.DIR.resolve("node");
        if (nodeCompiled == null) {
            CrossLanguage.generated("hey-api");
            CrossLanguage.generated("typescript-fetch");
            for (String program : List.of("send-documented.ts", "send-documented-fetch.ts")) {
                CrossLanguage.write(dir.resolve(program), CrossLanguage.read(CrossLanguage.SOURCES.resolve(program)));
            }
            CrossLanguage.write(dir.resolve("tsconfig.json"), """
                    {
                      "compilerOptions": {
                        "strict": true, "target": "ES2022", "lib": ["ES2022", "DOM", "DOM.Iterable"],
                        "module": "CommonJS", "moduleResolution": "node10", "types": [], "outDir": "out", "rootDir": ".."
                      },
                      "files": ["send-documented.ts", "send-documented-fetch.ts"]
                    }
                    """);
            nodeCompiled = CrossLanguage.run(
                    dir,
                    Map.of(),
                    TSC_TIMEOUT,
                    CrossLanguage.nodeTool("tsc"),
                    "--strict",
                    "--pretty",
                    "false",
                    "-p",
                    "tsconfig.json");
        }
        assertTrue(
                nodeCompiled.ok(),
                "the Node programs and the generated clients do not compile:\n" + nodeCompiled.describe());
        return dir;
    }

    // ---------------------------------------------------------------------------------- generated files

    private static String examplesFile(Map<String, int[]> lines) {
        StringBuilder ts = new StringBuilder("""
                // Generated by CrossLanguageTypeScriptTest: the documented examples as values of the generated types.
                import type { CreateNodePoolData, CreateNodePoolResponses } from '../hey-api/types.gen';

                type Request = CreateNodePoolData['body'];
                type Created = CreateNodePoolResponses[201];
                """);
        for (Path example : CrossLanguage.examples()) {
            String name = example.getFileName().toString();
            constant(ts, lines, name, name.contains("request") ? "Request" : "Created", readJson(example));
        }
        return ts.toString();
    }

    private static String controlFile(Map<String, int[]> lines) {
        StringBuilder ts = new StringBuilder("""
                // Generated by CrossLanguageTypeScriptTest: mutated examples; tsc must report an error in each.
                import type { CreateNodePoolData, CreateNodePoolResponses } from '../hey-api/types.gen';

                type Request = CreateNodePoolData['body'];
                type Created = CreateNodePoolResponses[201];
                """);
        Path request = CrossLanguage.EXAMPLES.resolve("cce-cluster-request.json");
        Path response = CrossLanguage.EXAMPLES.resolve("cce-cluster-response.json");
        mutant(
                ts,
                lines,
                "kind NodePools (not the literal NodePool)",
                "Request",
                request,
                n -> n.put("kind", "NodePools"));
        mutant(
                ts,
                lines,
                "metadata.name missing (required)",
                "Request",
                request,
                n -> ((ObjectNode) n.get("metadata")).remove("name"));
        mutant(
                ts,
                lines,
                "spec.initialNodeCount a string",
                "Request",
                request,
                n -> ((ObjectNode) n.get("spec")).put("initialNodeCount", "1"));
        mutant(
                ts,
                lines,
                "spec.type VM (not in the enum)",
                "Request",
                request,
                n -> ((ObjectNode) n.get("spec")).put("type", "VM"));
        mutant(
                ts,
                lines,
                "an unknown member spec.nodeTemplate.flavour",
                "Request",
                request,
                n -> ((ObjectNode) n.get("spec").get("nodeTemplate")).put("flavour", "s6.large.2"));
        mutant(
                ts,
                lines,
                "response metadata.name a number",
                "Created",
                response,
                n -> ((ObjectNode) n.get("metadata")).put("name", 1));
        return ts.toString();
    }

    private static void mutant(
            StringBuilder ts,
            Map<String, int[]> lines,
            String name,
            String type,
            Path example,
            Consumer<ObjectNode> change) {
        ObjectNode node = (ObjectNode) readJson(example);
        change.accept(node);
        constant(ts, lines, example.getFileName() + ", " + name, type, node);
    }

    private static void constant(StringBuilder ts, Map<String, int[]> lines, String name, String type, JsonNode value) {
        int first = (int) ts.chars().filter(c -> c == '\n').count() + 2;
        String literal;
        try {
            literal = JSON.writerWithDefaultPrettyPrinter().writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ts.append("\n// ")
                .append(name)
                .append('\n')
                .append("export const c")
                .append(lines.size())
                .append(": ")
                .append(type)
                .append(" = ")
                .append(literal)
                .append(";\n");
        int last = (int) ts.chars().filter(c -> c == '\n').count();
        lines.put(name, new int[] {first, last});
    }

    private static JsonNode readJson(Path file) {
        try {
            return JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String join(List<TscError> errors) {
        return errors.stream().limit(40).map(e -> "  " + e).collect(Collectors.joining("\n"))
                + (errors.size() > 40 ? "\n  ... " + (errors.size() - 40) + " more" : "");
    }

    private static String ranges(Map<String, int[]> lines) {
        return lines.entrySet().stream()
                .map(e -> e.getKey() + " lines " + e.getValue()[0] + "-" + e.getValue()[1])
                .collect(Collectors.joining(", "));
    }
}
