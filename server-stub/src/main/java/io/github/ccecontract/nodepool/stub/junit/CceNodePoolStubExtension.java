package io.github.ccecontract.nodepool.stub.junit;

import io.github.ccecontract.nodepool.client.CceNodePoolClient;
import io.github.ccecontract.nodepool.stub.CceNodePoolStub;
import io.github.ccecontract.nodepool.stub.admin.JournalEntry;
import io.github.ccecontract.nodepool.stub.config.StubConfig;
import io.github.ccecontract.nodepool.stub.domain.AzInventory;
import io.github.ccecontract.nodepool.stub.domain.ClusterType;
import io.github.ccecontract.nodepool.stub.domain.StoredNodePool;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Runs a {@link CceNodePoolStub} on a free loopback port for a test class.
 *
 * <pre>{@code
 * @RegisterExtension
 * static CceNodePoolStubExtension stub = CceNodePoolStubExtension.builder()
 *         .cluster("my-cluster", ClusterType.CCE, 50)
 *         .build();
 *
 * @Test
 * void createsAPool(CceNodePoolClient client) {      // a client of the stub (needs Retrofit/OkHttp)
 *     client.createNodePool("my-cluster", pool);
 *     assertEquals(201, stub.journal().get(0).status());
 * }
 * }</pre>
 *
 * Or {@code @ExtendWith(CceNodePoolStubExtension.class)} with the defaults, taking the stub as a
 * parameter ({@code CceNodePoolStub stub}). Parameters of type {@link CceNodePoolStub} and
 * {@code CceNodePoolClient} are resolved in constructors, lifecycle methods and tests.
 *
 * <p>The stub starts before the first test of the class (static field or {@code @ExtendWith}) or before
 * each test (instance field), and stops after them. By default it is reset (node pools, journal)
 * before each test; {@link Builder#resetBeforeEach(boolean)} turns that off.
 */
public final class CceNodePoolStubExtension
        implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback, ParameterResolver {

    /** Project ID of the clients this extension hands out, unless {@link Builder#projectId} says otherwise. */
    public static final String DEFAULT_PROJECT_ID = "stub-project";
    /** Token of the clients this extension hands out, unless {@link Builder#token} says otherwise. */
    public static final String DEFAULT_TOKEN = "stub-token";

    private final Consumer<CceNodePoolStub.Builder> configuration;
    private final boolean resetBeforeEach;
    private final String projectId;
    private final String token;
    private CceNodePoolStub stub;
    private String owner; // unique ID of the context that started the stub
    private CceNodePoolClient client;

    /** The defaults (for {@code @ExtendWith}): any cluster, any token, reset before each test. */
    public CceNodePoolStubExtension() {
        this(b -> { }, true, DEFAULT_PROJECT_ID, DEFAULT_TOKEN);
    }

    private CceNodePoolStubExtension(Consumer<CceNodePoolStub.Builder> configuration, boolean resetBeforeEach,
            String projectId, String token) {
        this.configuration = configuration;
        this.resetBeforeEach = resetBeforeEach;
        this.projectId = projectId;
        this.token = token;
    }

    public static Builder builder() {
        return new Builder();
    }

    // ------------------------------------------------------------------------------ the stub

    /** The running stub; fails outside the tests of the class. */
    public synchronized CceNodePoolStub stub() {
        if (stub == null) {
            throw new IllegalStateException("The CCE node pool stub is not running: it runs while the tests of the"
                    + " class that registers the extension run");
        }
        return stub;
    }

    /** {@code http://127.0.0.1:PORT}. */
    public String baseUrl() {
        return stub().baseUrl();
    }

    public int port() {
        return stub().port();
    }

    /** The requests received (since the last reset), oldest first. */
    public List<JournalEntry> journal() {
        return stub().journal();
    }

    /** The node pools created (since the last reset). */
    public List<StoredNodePool> nodePools() {
        return stub().nodePools();
    }

    /** Forgets node pools and journal. */
    public void reset() {
        stub().reset();
    }

    /** The project ID of the clients handed out. */
    public String projectId() {
        return projectId;
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
            CceNodePoolStub.Builder builder = CceNodePoolStub.builder();
            configuration.accept(builder);
            stub = builder.start();
            owner = context.getUniqueId();
        }
    }

    private synchronized void stopIfOwner(ExtensionContext context) {
        if (stub != null && context.getUniqueId().equals(owner)) {
            try {
                if (client != null) {
                    client.close();
                }
            } catch (RuntimeException e) {
                // closing a client of a stopping stub: nothing to report
            } finally {
                client = null;
                stub.close();
                stub = null;
                owner = null;
            }
        }
    }

    // ------------------------------------------------------------------------------ parameters

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == CceNodePoolStub.class || type == CceNodePoolClient.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        startIfStopped(context);
        Class<?> type = parameter.getParameter().getType();
        if (type == CceNodePoolStub.class) {
            return stub();
        }
        return client();
    }

    /**
     * A {@link CceNodePoolClient} of the stub (token authentication, {@link #projectId()}), made once
     * and closed with the stub. Needs the client's Retrofit and OkHttp on the classpath (Maven users of
     * this module get them).
     */
    public synchronized CceNodePoolClient client() {
        if (client == null) {
            try {
                client = StubClients.create(stub().baseUrl(), projectId, token);
            } catch (LinkageError e) {
                throw new ParameterResolutionException("A CceNodePoolClient needs Retrofit and OkHttp on the"
                        + " classpath (dependency io.github.ccecontract:cce-nodepool-client brings them): " + e, e);
            }
        }
        return client;
    }

    /** Configures the stub of a {@link CceNodePoolStubExtension}. */
    public static final class Builder {
        private Consumer<CceNodePoolStub.Builder> configuration = b -> { };
        private boolean resetBeforeEach = true;
        private String projectId = DEFAULT_PROJECT_ID;
        private String token = DEFAULT_TOKEN;

        private Builder() {
        }

        /** Any configuration of the stub's builder (port, host, clock, seed, ...). */
        public Builder configure(Consumer<CceNodePoolStub.Builder> step) {
            Objects.requireNonNull(step, "step");
            configuration = configuration.andThen(step);
            return this;
        }

        /** The stub's configuration (replaces whatever was configured before). */
        public Builder config(StubConfig config) {
            return configure(b -> b.config(config));
        }

        /** Adds a cluster; once one is added, other cluster IDs get 404. */
        public Builder cluster(String id, ClusterType type, int maxNodes, AzInventory... azs) {
            return configure(b -> b.cluster(id, type, maxNodes, azs));
        }

        /** Accepts only these tokens (the clients handed out use the first). */
        public Builder tokens(String... tokens) {
            if (tokens.length > 0) {
                token = tokens[0];
            }
            return configure(b -> b.tokens(tokens));
        }

        public Builder accessKey(String accessKey, String secretKey) {
            return configure(b -> b.accessKey(accessKey, secretKey));
        }

        public Builder maxNodePools(int value) {
            return configure(b -> b.maxNodePools(value));
        }

        public Builder maxBodyBytes(int value) {
            return configure(b -> b.maxBodyBytes(value));
        }

        /** Whether node pools and journal are forgotten before each test; default true. */
        public Builder resetBeforeEach(boolean value) {
            this.resetBeforeEach = value;
            return this;
        }

        /** Project ID of the clients handed out; default {@value #DEFAULT_PROJECT_ID}. */
        public Builder projectId(String value) {
            this.projectId = Objects.requireNonNull(value, "projectId");
            return this;
        }

        /** Token of the clients handed out; default {@value #DEFAULT_TOKEN}. */
        public Builder token(String value) {
            this.token = Objects.requireNonNull(value, "token");
            return this;
        }

        public CceNodePoolStubExtension build() {
            return new CceNodePoolStubExtension(configuration, resetBeforeEach, projectId, token);
        }
    }
}
