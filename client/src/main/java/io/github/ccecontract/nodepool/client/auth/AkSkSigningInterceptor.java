package io.github.ccecontract.nodepool.client.auth;

import io.github.ccecontract.nodepool.contract.signing.SdkHmacSha256Signer;
import io.github.ccecontract.nodepool.contract.signing.SignableRequest;
import io.github.ccecontract.nodepool.contract.signing.Signature;
import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import okhttp3.Headers;
import okhttp3.HttpUrl;
import okhttp3.Interceptor;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okio.Buffer;

/**
 * Signs each outgoing request with {@code SDK-HMAC-SHA256}: sets {@code X-Sdk-Date} from the
 * clock, {@code Host} if absent, and {@code Authorization}.
 *
 * <p>Signs the method, path, query, body and every single-valued header except hop-by-hop ones and
 * {@code Content-Length}, which intermediaries may rewrite (the body hash already covers the
 * length). Headers with several values are sent but not signed.
 *
 * <p>Works as an application interceptor (signs once per call) or as a network interceptor
 * (signs every attempt, so same-host redirects and retries get a fresh, matching signature).
 *
 * <p>The body is buffered in memory once so that the signed bytes are exactly the sent bytes;
 * duplex bodies cannot be signed. Nothing is logged, and the secret never appears in exceptions.
 */
public final class AkSkSigningInterceptor implements Interceptor {
    /** RFC 9110 7.6.1 connection-specific headers, plus {@code Content-Length}. */
    private static final Set<String> UNSIGNED_HEADERS = Set.of(
            "authorization",
            "connection",
            "content-length",
            "keep-alive",
            "proxy-authenticate",
            "proxy-authorization",
            "proxy-connection",
            "te",
            "trailer",
            "transfer-encoding",
            "upgrade");

    private final AkSkCredentials credentials;
    private final SdkHmacSha256Signer signer;
    private final Clock clock;

    /**
     * An interceptor that signs with {@code credentials} at the system clock's time.
     *
     * @param credentials the access key and secret key
     */
    public AkSkSigningInterceptor(AkSkCredentials credentials) {
        this(credentials, Clock.systemUTC());
    }

    /**
     * An interceptor that signs with {@code credentials} at {@code clock}'s time.
     *
     * @param credentials the access key and secret key
     * @param clock source of {@code X-Sdk-Date}; inject a fixed clock in tests
     */
    public AkSkSigningInterceptor(AkSkCredentials credentials, Clock clock) {
        this.credentials = credentials;
        this.signer = new SdkHmacSha256Signer(credentials.accessKey(), credentials.secretKey());
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Signs the request and proceeds with the signed one. */
    @Override
    public Response intercept(Chain chain) throws IOException {
        return chain.proceed(sign(chain.request(), signer, clock));
    }

    /** The request signed by {@code accessKey} and {@code secretKey}, at the clock's time. */
    static Request sign(Request request, String accessKey, String secretKey, Clock clock) throws IOException {
        return sign(request, new SdkHmacSha256Signer(accessKey, secretKey), clock);
    }

    private static Request sign(Request request, SdkHmacSha256Signer signer, Clock clock) throws IOException {
        Request.Builder builder = request.newBuilder()
                .removeHeader(SdkHmacSha256Signer.AUTHORIZATION_HEADER)
                .header(SdkHmacSha256Signer.DATE_HEADER, SdkHmacSha256Signer.formatDate(clock.instant()));
        if (request.header(SdkHmacSha256Signer.HOST_HEADER) == null) {
            builder.header(SdkHmacSha256Signer.HOST_HEADER, hostHeader(request.url()));
        }

        byte[] body = new byte[0];
        RequestBody requestBody = request.body();
        if (requestBody != null) {
            if (requestBody.isDuplex()) throw new IOException("cannot sign a duplex request body");
            Buffer buffer = new Buffer();
            requestBody.writeTo(buffer);
            body = buffer.readByteArray();
            MediaType contentType = requestBody.contentType();
            // OkHttp's bridge sets Content-Type from the body, replacing any header: sign that value.
            if (contentType != null) builder.header("Content-Type", contentType.toString());
            // Resend the buffered bytes: a one-shot body could not be written a second time.
            builder.method(request.method(), RequestBody.create(body, contentType));
        }

        Request unsigned = builder.build();
        HttpUrl url = unsigned.url();
        Signature signature = signer.sign(new SignableRequest(
                unsigned.method(), url.encodedPath(), url.encodedQuery(), signableHeaders(unsigned.headers()), body));
        return unsigned.newBuilder()
                .header(SdkHmacSha256Signer.AUTHORIZATION_HEADER, signature.authorization())
                .build();
    }

    /** Shows the access key; never the secret. */
    @Override
    public String toString() {
        return "AkSkSigningInterceptor{" + credentials + "}"; // The secret is masked.
    }

    private static Map<String, String> signableHeaders(Headers headers) {
        Map<String, String> result = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (String name : headers.names()) {
            if (UNSIGNED_HEADERS.contains(name.toLowerCase(Locale.ROOT))) continue;
            List<String> values = headers.values(name);
            if (values.size() == 1) result.put(name, values.get(0));
        }
        return result;
    }

    /** The Host header OkHttp sends: the port only when it is not the scheme's default. */
    private static String hostHeader(HttpUrl url) {
        String host = url.host().contains(":") ? "[" + url.host() + "]" : url.host();
        return url.port() == HttpUrl.defaultPort(url.scheme()) ? host : host + ":" + url.port();
    }
}
