package io.github.ccecontract.nodepool.contract.rules;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.ccecontract.nodepool.contract.ContractDocument;
import io.github.ccecontract.nodepool.contract.cluster.Cluster;
import io.github.ccecontract.nodepool.contract.model.Violation;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The rules of the document that JSON Schema cannot state ({@code x-cce-rules}), checked on the JSON
 * of a Create Node Pool request, so that a server checks the JSON it receives as it is and a client
 * the JSON it is about to send.
 *
 * <p>Each rule's id, scope, message, tables, fields and error code are read from the bundled document
 * when this class loads; Java holds one check per rule id. A rule of the document without a check,
 * or a check without a rule, fails the class's initialisation (and so every build that tests it).
 * Each {@link Violation} names the JSON pointer of the offending value (one of the rule's fields),
 * the rule id, and the document's message followed by a short detail in parentheses. Rules of
 * {@code scope: cluster} are checked only when the cluster is given. Stateless and thread-safe.
 */
public final class ContractRules {

    private static final Map<Rule, RuleCheck> RULES =
            bind(ContractDocument.bundled().rules());

    private ContractRules() {}

    /** Binds each rule to its check; fails if a rule has none or a check has no rule. */
    static Map<Rule, RuleCheck> bind(List<Rule> rules) {
        Map<String, RuleCheck> checks = new LinkedHashMap<>();
        for (RuleCheck check : RuleCheck.values()) {
            checks.put(check.ruleId(), check);
        }
        Map<Rule, RuleCheck> bound = new LinkedHashMap<>();
        Set<String> unchecked = new TreeSet<>();
        Set<RuleCheck> unused = EnumSet.allOf(RuleCheck.class);
        for (Rule rule : rules) {
            RuleCheck check = checks.get(rule.id());
            if (check == null) {
                unchecked.add(rule.id());
            } else {
                bound.put(rule, check);
                unused.remove(check);
            }
        }
        if (!unchecked.isEmpty() || !unused.isEmpty()) {
            throw new IllegalStateException("x-cce-rules and the Java checks differ: rules without a check "
                    + unchecked + ", checks without a rule "
                    + unused.stream().map(RuleCheck::ruleId).toList());
        }
        return bound;
    }

    /** The rules, in the order of the document. */
    public static List<Rule> rules() {
        return List.copyOf(RULES.keySet());
    }

    /** The rule with this id, if the document has one. */
    public static Optional<Rule> rule(String id) {
        return RULES.keySet().stream().filter(r -> r.id().equals(id)).findFirst();
    }

    /** Checks the request-scoped rules only. */
    public static List<Violation> check(JsonNode request) {
        return check(request, null);
    }

    /**
     * Checks the request-scoped rules and, if {@code cluster} is given, the cluster-scoped ones.
     *
     * @param request the JSON of a Create Node Pool request (any JSON: nothing is assumed about it)
     * @param cluster the cluster the request is for, or {@code null} to skip the cluster-scoped rules
     * @return the violations, in the order of the document's rules; empty if the request obeys them
     */
    public static List<Violation> check(JsonNode request, Cluster cluster) {
        Objects.requireNonNull(request, "request");
        RuleCheck.Request parts = RuleCheck.Request.of(request);
        List<Violation> out = new ArrayList<>();
        RULES.forEach((rule, check) -> {
            if (cluster != null || !rule.clusterScoped()) {
                check.check(
                        parts,
                        cluster,
                        (pointer, detail) -> out.add(new Violation()
                                .pointer(pointer.toString())
                                .rule(rule.id())
                                .message(rule.message() + " (" + detail + ")")));
            }
        });
        return out;
    }

    /**
     * The CCE error code of a rejection with these violations: the rules' own {@code errorCode} when
     * every violation is of rules that name the same one (CCE.01400014 for the cluster's node limit),
     * else {@code fallback}.
     */
    public static String errorCode(List<Violation> violations, String fallback) {
        String code = null;
        for (Violation violation : violations) {
            String ruleCode = rule(violation.getRule()).flatMap(Rule::errorCode).orElse(null);
            if (ruleCode == null || (code != null && !code.equals(ruleCode))) {
                return fallback;
            }
            code = ruleCode;
        }
        return code == null ? fallback : code;
    }
}
