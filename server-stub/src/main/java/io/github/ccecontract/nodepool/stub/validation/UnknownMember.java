package io.github.ccecontract.nodepool.stub.validation;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.ccecontract.nodepool.contract.model.Violation;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * A member of a request body that the request schema does not declare where it stands (D4,
 * {@code x-cce-stub-unknown-members}): its place and, if a declared member of the same object is near,
 * that member's name. Holds names only, never a value (a value may be a password).
 *
 * @param pointer    the member's JSON pointer (RFC 6901), e.g. {@code /spec/nodeTemplate/login/sshkey}
 * @param suggestion the declared member meant (edit distance 2 or less, case ignored), or null
 */
public record UnknownMember(String pointer, String suggestion) {

    /** The warning's kind: the token of the {@code Cce-Stub-Warning} list member. */
    public static final String KIND = "unknown-member";

    /** The rule of a violation in {@code unknownMembers: reject}: the JSON Schema keyword that would forbid it. */
    public static final String RULE = "additionalProperties";

    /**
     * Requires the pointer.
     *
     * @param pointer the member's JSON pointer; not null
     * @param suggestion the declared member meant, or null
     */
    public UnknownMember {
        Objects.requireNonNull(pointer, "pointer");
    }

    /**
     * The field as messages name it: {@code spec.nodeTemplate.dataVolumes[1].sizee}.
     *
     * @return the member's path with dots and {@code [index]}
     */
    public String field() {
        StringBuilder out = new StringBuilder();
        String[] tokens = pointer.split("/", -1);
        for (int i = 1; i < tokens.length; i++) {
            String token = tokens[i].replace("~1", "/").replace("~0", "~");
            if (!token.isEmpty() && token.chars().allMatch(c -> c >= '0' && c <= '9') && i > 1) {
                out.append('[').append(token).append(']');
            } else {
                if (out.length() > 0) {
                    out.append('.');
                }
                out.append(token);
            }
        }
        return out.toString();
    }

    /**
     * What the warning (or, rejected, the violation) says: the member and the member meant.
     *
     * @return the message naming the member and, if any, the suggestion
     */
    public String message() {
        return field() + " is not a member the document declares here"
                + (suggestion == null ? "" : " (did you mean " + suggestion + "?)") + ".";
    }

    /**
     * The violation of {@code unknownMembers: reject}.
     *
     * @return a new violation with the member's pointer, rule and message
     */
    public Violation violation() {
        return new Violation().pointer(pointer).rule(RULE).message(message());
    }

    /**
     * As the journal shows it: {@code {"warning": "unknown-member", "pointer", "suggestion"?, "message"}}.
     *
     * @return a new JSON object describing the warning
     */
    public ObjectNode toJson() {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("warning", KIND);
        o.put("pointer", pointer);
        if (suggestion != null) {
            o.put("suggestion", suggestion);
        }
        o.put("message", message());
        return o;
    }

    /**
     * The member of the RFC 8941 List of {@code Cce-Stub-Warning}:
     * {@code unknown-member;pointer="#/spec/nodeTemplate/login/sshkey";suggestion="sshKey"}. The pointer is in
     * its URI-fragment form (RFC 6901, section 6), so it holds printable ASCII only and neither {@code "} nor
     * {@code \}; a suggestion that is not printable ASCII (none of the document's names) is left out.
     *
     * @return the list member, for example {@code unknown-member;pointer="#/spec/x"}
     */
    public String headerMember() {
        StringBuilder out = new StringBuilder(KIND)
                .append(";pointer=\"#")
                .append(uriFragment(pointer))
                .append('"');
        if (suggestion != null && suggestion.chars().allMatch(c -> c >= 0x20 && c <= 0x7e)) {
            out.append(";suggestion=\"")
                    .append(suggestion.replace("\\", "\\\\").replace("\"", "\\\""))
                    .append('"');
        }
        return out.toString();
    }

    /** Characters a URI fragment holds as they are (RFC 3986: pchar, "/" and "?"), besides letters and digits. */
    private static final String FRAGMENT_CHARS = "-._~!$&'()*+,;=:@/?";

    /** {@code pointer} percent-encoded (UTF-8) where RFC 3986 does not allow a character in a fragment. */
    static String uriFragment(String pointer) {
        StringBuilder out = new StringBuilder(pointer.length());
        for (byte b : pointer.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if ((c >= 'a' && c <= 'z')
                    || (c >= 'A' && c <= 'Z')
                    || (c >= '0' && c <= '9')
                    || FRAGMENT_CHARS.indexOf(c) >= 0) {
                out.append((char) c);
            } else {
                out.append('%')
                        .append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return out.toString();
    }
}
