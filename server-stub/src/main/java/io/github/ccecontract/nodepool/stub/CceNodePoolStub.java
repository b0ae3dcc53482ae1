package io.github.ccecontract.nodepool.stub;

import io.github.ccecontract.nodepool.contract.validation.NodePoolValidator;
import io.github.ccecontract.nodepool.stub.admin.AdminApi;
import io.github.ccecontract.nodepool.stub.admin.JournalEntry;
import io.github.ccecontract.nodepool.stub.admin.RequestJournal;
import io.github.ccecontract.nodepool.stub.api.NodePoolApi;
import io.github.ccecontract.nodepool.stub.config.ConfigLoader;
import io.github.ccecontract.nodepool.stub.config.StubConfig;
import io.github.ccecontract.nodepool.stub.domain.NodePoolStore;
import io.github.ccecontract.nodepool.stub.domain.PublicKeyGenerator;
import io.github.ccecontract.nodepool.stub.domain.StoredNodePool;
import io.github.ccecontract.nodepool.stub.domain.UidGenerator;
import io.github.ccecontract.nodepool.stub.faults.Faults;
import io.github.ccecontract.nodepool.stub.http.StubHttpHandler;
import io.github.ccecontract.nodepool.stub.http.StubServer;
import io.github.ccecontract.nodepool.stub.service.NodePoolService;
import io.github.ccecontract.nodepool.stub.verify.RequestQuery;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Objects;

/**
 * A running stub of CCE "Create Node Pool": an HTTP server on a loopback port (by default a free
 * one) that validates requests against the bundled contract, answers as CCE does, and records what
 * it received.
 *
 * <pre>{@code
 * try (CceNodePoolStub stub = CceNodePoolStub.builder()
 *         .config(StubConfig.builder().cluster("my-cluster", ClusterType.CCE, 50).build())
 *         .start()) {
 *     String url = stub.baseUrl();              // http://127.0.0.1:PORT
 *     // ... point the code under test at url, then:
 *     assertEquals(201, stub.journal().get(0).status());
 * }
 * }</pre>
 *
 * Thread-safe. {@link #close()} stops the server.
 */
public final class CceNodePoolStub implements AutoCloseable {

    /** Path template of the operation. */
    public static final String OPERATION_PATH = io.github.ccecontract.nodepool.contract.NodePoolContract.PATH;

    private final StubConfig config;
    private final StubServer server;
    private final StubHttpHandler handler;
    private final RequestJournal journal;
    private final NodePoolStore store;
    private final AdminApi admin;
    private final NodePoolService service;
    private final String baseUrl;
    private final Faults faults;
    private volatile NodePoolApi api;

    private CceNodePoolStub(
            StubConfig config,
            StubServer server,
            StubHttpHandler handler,
            RequestJournal journal,
            NodePoolStore store,
            AdminApi admin,
            NodePoolService service,
            String baseUrl,
            Faults faults) {
        this.faults = faults;
        this.config = config;
        this.server = server;
        this.handler = handler;
        this.journal = journal;
        this.store = store;
        this.admin = admin;
        this.service = service;
        this.baseUrl = baseUrl;
    }

    /**
     * A builder of a stub with the default configuration: loopback, port 0 (a free one), every cluster and token accepted.
     *
     * @return a new builder with the defaults
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * {@code http://host:port}, without a trailing slash; a wildcard bind address is given as loopback.
     *
     * @return the stub's base URL, for example {@code http://127.0.0.1:8080}
     */
    public String baseUrl() {
        return baseUrl;
    }

    /**
     * {@link #baseUrl()} as a URI.
     *
     * @return the base URL as a URI
     */
    public URI baseUri() {
        return URI.create(baseUrl);
    }

    /**
     * The port the stub listens on.
     *
     * @return the port the server is bound to (the chosen one when the builder asked for port 0)
     */
    public int port() {
        return server.address().getPort();
    }

