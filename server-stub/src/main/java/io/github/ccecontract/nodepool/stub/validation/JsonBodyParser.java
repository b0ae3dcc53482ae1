package io.github.ccecontract.nodepool.stub.validation;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.Map;

/**
 * Reads a request body as one JSON value, strictly: UTF-8 only (RFC 8259 section 8.1), one value
 * and nothing after it, no duplicate member names (a body two readers could read differently), no
 * unpaired surrogate escapes (text no UTF-8 writer can echo), and no nesting deeper than
 * {@link #MAX_DEPTH}.
 *
 * <p>Why {@value #MAX_DEPTH}: the deepest structure the document defines is 7 levels
 * ({@code /spec/nodeTemplate/nodeNicSpec/extNics/0/fixedIps}). Deeper values are schema-valid only
 * in free-form places, the values of {@code Volume.extendParam} ({@code additionalProperties: {}})
 * and unknown members (the document allows them everywhere, D4), so no depth is "deeper than any
 * valid request" in the schema's terms. CCE's disk {@code extendparam} is a flat map of scalars;
 * 32 levels leave 25 for such values, 4 times the schema's own depth, while keeping the recursive
 * schema validation, rule checks and response building far from any stack limit.
 */
public final class JsonBodyParser {

    /** The deepest nesting of arrays and objects accepted; the root object is level 1. */
    public static final int MAX_DEPTH = 32;

