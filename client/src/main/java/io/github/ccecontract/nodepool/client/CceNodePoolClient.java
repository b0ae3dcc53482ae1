package io.github.ccecontract.nodepool.client;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.ccecontract.nodepool.client.api.NodePoolApi;
import io.github.ccecontract.nodepool.client.auth.AkSkCredentials;
import io.github.ccecontract.nodepool.client.auth.AkSkSigningInterceptor;
import io.github.ccecontract.nodepool.client.auth.Credentials;
import io.github.ccecontract.nodepool.client.auth.TokenAuthInterceptor;
import io.github.ccecontract.nodepool.client.auth.TokenCredentials;
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
import okhttp3.HttpUrl;
import okhttp3.Interceptor;
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
 * of the given model: fields left {@code null} are not sent.
 *
 * <p>{@link #close()} releases the threads and connections of an {@link OkHttpClient} the builder
 * created; one passed to {@link Builder#okHttpClient} stays the caller's to manage.
 */
public final class CceNodePoolClient implements AutoCloseable {
  private final HttpUrl endpoint;
  private final String projectId;
  private final Credentials credentials;
  private final OkHttpClient httpClient;
  private final boolean ownsHttpClient;
  private final NodePoolApi api;
  private final ErrorMapper errorMapper;
  private final ObjectMapper mapper;
  private final boolean validateBeforeSend;
  private final Cluster cluster;

  private CceNodePoolClient(Builder builder) {
    this.endpoint = Objects.requireNonNull(builder.endpoint, "endpoint is not set");
    this.projectId = Objects.requireNonNull(builder.projectId, "projectId is not set");
    this.credentials = Objects.requireNonNull(builder.credentials, "credentials are not set");
    this.ownsHttpClient = builder.okHttpClient == null;
    OkHttpClient.Builder http = ownsHttpClient ? new OkHttpClient.Builder() : builder.okHttpClient.newBuilder();
    if (builder.connectTimeout != null) http.connectTimeout(builder.connectTimeout);
    if (builder.readTimeout != null) http.readTimeout(builder.readTimeout);
    if (builder.writeTimeout != null) http.writeTimeout(builder.writeTimeout);
    if (builder.callTimeout != null) http.callTimeout(builder.callTimeout);
    // Last of the application interceptors: it sees (and, for AK/SK, signs) every header set before.
    http.addInterceptor(authInterceptor(credentials, builder));
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

  private static Interceptor authInterceptor(Credentials credentials, Builder builder) {
    if (credentials instanceof TokenCredentials token) return new TokenAuthInterceptor(token);
    if (credentials instanceof AkSkCredentials akSk) return new AkSkSigningInterceptor(akSk, builder.clock);
    throw new IllegalStateException("unknown credentials type " + credentials.getClass());
  }

  /** A new builder. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Creates a node pool in a cluster and returns the node pool as CCE describes it (201).
   *
   * @param clusterId the cluster (sent percent-encoded as one path segment)
   * @param nodePool the node pool; with {@link Builder#validateBeforeSend(boolean)} it is validated first
   * @throws CceServiceException if the service answers with a status other than 2xx
   * @throws CceValidationException if client-side validation is on and the node pool breaks a rule
   * @throws CceClientException if there is no usable answer (I/O failure, timeout, unreadable body)
   */
  public NodePoolResponse createNodePool(String clusterId, NodePool nodePool) {
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
   * a validation failure fails the future.
   */
  public CompletableFuture<NodePoolResponse> createNodePoolAsync(String clusterId, NodePool nodePool) {
    Call<NodePoolResponse> call;
    try {
      call = prepare(clusterId, nodePool);
    } catch (CceException e) {
      return CompletableFuture.failedFuture(e);
    }
    CompletableFuture<NodePoolResponse> future = new CompletableFuture<>();
    future.whenComplete((result, failure) -> {
      if (future.isCancelled()) call.cancel();
    });
    call.enqueue(new Callback<>() {
      @Override
      public void onResponse(Call<NodePoolResponse> c, Response<NodePoolResponse> response) {
        try {
          future.complete(handle(response));
        } catch (CceException e) {
          future.completeExceptionally(e);
        }
      }

      @Override
      public void onFailure(Call<NodePoolResponse> c, Throwable t) {
        future.completeExceptionally(t instanceof IOException io ? ioFailure(io)
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

  private NodePoolResponse handle(Response<NodePoolResponse> response) {
    if (!response.isSuccessful()) {
      throw errorMapper.toException(response.code(), response.message(), response.headers(),
          response.errorBody());
    }
    NodePoolResponse body = response.body();
    if (body == null) {
      throw new CceClientException("HTTP " + response.code() + " without a body: no node pool to return", null);
    }
    return body;
  }

  private static CceClientException ioFailure(IOException e) {
    String what = e instanceof InterruptedIOException ? "The call timed out or was cancelled"
        : "The call failed";
    return new CceClientException(what + ": " + e, e);
  }

  /** The endpoint the API paths are resolved against. */
  public HttpUrl endpoint() {
    return endpoint;
  }

  /** The project the node pools are created in. */
  public String projectId() {
    return projectId;
  }

  /** The HTTP client this client uses (with its authentication interceptor). */
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

  /** Shows the endpoint, the project and the kind of credentials; never a secret. */
  @Override
  public String toString() {
    return "CceNodePoolClient{endpoint=" + endpoint + ", projectId=" + projectId + ", credentials=" + credentials
        + ", validateBeforeSend=" + validateBeforeSend + (cluster != null ? ", cluster=" + cluster : "") + "}";
  }

  /** Builds a {@link CceNodePoolClient}; endpoint, project id and credentials are required. */
  public static final class Builder {
    private HttpUrl endpoint;
    private String projectId;
    private Credentials credentials;
    private Duration connectTimeout;
    private Duration readTimeout;
    private Duration writeTimeout;
    private Duration callTimeout;
    private OkHttpClient okHttpClient;
    private ObjectMapper objectMapper;
    private boolean validateBeforeSend;
    private Cluster cluster;
    private Clock clock = Clock.systemUTC();

    private Builder() {
    }

    /**
     * The CCE endpoint, for example {@code https://cce.eu-de.otc.t-systems.com}. A path is kept
     * as a prefix of the API path (a trailing "/" is added if missing).
     */
    public Builder endpoint(String endpoint) {
      Objects.requireNonNull(endpoint, "endpoint");
      HttpUrl url = HttpUrl.parse(endpoint);
      if (url == null) throw new IllegalArgumentException("endpoint is not an http or https URL: " + endpoint);
      return endpoint(url);
    }

    /** The CCE endpoint as a URI; see {@link #endpoint(String)}. */
    public Builder endpoint(URI endpoint) {
      return endpoint(Objects.requireNonNull(endpoint, "endpoint").toString());
    }

    /** The CCE endpoint; see {@link #endpoint(String)}. */
    public Builder endpoint(HttpUrl endpoint) {
      Objects.requireNonNull(endpoint, "endpoint");
      if (endpoint.query() != null || endpoint.fragment() != null) {
        throw new IllegalArgumentException("endpoint must not have a query or fragment: " + endpoint);
      }
      String path = endpoint.encodedPath();
      this.endpoint = path.endsWith("/") ? endpoint : endpoint.newBuilder().encodedPath(path + "/").build();
      return this;
    }

    /** The project id (Table 1). */
    public Builder projectId(String projectId) {
      Objects.requireNonNull(projectId, "projectId");
      if (projectId.isEmpty()) throw new IllegalArgumentException("projectId is empty");
      this.projectId = projectId;
      return this;
    }

    /** A token ({@link TokenCredentials}) or an access key and secret key ({@link AkSkCredentials}). */
    public Builder credentials(Credentials credentials) {
      this.credentials = Objects.requireNonNull(credentials, "credentials");
      return this;
    }

    /** Connect timeout; if not set, the OkHttpClient's (OkHttp's default: 10 s). Zero means none. */
    public Builder connectTimeout(Duration timeout) {
      this.connectTimeout = checkTimeout(timeout);
      return this;
    }

    /** Read timeout (between two reads); if not set, the OkHttpClient's (OkHttp's default: 10 s). */
    public Builder readTimeout(Duration timeout) {
      this.readTimeout = checkTimeout(timeout);
      return this;
    }

    /** Write timeout (between two writes); if not set, the OkHttpClient's (OkHttp's default: 10 s). */
    public Builder writeTimeout(Duration timeout) {
      this.writeTimeout = checkTimeout(timeout);
      return this;
    }

    /** Timeout of the whole call; if not set, the OkHttpClient's (OkHttp's default: none). */
    public Builder callTimeout(Duration timeout) {
      this.callTimeout = checkTimeout(timeout);
      return this;
    }

    /**
     * An OkHttpClient to start from (its connection pool, dispatcher, proxy, TLS and interceptors).
     * The client adds its authentication interceptor to a {@link OkHttpClient#newBuilder() copy};
     * the given client is not changed, and {@link CceNodePoolClient#close()} leaves it open.
     */
    public Builder okHttpClient(OkHttpClient okHttpClient) {
      this.okHttpClient = Objects.requireNonNull(okHttpClient, "okHttpClient");
      return this;
    }

    /**
     * The Jackson mapper for request and response bodies; by default {@link CceJson#newObjectMapper()}.
     * A mapper of one's own should keep that configuration (unknown members ignored).
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
     */
    public Builder validateBeforeSend(boolean validateBeforeSend) {
      this.validateBeforeSend = validateBeforeSend;
      return this;
    }

    /**
     * The cluster the node pools are created in, for the rules that depend on it (node limit,
     * ElasticBMS in CCE Turbo clusters only) when validating before sending; by default those rules
     * are not checked.
     */
    public Builder cluster(Cluster cluster) {
      this.cluster = Objects.requireNonNull(cluster, "cluster");
      return this;
    }

    /** Source of the {@code X-Sdk-Date} of AK/SK-signed requests (tests); by default the system clock. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** Builds the client. */
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