    /**
     * Whether the stub listens on a loopback address only (then its inspection API needs no token).
     *
     * @return {@code true} if the bound address is a loopback address
     */
    public boolean isLoopback() {
        return server.address().getAddress().isLoopbackAddress();
    }

    /**
     * The configuration it runs with.
     *
     * @return the stub's configuration
     */
    public StubConfig config() {
        return config;
    }

    /**
     * The requests received since the last reset, oldest first (at most {@link StubConfig#journalSize()}).
     *
     * @return a copy of the journal's entries, oldest first; empty when nothing was received
     */
    public List<JournalEntry> journal() {
        return journal.entries();
    }

    /**
     * The requests received since the last reset, to filter and count:
     * {@code stub.requests().toCluster("c1").withStatus(201).size()}. Read when asked.
     *
     * @return a query over the journal, which reads the entries each time it is evaluated
     */
    public RequestQuery requests() {
        return new RequestQuery(journal::entries);
    }

    /**
     * The faults the stub simulates: {@code stub.faults().add(Fault.status(429).retryAfter(2).times(2))}. A reset
     * brings back the configured ones ({@link StubConfig#faults()}).
     *
     * @return the stub's live fault list
     */
    public Faults faults() {
        return faults;
    }

    /**
     * The node pools created since the last reset, in creation order, with their placement.
     *
     * @return the stored node pools, oldest first; empty when none was created
     */
    public List<StoredNodePool> nodePools() {
        return store.list();
    }

    /** Forgets node pools and journal; the faults are the configured ones again. */
    public void reset() {
        admin.reset();
    }

    /**
     * The operation without HTTP: the interface generated from the document, with the client's models.
     * A refused creation throws {@link CceStubException}. Not journaled.
     *
     * @return the operation's interface, backed by the stub's service (the same instance on every call)
     */
    public NodePoolApi api() {
        NodePoolApi a = api;
        if (a == null) {
            a = new StubNodePoolApi(service);
            api = a;
        }
        return a;
    }

    /**
     * Waits until the request schema is compiled (requests wait for it anyway).
     *
     * @return this stub, once the schema is compiled
     */
    public CceNodePoolStub awaitReady() {
        service.validator().awaitReady();
        return this;
    }

    /**
     * Requests the stub failed on (answered 500 CCE.01500001 and logged): a bug of the stub.
     *
     * @return the number of requests answered with an internal error since the stub started
     */
    public long internalErrors() {
        return handler.internalErrors();
    }

    /** Stops the server. */
    @Override
    public void close() {
        server.close();
    }

    @Override
    public String toString() {
        return "CceNodePoolStub{" + baseUrl + ", " + config + "}";
    }

    /** Configures and starts a stub. */
    public static final class Builder {
        private String host = "127.0.0.1";
        private int port;
        private StubConfig config = StubConfig.defaults();
        private int threads = StubServer.DEFAULT_THREADS;
        private Clock clock = Clock.systemUTC();
        private Long seed;

        private Builder() {}

        /**
         * Address to bind; default 127.0.0.1.
         *
         * @param host the host name or IP address to bind; not null
         * @return this builder
         */
        public Builder host(String host) {
            this.host = Objects.requireNonNull(host, "host");
            return this;
        }

        /**
         * Port; default 0, a free port.
         *
         * @param port the TCP port, 0 to 65535 (0: a free port)
         * @return this builder
         */
        public Builder port(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port must be 0 to 65535, was " + port);
            }
            this.port = port;
            return this;
        }

        /**
         * What the stub knows and holds (clusters, tokens, access keys, limits); default {@link StubConfig#defaults()}.
         *
         * @param config the configuration; not null
         * @return this builder
         */
        public Builder config(StubConfig config) {
            this.config = Objects.requireNonNull(config, "config");
            return this;
        }

        /**
         * Replaces the configuration by a YAML or JSON file's (see {@link ConfigLoader}).
         *
         * @param file the YAML or JSON configuration file
         * @return this builder
         */
        public Builder configFile(Path file) {
            return config(ConfigLoader.load(file));
        }

