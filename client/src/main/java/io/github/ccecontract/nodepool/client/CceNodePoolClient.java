package io.github.ccecontract.nodepool.client;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.ccecontract.nodepool.client.api.NodePoolApi;
import io.github.ccecontract.nodepool.client.auth.AkSkCredentials;
import io.github.ccecontract.nodepool.client.auth.AuthenticationInterceptor;
import io.github.ccecontract.nodepool.client.auth.Credentials;
import io.github.ccecontract.nodepool.client.auth.CredentialsProvider;
import io.github.ccecontract.nodepool.client.auth.TemporaryAkSkCredentials;
import io.github.ccecontract.nodepool.client.auth.TokenCredentials;
import io.github.ccecontract.nodepool.client.logging.HttpLogDetail;
import io.github.ccecontract.nodepool.client.logging.RedactingHttpLogger;
import io.github.ccecontract.nodepool.contract.CceJson;
import io.github.ccecontract.nodepool.contract.cluster.Cluster;
import io.github.ccecontract.nodepool.contract.model.NodePool;
import io.github.ccecontract.nodepool.contract.model.NodePoolResponse;
import io.github.ccecontract.nodepool.contract.model.Violation;
import io.github.ccecontract.nodepool.contract.validation.NodePoolValidator;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import retrofit2.Call;
import retrofit2.Callback;
import retrofit2.Response;
import retrofit2.Retrofit;
import retrofit2.converter.jackson.JacksonConverterFactory;

/**
 * Client of CCE "Create Node Pool" ({@code POST /api/v3/projects/{project_id}/clusters/{cluster_id}/nodepools}).
 *
 * <pre>{@code
 * CceNodePoolClient client = CceNodePoolClient.builder()
 *     .endpoint("https://cce.eu-de.otc.t-systems.com")
 *     .projectId(projectId)
 *     .credentials(new TokenCredentials(token))
 *     .build();
 * NodePoolResponse created = client.createNodePool(clusterId, nodePool);
 * }</pre>
 *
 * <p>Instances are immutable and thread-safe; share one per endpoint, project and credentials.
 * Failures are {@link CceException}s: {@link CceServiceException} for every non-2xx answer,
 * {@link CceClientException} when there is no usable answer. The request body is exactly the JSON
 * of the given model: fields left {@code null} are not sent. Failed attempts are retried as the
 * {@link RetryPolicy} says ({@link RetryPolicy#defaults()} unless set).
 *
 * <p>{@link #close()} releases the threads and connections of an {@link OkHttpClient} the builder
 * created; one passed to {@link Builder#okHttpClient} stays the caller's to manage.
 */
public final class CceNodePoolClient implements AutoCloseable {
    private final HttpUrl endpoint;
    private final String projectId;
    private final CredentialsProvider credentials;
    private final OkHttpClient httpClient;
    private final boolean ownsHttpClient;
    private final NodePoolApi api;
    private final ErrorMapper errorMapper;
    private final ObjectMapper mapper;
    private final boolean validateBeforeSend;
    private final Cluster cluster;
    private final RetryPolicy retryPolicy;
    private final HttpLogDetail httpLogging;

