package io.github.ccecontract.nodepool.conformance.crosslanguage;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.ccecontract.nodepool.conformance.crosslanguage.GeneratedModels.Field;
import io.github.ccecontract.nodepool.conformance.crosslanguage.GeneratedModels.Model;
import io.github.ccecontract.nodepool.conformance.support.Checks;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Check 8: in none of the four generated clients do two members of one schema get the same name. Each generator
 * names members its own way (typescript-fetch and Go: camelCase, Python: snake_case, hey-api: as they are), so two
 * JSON members that differ only in case or underscores ({@code errorCode} and {@code error_code}) become one
 * field, and the client then reads one of them into the other or does not compile.
 *
 * <p>Read from the generated sources ({@link GeneratedModels}), so it holds where a language's tools are missing.
 * It also requires that every schema of the document with properties has a model and every member a field with
 * its JSON name, so that a generator (or a parser here) that drops a member cannot make the check pass.
 */
@Tag(Checks.CROSS_LANGUAGE)
class CrossLanguageNameCollisionTest {

    @Test
    void heyApiTypeScriptMembersDoNotCollide() {
        check("@hey-api/openapi-ts (types.gen.ts)", "hey-api", GeneratedModels::heyApi);
    }

    @Test
    void typescriptFetchMembersDoNotCollide() {
        check("typescript-fetch (models/*.ts)", "typescript-fetch", GeneratedModels::typescriptFetch);
    }

    @Test
    void pythonPydanticFieldsDoNotCollide() {
        check("python (openapi_client/models/*.py, pydantic fields)", "python", GeneratedModels::python);
    }

    @Test
    void goStructFieldsDoNotCollide() {
        check("go (model_*.go, struct fields)", "go", GeneratedModels::go);
    }

    private static void check(String generator, String dir, Function<java.nio.file.Path, List<Model>> parse) {
        List<Model> models = parse.apply(CrossLanguage.generated(dir));
        Map<String, Model> byKey = new LinkedHashMap<>();
        models.forEach(m -> byKey.putIfAbsent(GeneratedModels.key(m.name()), m));
        List<String> problems = new ArrayList<>();
        schemas().forEach((schema, members) -> {
            Model model = byKey.get(GeneratedModels.key(schema));
            if (model == null) {
                problems.add("schema " + schema + ": no generated model found (models: "
                        + models.stream().map(Model::name).toList() + ")");
                return;
            }
            for (String member : members) {
                if (model.fields().stream().noneMatch(f -> f.json().equals(member))) {
                    problems.add("schema " + schema + ": member " + member + " has no field in " + model.name()
                            + " (fields: "
                            + model.fields().stream()
                                    .map(f -> f.generated() + "<-" + f.json())
                                    .toList() + ")");
                }
            }
        });
        for (Model model : models) {
            GeneratedModels.collisions(model)
                    .forEach((name, fields) -> problems.add(model.name() + ": JSON members "
                            + fields.stream().map(f -> f.json()).collect(Collectors.joining(" and "))
                            + " become one " + generator.replaceAll(" .*", "") + " name, " + name + " ("
                            + fields.stream().map(Field::where).collect(Collectors.joining(", ")) + ")"));
        }
        assertTrue(
                problems.isEmpty(),
                generator + ", generated from the bundle with default settings: " + problems.size() + " problem(s):\n  "
                        + String.join("\n  ", problems));
    }

    /** The document's schemas with properties, and their members. */
    static Map<String, List<String>> schemas() {
        JsonNode doc;
        try {
            doc = new ObjectMapper()
                    .readTree(CrossLanguage.BUNDLE.resolve("openapi.json").toFile());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        Map<String, List<String>> schemas = new LinkedHashMap<>();
        doc.path("components").path("schemas").properties().forEach(e -> {
            JsonNode properties = e.getValue().path("properties");
            if (properties.isObject() && !properties.isEmpty()) {
                List<String> members = new ArrayList<>();
                properties.fieldNames().forEachRemaining(members::add);
                schemas.put(e.getKey(), members);
            }
        });
        assertTrue(schemas.size() > 20, "expected the document's schemas, found " + schemas.keySet());
        return schemas;
    }
}
