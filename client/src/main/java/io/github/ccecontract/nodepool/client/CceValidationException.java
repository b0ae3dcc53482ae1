package io.github.ccecontract.nodepool.client;

import io.github.ccecontract.nodepool.contract.model.Violation;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Client-side validation ({@code validateBeforeSend(true)}) rejected the node pool; nothing was sent.
 * The violations have the form the service uses in its error body: JSON pointer, rule, message.
 */
public final class CceValidationException extends CceClientException {
    private static final long serialVersionUID = 1L;

    private final transient List<Violation> violations;

    /**
     * An exception for these violations.
     *
     * @param violations what is wrong; not empty
     */
    public CceValidationException(List<Violation> violations) {
        super(message(violations), null);
        this.violations = List.copyOf(violations);
    }

    /** {@return what is wrong, one entry per broken rule; never empty} */
    public List<Violation> violations() {
        return violations;
    }

    private static String message(List<Violation> violations) {
        if (violations.isEmpty()) throw new IllegalArgumentException("no violations");
        return "The node pool breaks " + violations.size() + " rule(s) of the contract; nothing was sent: "
                + violations.stream()
                        .map(v -> (v.getPointer().isEmpty() ? "(body)" : v.getPointer()) + " [" + v.getRule() + "] "
                                + v.getMessage())
                        .collect(Collectors.joining("; "));
    }
}
