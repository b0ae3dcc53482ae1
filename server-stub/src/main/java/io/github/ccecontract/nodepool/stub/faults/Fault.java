package io.github.ccecontract.nodepool.stub.faults;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Consumer;

/**
 * A fault the stub simulates on the operation ({@code POST .../nodepools}): what it does, how often, and
 * to which requests. Immutable; every method returns a new fault.
 *
 * <pre>{@code
 * stub.faults().add(Fault.status(429).retryAfter(2).times(2).forCluster("c1"));
 * stub.faults().add(Fault.status(500).probability(0.25).seed(7));
 * stub.faults().add(Fault.delay(Duration.ofMillis(200), Duration.ofMillis(800)).forName("slow-pool"));
 * stub.faults().add(Fault.closeConnection().once().forHeader("X-Test-Case", "drop"));
 * }</pre>
 *
 * <p>What: an answer with a documented error status ({@link #status}, with the body of the document's example
 * for it, {@link #example} choosing among several, {@link #retryAfter} adding {@code Retry-After} to a 429 or 503),
 * a delay before the answer ({@link #delay}, alone or added with {@link #withDelay}), or the connection
 * closed without an answer ({@link #closeConnection}). How often: every time (the default), {@link #once},
 * {@link #times}, and/or with a {@link #probability} drawn from a generator seeded with {@link #seed}.
 * Which requests: all (the default), or those of a cluster, a node pool name ({@code metadata.name}) and/or
 * with a header value, all of them.
 *
 * <p>Bad values throw {@link IllegalArgumentException} naming the field and the rule.
 */
public final class Fault {

    /** Longest delay a fault may ask for: one minute (a delayed request holds one of the stub's threads). */
    public static final long MAX_DELAY_MILLIS = 60_000;
    /** The seed of a fault's generator unless {@link #seed} says otherwise. */
    public static final long DEFAULT_SEED = 1;

    /** What a fault does to the connection instead of answering. */
    public enum Connection {
        /** Closes the connection without an answer (the client reads end of stream). */
        CLOSE;

        /**
         * The name in JSON, YAML and the Prefer header: {@code close}.
         *
         * @return the lower-case name
         */
        public String jsonName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final Integer status;
    private final String example;
    private final Integer retryAfter;
    private final long minDelayMillis;
    private final long maxDelayMillis;
    private final Connection connection;
    private final Integer times;
    private final double probability;
    private final long seed;
    private final String cluster;
    private final String name;
    private final String headerName;
    private final String headerValue;

    private Fault(Fields f) {
        this.status = f.status;
        this.example = f.example;
        this.retryAfter = f.retryAfter;
        this.minDelayMillis = f.minDelayMillis;
        this.maxDelayMillis = f.maxDelayMillis;
        this.connection = f.connection;
        this.times = f.times;
        this.probability = f.probability;
        this.seed = f.seed;
        this.cluster = f.cluster;
        this.name = f.name;
        this.headerName = f.headerName;
        this.headerValue = f.headerValue;
    }

    /** The fields of a fault while a copy is made; a fault itself is immutable. */
    private static final class Fields {
        Integer status;
        String example;
        Integer retryAfter;
        long minDelayMillis;
        long maxDelayMillis;
        Connection connection;
        Integer times;
        double probability = 1.0;
        long seed = DEFAULT_SEED;
        String cluster;
        String name;
        String headerName;
        String headerValue;
    }

    /** A copy of this fault with {@code change} applied to its fields. */
    private Fault with(Consumer<Fields> change) {
        Fields f = new Fields();
        f.status = status;
        f.example = example;
        f.retryAfter = retryAfter;
        f.minDelayMillis = minDelayMillis;
        f.maxDelayMillis = maxDelayMillis;
        f.connection = connection;
        f.times = times;
        f.probability = probability;
        f.seed = seed;
        f.cluster = cluster;
        f.name = name;
        f.headerName = headerName;
        f.headerValue = headerValue;
        change.accept(f);
        return new Fault(f);
    }

