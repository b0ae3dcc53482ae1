package io.github.ccecontract.nodepool.conformance.support;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.ccecontract.nodepool.client.CceNodePoolClient;
import io.github.ccecontract.nodepool.client.auth.Credentials;
import io.github.ccecontract.nodepool.client.auth.TokenCredentials;
import io.github.ccecontract.nodepool.contract.cluster.Cluster;
import io.github.ccecontract.nodepool.contract.signing.SdkHmacSha256Signer;
import io.github.ccecontract.nodepool.openapi.testing.Json;
import io.github.ccecontract.nodepool.stub.CceNodePoolStub;
import io.github.ccecontract.nodepool.stub.config.StubConfig;
import io.github.ccecontract.nodepool.stub.junit.CceNodePoolStubExtension;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import okhttp3.OkHttpClient;

/**
 * The stub as the suite runs it: the published JUnit 5 extension ({@link CceNodePoolStubExtension}, what users
 * register) built by {@link #extension} with the suite's configuration,
 * <ul>
 * <li>one cluster per {@link Cluster} the checks use, under {@link #clusterId(Cluster)}: always a CCE
 * and a Turbo cluster of {@code conformance.maxNodes} nodes (the generators' clusters) and of the catalogue's
 * {@code defaultMaxNodes}, plus the profiles a check asks for;</li>
 * <li>one accepted token, {@link #TOKEN} (so that another token is refused), and one access key, {@link #ACCESS_KEY}
 * with {@link #SECRET_KEY};</li>
 * <li>the default store limit ({@code maxNodePools}), read back through {@link #maxNodePools()}.</li>
 * </ul>
 * and a thin helper around the running stub ({@link #of}): every exchange sent through {@link #send} is checked
 * against the document (check 3, {@link ResponseConformance}) and fails at once, naming the case, the request and
 * the answer, if the answer does not conform.
 *
 * <pre>{@code
 * @RegisterExtension
 * static final CceNodePoolStubExtension STUB = TestStub.extension();
 * static final TestStub stub = TestStub.of(STUB);
 * }</pre>
 */
public final class TestStub {

    /** The project id of every request path. */
    public static final String PROJECT = "0123456789abcdef0123456789abcdef";
    /** The one token the stub accepts. */
    public static final String TOKEN = "conformance-token-MIIEhQYJKoZIhvcNAQcCoII";
    /** The access key the stub knows. */
    public static final String ACCESS_KEY = "CONFORMANCEACCESSKEY01";
    /** Its secret key. */
    public static final String SECRET_KEY = "conformance-secret-key-0123456789";

    private final CceNodePoolStubExtension extension;

    private TestStub(CceNodePoolStubExtension extension) {
        this.extension = extension;
    }

    /** The helper of the stub an extension runs (usable while the tests of the class run). */
    public static TestStub of(CceNodePoolStubExtension extension) {
        return new TestStub(extension);
    }

    /** Clusters of the generators ({@code conformance.maxNodes}) and of the catalogue's default (50), both types. */
    public static List<Cluster> defaultClusters() {
        int maxNodes = Integer.getInteger("conformance.maxNodes", 50);
        List<Cluster> out = new ArrayList<>();
        for (int limit : new int[] {maxNodes, 50}) {
            out.add(Cluster.cce(limit));
            out.add(Cluster.turbo(limit));
        }
        return out;
    }

    /** The extension running a stub with the default clusters and the given ones. */
    public static CceNodePoolStubExtension extension(Cluster... extraClusters) {
        return extension(List.of(extraClusters), config -> {});
    }

    /** The extension running a stub with the default clusters and the given ones. */
    public static CceNodePoolStubExtension extension(Iterable<Cluster> extraClusters) {
        return extension(extraClusters, config -> {});
    }

    /**
     * The extension running a stub with the default clusters and the given ones, configured further by the
     * customizer. It resets the stub (node pools, journal, faults) before each test method, as by default; before a
     * {@code @TestFactory}, not before each of its dynamic tests.
     */
    public static CceNodePoolStubExtension extension(
            Iterable<Cluster> extraClusters, Consumer<StubConfig.Builder> customizer) {
        return builder(extraClusters, customizer).build();
    }

    /** The builder of {@link #extension}, for the extension's own settings ({@code resetBeforeEach}, runtime). */
    public static CceNodePoolStubExtension.Builder builder(
            Iterable<Cluster> extraClusters, Consumer<StubConfig.Builder> customizer) {
        Set<Cluster> clusters = new LinkedHashSet<>(defaultClusters());
        extraClusters.forEach(clusters::add);
        StubConfig.Builder config = StubConfig.builder().tokens(TOKEN).accessKey(ACCESS_KEY, SECRET_KEY);
        for (Cluster c : clusters) {
            config.cluster(clusterId(c), c);
        }
        customizer.accept(config);
        return CceNodePoolStubExtension.builder()
                .config(config.build())
                .projectId(PROJECT)
                .token(TOKEN);
    }

