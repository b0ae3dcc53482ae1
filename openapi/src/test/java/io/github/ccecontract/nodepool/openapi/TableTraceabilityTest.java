package io.github.ccecontract.nodepool.openapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.ccecontract.nodepool.contract.NodePoolContract;
import io.github.ccecontract.nodepool.openapi.testing.Contract;
import io.github.ccecontract.nodepool.openapi.testing.Json;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every schema, parameter, security scheme, the request body and the 201 response name the page's table(s)
 * they transcribe in {@code x-cce-table} (schemas that come from no table give {@code x-cce-source}), and
 * together the tables are exactly 1 to 24.
 */
class TableTraceabilityTest {

    static final String TABLE = "x-cce-table";
    static final String SOURCE = "x-cce-source";
    static final int FIRST_TABLE = 1;
    static final int LAST_TABLE = 24;

    private static final String POST = "/paths/" + Json.escape(NodePoolContract.PATH) + "/post";

    /** The table numbers of an x-cce-table value, or a failure naming the pointer. */
    static List<Integer> tables(JsonNode value, String pointer) {
        List<Integer> result = new ArrayList<>();
        if (value.isInt()) {
            result.add(value.intValue());
        } else if (value.isArray() && !value.isEmpty()) {
            for (JsonNode item : value) {
                if (!item.isInt()) {
                    fail(NodePoolContract.OPENAPI_JSON + " " + pointer + "/" + TABLE
                            + ": rule 'x-cce-table is an int or" + " a non-empty list of ints': item " + item);
                }
                result.add(item.intValue());
            }
        } else {
            fail(NodePoolContract.OPENAPI_JSON + " " + pointer + "/" + TABLE + ": rule 'x-cce-table is an int or a"
                    + " non-empty list of ints': got " + value);
        }
        for (int table : result) {
            if (table < FIRST_TABLE || table > LAST_TABLE) {
                fail(NodePoolContract.OPENAPI_JSON + " " + pointer + "/" + TABLE + ": rule 'table within " + FIRST_TABLE
                        + ".." + LAST_TABLE + "': got " + table);
            }
        }
        if (result.size() != new TreeSet<>(result).size()) {
            fail(NodePoolContract.OPENAPI_JSON + " " + pointer + "/" + TABLE + ": rule 'no table twice': " + result);
        }
        return result;
    }

    private static DynamicTest requireTable(String pointer, boolean sourceAllowed) {
        return DynamicTest.dynamicTest(pointer, () -> {
            JsonNode node = Json.at(Contract.document(), pointer);
            if (node.isMissingNode()) {
                fail(NodePoolContract.OPENAPI_JSON + " " + pointer + ": missing");
            }
            if (node.has(TABLE)) {
                tables(node.get(TABLE), pointer);
                if (node.has(SOURCE)) {
                    fail(NodePoolContract.OPENAPI_JSON + " " + pointer + ": rule 'x-cce-table or x-cce-source, not"
                            + " both'");
                }
            } else if (sourceAllowed && node.has(SOURCE)) {
                JsonNode source = node.get(SOURCE);
                if (!source.isTextual() || source.asText().isBlank()) {
                    fail(NodePoolContract.OPENAPI_JSON + " " + pointer + "/" + SOURCE + ": rule 'x-cce-source is a"
                            + " non-blank text': got " + source);
                }
            } else {
                fail(NodePoolContract.OPENAPI_JSON + " " + pointer + ": rule 'traceable to the page': no " + TABLE
                        + (sourceAllowed ? " and no " + SOURCE : ""));
            }
        });
    }

    private static Stream<String> children(String pointer) {
        List<String> result = new ArrayList<>();
        Json.at(Contract.document(), pointer)
                .fieldNames()
                .forEachRemaining(name -> result.add(Json.child(pointer, name)));
        return result.stream();
    }

    /** Inline (not $ref) parameters of the path item and of its operations. */
    private static Stream<String> inlineParameters() {
        JsonNode doc = Contract.document();
        List<String> result = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths = doc.path("paths").fields(); paths.hasNext(); ) {
            Map.Entry<String, JsonNode> path = paths.next();
            String pathPointer = Json.child("/paths", path.getKey());
            Json.walk(path.getValue(), pathPointer, (pointer, node) -> {
                if (pointer.endsWith("/parameters") && node.isArray()) {
                    for (int i = 0; i < node.size(); i++) {
                        if (!node.get(i).has("$ref")) {
                            result.add(pointer + "/" + i);
                        }
                    }
                }
            });
        }
        return result.stream();
    }

    @TestFactory
    Stream<DynamicTest> everyElementNamesItsTable() {
        List<DynamicTest> tests = new ArrayList<>();
        List<String> schemas = children("/components/schemas").toList();
        assertFalse(schemas.isEmpty(), "no schemas");
        schemas.forEach(p -> tests.add(requireTable(p, true)));
        children("/components/parameters").forEach(p -> tests.add(requireTable(p, false)));
        inlineParameters().forEach(p -> tests.add(requireTable(p, false)));
        children("/components/securitySchemes").forEach(p -> tests.add(requireTable(p, false)));
        tests.add(requireTable(resolve(POST + "/requestBody"), false));
        tests.add(requireTable(resolve(POST + "/responses/201"), false));
        return tests.stream();
    }

    /** Follows a $ref of the node at the pointer (request bodies and responses may be references). */
    private static String resolve(String pointer) {
        JsonNode node = Json.at(Contract.document(), pointer);
        while (node.has("$ref")) {
            pointer = node.get("$ref").asText().substring(1);
            node = Json.at(Contract.document(), pointer);
        }
        return pointer;
    }

    @Test
    void tablesAreExactlyOneToTwentyFour() {
        SortedSet<Integer> union = new TreeSet<>();
        List<String> where = new ArrayList<>();
        Json.walk(Contract.document(), "", (pointer, node) -> {
            if (node.isObject() && node.has(TABLE)) {
                union.addAll(tables(node.get(TABLE), pointer));
                where.add(pointer);
            }
        });
        SortedSet<Integer> expected =
                IntStream.rangeClosed(FIRST_TABLE, LAST_TABLE).boxed().collect(Collectors.toCollection(TreeSet::new));
        SortedSet<Integer> missing = new TreeSet<>(expected);
        missing.removeAll(union);
        SortedSet<Integer> unknown = new TreeSet<>(union);
        unknown.removeAll(expected);
        assertEquals(
                expected,
                union,
                NodePoolContract.OPENAPI_JSON + ": rule 'the x-cce-table values cover exactly"
                        + " tables " + FIRST_TABLE + ".." + LAST_TABLE + "': missing " + missing + ", unknown "
                        + unknown
                        + " (x-cce-table found at " + where.size() + " places)");
    }
}