    private CceNodePoolClient(Builder builder) {
        this.endpoint = Objects.requireNonNull(builder.endpoint, "endpoint is not set");
        this.projectId = Objects.requireNonNull(builder.projectId, "projectId is not set");
        this.credentials = Objects.requireNonNull(builder.credentials, "credentials are not set");
        this.retryPolicy = builder.retryPolicy;
        this.httpLogging = builder.httpLogging;
        this.ownsHttpClient = builder.okHttpClient == null;
        OkHttpClient.Builder http = ownsHttpClient ? new OkHttpClient.Builder() : builder.okHttpClient.newBuilder();
        if (builder.connectTimeout != null) http.connectTimeout(builder.connectTimeout);
        if (builder.readTimeout != null) http.readTimeout(builder.readTimeout);
        if (builder.writeTimeout != null) http.writeTimeout(builder.writeTimeout);
        if (builder.callTimeout != null) http.callTimeout(builder.callTimeout);
        // After the caller's own interceptors: retries outside, so that each attempt is authenticated
        // afresh (credentials asked again, new signature and X-Sdk-Date); authentication last, so that
        // it signs every header set before.
        http.addInterceptor(new RetryInterceptor(retryPolicy, builder.sleeper, builder.clock));
        http.addInterceptor(new AuthenticationInterceptor(credentials, builder.clock));
        // On the wire: marks that an attempt reached a connection (what the retry policy needs to know),
        // then logs what is sent, if asked to.
        http.addNetworkInterceptor(new RetryInterceptor.SentMarker());
        if (httpLogging != null) http.addNetworkInterceptor(new RedactingHttpLogger(httpLogging));
        this.httpClient = http.build();

        this.mapper = builder.objectMapper != null ? builder.objectMapper : CceJson.newObjectMapper();
        this.api = new Retrofit.Builder()
                .baseUrl(endpoint)
                .client(httpClient)
                .addConverterFactory(JacksonConverterFactory.create(mapper))
                .build()
                .create(NodePoolApi.class);
        this.errorMapper = new ErrorMapper(mapper);
        this.validateBeforeSend = builder.validateBeforeSend;
        this.cluster = builder.cluster;
    }