    private static Fault none() {
        return new Fault(new Fields());
    }

    // ------------------------------------------------------------------------------ what

    /**
     * Answers {@code status}, one of the error statuses the document lists for the operation
     * ({@link ForcedResponses#statuses()}), with the body of the document's example for it.
     *
     * @param status the HTTP status to answer, one the document lists for the operation
     * @return a new fault that answers {@code status}
     */
    public static Fault status(int status) {
        ForcedResponses.requireDocumentedStatus(status, "status");
        return none().with(f -> f.status = status);
    }

    /**
     * 401 as the API gateway in front of CCE answers it: the document's example {@code gateway},
     * {@code {"error_code": "APIG.1002", "error_msg": "Incorrect token or token resolution failed"}}.
     *
     * @return a new fault that answers 401 with the {@code gateway} example's body
     */
    public static Fault gatewayUnauthorized() {
        return status(401).example(ForcedResponses.GATEWAY_EXAMPLE);
    }

    /**
     * Waits {@code delay}, then handles the request as usual.
     *
     * @param delay the delay, 0 to {@link #MAX_DELAY_MILLIS} milliseconds
     * @return a new fault that only delays the request
     */
    public static Fault delay(Duration delay) {
        return none().withDelay(delay);
    }

    /**
     * Waits a time drawn uniformly from {@code min} to {@code max} (seeded), then handles the request as usual.
     *
     * @param min the shortest delay, 0 to {@link #MAX_DELAY_MILLIS} milliseconds
     * @param max the longest delay, {@code min} to {@link #MAX_DELAY_MILLIS} milliseconds
     * @return a new fault that only delays the request
     */
    public static Fault delay(Duration min, Duration max) {
        return none().withDelay(min, max);
    }

    /**
     * Closes the connection without an answer.
     *
     * @return a new fault that closes the connection
     */
    public static Fault closeConnection() {
        return none().connection(Connection.CLOSE);
    }

    /**
     * The body of the document's example {@code name} for the status (the 401 has {@code cce} and
     * {@code gateway}); by default the first example.
     *
     * @param exampleName the name of one of the document's examples for this fault's status
     * @return a copy of this fault answering with that example's body
     */
    public Fault example(String exampleName) {
        if (status == null) {
            throw new IllegalArgumentException("example: only a fault with a status has an example");
        }
        ForcedResponses.requireExample(status, exampleName, "example");
        return with(f -> f.example = exampleName);
    }

    /**
     * Adds {@code Retry-After: seconds} to a 429 or a 503 ({@link ForcedResponses#retryAfterStatuses()}).
     *
     * @param seconds the {@code Retry-After} value in seconds, 0 or more
     * @return a copy of this fault with the header
     */
    public Fault retryAfter(int seconds) {
        if (status == null || !ForcedResponses.retryAfterStatuses().contains(status)) {
            throw new IllegalArgumentException("retryAfter: only a fault of status "
                    + ForcedResponses.join(ForcedResponses.retryAfterStatuses(), " or ")
                    + " has a Retry-After header (this one is " + describeWhat() + ")");
        }
        if (seconds < 0) {
            throw new IllegalArgumentException("retryAfter must be 0 or more seconds, was " + seconds);
        }
        return with(f -> f.retryAfter = seconds);
    }

    /**
     * Also waits {@code delay} before the fault's answer (or before closing).
     *
     * @param delay the delay, 0 to {@link #MAX_DELAY_MILLIS} milliseconds; not null
     * @return a copy of this fault with that delay in place of its own
     */
    public Fault withDelay(Duration delay) {
        Objects.requireNonNull(delay, "delay");
        return withDelay(delay, delay);
    }

