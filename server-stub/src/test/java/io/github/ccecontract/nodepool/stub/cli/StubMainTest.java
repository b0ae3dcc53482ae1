package io.github.ccecontract.nodepool.stub.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ccecontract.nodepool.stub.CceNodePoolStub;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The command line in-process: help, version, and every bad argument is exit code 2 with a message. */
class StubMainTest {

    record Run(int code, String out, String err) {}

    static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = StubMain.run(
                args,
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void helpPrintsUsage() {
        Run run = run("--help");
        assertEquals(0, run.code());
        assertTrue(run.out().startsWith("Usage: java -jar cce-nodepool-stub.jar"), run.out());
        for (String option : new String[] {
            "--port", "--host", "--config", "--help", "--version", "/__admin/faults", "Prefer: code=429"
        }) {
            assertTrue(run.out().contains(option), option);
        }
        assertEquals("", run.err());
    }

    @Test
    void versionIsPrinted() {
        Run run = run("--version");
        assertEquals(0, run.code());
        assertTrue(run.out().startsWith("cce-nodepool-stub "), run.out());
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "--bogus|unknown option '--bogus'",
                "serve|unexpected argument 'serve'",
                "--port|option --port needs a value",
                "--port abc|--port must be a number from 0 to 65535, got 'abc'",
                "--port 70000|--port must be a number from 0 to 65535, got '70000'",
                "--port=-1|--port must be a number from 0 to 65535, got '-1'",
                "--config|option --config needs a value",
                "--host=|option --host needs an address",
                "--config no-such-file.yaml|Config file no-such-file.yaml does not exist"
            })
    void badArgumentsExitWith2AndSayWhy(String args, String message) {
        Run run = run(args.split(" "));
        assertEquals(2, run.code(), run.err());
        assertTrue(run.err().startsWith("cce-nodepool-stub: "), run.err());
        assertTrue(run.err().contains(message), run.err());
        assertEquals("", run.out());
    }

    @Test
    void badConfigFileExitsWith2(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("stub.yaml"), "clusters: [{id: c1, maxNodes: 0}]");
        Run run = run("--config", file.toString());
        assertEquals(2, run.code());
        assertTrue(run.err().contains("/clusters/0/maxNodes: must be an integer of at least 1"), run.err());
    }

    @Test
    void aBadFaultInTheConfigFileExitsWith2(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("stub.yaml"), "faults: [{status: 429, retryAfter: -1}]");
        Run run = run("--config", file.toString());
        assertEquals(2, run.code());
        assertTrue(run.err().contains("/faults/0: retryAfter must be 0 or more seconds, was -1"), run.err());
    }

    @Test
    void theBannerCountsConfiguredFaults() {
        assertTrue(StubMain.describe(io.github.ccecontract.nodepool.stub.config.StubConfig.builder()
                        .faults(io.github.ccecontract.nodepool.stub.faults.Fault.status(500))
                        .build())
                .endsWith("; faults: 1 configured"));
        assertFalse(StubMain.describe(io.github.ccecontract.nodepool.stub.config.StubConfig.defaults())
                .contains("faults"));
    }

    @Test
    void portInUseExitsWith1() {
        try (CceNodePoolStub busy = CceNodePoolStub.builder().start()) {
            Run run = run("--port", String.valueOf(busy.port()));
            assertEquals(1, run.code(), run.err());
            assertTrue(run.err().contains("cannot listen on 127.0.0.1:" + busy.port()), run.err());
        }
    }

    @Test
    void unresolvableHostExitsWith1() {
        Run run = run("--host", "no-such-host.invalid", "--port", "0");
        assertEquals(1, run.code(), run.err());
        assertFalse(run.err().isEmpty());
    }
}
