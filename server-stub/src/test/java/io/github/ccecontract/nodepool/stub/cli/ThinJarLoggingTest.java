package io.github.ccecontract.nodepool.stub.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ccecontract.nodepool.stub.CceNodePoolStub;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Maven user of the thin jar gets slf4j-api (through networknt) but not the optional slf4j-nop: the stub
 * must not make SLF4J print "No SLF4J providers were found" on every run (issue 10, from the client issue).
 */
class ThinJarLoggingTest {

    /** Starts a stub, waits for its schema, stops it: what a test of a thin-jar user does. */
    public static void main(String[] args) {
        try (CceNodePoolStub stub = CceNodePoolStub.builder().start()) {
            stub.awaitReady();
        }
        System.out.println("thin jar run done");
    }

    @Test
    void noSlf4jNoticeWithoutAProvider(@TempDir Path dir) throws Exception {
        String classPath = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> !entry.contains("slf4j-nop"))
                .collect(Collectors.joining(File.pathSeparator));
        assertTrue(classPath.contains("slf4j-api"), "networknt brings slf4j-api");
        Path output = dir.resolve("out.txt");
        Process process = new ProcessBuilder(List.of(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp",
                        classPath,
                        ThinJarLoggingTest.class.getName()))
                .redirectErrorStream(true)
                .redirectOutput(output.toFile())
                .start();
        assertTrue(process.waitFor(60, TimeUnit.SECONDS));
        String text = Files.readString(output);
        assertEquals(0, process.exitValue(), text);
        assertTrue(text.contains("thin jar run done"), text);
        assertFalse(text.contains("SLF4J"), text);
    }
}
