package io.github.ccecontract.nodepool.conformance.prism;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Stoplight Prism process ({@code node_modules/.bin/prism} of the repository root, pinned by package-lock.json):
 * {@code prism mock <document>} or {@code prism proxy <document> <upstream> [--errors]}, on a free loopback port
 * (Prism is started with {@code -p 0} and says which port it took), ready when Prism says it is listening, stopped
 * with its whole process tree.
 *
 * <p>Give it the BUNDLED document ({@code DocumentFiles.extractBundledDocument}): the source document's examples are
 * {@code value: {$ref: './examples/...'}}, which Prism resolves relative to the file and fails on (fatal, at start)
 * when the example files are not next to it.
 */
public final class PrismProcess implements AutoCloseable {

    /** How long Prism may take to start (a loaded 2-core machine: a few seconds; 60 s leaves room). */
    static final long START_TIMEOUT_SECONDS = 60;

    private static final Pattern LISTENING = Pattern.compile("Prism is listening on (http://[^\\s]+:(\\d+))");
    private static final int LOG_LINES = 400;

    private final Process process;
    private final List<String> command;
    private final Deque<String> log = new ArrayDeque<>();
    private final CompletableFuture<URI> listening = new CompletableFuture<>();
    private final Thread shutdownHook;

    private PrismProcess(List<String> command) {
        this.command = List.copyOf(command);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("NO_COLOR", "1");
        builder.environment().put("FORCE_COLOR", "0");
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start Prism: " + String.join(" ", command), e);
        }
        shutdownHook = new Thread(this::stop, "prism-stop-" + process.pid());
        Runtime.getRuntime().addShutdownHook(shutdownHook);
        Thread reader = new Thread(this::readOutput, "prism-output-" + process.pid());
        reader.setDaemon(true);
        reader.start();
    }

    /** {@code prism mock <document>} on a free loopback port, started and ready. */
    public static PrismProcess mock(Path document, String... extraArguments) {
        List<String> command = new ArrayList<>(List.of(executable().toString(), "mock", document.toString()));
        command.addAll(List.of(extraArguments));
        return start(command);
    }

    /**
     * {@code prism proxy <document> <upstream>} on a free loopback port, started and ready.
     *
     * @param errors with {@code --errors}: an answer that breaks the document becomes Prism's 500
     *               application/problem+json (type {@code https://stoplight.io/prism/errors#VIOLATIONS}); an invalid
     *               request is answered by Prism itself (422, or 401 for missing credentials) and not forwarded
     */
    public static PrismProcess proxy(Path document, URI upstream, boolean errors, String... extraArguments) {
        List<String> command =
                new ArrayList<>(List.of(executable().toString(), "proxy", document.toString(), upstream.toString()));
        if (errors) {
            command.add("--errors");
        }
        command.addAll(List.of(extraArguments));
        return start(command);
    }

    private static PrismProcess start(List<String> command) {
        command.addAll(List.of("-h", "127.0.0.1", "-p", "0"));
        PrismProcess prism = new PrismProcess(command);
        try {
            prism.listening.get(START_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            return prism;
        } catch (TimeoutException | ExecutionException e) {
            prism.stop();
            throw new IllegalStateException(
                    "Prism did not start within " + START_TIMEOUT_SECONDS + " s: " + String.join(" ", command) + "\n"
                            + prism.logText(),
                    e);
        } catch (InterruptedException e) {
            prism.stop();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while Prism started", e);
        }
    }

    /**
     * The Prism executable: the system property {@code prism.executable}, else {@code node_modules/.bin/prism} in
     * the repository root (system property {@code repo.root}, else the first folder upwards from the working
     * directory that has one).
     */
    public static Path executable() {
        String property = System.getProperty("prism.executable", "").trim();
        if (!property.isEmpty()) {
            return Paths.get(property);
        }
        String root = System.getProperty("repo.root", "").trim();
        Path relative = Paths.get("node_modules", ".bin", "prism");
        if (!root.isEmpty() && Files.isExecutable(Paths.get(root).resolve(relative))) {
            return Paths.get(root).resolve(relative).toAbsolutePath().normalize();
        }
        for (Path dir = Paths.get(System.getProperty("user.dir")).toAbsolutePath();
                dir != null;
                dir = dir.getParent()) {
            if (Files.isExecutable(dir.resolve(relative))) {
                return dir.resolve(relative);
            }
        }
        throw new IllegalStateException("Prism is not installed: no node_modules/.bin/prism in the repository root."
                + " Run 'npm ci' there (the openapi module's build does: build with -am), or set -Dprism.executable");
    }

    /** The base URI Prism listens on, for example {@code http://127.0.0.1:41923}. */
    public URI baseUri() {
        return listening.join();
    }

    /** The command Prism was started with. */
    public List<String> command() {
        return command;
    }

    /** The last lines Prism printed. */
    public List<String> log() {
        synchronized (log) {
            return new ArrayList<>(log);
        }
    }

    /** The last lines Prism printed, as text (for failure messages). */
    public String logText() {
        return "--- Prism output (last lines) ---\n" + String.join("\n", log());
    }

    /** Whether the process still runs. */
    public boolean isAlive() {
        return process.isAlive();
    }

    /** The process (its pid, its descendants). */
    public ProcessHandle handle() {
        return process.toHandle();
    }

    @Override
    public void close() {
        stop();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // shutting down already
        }
    }

    /** Stops Prism and every process it started (descendants first), forcibly after 5 s. */
    private void stop() {
        List<ProcessHandle> tree = new ArrayList<>(process.descendants().toList());
        tree.forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        for (ProcessHandle child : tree) {
            if (child.isAlive()) {
                child.destroyForcibly();
            }
        }
        listening.completeExceptionally(new IllegalStateException("Prism stopped"));
    }

    private void readOutput() {
        try (BufferedReader reader =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                synchronized (log) {
                    log.addLast(line);
                    while (log.size() > LOG_LINES) {
                        log.removeFirst();
                    }
                }
                Matcher m = LISTENING.matcher(line);
                if (m.find()) {
                    listening.complete(URI.create(m.group(1)));
                }
            }
        } catch (IOException e) {
            // the process ended
        }
        listening.completeExceptionally(new IllegalStateException(
                "Prism exited (code " + (process.isAlive() ? "?" : process.exitValue()) + ") before it listened"));
    }
}
