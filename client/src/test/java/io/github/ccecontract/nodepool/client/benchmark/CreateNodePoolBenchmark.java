package io.github.ccecontract.nodepool.client.benchmark;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.ccecontract.nodepool.client.CceNodePoolClient;
import io.github.ccecontract.nodepool.client.auth.TokenCredentials;
import io.github.ccecontract.nodepool.contract.CceJson;
import io.github.ccecontract.nodepool.contract.NodePoolContract.DocumentedExample;
import io.github.ccecontract.nodepool.contract.model.NodePool;
import io.github.ccecontract.nodepool.contract.model.NodePoolResponse;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One {@code createNodePool} call against a loopback server, through the client
 * ({@link #generatedClient}) and by hand with OkHttp and Jackson ({@link #rawOkHttpJackson}).
 *
 * <p>Both send the same request (the trial fails otherwise: {@link #setUp()} records what the server
 * received from each and compares request line, headers and body bytes), over the same
 * {@link OkHttpClient} configuration and connection pool, and both read the 201 body into a typed
 * {@link NodePoolResponse} with the same Jackson configuration. Both serialise the node pool on every
 * call, as any caller does. The difference is the client's layer: Retrofit, the hand-written client,
 * its token interceptor, its error handling. Run it with the {@code benchmark} profile
 * (client/README.md, "Benchmark"); {@link CreateNodePoolBenchmarkMain} prints the ratio.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(2)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 10, time = 2)
public class CreateNodePoolBenchmark {
    static final String PROJECT_ID = "04f8d6c2e1a3b5f7a9c0d2e4f6a8b0c2";
    static final String CLUSTER_ID = "6a5e7f1c-2b3d-11ee-9b6a-0255ac100b05";
    static final String TOKEN = "benchmark-token";
    static final String AUTH_HEADER = "X-Auth-Token";
    private static final MediaType JSON = MediaType.get("application/json");

    private LoopbackCceServer server;
    private OkHttpClient httpClient;
    private CceNodePoolClient client;
    private ObjectMapper mapper;
    private HttpUrl endpoint;
    private NodePool nodePool;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        server = new LoopbackCceServer();
        endpoint = HttpUrl.get(server.url());
        // One OkHttpClient configuration (defaults: pool of 5 idle connections kept alive 5 min) for both
        // callers; the client adds its token interceptor to a newBuilder() copy, which shares the pool.
        httpClient = new OkHttpClient.Builder().build();
        client = CceNodePoolClient.builder()
                .endpoint(endpoint)
                .projectId(PROJECT_ID)
                .credentials(new TokenCredentials(TOKEN))
                .okHttpClient(httpClient)
                .build();
        mapper = CceJson.newObjectMapper();
        try (InputStream in = DocumentedExample.CCE_CLUSTER_REQUEST.openStream()) {
            nodePool = mapper.readValue(in, NodePool.class);
        }
        verifySameRequestAndResponse();
    }

    /** Fails the trial unless both callers send the same request and read the same node pool. */
    void verifySameRequestAndResponse() throws IOException {
        server.capture();
        NodePoolResponse viaClient = generatedClient();
        LoopbackCceServer.Recorded fromClient = server.recorded();
        server.capture();
        NodePoolResponse viaRaw = rawOkHttpJackson();
        LoopbackCceServer.Recorded fromRaw = server.recorded();

        if (!Arrays.equals(fromClient.body(), fromRaw.body())) {
            throw new IllegalStateException("the two callers send different bodies:\nclient: "
                    + new String(fromClient.body(), java.nio.charset.StandardCharsets.UTF_8) + "\nraw:    "
                    + new String(fromRaw.body(), java.nio.charset.StandardCharsets.UTF_8));
        }
        if (!fromClient.method().equals(fromRaw.method()) || !fromClient.uri().equals(fromRaw.uri())) {
            throw new IllegalStateException("different request lines: " + fromClient.method() + " " + fromClient.uri()
                    + " / " + fromRaw.method() + " " + fromRaw.uri());
        }
        if (!fromClient.headers().equals(fromRaw.headers())) {
            throw new IllegalStateException(
                    "different headers: client " + fromClient.headers() + " / raw " + fromRaw.headers());
        }
        if (fromClient.body().length == 0 || !fromClient.headers().containsKey(AUTH_HEADER)) {
            throw new IllegalStateException("the request has no body or no token: " + fromClient);
        }
        if (viaClient == null
                || !viaClient.equals(viaRaw)
                || viaClient.getMetadata() == null
                || viaClient.getMetadata().getUid() == null) {
            throw new IllegalStateException("the two callers read different node pools: " + viaClient + " / " + viaRaw);
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        if (client != null) client.close();
        if (httpClient != null) {
            httpClient.dispatcher().executorService().shutdown();
            httpClient.connectionPool().evictAll();
        }
        if (server != null) server.close();
    }

    /** The client: {@code CceNodePoolClient.createNodePool}, token authentication, typed result. */
    @Benchmark
    public NodePoolResponse generatedClient() {
        return client.createNodePool(CLUSTER_ID, nodePool);
    }

    /** The same call by hand: OkHttp request with the same headers, Jackson both ways. */
    @Benchmark
    public NodePoolResponse rawOkHttpJackson() throws IOException {
        HttpUrl url = endpoint.newBuilder()
                .addPathSegments("api/v3/projects")
                .addPathSegment(PROJECT_ID)
                .addPathSegment("clusters")
                .addPathSegment(CLUSTER_ID)
                .addPathSegment("nodepools")
                .build();
        Request request = new Request.Builder()
                .url(url)
                .header(AUTH_HEADER, TOKEN)
                .post(RequestBody.create(mapper.writeValueAsBytes(nodePool), JSON))
                .build();
        try (Response response = httpClient.newCall(request).execute()) {
            if (response.code() != 201) throw new IOException("HTTP " + response.code());
            return mapper.readValue(response.body().byteStream(), NodePoolResponse.class);
        }
    }
}
