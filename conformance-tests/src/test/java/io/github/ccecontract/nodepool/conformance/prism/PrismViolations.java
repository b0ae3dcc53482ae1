package io.github.ccecontract.nodepool.conformance.prism;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.ccecontract.nodepool.conformance.support.Exchange;
import io.github.ccecontract.nodepool.openapi.testing.Json;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What Prism says about an exchange that passed through it. Prism reports violations in two places:
 * <ul>
 * <li>the {@code sl-violations} response header, a JSON array of {location, severity, code, message}: every
 * violation, errors and warnings (an undocumented status code is a Warning only, and the answer passes through);</li>
 * <li>with {@code --errors}, an answer that breaks the document is replaced by Prism's own 500
 * {@code application/problem+json} with type {@code https://stoplight.io/prism/errors#VIOLATIONS} and the list in
 * {@code validation}; an invalid request is answered by Prism (422 {@code #UNPROCESSABLE_ENTITY}, 401
 * {@code #UNAUTHORIZED}) and never reaches the upstream.</li>
 * </ul>
 */
public final class PrismViolations {

    /** Problem type URI prefix of the answers Prism makes up itself. */
    public static final String PRISM_ERROR_TYPE = "https://stoplight.io/prism/errors#";

    /** One violation as Prism reports it. */
    public record Violation(List<String> location, String severity, String code, String message) {
        @Override
        public String toString() {
            return severity + " at " + String.join(".", location) + (code.isEmpty() ? "" : " [" + code + "]") + ": "
                    + message;
        }
    }

    private PrismViolations() {}

    /** Every violation Prism reported for the answer (header and problem body), without duplicates. */
    public static List<Violation> of(Exchange.Response response) {
        Set<Violation> out = new LinkedHashSet<>();
        response.header("sl-violations").ifPresent(h -> read(Json.parseOrNull(h), out));
        JsonNode problem = prismProblem(response);
        if (problem != null) {
            read(problem.path("validation"), out);
        }
        return new ArrayList<>(out);
    }

    /** Prism's own problem+json body if the answer is one Prism made up (type {@value #PRISM_ERROR_TYPE}...), else null. */
    public static JsonNode prismProblem(Exchange.Response response) {
        if (!response.mediaType().equals("application/problem+json")) {
            return null;
        }
        JsonNode body = response.json();
        return body != null && body.path("type").asText().startsWith(PRISM_ERROR_TYPE) ? body : null;
    }

    /** The problem type's fragment (VIOLATIONS, UNPROCESSABLE_ENTITY, UNAUTHORIZED...), or "" if Prism made none. */
    public static String prismErrorKind(Exchange.Response response) {
        JsonNode problem = prismProblem(response);
        return problem == null ? "" : problem.path("type").asText().substring(PRISM_ERROR_TYPE.length());
    }

    /** Whether Prism passed the exchange without a word: no violation and no answer of its own. */
    public static boolean isClean(Exchange.Response response) {
        return of(response).isEmpty() && prismProblem(response) == null;
    }

    private static void read(JsonNode list, Set<Violation> out) {
        if (list == null || !list.isArray()) {
            return;
        }
        for (JsonNode v : list) {
            List<String> location = new ArrayList<>();
            v.path("location").forEach(l -> location.add(l.asText()));
            out.add(new Violation(
                    location,
                    v.path("severity").asText(),
                    v.path("code").asText(),
                    v.path("message").asText()));
        }
    }
}
