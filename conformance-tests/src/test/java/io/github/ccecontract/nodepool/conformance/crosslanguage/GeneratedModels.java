package io.github.ccecontract.nodepool.conformance.crosslanguage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The models of a generated client, read from its sources: per model, each property's generated name and the JSON
 * member it stands for. Plain line patterns over the generators' fixed layouts; {@link CrossLanguageNameCollisionTest}
 * checks that every schema and member of the document was found, so a changed layout fails instead of passing.
 */
final class GeneratedModels {

    /** One property of a generated model: its name in the language, the JSON member, where it is declared. */
    record Field(String generated, String json, String where) {}

    /** A generated model (interface, type, class, struct) and its properties in declaration order. */
    record Model(String name, List<Field> fields) {}

    private GeneratedModels() {}

    /** Model names compared across languages: lower case, letters and digits only (PublicIP = PublicIp). */
    static String key(String name) {
        return name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
    }

    // --------------------------------------------------------------------------------- @hey-api/openapi-ts

    /** {@code export type X = {}, or an intersection ending in the object ({@code unknown & {} for anyOf). */
    private static final Pattern HEY_TYPE = Pattern.compile("^export type (\\w+) = (?:[^{=]* & )?\\{$");

    private static final Pattern HEY_PROPERTY = Pattern.compile("^    (?:'([^']+)'|([\\w$]+))\\??: ");