        /**
         * Request threads kept ready; default {@link StubServer#DEFAULT_THREADS}. More are started, up to
         * {@link StubServer#MAX_THREADS}, while requests wait for slow clients' headers or bodies.
         *
         * @param threads the number of request threads kept ready, at least 1
         * @return this builder
         */
        public Builder threads(int threads) {
            if (threads < 1) {
                throw new IllegalArgumentException("threads must be at least 1, was " + threads);
            }
            this.threads = threads;
            return this;
        }

        /**
         * The clock for X-Sdk-Date checks, journal and creation times; default UTC system clock.
         *
         * @param clock the clock to use; not null
         * @return this builder
         */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * Makes uids and public keys a fixed sequence (reproducible tests); default random.
         *
         * @param seed the seed of the uid and public-key sequences
         * @return this builder
         */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /**
         * Starts the stub: it listens when this returns; the schema compiles meanwhile.
         *
         * @return the started stub, listening on its bound address
         */
        public CceNodePoolStub start() {
            quietSlf4j();
            StubConfig built = config;
            NodePoolValidator validator = NodePoolValidator.shared();
            NodePoolStore store = new NodePoolStore(built.maxNodePools(), clock);
            RequestJournal journal = new RequestJournal(built.journalSize());
            NodePoolService service = new NodePoolService(
                    built,
                    validator,
                    store,
                    seed == null ? new UidGenerator() : new UidGenerator(seed),
                    seed == null ? new PublicKeyGenerator() : new PublicKeyGenerator(seed));
            Faults faults = new Faults(built.faults());
            InetSocketAddress address = new InetSocketAddress(host, port);
            if (address.isUnresolved()) {
                throw new IllegalArgumentException("host '" + host + "' cannot be resolved");
            }
            AdminApi admin = new AdminApi(
                    journal,
                    store,
                    faults,
                    built.adminToken(),
                    !address.getAddress().isLoopbackAddress());
            StubHttpHandler handler = new StubHttpHandler(service, journal, admin, clock, faults);
            StubServer server;
            try {
                server = StubServer.start(address, handler, threads);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot listen on " + host + ":" + port + ": " + e.getMessage(), e);
            }
            return new CceNodePoolStub(
                    built, server, handler, journal, store, admin, service, baseUrl(server.address()), faults);
        }

        /**
         * networknt json-schema-validator logs through SLF4J. The executable jar routes that to slf4j-nop;
         * a Maven user of this (thin) jar gets slf4j-api without a provider unless they have one, and SLF4J
         * then prints "No SLF4J providers were found" on every run. Without a provider on the class path
         * (and unless the user chose a verbosity), SLF4J's own reports are limited to errors: its fallback
         * is the same no-operation logger, only silent. A user with a provider sees no change.
         */
        static void quietSlf4j() {
            if (System.getProperty("slf4j.internal.verbosity") != null) {
                return;
            }
            try {
                ClassLoader loader = CceNodePoolStub.class.getClassLoader();
                if (!loader.getResources("META-INF/services/org.slf4j.spi.SLF4JServiceProvider")
                        .hasMoreElements()) {
                    System.setProperty("slf4j.internal.verbosity", "ERROR");
                }
            } catch (IOException | SecurityException e) {
                // leave SLF4J as it is
            }
        }

        private static String baseUrl(InetSocketAddress bound) {
            InetAddress address = bound.getAddress();
            String host;
            if (address.isAnyLocalAddress()) {
                host = address instanceof Inet6Address ? "[::1]" : "127.0.0.1";
            } else if (address instanceof Inet6Address) {
                host = "[" + address.getHostAddress().replaceFirst("%.*$", "") + "]";
            } else {
                host = address.getHostAddress();
            }
            return "http://" + host + ":" + bound.getPort();
        }
    }
}