    /**
     * Also waits a time drawn uniformly from {@code min} to {@code max} (seeded) before the fault's answer.
     *
     * @param min the shortest delay, 0 to {@link #MAX_DELAY_MILLIS} milliseconds; not null
     * @param max the longest delay, {@code min} to {@link #MAX_DELAY_MILLIS} milliseconds; not null
     * @return a copy of this fault with that delay range in place of its own
     */
    public Fault withDelay(Duration min, Duration max) {
        Objects.requireNonNull(min, "delay min");
        Objects.requireNonNull(max, "delay max");
        long lo = millis(min, "delay");
        long hi = millis(max, "delay");
        if (lo > hi) {
            throw new IllegalArgumentException(
                    "delay: the minimum (" + lo + " ms) must not exceed the maximum (" + hi + " ms)");
        }
        return with(f -> {
            f.minDelayMillis = lo;
            f.maxDelayMillis = hi;
        });
    }

    private static long millis(Duration d, String field) {
        if (d.isNegative() || d.compareTo(Duration.ofMillis(MAX_DELAY_MILLIS)) > 0) {
            throw new IllegalArgumentException(
                    field + " must be 0 to " + MAX_DELAY_MILLIS + " ms, was " + d.toMillis() + " ms");
        }
        return d.toMillis();
    }

    private Fault connection(Connection value) {
        return with(f -> f.connection = value);
    }

    // ------------------------------------------------------------------------------ how often

    /**
     * Fires once, then never again (until the stub is reset).
     *
     * @return a copy of this fault that fires once
     */
    public Fault once() {
        return times(1);
    }

    /**
     * Fires {@code n} times, then never again (until the stub is reset). Default: every time.
     *
     * @param n how many times it fires, at least 1
     * @return a copy of this fault that fires {@code n} times
     */
    public Fault times(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("times must be at least 1, was " + n);
        }
        return with(f -> f.times = n);
    }

    /**
     * Fires for a matching request with probability {@code p} (more than 0, at most 1), drawn from a generator
     * seeded with {@link #seed}: the same requests in the same order meet the same faults.
     *
     * @param p the probability, more than 0 and at most 1
     * @return a copy of this fault that fires with probability {@code p}
     */
    public Fault probability(double p) {
        if (!(p > 0 && p <= 1)) {
            throw new IllegalArgumentException("probability must be more than 0 and at most 1, was " + p);
        }
        return with(f -> f.probability = p);
    }

    /**
     * Seed of the generator for {@link #probability} and random delays; default {@value #DEFAULT_SEED}.
     *
     * @param value the seed
     * @return a copy of this fault with that seed
     */
    public Fault seed(long value) {
        return with(f -> f.seed = value);
    }

    // ------------------------------------------------------------------------------ which requests

    /**
     * Only requests to this cluster ({@code cluster_id} of the path).
     *
     * @param clusterId the cluster ID; neither null nor empty
     * @return a copy of this fault limited to that cluster
     */
    public Fault forCluster(String clusterId) {
        return with(f -> f.cluster = nonEmpty(clusterId, "cluster"));
    }

    /**
     * Only requests for a node pool of this name ({@code metadata.name} of the body).
     *
     * @param nodePoolName the node pool name; neither null nor empty
     * @return a copy of this fault limited to that name
     */
    public Fault forName(String nodePoolName) {
        return with(f -> f.name = nonEmpty(nodePoolName, "name"));
    }

    /**
     * Only requests with this header (name case-insensitive) with exactly this value.
     *
     * @param header the header name, a valid HTTP token
     * @param value the exact header value; not null
     * @return a copy of this fault limited to requests with that header value
     */
    public Fault forHeader(String header, String value) {
        String h = nonEmpty(header, "header.name");
        if (!h.matches("[!#$%&'*+.^_`|~0-9A-Za-z-]+")) {
            throw new IllegalArgumentException(
                    "header.name must be an HTTP header name (letters, digits and" + " !#$%&'*+-.^_`|~)");
        }
        Objects.requireNonNull(value, "header.value must not be null");
        return with(f -> {
            f.headerName = h;
            f.headerValue = value;
        });
    }