    /** {@return a new builder} */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Creates a node pool in a cluster and returns the node pool as CCE describes it (201).
     *
     * @param clusterId the cluster (sent percent-encoded as one path segment)
     * @param nodePool the node pool; with {@link Builder#validateBeforeSend(boolean)} it is validated first
     * @return the node pool created
     * @throws CceServiceException if the service answers with a status other than 2xx
     *     ({@link CcePossiblyCreatedException} for a 409 after a retry that may have followed a creation)
     * @throws CceValidationException if client-side validation is on and the node pool breaks a rule
     * @throws CceClientException if there is no usable answer (I/O failure, timeout, unreadable body)
     */
    public NodePoolResponse createNodePool(String clusterId, NodePool nodePool) {
        return createNodePoolWithResponse(clusterId, nodePool).body();
    }

    /**
     * {@link #createNodePool} with the whole answer: status, headers ({@code X-Request-Id} and the rest)
     * and the node pool.
     *
     * @param clusterId the cluster (sent percent-encoded as one path segment)
     * @param nodePool the node pool
     * @return the answer
     * @throws CceException as {@link #createNodePool} does
     */
    public CceResponse<NodePoolResponse> createNodePoolWithResponse(String clusterId, NodePool nodePool) {
        Call<NodePoolResponse> call = prepare(clusterId, nodePool);
        Response<NodePoolResponse> response;
        try {
            response = call.execute();
        } catch (IOException e) {
            throw ioFailure(e);
        }
        return handle(response);
    }

    /**
     * The asynchronous form of {@link #createNodePool}: the future completes with the node pool, or
     * exceptionally with the same {@link CceException}s. Cancelling the future cancels the HTTP call.
     * Arguments are checked at once ({@code NullPointerException}, {@code IllegalArgumentException});
     * a validation failure fails the future. Waits between attempts block an OkHttp dispatcher thread.
     *
     * @param clusterId the cluster
     * @param nodePool the node pool
     * @return the future node pool
     */
    public CompletableFuture<NodePoolResponse> createNodePoolAsync(String clusterId, NodePool nodePool) {
        return enqueue(clusterId, nodePool, CceResponse::body);
    }

    /**
     * The asynchronous form of {@link #createNodePoolWithResponse}, as {@link #createNodePoolAsync}.
     *
     * @param clusterId the cluster
     * @param nodePool the node pool
     * @return the future answer
     */
    public CompletableFuture<CceResponse<NodePoolResponse>> createNodePoolWithResponseAsync(
            String clusterId, NodePool nodePool) {
        return enqueue(clusterId, nodePool, Function.identity());
    }

    private <T> CompletableFuture<T> enqueue(
            String clusterId, NodePool nodePool, Function<CceResponse<NodePoolResponse>, T> result) {
        Call<NodePoolResponse> call;
        try {
            call = prepare(clusterId, nodePool);
        } catch (CceException e) {
            return CompletableFuture.failedFuture(e);
        }
        CompletableFuture<T> future = new CompletableFuture<>();
        future.whenComplete((value, failure) -> {
            if (future.isCancelled()) call.cancel();
        });
        call.enqueue(new Callback<>() {
            @Override
            public void onResponse(Call<NodePoolResponse> c, Response<NodePoolResponse> response) {
                try {
                    future.complete(result.apply(handle(response)));
                } catch (CceException e) {
                    future.completeExceptionally(e);
                }
            }

            @Override
            public void onFailure(Call<NodePoolResponse> c, Throwable t) {
                future.completeExceptionally(
                        t instanceof IOException io
                                ? ioFailure(io)
                                : new CceClientException("The call failed: " + t, t));
            }
        });
        return future;
    }

    private Call<NodePoolResponse> prepare(String clusterId, NodePool nodePool) {
        Objects.requireNonNull(clusterId, "clusterId");
        Objects.requireNonNull(nodePool, "nodePool");
        if (clusterId.isEmpty()) throw new IllegalArgumentException("clusterId is empty");
        if (validateBeforeSend) {
            // The JSON that is sent, validated as the stub validates what it receives.
            List<Violation> violations = NodePoolValidator.shared().validate(mapper.valueToTree(nodePool), cluster);
            if (!violations.isEmpty()) throw new CceValidationException(violations);
        }
        return api.createNodePool(projectId, clusterId, nodePool);
    }

    private CceResponse<NodePoolResponse> handle(Response<NodePoolResponse> response) {
        if (!response.isSuccessful()) {
            CallState state = response.raw().request().tag(CallState.class);
            int possiblyCreated = state != null && state.possiblyProcessedBefore() ? state.attempts() : 0;
            throw errorMapper.toException(
                    response.code(), response.message(), response.headers(), response.errorBody(), possiblyCreated);
        }
        NodePoolResponse body = response.body();
        if (body == null) {
            throw new CceClientException("HTTP " + response.code() + " without a body: no node pool to return", null);
        }
        return new CceResponse<>(response.code(), response.headers(), body);
    }

    private static CceClientException ioFailure(IOException e) {
        String what = e instanceof InterruptedIOException ? "The call timed out or was cancelled" : "The call failed";
        return new CceClientException(what + ": " + e, e);
    }

    /** {@return the endpoint the API paths are resolved against} */
    public HttpUrl endpoint() {
        return endpoint;
    }

    /** {@return the project the node pools are created in} */
    public String projectId() {
        return projectId;
    }

    /** {@return the retry policy of every call} */
    public RetryPolicy retryPolicy() {
        return retryPolicy;
    }

    /** {@return the HTTP client this client uses (with its retry, authentication and logging interceptors)} */
    public OkHttpClient httpClient() {
        return httpClient;
    }

    /** Releases the threads and idle connections of the OkHttpClient the builder created, if it did. */
    @Override
    public void close() {
        if (ownsHttpClient) {
            httpClient.dispatcher().executorService().shutdown();
            httpClient.connectionPool().evictAll();
        }
    }

    /** Shows the endpoint, the project, the kind of credentials and the options; never a secret. */
    @Override
    public String toString() {
        return "CceNodePoolClient{endpoint=" + endpoint + ", projectId=" + projectId + ", credentials=" + credentials
                + ", validateBeforeSend=" + validateBeforeSend + (cluster != null ? ", cluster=" + cluster : "")
                + ", " + retryPolicy + (httpLogging != null ? ", httpLogging=" + httpLogging : "") + "}";
    }

    /** Builds a {@link CceNodePoolClient}; endpoint, project id and credentials are required. */
    public static final class Builder {
        private HttpUrl endpoint;
        private String projectId;
        private CredentialsProvider credentials;
        private Duration connectTimeout;
        private Duration readTimeout;
        private Duration writeTimeout;
        private Duration callTimeout;
        private OkHttpClient okHttpClient;
        private ObjectMapper objectMapper;
        private boolean validateBeforeSend;
        private Cluster cluster;
        private RetryPolicy retryPolicy = RetryPolicy.defaults();
        private Sleeper sleeper = Sleeper.system();
        private HttpLogDetail httpLogging;
        private Clock clock = Clock.systemUTC();

        private Builder() {}

        /**
         * The CCE endpoint, for example {@code https://cce.eu-de.otc.t-systems.com}. A path is kept
         * as a prefix of the API path (a trailing "/" is added if missing).
         *
         * @param endpoint an http or https URL without query or fragment
         * @return this builder
         */
        public Builder endpoint(String endpoint) {
            Objects.requireNonNull(endpoint, "endpoint");
            HttpUrl url = HttpUrl.parse(endpoint);
            if (url == null) throw new IllegalArgumentException("endpoint is not an http or https URL: " + endpoint);
            return endpoint(url);
        }

        /**
         * The CCE endpoint as a URI; see {@link #endpoint(String)}.
         *
         * @param endpoint an http or https URI without query or fragment
         * @return this builder
         */
        public Builder endpoint(URI endpoint) {
            return endpoint(Objects.requireNonNull(endpoint, "endpoint").toString());
        }

        /**
         * The CCE endpoint; see {@link #endpoint(String)}.
         *
         * @param endpoint a URL without query or fragment
         * @return this builder
         */
        public Builder endpoint(HttpUrl endpoint) {
            Objects.requireNonNull(endpoint, "endpoint");
            if (endpoint.query() != null || endpoint.fragment() != null) {
                throw new IllegalArgumentException("endpoint must not have a query or fragment: " + endpoint);
            }
            String path = endpoint.encodedPath();
            this.endpoint = path.endsWith("/")
                    ? endpoint
                    : endpoint.newBuilder().encodedPath(path + "/").build();
            return this;
        }

        /**
         * The project id (Table 1).
         *
         * @param projectId not empty
         * @return this builder
         */
        public Builder projectId(String projectId) {
            Objects.requireNonNull(projectId, "projectId");
            if (projectId.isEmpty()) throw new IllegalArgumentException("projectId is empty");
            this.projectId = projectId;
            return this;
        }

        /**
         * Fixed credentials: a token ({@link TokenCredentials}), an access key and secret key
         * ({@link AkSkCredentials}) or temporary AK/SK ({@link TemporaryAkSkCredentials}). Replaces a
         * {@link #credentialsProvider}.
         *
         * @param credentials the credentials of every request
         * @return this builder
         */
        public Builder credentials(Credentials credentials) {
            this.credentials = CredentialsProvider.of(credentials);
            return this;
        }

        /**
         * Credentials that change: asked before every request, refreshed once on a 401 (see
         * {@link CredentialsProvider}). Replaces {@link #credentials}.
         *
         * @param provider the source of the credentials
         * @return this builder
         */
        public Builder credentialsProvider(CredentialsProvider provider) {
            this.credentials = Objects.requireNonNull(provider, "provider");
            return this;
        }

        /**
         * Connect timeout; if not set, the OkHttpClient's (OkHttp's default: 10 s). Zero means none.
         *
         * @param timeout not negative
         * @return this builder
         */
        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = checkTimeout(timeout);
            return this;
        }

        /**
         * Read timeout (between two reads); if not set, the OkHttpClient's (OkHttp's default: 10 s).
         *
         * @param timeout not negative; zero means none
         * @return this builder
         */
        public Builder readTimeout(Duration timeout) {
            this.readTimeout = checkTimeout(timeout);
            return this;
        }

        /**
         * Write timeout (between two writes); if not set, the OkHttpClient's (OkHttp's default: 10 s).
         *
         * @param timeout not negative; zero means none
         * @return this builder
         */
        public Builder writeTimeout(Duration timeout) {
            this.writeTimeout = checkTimeout(timeout);
            return this;
        }

        /**
         * Timeout of the whole call, every attempt and every wait between attempts included (no wait
         * begins that it would cut short); if not set, the OkHttpClient's (OkHttp's default: none).
         *
         * @param timeout not negative; zero means none
         * @return this builder
         */
        public Builder callTimeout(Duration timeout) {
            this.callTimeout = checkTimeout(timeout);
            return this;
        }

        /**
         * When to send a request again and how long to wait in between; by default
         * {@link RetryPolicy#defaults()}, {@link RetryPolicy#none()} turns retrying off.
         *
         * @param retryPolicy the policy
         * @return this builder
         */
        public Builder retryPolicy(RetryPolicy retryPolicy) {
            this.retryPolicy = Objects.requireNonNull(retryPolicy, "retryPolicy");
            return this;
        }

        /**
         * How to wait between attempts; by default {@link Sleeper#system()}. Tests inject one that
         * advances a fake {@link #clock(Clock) clock}.
         *
         * @param sleeper the sleeper
         * @return this builder
         */
        public Builder sleeper(Sleeper sleeper) {
            this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
            return this;
        }

        /**
         * Logs every HTTP exchange (each attempt) with the credentials and passwords redacted, through
         * {@link RedactingHttpLogger} to the {@code System.Logger} {@value RedactingHttpLogger#LOGGER_NAME}.
         * Off unless set.
         *
         * @param detail how much to log
         * @return this builder
         */
        public Builder httpLogging(HttpLogDetail detail) {
            this.httpLogging = Objects.requireNonNull(detail, "detail");
            return this;
        }

        /**
         * An OkHttpClient to start from (its connection pool, dispatcher, proxy, TLS and interceptors).
         * The client adds its interceptors to a {@link OkHttpClient#newBuilder() copy}; the given client
         * is not changed, and {@link CceNodePoolClient#close()} leaves it open.
         *
         * @param okHttpClient the client to start from
         * @return this builder
         */
        public Builder okHttpClient(OkHttpClient okHttpClient) {
            this.okHttpClient = Objects.requireNonNull(okHttpClient, "okHttpClient");
            return this;
        }

        /**
         * The Jackson mapper for request and response bodies; by default {@link CceJson#newObjectMapper()}.
         * A mapper of one's own should keep that configuration (unknown members ignored).
         *
         * @param objectMapper the mapper
         * @return this builder
         */
        public Builder objectMapper(ObjectMapper objectMapper) {
            this.objectMapper = Objects.requireNonNull(objectMapper, "objectMapper");
            return this;
        }

        /**
         * Whether to validate each node pool before sending it: the JSON about to be sent, against the
         * document's request schema and its {@code x-cce-rules}, by the validator the stub uses
         * ({@link NodePoolValidator}), so the violations and their messages are the stub's. A node pool
         * that breaks a rule fails with {@link CceValidationException} and is not sent. Off by default:
         * the service is the authority.
         *
         * @param validateBeforeSend {@code true} to validate
         * @return this builder
         */
        public Builder validateBeforeSend(boolean validateBeforeSend) {
            this.validateBeforeSend = validateBeforeSend;
            return this;
        }

        /**
         * The cluster the node pools are created in, for the rules that depend on it (node limit,
         * ElasticBMS in CCE Turbo clusters only) when validating before sending; by default those rules
         * are not checked.
         *
         * @param cluster the cluster's type and node limit
         * @return this builder
         */
        public Builder cluster(Cluster cluster) {
            this.cluster = Objects.requireNonNull(cluster, "cluster");
            return this;
        }

        /**
         * The clock of the client: the {@code X-Sdk-Date} of AK/SK signatures, the retry deadline and
         * {@code Retry-After} dates. By default the system clock; tests inject a fixed or fake one.
         *
         * @param clock the clock
         * @return this builder
         */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * Builds the client.
         *
         * @return the client
         * @throws NullPointerException if the endpoint, the project id or the credentials are not set
         */
        public CceNodePoolClient build() {
            return new CceNodePoolClient(this);
        }

        private static Duration checkTimeout(Duration timeout) {
            Objects.requireNonNull(timeout, "timeout");
            if (timeout.isNegative()) throw new IllegalArgumentException("timeout is negative: " + timeout);
            return timeout;
        }
    }
}
