package io.github.ccecontract.nodepool.openapi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.ccecontract.nodepool.contract.NodePoolContract.DocumentedExample;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The four example files are the JSON blocks printed on the reference page, byte for byte.
 *
 * <p>A block starts, after the line "Example Request", with a line that is exactly "{" and ends with the
 * next line that is exactly "}". The page prints them in the order of {@link DocumentedExample}.
 */
class ReferencePageExamplesTest {

    private static final String START_MARKER = "Example Request";

    /** A JSON block of the page: its text (lines joined by "\n", with a final "\n") and first line number. */
    record Block(String text, int firstLine) {}

    static List<Block> pageBlocks() throws IOException {
        Path page = TestSupport.repoRoot().resolve(TestSupport.REFERENCE_PAGE);
        List<String> lines =
                Arrays.asList(Files.readString(page, StandardCharsets.UTF_8).split("\n", -1));
        int start = lines.indexOf(START_MARKER);
        if (start < 0) {
            fail(TestSupport.REFERENCE_PAGE + ": no line '" + START_MARKER + "'");
        }
        List<Block> blocks = new ArrayList<>();
        for (int i = start + 1; i < lines.size(); i++) {
            if (!lines.get(i).equals("{")) {
                continue;
            }
            int end = lines.subList(i + 1, lines.size()).indexOf("}");
            if (end < 0) {
                fail(TestSupport.REFERENCE_PAGE + ": the block starting at line " + (i + 1)
                        + " has no closing '}' line");
            }
            end += i + 1;
            blocks.add(new Block(String.join("\n", lines.subList(i, end + 1)) + "\n", i + 1));
            i = end;
        }
        return blocks;
    }

    @Test
    void pageHasExactlyFourExampleBlocks() throws IOException {
        List<Block> blocks = pageBlocks();
        assertEquals(
                DocumentedExample.values().length,
                blocks.size(),
                TestSupport.REFERENCE_PAGE
                        + ": number of JSON blocks after the line '" + START_MARKER + "' (starting at lines "
                        + blocks.stream().map(Block::firstLine).toList() + ")");
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(DocumentedExample.class)
    void exampleFileIsTheBlockOfThePage(DocumentedExample example) throws IOException {
        List<Block> blocks = pageBlocks();
        int index = example.ordinal();
        assertTrue(
                index < blocks.size(),
                TestSupport.REFERENCE_PAGE + ": no JSON block #" + (index + 1) + " after '" + START_MARKER + "' for "
                        + example.fileName());
        Block block = blocks.get(index);
        Path file = TestSupport.exampleFile(example);
        String where = TestSupport.EXAMPLES_DIR + "/" + example.fileName() + " vs. " + TestSupport.REFERENCE_PAGE
                + " block at line " + block.firstLine();

        byte[] expected = block.text().getBytes(StandardCharsets.UTF_8);
        byte[] actual = Files.readAllBytes(file);
        if (!Arrays.equals(expected, actual)) {
            fail(where + ": rule 'verbatim': the file differs from the page's block "
                    + firstDifference(block.text(), new String(actual, StandardCharsets.UTF_8)));
        }

        JsonNode pageTree = TestSupport.readJson(expected, where + " (page block)");
        JsonNode fileTree = TestSupport.readJson(actual, where + " (file)");
        assertEquals(pageTree, fileTree, where + ": rule 'same JSON tree'");
        assertTrue(fileTree.isObject(), where + ": rule 'JSON object'");
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(DocumentedExample.class)
    void classpathExampleIsTheSourceFile(DocumentedExample example) throws IOException {
        assertArrayEquals(
                Files.readAllBytes(TestSupport.exampleFile(example)),
                example.bytes(),
                example.resourcePath() + " (classpath) differs from " + TestSupport.EXAMPLES_DIR + "/"
                        + example.fileName() + ": rule 'examples copied unchanged into the jar'");
    }

    @Test
    void repositoryCopyOfThePageIsTheSharedOne() throws IOException {
        Path root = TestSupport.repoRoot();
        Path shared =
                root.resolve("../shared").resolve(TestSupport.REFERENCE_PAGE).normalize();
        assumeTrue(Files.isRegularFile(shared), "no shared copy of the reference page at " + shared);
        Path copy = root.resolve(TestSupport.REFERENCE_PAGE);
        byte[] expected = Files.readAllBytes(shared);
        byte[] actual = Files.readAllBytes(copy);
        if (!Arrays.equals(expected, actual)) {
            fail(TestSupport.REFERENCE_PAGE + " vs. " + shared + ": rule 'byte-identical copy': "
                    + firstDifference(
                            new String(expected, StandardCharsets.UTF_8), new String(actual, StandardCharsets.UTF_8)));
        }
    }

    /** Where two texts first differ: line, column and both lines. */
    static String firstDifference(String expected, String actual) {
        String[] e = expected.split("\n", -1);
        String[] a = actual.split("\n", -1);
        for (int i = 0; i < Math.max(e.length, a.length); i++) {
            String el = i < e.length ? e[i] : "<end of text>";
            String al = i < a.length ? a[i] : "<end of text>";
            if (!el.equals(al)) {
                int col = 0;
                while (col < el.length() && col < al.length() && el.charAt(col) == al.charAt(col)) {
                    col++;
                }
                return "at line " + (i + 1) + ", column " + (col + 1) + ":\n  expected: " + visible(el)
                        + "\n  actual:   " + visible(al);
            }
        }
        return "(same lines; the bytes differ in encoding)";
    }

    private static String visible(String s) {
        return "'" + s.replace("\r", "\\r").replace("\t", "\\t") + "'";
    }
}
