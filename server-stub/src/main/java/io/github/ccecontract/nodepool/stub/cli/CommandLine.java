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
              --config FILE     a config file, YAML (JSON if the name ends in .json); members below
              --help            print this help and exit
              --version         print the version and exit

            Config file: every member optional, unknown members are errors.
              clusters:            none: every cluster_id accepted; some: others get 404. Each:
                - id: c1           the cluster_id of the path
                  type: CCE        CCE or TURBO; left out: either kind
                  maxNodes: 50     node limit (initialNodeCount, count, maxNodeCount); default 2000
                  azs:             AZ inventory in AZ order, for az: random
                    - {name: eu-de-01, existingNodes: 2, soldOut: false}
              tokens: [t1, t2]     accepted X-Auth-Token values; left out: any non-empty token
              accessKeys: {AK: SK} access key -> secret key for SDK-HMAC-SHA256 signatures
              maxNodePools: 10000  node pools held (all clusters); then 507 until reset
              maxBodyBytes: 1048576  larger bodies get 413
              journalSize: 1000    requests the journal keeps
              journalAllRequests: false  true: journal every request, not only operation calls
              faults:              simulated from the start and after every reset, each one of
                - {status: 429, retryAfter: 2, example: cce, connection: close, delayMillis: 500,
                   times: 2, probability: 0.5, seed: 7, cluster: c1, name: pool-a,
                   header: {name: X-Test-Case, value: retry}}
                                   status (with example, retryAfter), or connection: close, or only
                                   delayMillis (a number or {min: 100, max: 800}); the rest are optional
              adminToken: SECRET   token of the inspection API (/__admin): Authorization: Bearer SECRET;
                                   without it the inspection API is off unless the stub binds loopback
              unknownMembers: warn request members the document does not declare: warn (Cce-Stub-Warning
                                   header and journal), reject (400 additionalProperties) or ignore

            It serves its contract at /openapi.yaml and /openapi.json, its reference page at /docs,
            and an inspection API:
              GET /__admin/requests, GET /__admin/nodepools, POST /__admin/reset
            and faults on demand: GET/POST/DELETE /__admin/faults, or a request's Prefer: code=429
            (also retry-after=N, delay=MS, connection=close).
            It serves until stopped: SIGTERM or Ctrl-C shut it down cleanly.
            Exit codes: 2 bad arguments or config file, 1 could not start (port taken),
            143 after SIGTERM (130 after Ctrl-C, SIGINT); 0 after --help or --version.
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