    /** {@code types.gen.ts}: {@code export type X = { name?: T; 'hw:passthrough'?: T; }}. */
    static List<Model> heyApi(Path dir) {
        Path file = dir.resolve("types.gen.ts");
        List<Model> models = new ArrayList<>();
        List<String> lines = lines(file);
        Model current = null;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            Matcher type = HEY_TYPE.matcher(line);
            if (type.matches()) {
                current = new Model(type.group(1), new ArrayList<>());
                models.add(current);
            } else if (line.startsWith("}")) {
                current = null;
            } else if (current != null) {
                Matcher p = HEY_PROPERTY.matcher(line);
                if (p.find()) {
                    String name = p.group(1) != null ? p.group(1) : p.group(2);
                    current.fields().add(new Field(name, name, "types.gen.ts:" + (i + 1)));
                }
            }
        }
        return models;
    }

    // --------------------------------------------------------------------------------- typescript-fetch

    private static final Pattern FETCH_INTERFACE = Pattern.compile("^export interface (\\w+) \\{$");
    private static final Pattern FETCH_PROPERTY = Pattern.compile("^    (?:readonly )?(?:'([^']+)'|([\\w$]+))\\??: ");
    private static final Pattern FETCH_FROM_JSON = Pattern.compile("^\\s+'([^']+)': json\\['([^']+)'\\]");

    /**
     * {@code models/X.ts}: the interface's properties; the JSON member of each from the {@code XFromJSONTyped}
     * mapping ({@code 'errorCode': json['error_code']}), in the same order.
     */
    static List<Model> typescriptFetch(Path dir) {
        List<Model> models = new ArrayList<>();
        for (Path file : files(dir.resolve("models"), ".ts")) {
            List<String> lines = lines(file);
            Model current = null;
            List<String> jsonNames = new ArrayList<>();
            String block = "";
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i);
                Matcher type = FETCH_INTERFACE.matcher(line);
                if (type.matches()) {
                    current = new Model(type.group(1), new ArrayList<>());
                    models.add(current);
                    block = "interface";
                } else if (line.startsWith("export function ") && line.contains("FromJSONTyped(")) {
                    block = "fromJson";
                } else if (line.startsWith("}")) {
                    block = "";
                } else if (block.equals("interface")) {
                    Matcher p = FETCH_PROPERTY.matcher(line);
                    if (p.find()) {
                        String name = p.group(1) != null ? p.group(1) : p.group(2);
                        current.fields().add(new Field(name, name, dir.relativize(file) + ":" + (i + 1)));
                    }
                } else if (block.equals("fromJson")) {
                    Matcher m = FETCH_FROM_JSON.matcher(line);
                    if (m.find()) {
                        jsonNames.add(m.group(2));
                    }
                }
            }
            if (current != null && jsonNames.size() == current.fields().size()) {
                List<Field> withJson = new ArrayList<>();
                for (int k = 0; k < jsonNames.size(); k++) {
                    Field f = current.fields().get(k);
                    withJson.add(new Field(f.generated(), jsonNames.get(k), f.where()));
                }
                current.fields().clear();
                current.fields().addAll(withJson);
            }
        }
        return models;
    }

    // --------------------------------------------------------------------------------- python (pydantic)

    private static final Pattern PY_CLASS = Pattern.compile("^class (\\w+)\\(BaseModel\\):$");
    private static final Pattern PY_FIELD = Pattern.compile("^    (\\w+): (?!ClassVar)(.*)$");
    private static final Pattern PY_ALIAS = Pattern.compile("alias=\"([^\"]+)\"");

    /** {@code openapi_client/models/x.py}: {@code class X(BaseModel):} and its fields, JSON member = alias. */
    static List<Model> python(Path dir) {
        List<Model> models = new ArrayList<>();
        for (Path file : files(dir.resolve("openapi_client/models"), ".py")) {
            List<String> lines = lines(file);
            Model current = null;
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i);
                Matcher type = PY_CLASS.matcher(line);
                if (type.matches()) {
                    current = new Model(type.group(1), new ArrayList<>());
                    models.add(current);
                } else if (current != null && !line.isEmpty() && !line.startsWith(" ")) {
                    current = null;
                } else if (current != null) {
                    Matcher f = PY_FIELD.matcher(line);
                    if (f.matches()) {
                        Matcher alias = PY_ALIAS.matcher(f.group(2));
                        String json = alias.find() ? alias.group(1) : f.group(1);
                        current.fields().add(new Field(f.group(1), json, dir.relativize(file) + ":" + (i + 1)));
                    } else if (line.startsWith("    def ") || line.startsWith("    @")) {
                        current = null;
                    }
                }
            }
        }
        return models;
    }

    // --------------------------------------------------------------------------------- go

    private static final Pattern GO_STRUCT = Pattern.compile("^type (\\w+) struct \\{$");
    private static final Pattern GO_FIELD = Pattern.compile("^\\t(\\w+) [^/]*?(?:`json:\"([^\",]*)[^`]*`)?\\s*$");
    private static final Pattern GO_TO_MAP = Pattern.compile("toSerialize\\[\"([^\"]+)\"\\] = o\\.(\\w+)");

    /**
     * {@code model_x.go}: {@code type X struct {} and its fields; the JSON member of a field is its json tag, else
     * the key {@code ToMap} writes it under ({@code toSerialize["sshKey"] = o.SshKey}: the go generator leaves the
     * tags out for some composed schemas), else the field name (what encoding/json would use).
     */
    static List<Model> go(Path dir) {
        List<Model> models = new ArrayList<>();
        for (Path file : files(dir, ".go")) {
            if (!file.getFileName().toString().startsWith("model_")) {
                continue;
            }
            List<String> lines = lines(file);
            Map<String, String> toMap = new HashMap<>();
            lines.forEach(line -> {
                Matcher m = GO_TO_MAP.matcher(line);
                if (m.find()) {
                    toMap.putIfAbsent(m.group(2), m.group(1));
                }
            });
            Model current = null;
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i);
                Matcher type = GO_STRUCT.matcher(line);
                if (type.matches()) {
                    current = type.group(1).startsWith("Nullable") ? null : new Model(type.group(1), new ArrayList<>());
                    if (current != null) {
                        models.add(current);
                    }
                } else if (line.startsWith("}")) {
                    current = null;
                } else if (current != null) {
                    Matcher f = GO_FIELD.matcher(line);
                    if (f.matches() && !f.group(1).equals("AdditionalProperties")) {
                        String json = f.group(2) != null ? f.group(2) : toMap.getOrDefault(f.group(1), f.group(1));
                        current.fields().add(new Field(f.group(1), json, dir.relativize(file) + ":" + (i + 1)));
                    }
                }
            }
        }
        return models;
    }

    // --------------------------------------------------------------------------------- helpers

    /** Generated names used by more than one property of a model: generated name -> the properties. */
    static Map<String, List<Field>> collisions(Model model) {
        Map<String, List<Field>> byName = new HashMap<>();
        for (Field f : model.fields()) {
            byName.computeIfAbsent(f.generated(), k -> new ArrayList<>()).add(f);
        }
        byName.values().removeIf(list -> list.size() < 2);
        return byName;
    }

    private static List<Path> files(Path dir, String suffix) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(f -> f.getFileName().toString().endsWith(suffix))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(dir + ": " + e.getMessage(), e);
        }
    }

    private static List<String> lines(Path file) {
        try {
            return Files.readAllLines(file);
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": " + e.getMessage(), e);
        }
    }
}
