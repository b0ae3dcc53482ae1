package io.github.ccecontract.nodepool.stub.validation;

import java.util.ArrayList;
import java.util.List;

/** JSON pointers (RFC 6901) and the dotted field names messages use. */
public final class Pointers {

    private Pointers() {
    }

    /** Escapes a member name as a pointer token. */
    public static String escape(String token) {
        return token.replace("~", "~0").replace("/", "~1");
    }

    /** Unescapes a pointer token. */
    public static String unescape(String token) {
        return token.replace("~1", "/").replace("~0", "~");
    }

    /** The tokens of a pointer ("" has none). */
    public static List<String> tokens(String pointer) {
        List<String> tokens = new ArrayList<>();
        if (pointer.isEmpty()) {
            return tokens;
        }
        for (String raw : pointer.substring(1).split("/", -1)) {
            tokens.add(unescape(raw));
        }
        return tokens;
    }

    /**
     * The field a pointer names, as a person reads it: {@code /spec/nodeTemplate/dataVolumes/0/size}
     * is {@code spec.nodeTemplate.dataVolumes[0].size}; a member name that is no plain name is quoted,
     * {@code extendParam["alpha.cce/preInstall"]}; the empty pointer is "the request body".
     */
    public static String fieldName(String pointer) {
        List<String> tokens = tokens(pointer);
        if (tokens.isEmpty()) {
            return "the request body";
        }
        StringBuilder sb = new StringBuilder();
        for (String token : tokens) {
            if (!token.isEmpty() && token.chars().allMatch(Character::isDigit) && sb.length() > 0) {
                sb.append('[').append(token).append(']');
            } else if (isPlainName(token)) {
                if (sb.length() > 0) {
                    sb.append('.');
                }
                sb.append(token);
            } else {
                sb.append("[\"").append(token.replace("\\", "\\\\").replace("\"", "\\\"")).append("\"]");
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
