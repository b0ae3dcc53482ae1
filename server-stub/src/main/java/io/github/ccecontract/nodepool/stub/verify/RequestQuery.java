package io.github.ccecontract.nodepool.stub.verify;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.ccecontract.nodepool.stub.admin.JournalEntry;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The requests a stub received, filtered: {@code stub.requests().toCluster("c1").withStatus(201).size()}.
 * Each filter returns a new query; a query reads the journal when it is asked ({@link #list()}, {@link #size()},
 * iteration), so one query can be asked again after more requests. An {@link Iterable}, so that AssertJ users
 * can write {@code assertThat(stub.requests().toCluster("c1").withStatus(201)).hasSize(1)}; without AssertJ,
 * {@link #verify(int)} fails with a message listing what the stub received.
 *
 * <p>Header values are those of the journal: credentials are redacted there, so match them by presence
 * ({@link #withHeader(String)}), not by value.
 */
public final class RequestQuery implements Iterable<JournalEntry> {

    private static final Pattern OPERATION = Pattern.compile("/api/v3/projects/([^/]+)/clusters/([^/]+)/nodepools");

    private final Supplier<List<JournalEntry>> journal;
    private final Predicate<JournalEntry> filter;
    private final String description;

    /**
     * A query over every entry {@code journal} gives (oldest first).
     *
     * @param journal the source of the journal's entries, asked each time the query is evaluated; not null
     */
    public RequestQuery(Supplier<List<JournalEntry>> journal) {
        this(journal, e -> true, "requests");
    }

    private RequestQuery(Supplier<List<JournalEntry>> journal, Predicate<JournalEntry> filter, String description) {
        this.journal = Objects.requireNonNull(journal, "journal");
        this.filter = filter;
        this.description = description;
    }

    private RequestQuery and(Predicate<JournalEntry> more, String text) {
        return new RequestQuery(journal, filter.and(more), description + " " + text);
    }

    // ------------------------------------------------------------------------------ filters

    /**
     * Requests to the operation of this cluster ({@code cluster_id} of the path).
     *
     * @param clusterId the cluster ID, as decoded from the path; not null
     * @return a new query, narrowed to that cluster
     */
    public RequestQuery toCluster(String clusterId) {
        Objects.requireNonNull(clusterId, "clusterId");
        return and(e -> clusterId.equals(clusterOf(e)), "to cluster '" + clusterId + "'");
    }

    /**
     * Requests for a node pool of this name ({@code metadata.name} of a JSON body).
     *
     * @param nodePoolName the node pool name; not null
     * @return a new query, narrowed to that name
     */
    public RequestQuery withName(String nodePoolName) {
        Objects.requireNonNull(nodePoolName, "nodePoolName");
        return and(e -> nodePoolName.equals(nameOf(e)), "named '" + nodePoolName + "'");
    }

    /**
     * Requests answered with this status (0: none was sent, as for a fault that closes the connection).
     *
     * @param status the HTTP status, or 0 for none sent
     * @return a new query, narrowed to that status
     */
    public RequestQuery withStatus(int status) {
        return and(e -> e.status() == status, "answered " + status);
    }

    /**
     * Requests answered with this {@code errorCode}.
     *
     * @param errorCode the CCE error code, for example {@code CCE.01400001}; not null
     * @return a new query, narrowed to that error code
     */
    public RequestQuery withErrorCode(String errorCode) {
        Objects.requireNonNull(errorCode, "errorCode");
        return and(e -> errorCode.equals(e.errorCode()), "answered " + errorCode);
    }

    /**
     * Requests with this header (name case-insensitive), whatever its value.
     *
     * @param name the header name; not null
     * @return a new query, narrowed to requests with that header
     */
    public RequestQuery withHeader(String name) {
        Objects.requireNonNull(name, "name");
        return and(e -> e.header(name) != null, "with header " + name);
    }

    /**
     * Requests whose header (name case-insensitive) has this value (the first one sent).
     *
     * @param name the header name; not null
     * @param value the exact value of the header's first occurrence; not null
     * @return a new query, narrowed to requests with that header value
     */
    public RequestQuery withHeader(String name, String value) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
        return and(e -> value.equals(e.header(name)), "with " + name + ": " + value);
    }

    /**
     * Requests of this method ({@code POST}).
     *
     * @param method the HTTP method, matched ignoring case; not null
     * @return a new query, narrowed to that method
     */
    public RequestQuery withMethod(String method) {
        Objects.requireNonNull(method, "method");
        return and(e -> method.equalsIgnoreCase(e.method()), "of method " + method.toUpperCase(Locale.ROOT));
    }

    /**
     * Requests the predicate accepts.
     *
     * @param predicate the test each journal entry must pass; not null
     * @return a new query, narrowed to the entries the predicate accepts
     */
    public RequestQuery matching(Predicate<JournalEntry> predicate) {
        return and(Objects.requireNonNull(predicate, "predicate"), "matching a predicate");
    }

    // ------------------------------------------------------------------------------ results

    /**
     * The requests, oldest first, as the journal holds them now.
     *
     * @return an unmodifiable list of the matching entries; empty when none matches
     */
    public List<JournalEntry> list() {
        List<JournalEntry> out = new ArrayList<>();
        for (JournalEntry e : journal.get()) {
            if (filter.test(e)) {
                out.add(e);
            }
        }
        return List.copyOf(out);
    }

    /**
     * How many requests match.
     *
     * @return the number of matching requests
     */
    public int size() {
        return list().size();
    }

    /**
     * Whether no request matches.
     *
     * @return {@code true} if no request matches
     */
    public boolean isEmpty() {
        return list().isEmpty();
    }

    /**
     * The oldest request, if any.
     *
     * @return the oldest matching request, or empty if none matches
     */
    public Optional<JournalEntry> first() {
        List<JournalEntry> list = list();
        return list.isEmpty() ? Optional.empty() : Optional.of(list.get(0));
    }

    /**
     * The newest request, if any.
     *
     * @return the newest matching request, or empty if none matches
     */
    public Optional<JournalEntry> last() {
        List<JournalEntry> list = list();
        return list.isEmpty() ? Optional.empty() : Optional.of(list.get(list.size() - 1));
    }

    /**
     * The matching requests, oldest first.
     *
     * @return a stream of the matching requests
     */
    public Stream<JournalEntry> stream() {
        return list().stream();
    }

    @Override
    public Iterator<JournalEntry> iterator() {
        return list().iterator();
    }

    /**
     * Fails unless exactly {@code expected} requests match, with a message naming the filters and listing every
     * request the journal holds (as WireMock's {@code verify} does); returns the matching requests.
     *
     * @param expected the number of requests that must match
     * @return an unmodifiable list of the matching requests, oldest first
     * @throws AssertionError if the count differs
     */
    public List<JournalEntry> verify(int expected) {
        List<JournalEntry> all = journal.get();
        List<JournalEntry> matching = new ArrayList<>();
        for (JournalEntry e : all) {
            if (filter.test(e)) {
                matching.add(e);
            }
        }
        if (matching.size() != expected) {
            StringBuilder sb = new StringBuilder("Expected ")
                    .append(expected)
                    .append(" ")
                    .append(description)
                    .append(", found ")
                    .append(matching.size())
                    .append(". The stub's journal holds ")
                    .append(all.size())
                    .append(all.size() == 1 ? " request" : " requests")
                    .append(all.isEmpty() ? "." : ":");
            for (JournalEntry e : all) {
                sb.append("\n  ")
                        .append(filter.test(e) ? "* " : "  ")
                        .append(e.method())
                        .append(' ')
                        .append(e.path());
                String name = nameOf(e);
                if (name != null) {
                    sb.append(" (name '").append(name).append("')");
                }
                sb.append(" -> ").append(e.status() == 0 ? "no answer" : String.valueOf(e.status()));
                if (e.errorCode() != null) {
                    sb.append(' ').append(e.errorCode());
                }
            }
            throw new AssertionError(sb.toString());
        }
        return List.copyOf(matching);
    }

    /** What the query selects, e.g. {@code requests to cluster 'c1' answered 201}. */
    @Override
    public String toString() {
        return description;
    }

    // ------------------------------------------------------------------------------ entries

    /**
     * The cluster_id of an operation call (decoded), or null for another path.
     *
     * @param entry the journal entry
     * @return the decoded {@code cluster_id}, or null if the path is not the operation's
     */
    public static String clusterOf(JournalEntry entry) {
        if (entry.path() == null) {
            return null;
        }
        Matcher m = OPERATION.matcher(entry.path());
        return m.matches() ? decode(m.group(2)) : null;
    }

    /**
     * metadata.name of the request's JSON body, or null.
     *
     * @param entry the journal entry
     * @return the body's {@code metadata.name}, or null if the body is not JSON or has no such text member
     */
    public static String nameOf(JournalEntry entry) {
        JsonNode body = entry.bodyJson();
        return body == null ? null : body.path("metadata").path("name").textValue();
    }

    private static String decode(String segment) {
        if (segment.indexOf('%') < 0) {
            return segment;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < segment.length(); i++) {
            char c = segment.charAt(i);
            if (c == '%'
                    && i + 2 < segment.length()
                    && Character.digit(segment.charAt(i + 1), 16) >= 0
                    && Character.digit(segment.charAt(i + 2), 16) >= 0) {
                out.write(Character.digit(segment.charAt(i + 1), 16) << 4 | Character.digit(segment.charAt(i + 2), 16));
                i += 2;
            } else {
                out.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