    private static String nonEmpty(String value, String field) {
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException(field + " must be a non-empty string");
        }
        return value;
    }

    // ------------------------------------------------------------------------------ reading

    /**
     * The status answered, if the fault answers.
     *
     * @return the status, or empty if the fault only delays or closes the connection
     */
    public OptionalInt status() {
        return status == null ? OptionalInt.empty() : OptionalInt.of(status);
    }

    /**
     * The document's example whose body is answered (null: the first of the status).
     *
     * @return the example's name, or empty for the status's first example
     */
    public Optional<String> example() {
        return Optional.ofNullable(example);
    }

    /**
     * {@code Retry-After} seconds of a 429 or a 503.
     *
     * @return the {@code Retry-After} seconds, or empty when no header is added
     */
    public OptionalInt retryAfter() {
        return retryAfter == null ? OptionalInt.empty() : OptionalInt.of(retryAfter);
    }

    /**
     * The shortest delay before the fault acts, in milliseconds (0: none).
     *
     * @return the shortest delay in milliseconds
     */
    public long minDelayMillis() {
        return minDelayMillis;
    }

    /**
     * The longest delay before the fault acts, in milliseconds; equal to the shortest for a fixed delay.
     *
     * @return the longest delay in milliseconds
     */
    public long maxDelayMillis() {
        return maxDelayMillis;
    }

    /**
     * What happens to the connection, if it is closed instead of answered.
     *
     * @return {@link Connection#CLOSE}, or empty if the connection is kept
     */
    public Optional<Connection> connection() {
        return Optional.ofNullable(connection);
    }

    /**
     * How many times it fires; empty: every time.
     *
     * @return the number of firings, or empty for every time
     */
    public OptionalInt times() {
        return times == null ? OptionalInt.empty() : OptionalInt.of(times);
    }

    /**
     * The probability that it fires for a request it is for (1: always).
     *
     * @return the probability, more than 0 and at most 1
     */
    public double probability() {
        return probability;
    }

    /**
     * The seed of the generator its probability is drawn from (default 1).
     *
     * @return the seed
     */
    public long seed() {
        return seed;
    }

    /**
     * The cluster ({@code cluster_id} of the path) it is for; empty: every cluster.
     *
     * @return the cluster ID, or empty for every cluster
     */
    public Optional<String> cluster() {
        return Optional.ofNullable(cluster);
    }

    /**
     * The node pool name ({@code metadata.name}) matched.
     *
     * @return the node pool name, or empty for every name
     */
    public Optional<String> name() {
        return Optional.ofNullable(name);
    }

    /**
     * The name of the header it is for; empty: any request.
     *
     * @return the header name, or empty when no header is required
     */
    public Optional<String> headerName() {
        return Optional.ofNullable(headerName);
    }

    /**
     * The value the header must have; empty: any request.
     *
     * @return the header value, or empty when no header is required
     */
    public Optional<String> headerValue() {
        return Optional.ofNullable(headerValue);
    }

    /** Whether the request is one this fault is for (its cluster, name and header). */
    boolean matches(String requestCluster, String requestName, java.util.function.Function<String, String> header) {
        return (cluster == null || cluster.equals(requestCluster))
                && (name == null || name.equals(requestName))
                && (headerName == null || headerValue.equals(header.apply(headerName)));
    }

    private String describeWhat() {
        if (status != null) {
            return "status " + status;
        }
        return connection != null ? "connection " + connection.jsonName() : "a delay";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Fault f && FaultJson.toJson(this).equals(FaultJson.toJson(f));
    }

    @Override
    public int hashCode() {
        return FaultJson.toJson(this).hashCode();
    }

    /** The fault in its JSON form (as {@code GET /__admin/faults} shows it). */
    @Override
    public String toString() {
        return "Fault" + FaultJson.toJson(this);
    }
}
