package io.github.ccecontract.nodepool.stub.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.ccecontract.nodepool.contract.signing.Signature;
import io.github.ccecontract.nodepool.stub.validation.UnknownMember;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What the journal and the stub's answers hide: credentials in headers and in the query string, and
 * secrets in a body. One place decides, so that every path (the journal, the 401's canonical request)
 * hides the same things.
 *
 * <ul>
 *   <li>Headers: {@code X-Auth-Token}, {@code X-Subject-Token}, {@code X-Security-Token},
 *       {@code Cookie}, {@code Proxy-Authorization}, and every header whose name speaks of a token,
 *       a key, a secret, a password, a session, a credential or a cookie ({@code X-Api-Key},
 *       {@code Api-Key}, ...); an {@code Authorization} keeps the access key and signed headers of an
 *       SDK-HMAC-SHA256 signature, anything else in it is hidden.</li>
 *   <li>Query: the value of every parameter whose name speaks of the same things
 *       ({@code ?token=}, {@code access_token}, {@code X-Auth-Token}, {@code api_key}, ...).</li>
 *   <li>Body: every member, at any depth, whose name speaks of a password, a secret, a token or a
 *       credential ({@code spec.nodeTemplate.login.userPassword} first of all), and every member the
 *       document does not declare whose nearest declared name does ({@code userPasword}, a typo:
 *       {@link #typos}).</li>
 * </ul>
 */
public final class Redaction {

    /** Replaces a secret. */
    public static final String REDACTED = "[redacted]";

    /** Headers whose whole value is a credential. */
    private static final Set<String> SECRET_HEADERS = Set.of(
            "x-auth-token", "x-subject-token", "cookie", "set-cookie", "proxy-authorization", "x-security-token");

    /** Words in header and query parameter names that carry credentials. */
    private static final List<String> SECRET_NAME =
            List.of("token", "key", "secret", "passw", "pwd", "session", "credential", "cookie", "signature", "auth");

    /** Words in body member names that carry secrets. */
    private static final List<String> SECRET_MEMBER = List.of("passw", "pwd", "secret", "token", "credential");

    /** Whether {@code name} holds one of {@code words}, in any case. */
    private static boolean speaksOf(String name, List<String> words) {
        if (name.length() > 256) {
            return true; // no header, parameter or member of the contract has such a name: hide it
        }
        String lower = name.toLowerCase(Locale.ROOT);
        for (String word : words) {
            if (lower.contains(word)) {
                return true;
            }
        }
        return false;
    }

    private Redaction() {}

    /**
     * Whether a header's value is (or holds) a credential; {@code Authorization} included.
     *
     * @param name the header name, in any case
     * @return {@code true} if the header's value must be redacted
     */
    public static boolean isSecretHeader(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return SECRET_HEADERS.contains(lower) || speaksOf(lower, SECRET_NAME);
    }

    /**
     * A copy of the headers with credentials redacted.
     *
     * @param headers the headers, each name with its values
     * @return a new map, in the same order, with every credential value replaced
     */
    public static Map<String, List<String>> headers(Map<String, List<String>> headers) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        headers.forEach((name, values) -> out.put(name, header(name, values)));
        return out;
    }

    private static List<String> header(String name, List<String> values) {
        String lower = name.toLowerCase(Locale.ROOT);
        if (!isSecretHeader(lower)) {
            return List.copyOf(values);
        }
        List<String> copy = new ArrayList<>(values.size());
        for (String value : values) {
            copy.add(lower.equals("authorization") ? authorization(value) : REDACTED);
        }
        return List.copyOf(copy);
    }

    /** An SDK-HMAC-SHA256 authorization keeps its access key and signed headers; anything else is hidden. */
    static String authorization(String value) {
        try {
            Signature s = Signature.parse(value);
            return new Signature(s.accessKey(), s.signedHeaders(), REDACTED).authorization();
        } catch (IllegalArgumentException e) {
            return REDACTED;
        }
    }

    /**
     * The raw query (without "?") with the value of every credential parameter replaced by
     * {@link #REDACTED}; null stays null. Names are matched percent-decoded.
     *
     * @param rawQuery the raw query without "?", or null
     * @return the query with credentials redacted; null or empty as given
     */
    public static String query(String rawQuery) {
        if (rawQuery == null || rawQuery.isEmpty()) {
            return rawQuery;
        }
        StringBuilder out = new StringBuilder(rawQuery.length());
        String[] parameters = rawQuery.split("&", -1);
        for (int i = 0; i < parameters.length; i++) {
            String parameter = parameters[i];
            if (i > 0) {
                out.append('&');
            }
            int equals = parameter.indexOf('=');
            String name = equals < 0 ? parameter : parameter.substring(0, equals);
            boolean secret = speaksOf(decodeLoosely(name), SECRET_NAME);
            if (!secret || equals < 0) {
                out.append(parameter);
            } else {
                out.append(name).append('=').append(REDACTED);
            }
        }
        return out.toString();
    }

    private static String decodeLoosely(String name) {
        if (name.indexOf('%') < 0 && name.indexOf('+') < 0) {
            return name;
        }
        try {
            return java.net.URLDecoder.decode(name, java.nio.charset.StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return name;
        }
    }

    /**
     * The body with every secret member redacted (see the class comment): {@code json} itself if it
     * has none, else a redacted copy ({@code json} is not changed).
     *
     * @param json the JSON body, or null
     * @return {@code json} itself (null included) if it has no secret member, else a redacted copy
     */
    public static JsonNode body(JsonNode json) {
        if (json == null || !hasSecret(json)) {
            return json;
        }
        JsonNode copy = json.deepCopy();
        redact(copy);
        return copy;
    }

    /**
     * {@code json} (already redacted by {@link #body}) with the values at {@code pointers} redacted too: the
     * unknown members whose suggested name is a secret's ({@code userPasword} for {@code userPassword}), which
     * the name rule misses. {@code json} itself if there are none, else a copy.
     *
     * @param json the JSON body, already redacted by {@link #body}
     * @param unknown the request's unknown members with their suggested names
     * @return {@code json} itself if no suggestion names a secret, else a redacted copy
     */
    public static JsonNode typos(JsonNode json, List<UnknownMember> unknown) {
        JsonNode copy = null;
        for (UnknownMember member : unknown) {
            if (member.suggestion() == null || !speaksOf(member.suggestion(), SECRET_MEMBER)) {
                continue;
            }
            if (copy == null) {
                copy = json.deepCopy();
            }
            int slash = member.pointer().lastIndexOf('/');
            if (copy.at(member.pointer().substring(0, slash)) instanceof ObjectNode parent) {
                String name =
                        member.pointer().substring(slash + 1).replace("~1", "/").replace("~0", "~");
                if (parent.has(name)) {
                    parent.put(name, REDACTED);
                }
            }
        }
        return copy == null ? json : copy;
    }

    private static boolean hasSecret(JsonNode node) {
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> member : node.properties()) {
                if (speaksOf(member.getKey(), SECRET_MEMBER) || hasSecret(member.getValue())) {
                    return true;
                }
            }
        } else if (node.isArray()) {
            for (JsonNode item : node) {
                if (hasSecret(item)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static void redact(JsonNode node) {
        if (node instanceof ObjectNode object) {
            List<String> secrets = new ArrayList<>();
            for (Map.Entry<String, JsonNode> member : object.properties()) {
                if (speaksOf(member.getKey(), SECRET_MEMBER)) {
                    secrets.add(member.getKey());
                } else {
                    redact(member.getValue());
                }
            }
            secrets.forEach(name -> object.put(name, REDACTED));
        } else if (node instanceof ArrayNode array) {
            array.forEach(Redaction::redact);
        }
    }
}
