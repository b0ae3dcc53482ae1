package io.github.ccecontract.nodepool.conformance.support;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import java.util.zip.GZIPInputStream;
import okhttp3.Interceptor;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okio.Buffer;

/**
 * An OkHttp network interceptor that records what a {@code CceNodePoolClient} really sent and received (after its
 * authentication interceptor: the token or the signature are in the recorded headers) as {@link Exchange}s named
 * after the current case ({@link #begin(String)}). Optionally every answer is checked against the document (check 3,
 * {@link ResponseConformance}): set for the stub, not for Prism's mock. An optional request rewrite (for example a
 * {@code Prefer} header for Prism's mock, or a removed credential) is applied before the request is sent and recorded.
 */
public final class RecordingInterceptor implements Interceptor, AutoCloseable {

    /** A recorded exchange and check 3's problems (empty if not checked or conforming). */
    public record Recorded(Exchange exchange, List<ResponseConformance.Problem> problems) {}

    private final boolean checkAgainstDocument;
    private final List<Recorded> recorded = new CopyOnWriteArrayList<>();
    private volatile String currentCase = "(no case)";
    private volatile int caseStart;
    private volatile UnaryOperator<Request> rewrite = UnaryOperator.identity();

    private final OkHttpClient http;

    private RecordingInterceptor(boolean checkAgainstDocument) {
        this.checkAgainstDocument = checkAgainstDocument;
        this.http = new OkHttpClient.Builder()
                .addNetworkInterceptor(this)
                .connectTimeout(10, TimeUnit.SECONDS)
                .readTimeout(30, TimeUnit.SECONDS)
                .build();
    }

    /** For a client of the stub: every answer is checked against the document and counted (check 3). */
    public static RecordingInterceptor checkingStubAnswers() {
        return new RecordingInterceptor(true);
    }

    /** For a client of another server (Prism): answers are recorded only. */
    public static RecordingInterceptor recordingOnly() {
        return new RecordingInterceptor(false);
    }

    /** An OkHttpClient with this interceptor as network interceptor (hand it to the client's builder). */
    public OkHttpClient httpClient() {
        return http;
    }

    /** Releases the OkHttpClient's threads and connections. */
    @Override
    public void close() {
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
    }

    /** Names the exchanges that follow; clears the rewrite. */
    public RecordingInterceptor begin(String caseName) {
        currentCase = caseName;
        caseStart = recorded.size();
        rewrite = UnaryOperator.identity();
        return this;
    }

    /** Rewrites the requests that follow (until the next {@link #begin}). */
    public RecordingInterceptor rewrite(UnaryOperator<Request> operator) {
        rewrite = operator;
        return this;
    }

    /** Everything recorded, oldest first. */
    public List<Recorded> recorded() {
        return new ArrayList<>(recorded);
    }

    /** The last exchange recorded since {@link #begin}; fails if there is none. */
    public Recorded last() {
        if (recorded.size() <= caseStart) {
            throw new AssertionError("case " + currentCase + ": the client sent nothing");
        }
        return recorded.get(recorded.size() - 1);
    }

    /** The last exchange, failing with it if check 3 found a problem in its answer. */
    public Exchange lastVerified() {
        Recorded last = last();
        if (!last.problems().isEmpty()) {
            throw last.exchange().failure(ResponseConformance.describe(last.problems()));
        }
        return last.exchange();
    }

    /** Forgets what was recorded. */
    public void clear() {
        recorded.clear();
        caseStart = 0;
    }

    @Override
    public Response intercept(Chain chain) throws IOException {
        Request request = rewrite.apply(chain.request());
        String requestBody = null;
        if (request.body() != null) {
            Buffer buffer = new Buffer();
            request.body().writeTo(buffer);
            requestBody = buffer.readString(StandardCharsets.UTF_8);
        }
        Exchange.Request sent = new Exchange.Request(
                request.method(), request.url().uri(), request.headers().toMultimap(), requestBody);
        Response response;
        try {
            response = chain.proceed(request);
        } catch (IOException e) {
            recorded.add(new Recorded(new Exchange(currentCase, sent, null), List.of()));
            throw e;
        }
        byte[] bytes = response.peekBody(Long.MAX_VALUE).bytes();
        if ("gzip".equalsIgnoreCase(response.header("Content-Encoding"))) {
            try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
                bytes = in.readAllBytes();
            }
        }
        Map<String, List<String>> headers = response.headers().toMultimap();
        Exchange exchange = new Exchange(
                currentCase,
                sent,
                new Exchange.Response(response.code(), headers, new String(bytes, StandardCharsets.UTF_8)));
        List<ResponseConformance.Problem> problems =
                checkAgainstDocument ? ResponseConformance.check(exchange) : List.of();
        recorded.add(new Recorded(exchange, problems));
        return response;
    }
}
