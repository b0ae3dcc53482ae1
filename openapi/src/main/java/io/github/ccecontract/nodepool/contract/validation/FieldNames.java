package io.github.ccecontract.nodepool.contract.validation;

import com.fasterxml.jackson.core.JsonPointer;

/** The dotted field names that messages use for JSON pointers. */
public final class FieldNames {

    private FieldNames() {}

    /**
     * The field a pointer names, as a person reads it: {@code /spec/nodeTemplate/dataVolumes/0/size}
     * is {@code spec.nodeTemplate.dataVolumes[0].size}; a member name that is no plain name is quoted,
     * {@code extendParam["alpha.cce/preInstall"]}; the empty pointer is "the request body".
     */
    public static String of(String pointer) {
        JsonPointer rest = JsonPointer.compile(pointer);
        if (rest.matches()) {
            return "the request body";
        }
        StringBuilder sb = new StringBuilder();
        for (; !rest.matches(); rest = rest.tail()) {
            String token = rest.getMatchingProperty();
            if (rest.getMatchingIndex() >= 0 && sb.length() > 0) {
                sb.append('[').append(token).append(']');
            } else if (isPlainName(token)) {
                if (sb.length() > 0) {
                    sb.append('.');
                }
                sb.append(token);
            } else {
                sb.append("[\"")
                        .append(token.replace("\\", "\\\\").replace("\"", "\\\""))
                        .append("\"]");
            }
        }
        return sb.toString();
    }

    private static boolean isPlainName(String token) {
        if (token.isEmpty()) {
            return false;
        }
        for (int i = 0; i < token.length(); i++) {
            char c = token.charAt(i);
            boolean ok = Character.isLetterOrDigit(c) || c == '_' || c == '-' || c == ':' || c == '$';
            if (!ok || c > 0x7e) {
                return false;
            }
        }
        return true;
    }
}
