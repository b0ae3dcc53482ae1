package io.github.ccecontract.nodepool.stub.cli;

import io.github.ccecontract.nodepool.contract.cluster.Cluster;
import io.github.ccecontract.nodepool.stub.CceNodePoolStub;
import io.github.ccecontract.nodepool.stub.config.ConfigException;
import io.github.ccecontract.nodepool.stub.config.ConfigLoader;
import io.github.ccecontract.nodepool.stub.config.StubConfig;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * {@code java -jar cce-nodepool-stub.jar [--port N] [--host ADDRESS] [--config FILE]}: runs the stub
 * until SIGTERM (or Ctrl-C). Prints the URL it serves on its first line
 * ({@code CCE node pool stub serving http://127.0.0.1:8080}). Exit codes: 2 for bad arguments or a
 * bad config file, 1 if the stub cannot start (port taken), 143 after SIGTERM (the JVM's).
 */
public final class StubMain {

    /** Exit code for bad arguments. */
    static final int BAD_ARGUMENTS = 2;
    /** Exit code when the stub cannot start. */
    static final int CANNOT_START = 1;

    private StubMain() {}

    /**
     * Runs the stub from the command line ({@code --help} lists the options); exits with the code {@code run} returns if it does not serve.
     *
     * @param args the command-line arguments
     */
    public static void main(String[] args) {
        int code = run(args, System.out, System.err);
        if (code >= 0) {
            System.exit(code);
        }
        // -1: the stub runs; the JVM lives on with the server's thread until SIGTERM.
    }

    /** Runs the stub; returns an exit code, or -1 when the stub was started and keeps running. */
    static int run(String[] args, PrintStream out, PrintStream err) {
        if (System.getProperty("java.util.logging.SimpleFormatter.format") == null) {
            System.setProperty("java.util.logging.SimpleFormatter.format", "%1$tFT%1$tT.%1$tLZ %4$s %3$s: %5$s%6$s%n");
        }
        CommandLine line;
        try {
            line = CommandLine.parse(Arrays.asList(args));
        } catch (CommandLine.BadArguments e) {
            err.println("cce-nodepool-stub: " + e.getMessage());
            err.println("Try: java -jar cce-nodepool-stub.jar --help");
            return BAD_ARGUMENTS;
        }
        if (line.help()) {
            out.print(CommandLine.USAGE);
            return 0;
        }
        if (line.version()) {
            out.println("cce-nodepool-stub " + version());
            return 0;
        }
        if (line.training()) {
            CdsTrainingRun.run(err);
            return 0;
        }
        StubConfig config;
        try {
            config = line.config() == null ? StubConfig.defaults() : ConfigLoader.load(line.config());
        } catch (ConfigException e) {
            err.println("cce-nodepool-stub: " + e.getMessage());
            return BAD_ARGUMENTS;
        }
        CceNodePoolStub stub;
        try {
            stub = CceNodePoolStub.builder()
                    .host(line.host())
                    .port(line.port())
                    .config(config)
                    .start();
        } catch (UncheckedIOException | IllegalArgumentException e) {
            err.println("cce-nodepool-stub: " + e.getMessage());
            return CANNOT_START;
        }
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            stub.close();
                            out.println("CCE node pool stub stopped");
                            out.flush();
                        },
                        "cce-stub-shutdown"));
        out.println("CCE node pool stub serving " + stub.baseUrl());
        out.println("  POST " + stub.baseUrl() + CceNodePoolStub.OPERATION_PATH);
        out.println("  contract: " + stub.baseUrl() + "/openapi.yaml (and /openapi.json)");
        out.println("  reference page: " + stub.baseUrl() + "/docs");
        out.println("  inspection: GET /__admin/requests, GET /__admin/nodepools, POST /__admin/reset;"
                + " faults: /__admin/faults"
                + (config.adminToken() != null
                        ? " (with the adminToken)"
                        : stub.isLoopback() ? "" : " - OFF: not on loopback and no adminToken configured"));
        out.println("  " + describe(config));
        out.flush();
        Warmup.run();
        try {
            stub.awaitReady();
        } catch (RuntimeException e) {
            err.println("cce-nodepool-stub: " + e.getMessage());
            stub.close();
            return CANNOT_START;
        }
        return -1;
    }

    static String describe(StubConfig config) {
        List<String> clusters = new ArrayList<>();
        for (var entry : config.clusters().entrySet()) {
            Cluster c = entry.getValue();
            clusters.add(entry.getKey() + " (" + (c.type() == null ? "any type" : c.type()) + ", " + c.maxNodes()
                    + " nodes" + (c.azs().isEmpty() ? "" : ", " + c.azs().size() + " AZs") + ")");
        }
        return "clusters: " + (clusters.isEmpty() ? "any ID (none configured)" : String.join(", ", clusters))
                + "; tokens: "
                + (config.tokens().isEmpty() ? "any non-empty" : config.tokens().size() + " configured")
                + "; access keys: "
                + (config.accessKeys().isEmpty()
                        ? "none"
                        : String.join(", ", config.accessKeys().keySet()))
                + (config.faults().isEmpty()
                        ? ""
                        : "; faults: " + config.faults().size() + " configured");
    }

    static String version() {
        String v = StubMain.class.getPackage().getImplementationVersion();
        return v == null ? "(development build)" : v;
    }
}
