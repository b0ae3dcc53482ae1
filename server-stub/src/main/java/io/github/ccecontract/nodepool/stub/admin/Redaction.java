package io.github.ccecontract.nodepool.stub.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.ccecontract.nodepool.contract.signing.Signature;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** What the journal hides: credentials in headers, the password in a body. */
public final class Redaction {

    /** Replaces a secret. */
    public static final String REDACTED = "[redacted]";

    /** Headers whose whole value is a credential. */
    private static final Set<String> SECRET_HEADERS = Set.of("x-auth-token", "x-subject-token", "cookie",
            "proxy-authorization", "x-security-token");

    private Redaction() {
    }

    /** A copy of the headers with credentials redacted. */
    public static Map<String, List<String>> headers(Map<String, List<String>> headers) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        headers.forEach((name, values) -> {
            String lower = name.toLowerCase(Locale.ROOT);
            List<String> copy = new ArrayList<>();
            for (String value : values) {
                if (SECRET_HEADERS.contains(lower)) {
                    copy.add(REDACTED);
                } else if (lower.equals("authorization")) {
                    copy.add(authorization(value));
                } else {
                    copy.add(value);
                }
            }
            out.put(name, List.copyOf(copy));
        });
        return out;
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
     * The body with {@code spec.nodeTemplate.login.userPassword} redacted: {@code json} itself if it
     * has none, else a redacted copy ({@code json} is not changed).
     */
    public static JsonNode body(JsonNode json) {
        if (json != null && json.path("spec").path("nodeTemplate").path("login").has("userPassword")) {
            JsonNode copy = json.deepCopy();
            ((ObjectNode) copy.path("spec").path("nodeTemplate").path("login")).put("userPassword", REDACTED);
            return copy;
        }
        return json;
    }
}
