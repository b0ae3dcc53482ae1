package io.github.ccecontract.nodepool.client.logging;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.github.ccecontract.nodepool.contract.CceJson;
import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import okhttp3.Headers;
import okhttp3.Interceptor;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.Buffer;

/**
 * Logs each HTTP exchange to the {@link System.Logger} {@value #LOGGER_NAME} at {@code INFO}, with
 * the credentials taken out. The client installs it as a network interceptor (so it logs what goes
 * on the wire, once per attempt) when {@code httpLogging} is set on its builder; it is off by
 * default.
 *
 * <p>Redacted: the values of {@code X-Auth-Token}, {@code X-Security-Token},
 * {@code X-Subject-Token}, {@code Cookie}, {@code Set-Cookie} and {@code Proxy-Authorization}; the
 * signature of an {@code SDK-HMAC-SHA256} {@code Authorization} (the access key and signed headers
 * stay), any other {@code Authorization} entirely; in JSON bodies the value of every member named
 * {@code userPassword} or {@code password}. Bodies that are not JSON are shown up to
 * {@value #MAX_TEXT_CHARS} characters if they are text, else only their size.
 *
 * <p>{@code System.Logger} goes to {@code java.util.logging} unless a bridge sends it elsewhere
 * (for SLF4J: {@code org.slf4j:slf4j-jdk-platform-logging}).
 */
public final class RedactingHttpLogger implements Interceptor {
    /** The name of the logger. */
    public static final String LOGGER_NAME = "io.github.ccecontract.nodepool.client.http";
    /** The most characters of a body that is not JSON that are logged. */
    public static final int MAX_TEXT_CHARS = 4096;
    /** What replaces a secret. */
    public static final String REDACTED = "***";

    private static final Set<String> SECRET_HEADERS = Set.of(
            "x-auth-token", "x-security-token", "x-subject-token", "cookie", "set-cookie", "proxy-authorization");
    private static final Set<String> SECRET_MEMBERS = Set.of("userPassword", "password");
    private static final Pattern SIGNATURE = Pattern.compile("(?i)(Signature=)[^,\\s]*");
    private static final long MAX_BODY_BYTES = 1 << 20;

    private final HttpLogDetail detail;
    private final Logger logger;
    private final ObjectMapper mapper = CceJson.newObjectMapper();

    /**
     * A logger of {@code detail} to the {@value #LOGGER_NAME} logger.
     *
     * @param detail how much to log
     */
    public RedactingHttpLogger(HttpLogDetail detail) {
        this(detail, System.getLogger(LOGGER_NAME));
    }

    /**
     * A logger of {@code detail} to {@code logger}.
     *
     * @param detail how much to log
     * @param logger where to log
     */
    public RedactingHttpLogger(HttpLogDetail detail, Logger logger) {
        this.detail = Objects.requireNonNull(detail, "detail");
        this.logger = Objects.requireNonNull(logger, "logger");
    }

    /** Logs the request, proceeds, logs the answer or the failure. */
    @Override
    public Response intercept(Chain chain) throws IOException {
        Request request = chain.request();
        if (!logger.isLoggable(Level.INFO)) return chain.proceed(request);

        StringBuilder out =
                new StringBuilder("--> ").append(request.method()).append(' ').append(request.url());
        RequestBody body = request.body();
        byte[] requestBytes = null;
        if (body != null && !body.isDuplex() && !body.isOneShot()) {
            Buffer buffer = new Buffer();
            body.writeTo(buffer);
            requestBytes = buffer.readByteArray();
            out.append(" (").append(requestBytes.length).append("-byte body)");
        }
        if (detail != HttpLogDetail.BASIC) appendHeaders(out, request.headers());
        if (detail == HttpLogDetail.BODY && requestBytes != null) {
            appendBody(out, requestBytes, body.contentType());
        }
        logger.log(Level.INFO, out.toString());

        long start = System.nanoTime();
        Response response;
        try {
            response = chain.proceed(request);
        } catch (IOException e) {
            logger.log(Level.INFO, "<-- HTTP FAILED: " + e);
            throw e;
        }
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

        out = new StringBuilder("<-- ").append(response.code());
        if (!response.message().isEmpty()) out.append(' ').append(response.message());
        out.append(' ')
                .append(response.request().url())
                .append(" (")
                .append(millis)
                .append(" ms");
        ResponseBody peeked = detail == HttpLogDetail.BODY ? response.peekBody(MAX_BODY_BYTES) : null;
        if (peeked != null) out.append(", ").append(peeked.contentLength()).append("-byte body");
        out.append(')');
        if (detail != HttpLogDetail.BASIC) appendHeaders(out, response.headers());
        if (peeked != null) appendBody(out, peeked.bytes(), peeked.contentType());
        logger.log(Level.INFO, out.toString());
        return response;
    }

    private static void appendHeaders(StringBuilder out, Headers headers) {
        for (int i = 0; i < headers.size(); i++) {
            out.append('\n')
                    .append(headers.name(i))
                    .append(": ")
                    .append(redactHeader(headers.name(i), headers.value(i)));
        }
    }

    /**
     * The value of a header as it may be logged.
     *
     * @param name the header name
     * @param value its value
     * @return the value, or the value with its secret parts replaced by {@value #REDACTED}
     */
    public static String redactHeader(String name, String value) {
        String lower = name.toLowerCase(Locale.ROOT);
        if (SECRET_HEADERS.contains(lower)) return REDACTED;
        if (lower.equals("authorization")) {
            return value.startsWith("SDK-HMAC-SHA256 ")
                    ? SIGNATURE.matcher(value).replaceAll("$1" + REDACTED)
                    : REDACTED;
        }
        return value;
    }

    private void appendBody(StringBuilder out, byte[] bytes, MediaType contentType) {
        if (bytes.length == 0) return;
        out.append("\n\n").append(redactBody(bytes, contentType));
    }

    /** The body as it may be logged. */
    private String redactBody(byte[] bytes, MediaType contentType) {
        try {
            JsonNode tree = mapper.readTree(bytes);
            if (tree != null && tree.isContainerNode()) {
                redact(tree);
                return mapper.writeValueAsString(tree);
            }
        } catch (IOException | RuntimeException e) {
            // Not JSON: below.
        }
        boolean text = contentType == null
                || "text".equals(contentType.type())
                || contentType.subtype().contains("json")
                || contentType.subtype().contains("xml");
        if (!text) return "(" + bytes.length + "-byte " + contentType + " body not logged)";
        String string = new String(bytes, StandardCharsets.UTF_8);
        return string.length() <= MAX_TEXT_CHARS ? string : string.substring(0, MAX_TEXT_CHARS) + "...";
    }

    private static void redact(JsonNode node) {
        if (node instanceof ObjectNode object) {
            for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> member = it.next();
                if (SECRET_MEMBERS.contains(member.getKey())) {
                    member.setValue(TextNode.valueOf(REDACTED));
                } else {
                    redact(member.getValue());
                }
            }
        } else if (node != null && node.isArray()) {
            node.forEach(RedactingHttpLogger::redact);
        }
    }

    /** Shows the detail. */
    @Override
    public String toString() {
        return "RedactingHttpLogger{" + detail + "}";
    }
}