    /** The running stub (its validator warmed up); fails outside the tests of the class. */
    public CceNodePoolStub stub() {
        return extension.stub().awaitReady();
    }

    /** The stub's store limit: after this many node pools it answers 507 until reset. */
    public int maxNodePools() {
        return stub().config().maxNodePools();
    }

    /** The CCE cluster of {@code conformance.maxNodes} nodes. */
    public static String cceCluster() {
        return clusterId(Cluster.cce(Integer.getInteger("conformance.maxNodes", 50)));
    }

    /** The Turbo cluster of {@code conformance.maxNodes} nodes. */
    public static String turboCluster() {
        return clusterId(Cluster.turbo(Integer.getInteger("conformance.maxNodes", 50)));
    }

    /**
     * The cluster id under which the suite's stubs register {@code cluster}, for example {@code turbo-50}: one id per
     * type and node limit, so that a request names the cluster it needs.
     */
    public static String clusterId(Cluster cluster) {
        return cluster.type().name().toLowerCase(java.util.Locale.ROOT) + "-" + cluster.maxNodes();
    }

    /** {@code http://127.0.0.1:PORT}. */
    public String baseUrl() {
        return extension.baseUrl();
    }

    /** The operation's URI for a cluster. */
    public URI uri(String clusterId) {
        return operationUri(baseUrl(), clusterId);
    }

    /** The operation's URI for a cluster below a base URL (the stub's, or a peer's in front of it). */
    public static URI operationUri(String baseUrl, String clusterId) {
        return URI.create(baseUrl + "/api/v3/projects/" + PROJECT + "/clusters/" + clusterId + "/nodepools");
    }

    /** The token header. */
    public static Map<String, String> tokenHeaders() {
        return Map.of("X-Auth-Token", TOKEN);
    }

    /**
     * Headers of a request signed with SDK-HMAC-SHA256 (the client's signer, the algorithm the document describes):
     * Content-Type, X-Sdk-Date and Authorization. Host is signed as the JDK client sends it.
     */
    public static Map<String, String> signedHeaders(
            String method, URI uri, String body, String accessKey, String secretKey, Instant at) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json");
        Map<String, String> added = new SdkHmacSha256Signer(accessKey, secretKey)
                .sign(method, uri, headers, body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8), at);
        added.forEach((name, value) -> {
            if (!name.equalsIgnoreCase("Host")) {
                headers.put(name, value);
            }
        });
        return headers;
    }

    /** POSTs a body with the token to a cluster; the answer is checked against the document (check 3). */
    public Exchange post(String caseName, String clusterId, JsonNode body) {
        return send(caseName, "POST", clusterId, withContentType(tokenHeaders()), Json.compact(body));
    }

    /** POSTs a text body with the token to a cluster; the answer is checked against the document (check 3). */
    public Exchange post(String caseName, String clusterId, String body) {
        return send(caseName, "POST", clusterId, withContentType(tokenHeaders()), body);
    }

    /** Sends a raw request to a cluster's operation URI; the answer is checked against the document (check 3). */
    public Exchange send(String caseName, String method, String clusterId, Map<String, String> headers, String body) {
        return ResponseConformance.verify(HttpExchanges.send(caseName, method, uri(clusterId), headers, body));
    }

    /**
     * Sends a raw request; the answer is checked and counted (check 3) but not failed on: the caller asserts the
     * problems itself (check 6 asserts status, content type and schema one by one).
     */
    public Checked sendChecked(
            String caseName, String method, String clusterId, Map<String, String> headers, String body) {
        Exchange exchange = HttpExchanges.send(caseName, method, uri(clusterId), headers, body);
        return new Checked(exchange, ResponseConformance.check(exchange));
    }

    /** An exchange and what check 3 found in it. */
    public record Checked(Exchange exchange, List<ResponseConformance.Problem> problems) {}

    /** The headers with Content-Type application/json added. */
    public static Map<String, String> withContentType(Map<String, String> headers) {
        Map<String, String> all = new LinkedHashMap<>(headers);
        all.putIfAbsent("Content-Type", "application/json");
        return all;
    }

    // ------------------------------------------------------------------------------ the client

    /** A client of the stub with the token, recording (and checking, check 3) every exchange. */
    public CceNodePoolClient client(RecordingInterceptor recorder) {
        return client(new TokenCredentials(TOKEN), recorder);
    }

    /** A client of the stub with these credentials, recording (and checking, check 3) every exchange. */
    public CceNodePoolClient client(Credentials credentials, RecordingInterceptor recorder) {
        return clientOf(baseUrl(), credentials, recorder.httpClient()).build();
    }

    /** A client builder for an endpoint, with timeouts the suite can wait for. */
    public static CceNodePoolClient.Builder clientOf(String endpoint, Credentials credentials, OkHttpClient http) {
        return CceNodePoolClient.builder()
                .endpoint(endpoint)
                .projectId(PROJECT)
                .credentials(credentials)
                .okHttpClient(http)
                .callTimeout(Duration.ofSeconds(30));
    }

    @Override
    public String toString() {
        return "stub of " + extension;
    }
}
