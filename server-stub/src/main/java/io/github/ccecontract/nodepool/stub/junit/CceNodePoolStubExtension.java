package io.github.ccecontract.nodepool.stub.junit;

import io.github.ccecontract.nodepool.stub.CceNodePoolStub;
import io.github.ccecontract.nodepool.stub.admin.JournalEntry;
import io.github.ccecontract.nodepool.stub.config.StubConfig;
import io.github.ccecontract.nodepool.stub.domain.StoredNodePool;
import io.github.ccecontract.nodepool.stub.faults.Faults;
import io.github.ccecontract.nodepool.stub.verify.RequestQuery;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Runs a {@link CceNodePoolStub} on a free loopback port for a test class.
 *
 * <pre>{@code
 * @RegisterExtension
 * static CceNodePoolStubExtension stub = CceNodePoolStubExtension.builder()
 *         .config(StubConfig.builder().cluster("my-cluster", ClusterType.CCE, 50).build())
 *         .build();
 *
 * @Test
 * void createsAPool() {
 *     // point the code under test at stub.baseUrl(), project stub.projectId(), token stub.token(), then:
 *     assertEquals(201, stub.journal().get(0).status());
 * }
 * }</pre>
 *
 * Or {@code @ExtendWith(CceNodePoolStubExtension.class)} with the defaults, taking the stub as a
 * parameter ({@code CceNodePoolStub stub}): parameters of that type are resolved in constructors,
 * lifecycle methods and tests.
 *
 * <p>The stub starts before the first test of the class (static field or {@code @ExtendWith}) or before
 * each test (instance field), and stops after them. By default it is reset (node pools, journal, faults)
 * before each test; {@link Builder#resetBeforeEach(boolean)} turns that off.
 */
public final class CceNodePoolStubExtension
        implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback, ParameterResolver {

    /** Project ID for the clients of the stub, unless {@link Builder#projectId} says otherwise. */
    public static final String DEFAULT_PROJECT_ID = "stub-project";
    /** Token for the clients of the stub, unless {@link Builder#token} says otherwise. */
    public static final String DEFAULT_TOKEN = "stub-token";

    private final StubConfig config;
    private final Consumer<CceNodePoolStub.Builder> runtime;
    private final boolean resetBeforeEach;
    private final String projectId;
    private final String token;
    private CceNodePoolStub stub;
    private String owner; // unique ID of the context that started the stub

    /** The defaults (for {@code @ExtendWith}): any cluster, any token, reset before each test. */
    public CceNodePoolStubExtension() {
        this(new Builder());
    }

    private CceNodePoolStubExtension(Builder builder) {
        this.config = builder.config;
        this.runtime = builder.runtime;
        this.resetBeforeEach = builder.resetBeforeEach;
        this.projectId = builder.projectId;
        this.token = builder.token;
    }

    /**
     * A builder with the defaults of {@link #CceNodePoolStubExtension()}.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    // ------------------------------------------------------------------------------ the stub

    /**
     * The running stub; fails outside the tests of the class.
     *
     * @return the stub of the running test class
     */
    public synchronized CceNodePoolStub stub() {
        if (stub == null) {
            throw new IllegalStateException("The CCE node pool stub is not running: it runs while the tests of the"
                    + " class that registers the extension run");
        }
        return stub;
    }

    /**
     * {@code http://127.0.0.1:PORT}.
     *
     * @return the stub's base URL
     */
    public String baseUrl() {
        return stub().baseUrl();
    }

    /**
     * The port the stub listens on.
     *
     * @return the port the stub is bound to
     */
    public int port() {
        return stub().port();
    }

    /**
     * The requests received (since the last reset), oldest first.
     *
     * @return a copy of the journal's entries, oldest first; empty when nothing was received
     */
    public List<JournalEntry> journal() {
        return stub().journal();
    }

    /**
     * The requests received (since the last reset), to filter and count: {@code requests().toCluster("c1").size()}.
     *
     * @return a query over the journal, which reads the entries each time it is evaluated
     */
    public RequestQuery requests() {
        return stub().requests();
    }

    /**
     * The faults the stub simulates; those added in a test are gone before the next one (with the default
     * {@code resetBeforeEach}), the configured ones ({@code StubConfig.faults}) come back.
     *
     * @return the stub's live fault list
     */
    public Faults faults() {
        return stub().faults();
    }

    /**
     * The node pools created (since the last reset).
     *
     * @return the stored node pools, oldest first; empty when none was created
     */
    public List<StoredNodePool> nodePools() {
        return stub().nodePools();
    }

    /** Forgets node pools and journal; the faults are the configured ones again. */
    public void reset() {
        stub().reset();
    }

    /**
     * The project ID for clients of the stub.
     *
     * @return the project ID
     */
    public String projectId() {
        return projectId;
    }

    /**
     * A token the stub accepts, for clients of the stub.
     *
     * @return the token
     */
    public String token() {
        return token;
    }

    // ------------------------------------------------------------------------------ JUnit callbacks

    @Override
    public void beforeAll(ExtensionContext context) {
        startIfStopped(context);
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        startIfStopped(context);
        if (resetBeforeEach) {
            stub().reset();
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        stopIfOwner(context);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        stopIfOwner(context);
    }

    private synchronized void startIfStopped(ExtensionContext context) {
        if (stub == null) {
            CceNodePoolStub.Builder builder = CceNodePoolStub.builder().config(config);
            runtime.accept(builder);
            stub = builder.start();
            owner = context.getUniqueId();
        }
    }

    private synchronized void stopIfOwner(ExtensionContext context) {
        if (stub != null && context.getUniqueId().equals(owner)) {
            try {
                stub.close();
            } finally {
                stub = null;
                owner = null;
            }
        }
    }

    // ------------------------------------------------------------------------------ parameters

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == CceNodePoolStub.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        startIfStopped(context);
        return stub();
    }

    /** Configures a {@link CceNodePoolStubExtension}. */
    public static final class Builder {
        private StubConfig config = StubConfig.defaults();
        private Consumer<CceNodePoolStub.Builder> runtime = b -> {};
        private boolean resetBeforeEach = true;
        private String projectId = DEFAULT_PROJECT_ID;
        private String token;

        private Builder() {}

        /**
         * What the stub knows and holds (clusters, tokens, access keys, limits). When it accepts only
         * some tokens, {@link CceNodePoolStubExtension#token()} is the first of them unless
         * {@link #token} says otherwise.
         *
         * @param config the stub's configuration; not null
         * @return this builder
         */
        public Builder config(StubConfig config) {
            this.config = Objects.requireNonNull(config, "config");
            return this;
        }

        /**
         * How the stub runs (host, port, threads, clock, seed): any step on the stub's builder but its config.
         *
         * @param step a step applied to the stub's builder after the others; not null
         * @return this builder
         */
        public Builder runtime(Consumer<CceNodePoolStub.Builder> step) {
            this.runtime = this.runtime.andThen(Objects.requireNonNull(step, "step"));
            return this;
        }

        /**
         * Whether node pools and journal are forgotten before each test; default true.
         *
         * @param value {@code false} to keep node pools and journal from one test to the next
         * @return this builder
         */
        public Builder resetBeforeEach(boolean value) {
            this.resetBeforeEach = value;
            return this;
        }

        /**
         * Project ID for clients of the stub; default {@value #DEFAULT_PROJECT_ID}.
         *
         * @param value the project ID; not null
         * @return this builder
         */
        public Builder projectId(String value) {
            this.projectId = Objects.requireNonNull(value, "projectId");
            return this;
        }

        /**
         * Token for clients of the stub; default the first configured token, else {@value #DEFAULT_TOKEN}.
         *
         * @param value the token; not null, and one of the configured tokens if any is configured
         * @return this builder
         */
        public Builder token(String value) {
            this.token = Objects.requireNonNull(value, "token");
            return this;
        }

        /**
         * The extension, to register with {@code @RegisterExtension}.
         *
         * @return a new extension
         */
        public CceNodePoolStubExtension build() {
            if (token == null) {
                token = config.tokens().stream().findFirst().orElse(DEFAULT_TOKEN);
            } else if (!config.tokens().isEmpty() && !config.tokens().contains(token)) {
                throw new IllegalArgumentException("token is not one of the stub's configured tokens");
            }
            return new CceNodePoolStubExtension(this);
        }
    }
}
