package io.github.ccecontract.nodepool.stub.faults;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A fault asked for by one request, in the manner of Prism's {@code Prefer: code=...} (RFC 7240 syntax:
 * preferences separated by commas, in one or several {@code Prefer} headers; names case-insensitive):
 *
 * <ul>
 *   <li>{@code code=429}: answer this documented error status ({@link ForcedResponses#statuses()});</li>
 *   <li>{@code example=gateway}: with this example of the document (the 401 has {@code cce}, {@code gateway});</li>
 *   <li>{@code retry-after=2}: with {@code Retry-After: 2} (a 429 or a 503 only);</li>
 *   <li>{@code delay=500} or {@code delay=100-800}: wait so many milliseconds (at most 60000), or a time drawn
 *       from the range, before answering (alone: then handle the request as usual);</li>
 *   <li>{@code connection=close}: close the connection without an answer.</li>
 * </ul>
 *
 * The preferences RFC 7240 registers ({@code return}, {@code respond-async}, {@code wait}, {@code handling}) are
 * ignored; any other preference, a repeated one, or a bad value is an error naming it.
 */
public final class PreferHeader {

    /** The id of a firing asked for by a Prefer header. */
    public static final String ID = "prefer";

    private static final List<String> OURS = List.of("code", "example", "retry-after", "delay", "connection");
    private static final Set<String> IGNORED = Set.of("return", "respond-async", "wait", "handling");

    private PreferHeader() {}

    /**
     * The fault the {@code Prefer} headers ask for, or null if they ask for none.
     *
     * @param values the values of the request's {@code Prefer} headers, or null
     * @return the fault asked for, or null if the headers ask for none
     * @throws IllegalArgumentException naming the preference and the rule broken
     */
    public static Fault parse(List<String> values) {
        if (values == null || values.isEmpty()) {
            return null;
        }
        Map<String, String> prefs = new LinkedHashMap<>();
        for (String value : values) {
            for (String item : value.split(",")) {
                String pref = item.strip();
                if (pref.isEmpty()) {
                    continue;
                }
                int semicolon = pref.indexOf(';');
                String head = (semicolon < 0 ? pref : pref.substring(0, semicolon)).strip();
                int equals = head.indexOf('=');
                String name =
                        (equals < 0 ? head : head.substring(0, equals)).strip().toLowerCase(Locale.ROOT);
                String v = equals < 0 ? "" : unquote(head.substring(equals + 1).strip());
                if (IGNORED.contains(name)) {
                    continue;
                }
                if (!OURS.contains(name)) {
                    throw new IllegalArgumentException("Prefer: unknown preference '" + ForcedResponses.shorten(name)
                            + "' (the stub knows " + String.join(", ", OURS) + "; it ignores "
                            + String.join(", ", IGNORED.stream().sorted().toList()) + ")");
                }
                if (semicolon >= 0) {
                    throw new IllegalArgumentException("Prefer: " + name + " takes no parameters (';...')");
                }
                if (prefs.put(name, v) != null) {
                    throw new IllegalArgumentException("Prefer: " + name + " is given twice");
                }
            }
        }
        if (prefs.isEmpty()) {
            return null;
        }
        if (prefs.containsKey("code") && prefs.containsKey("connection")) {
            throw new IllegalArgumentException(
                    "Prefer: code and connection exclude each other (answer a status, or" + " close the connection)");
        }
        Fault fault;
        if (prefs.containsKey("code")) {
            String rule = "an error status the document lists for the operation (" + ForcedResponses.statusList() + ")";
            int code = number(prefs.get("code"), "code", rule);
            if (!ForcedResponses.statuses().contains(code)) {
                throw new IllegalArgumentException("Prefer: code must be " + rule + ", was " + code);
            }
            fault = Fault.status(code);
        } else if (prefs.containsKey("connection")) {
            if (!prefs.get("connection").equalsIgnoreCase(Fault.Connection.CLOSE.jsonName())) {
                throw new IllegalArgumentException("Prefer: connection must be close, was '"
                        + ForcedResponses.shorten(prefs.get("connection")) + "'");
            }
            fault = Fault.closeConnection();
        } else if (prefs.containsKey("delay")) {
            fault = Fault.delay(Duration.ZERO);
        } else {
            throw new IllegalArgumentException("Prefer: " + String.join(" and ", prefs.keySet())
                    + (prefs.size() == 1 ? " needs" : " need") + " code=... (the status to answer)");
        }
        try {
            if (prefs.containsKey("example")) {
                if (fault.status().isEmpty()) {
                    throw new IllegalArgumentException("example needs code=...");
                }
                fault = fault.example(prefs.get("example"));
            }
            if (prefs.containsKey("retry-after")) {
                if (!ForcedResponses.retryAfterStatuses()
                        .contains(fault.status().orElse(0))) {
                    throw new IllegalArgumentException("retry-after goes with code="
                            + ForcedResponses.join(ForcedResponses.retryAfterStatuses(), " or code=") + " only");
                }
                fault = fault.retryAfter(number(prefs.get("retry-after"), "retry-after", "seconds, 0 or more"));
            }
            if (prefs.containsKey("delay")) {
                fault = delay(fault, prefs.get("delay"));
            }
        } catch (IllegalArgumentException e) {
            throw e.getMessage().startsWith("Prefer: ")
                    ? e
                    : new IllegalArgumentException("Prefer: " + e.getMessage(), e);
        }
        return fault;
    }

    private static Fault delay(Fault fault, String value) {
        String rule = "milliseconds from 0 to " + Fault.MAX_DELAY_MILLIS + ", or a range MIN-MAX of them";
        int dash = value.indexOf('-');
        if (dash < 0) {
            return fault.withDelay(Duration.ofMillis(number(value, "delay", rule)));
        }
        long min = number(value.substring(0, dash), "delay", rule);
        long max = number(value.substring(dash + 1), "delay", rule);
        return fault.withDelay(Duration.ofMillis(min), Duration.ofMillis(max));
    }

    private static int number(String value, String name, String rule) {
        if (!value.matches("[0-9]{1,9}")) {
            throw new IllegalArgumentException(
                    "Prefer: " + name + " must be " + rule + ", was '" + ForcedResponses.shorten(value) + "'");
        }
        return Integer.parseInt(value);
    }

    private static String unquote(String v) {
        return v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"") ? v.substring(1, v.length() - 1) : v;
    }
}
