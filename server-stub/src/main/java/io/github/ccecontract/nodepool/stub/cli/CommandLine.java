package io.github.ccecontract.nodepool.stub.cli;

import java.nio.file.Path;
import java.util.List;

/**
 * The parsed command line. Options take their value as the next argument or after "=".
 *
 * @param host    bind address
 * @param port    port (0: a free one)
 * @param config  the --config file, or null
 * @param help    --help was given
 * @param version --version was given
 * @param training the hidden --cds-training-run (the build's AppCDS training run)
 */
record CommandLine(String host, int port, Path config, boolean help, boolean version, boolean training) {

    static final String USAGE = """
            Usage: java -jar cce-nodepool-stub.jar [--port N] [--host ADDRESS] [--config FILE]

            HTTP stub of OTC CCE "Create Node Pool" (POST /api/v3/projects/{project_id}/clusters/{cluster_id}/nodepools)
            for contract tests: validates requests against the bundled OpenAPI document and its x-cce-rules,
            answers as CCE does, and records what it received.

            Options:
              --port N          port to listen on (default 8080; 0 picks a free port)
              --host ADDRESS    address to bind (default 127.0.0.1; 0.0.0.0 for every interface)
              --config FILE     clusters, tokens, access keys, limits, faults and unknownMembers (warn, reject,
                                ignore: request members the document does not declare), in YAML or JSON (see README.md)
              --help            print this help and exit
              --version         print the version and exit

            It serves its contract at /openapi.yaml and /openapi.json, its reference page at /docs,
            and an inspection API:
              GET /__admin/requests, GET /__admin/nodepools, POST /__admin/reset
            and faults on demand: GET/POST/DELETE /__admin/faults, or a request's Prefer: code=429 (see README.md)
            It stops on SIGTERM or Ctrl-C. Exit codes: 0 stopped, 1 could not start, 2 bad arguments.
            """;

    /** A command line the stub cannot run with; the message says what is wrong. */
    static final class BadArguments extends Exception {
        private static final long serialVersionUID = 1L;

        BadArguments(String message) {
            super(message, null, false, false);
        }
    }

    static CommandLine parse(List<String> args) throws BadArguments {
        String host = "127.0.0.1";
        int port = 8080;
        Path config = null;
        boolean help = false;
        boolean version = false;
        boolean training = false;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            String name = arg;
            String value = null;
            int equals = arg.indexOf('=');
            if (arg.startsWith("--") && equals > 0) {
                name = arg.substring(0, equals);
                value = arg.substring(equals + 1);
            }
            switch (name) {
                case "--help", "-h" -> help = true;
                case "--version" -> version = true;
                case "--cds-training-run" -> training = true;
                case "--port", "--host", "--config" -> {
                    if (value == null) {
                        if (i + 1 >= args.size()) {
                            throw new BadArguments("option " + name + " needs a value");
                        }
                        value = args.get(++i);
                    }
                    switch (name) {
                        case "--port" -> port = port(value);
                        case "--host" -> {
                            if (value.isBlank()) {
                                throw new BadArguments("option --host needs an address, got an empty one");
                            }
                            host = value;
                        }
                        default -> {
                            if (value.isBlank()) {
                                throw new BadArguments("option --config needs a file, got an empty name");
                            }
                            config = Path.of(value);
                        }
                    }
                }
                default ->
                    throw new BadArguments(
                            arg.startsWith("-")
                                    ? "unknown option '" + arg + "'"
                                    : "unexpected argument '" + arg + "' (the stub takes options only)");
            }
        }
        return new CommandLine(host, port, config, help, version, training);
    }

    private static int port(String value) throws BadArguments {
        try {
            int port = Integer.parseInt(value.strip());
            if (port >= 0 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new BadArguments("--port must be a number from 0 to 65535, got '" + value + "'");
    }
}