    private static final ObjectMapper MAPPER = JsonMapper.builder(JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder()
                            .maxNestingDepth(MAX_DEPTH)
                            .build())
                    .build())
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private JsonBodyParser() {}

    /** The body is not acceptable JSON; the message says why, for a person. */
    public static final class MalformedBodyException extends Exception {
        private static final long serialVersionUID = 1L;

        MalformedBodyException(String message) {
            super(message, null, false, false);
        }
    }

    /**
     * Parses {@code body}.
     *
     * @param body the request body's bytes
     * @return the parsed JSON value
     * @throws MalformedBodyException if it is empty, not UTF-8, not one JSON value, or breaks a limit above
     */
    public static JsonNode parse(byte[] body) throws MalformedBodyException {
        // Checked and parsed as bytes: no String of the body is made (issue 10, item 4: it was the largest
        // allocation per request), and Jackson's byte parser is its fastest.
        int invalid = firstInvalidUtf8(body);
        if (invalid >= 0) {
            throw new MalformedBodyException(
                    "The request body is not valid UTF-8 (at byte " + invalid + "): JSON must be sent as UTF-8.");
        }
        int start = body.length >= 3 && (body[0] & 0xff) == 0xEF && (body[1] & 0xff) == 0xBB && (body[2] & 0xff) == 0xBF
                ? 3
                : 0; // a byte order mark is allowed to be ignored (RFC 8259 section 8.1)
        if (isBlank(body, start)) {
            throw new MalformedBodyException("The request body is empty: send the node pool as a JSON object.");
        }
        JsonNode node;
        try {
            node = MAPPER.readTree(body, start, body.length - start);
        } catch (StreamConstraintsException e) {
            String message = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
            if (message.contains("nesting depth")) {
                throw new MalformedBodyException("The request body nests JSON arrays and objects deeper than "
                        + MAX_DEPTH + " levels (the stub's limit; the document's own structure needs 7).");
            }
            // Jackson's other limits: member names of 50,000 characters, numbers of 1,000 digits.
            throw new MalformedBodyException("The request body breaks a limit of the stub's JSON reader"
                    + where(e.getLocation()) + ": " + shorten(message) + ".");
        } catch (JsonProcessingException e) {
            throw new MalformedBodyException("The request body is not valid JSON" + where(e.getLocation()) + ": "
                    + shorten(e.getOriginalMessage()) + ".");
        } catch (java.io.IOException e) {
            throw new MalformedBodyException("The request body is not valid JSON.");
        }
        if (node == null || node.isMissingNode()) {
            throw new MalformedBodyException("The request body is empty: send the node pool as a JSON object.");
        }
        JsonPointer surrogate = mayEscapeSurrogate(body, start) ? firstUnpairedSurrogate(node) : null;
        if (surrogate != null) {
            throw new MalformedBodyException("The request body has an unpaired UTF-16 surrogate escape (\\uD800 to"
                    + " \\uDFFF) at '" + surrogate + "': it is no Unicode text (RFC 8259 section 8.2).");
        }
        return node;
    }

    /**
     * The JSON text of a node, for messages and the journal.
     *
     * @param node the JSON value
     * @return its compact JSON text
     */
    public static String write(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a parsed tree", e);
        }
    }

    /**
     * The stub's strict mapper (shared, thread-safe).
     *
     * @return the shared mapper
     */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /** Whether the bytes from {@code start} are only JSON white space (or nothing). */
    private static boolean isBlank(byte[] body, int start) {
        for (int i = start; i < body.length; i++) {
            byte b = body[i];
            if (b != ' ' && b != '\t' && b != '\n' && b != '\r') {
                return false;
            }
        }
        return true;
    }

    /**
     * The index of the first byte that does not begin a well-formed UTF-8 sequence (RFC 3629: no
     * overlong forms, no surrogates, nothing above U+10FFFF), or -1 if all of {@code b} is UTF-8.
     */
    static int firstInvalidUtf8(byte[] b) {
        int n = b.length;
        int i = 0;
        while (i < n) {
            int c = b[i] & 0xff;
            if (c < 0x80) {
                i++;
                continue;
            }
            int more;
            int min = 0x80;
            int max = 0xBF;
            if (c >= 0xC2 && c <= 0xDF) {
                more = 1;
            } else if (c == 0xE0) {
                more = 2;
                min = 0xA0;
            } else if (c == 0xED) {
                more = 2;
                max = 0x9F;
            } else if (c >= 0xE1 && c <= 0xEF) {
                more = 2;
            } else if (c == 0xF0) {
                more = 3;
                min = 0x90;
            } else if (c >= 0xF1 && c <= 0xF3) {
                more = 3;
            } else if (c == 0xF4) {
                more = 3;
                max = 0x8F;
            } else {
                return i;
            }
            if (i + more >= n) {
                return i;
            }
            int second = b[i + 1] & 0xff;
            if (second < min || second > max) {
                return i;
            }
            for (int k = 2; k <= more; k++) {
                int next = b[i + k] & 0xff;
                if (next < 0x80 || next > 0xBF) {
                    return i;
                }
            }
            i += more + 1;
        }
        return -1;
    }

    private static String where(JsonLocation location) {
        if (location == null || location.getLineNr() < 1) {
            return "";
        }
        return " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
    }

    /**
     * Jackson's message, on one line, without the body's own text: Jackson quotes the token it could not
     * read ({@code Unrecognized token 'hunter2': was expecting ...}) and the digits of a number, which
     * may be a password sent without quotes. Quoted text of more than one character and runs of digits
     * are replaced; the kind of mistake and its position stay.
     */
    static String shorten(String message) {
        String oneLine = message == null
                ? "unexpected content"
                : message.replaceAll("\\s+", " ").strip();
        oneLine = oneLine.replaceAll("'[^']{2,}'", "'[...]'").replaceAll("\\([^()]*[0-9]{4,}[^()]*\\)", "([...])");
        return oneLine.length() <= 200 ? oneLine : oneLine.substring(0, 200) + "...";
    }

    /**
     * Whether the body may hold a surrogate escape: a backslash, {@code u} and {@code D8} to {@code DF}
     * (an escaped backslash before {@code u} gives a false yes, which only costs the walk). Well-formed UTF-8
     * holds no surrogate otherwise, so nearly every body skips the walk of its tree.
     */
    static boolean mayEscapeSurrogate(byte[] body, int start) {
        for (int i = start; i + 3 < body.length; i++) {
            if (body[i] == '\\' && body[i + 1] == 'u' && (body[i + 2] | 0x20) == 'd') {
                int c = body[i + 3] | 0x20;
                if (c == '8' || c == '9' || (c >= 'a' && c <= 'f')) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * JSON pointer of the first string or member name with an unpaired surrogate, relative to {@code node}, or
     * null. The pointer is built only on the way back from a find.
     */
    private static JsonPointer firstUnpairedSurrogate(JsonNode node) {
        if (node.isTextual()) {
            return hasUnpairedSurrogate(node.textValue()) ? JsonPointer.empty() : null;
        }
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> member : node.properties()) {
                JsonPointer child = null;
                if (hasUnpairedSurrogate(member.getKey())) {
                    child = JsonPointer.empty();
                } else {
                    JsonPointer found = firstUnpairedSurrogate(member.getValue());
                    if (found != null) {
                        child = found;
                    }
                }
                if (child != null) {
                    return JsonPointer.empty().appendProperty(member.getKey()).append(child);
                }
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                JsonPointer found = firstUnpairedSurrogate(node.get(i));
                if (found != null) {
                    return JsonPointer.empty().appendIndex(i).append(found);
                }
            }
        }
        return null;
    }

    static boolean hasUnpairedSurrogate(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                    i++;
                } else {
                    return true;
                }
            } else if (Character.isLowSurrogate(c)) {
                return true;
            }
        }
        return false;
    }
}
